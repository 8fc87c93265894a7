"""One person across records, printed in the best evidenced spelling everywhere.

Every sighting of a name in any record is evidence. Sightings that fold to the same ASCII name
are one person, printed in the best spelling: accented over ASCII-folded, clean over repaired,
repaired over guessed. A name repaired by a guess (lost bytes) takes a clean sighting that its
candidate pattern matches; a pure-ASCII family that is a near-miss of an accented sighting with
the same given name takes that spelling; a particle stranded at the end of the given name
(`Showk, Sheer El`) takes a sighting that joins it to the family (`El-Showk, Sheer`).
Legitimate variants (`Bowman, Sam` / `Bowman, Samuel R.`) fold differently and stay as printed.
"""
from __future__ import annotations

import functools
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, fields, replace

from rapidfuzz import fuzz

from citekit.diagnostics import info
from citekit.model import Diagnostic, FieldChoice, Person, RepairedRecord, SourceSpan, Work
from citekit.resolve.matching import fold

person_fields = operator.attrgetter(*(f.name for f in fields(Person)))
span_order = operator.attrgetter(*(f.name for f in fields(SourceSpan)))  # the order SourceSpan compares by
STRANDED_PARTICLE = re.compile(r"^(?P<given>.+?)\s+(?P<particle>El|Al|Ul|Da|De|Del|Della|Di|Du|Le|La|Van|Von|Ben|Bin|Abu|Dos|Das)$")
# A near-miss family must be this similar (rapidfuzz ratio, 0-100) to an accented sighting.
NEAR_MISS_RATIO = 85


@dataclass(frozen=True)
class Sighting:
    person: Person
    span: SourceSpan
    quality: int  # 2 clean, 1 repaired with certainty, 0 guessed
    identity: tuple[str, str]  # person_identity(person), folded once


def person_identity(person: Person) -> tuple[str, str]:
    if person.literal:
        return (fold(person.literal), "")
    return (fold(person.full_family()), fold(person.given or ""))


@functools.lru_cache(maxsize=1 << 16)
def non_ascii_letters(person: Person) -> int:
    return sum(1 for ch in person.display() if ord(ch) > 127 and ch.isalpha())


def spelling_order(sighting: Sighting) -> tuple:
    """Best first: more accented letters, better repair quality, then a stable tie-break."""
    return (-non_ascii_letters(sighting.person), -sighting.quality, sighting.person.display(), sighting.span)


def collect_sightings(works: list[Work]) -> list[Sighting]:
    """Every spelling of a name in any record, with how much it can be trusted: one sighting per
    (person, quality), at its first span, in the order of its first such sighting."""
    # A spelling recurs in many records; only its earliest span can win (spelling_order), so
    # keeping one sighting per spelling and quality keeps the choices and folds each name once.
    # Keys and spans as plain tuples: hashing and ordering run in C, not in dataclass methods.
    earliest: dict[tuple, tuple[tuple, int, Person, SourceSpan]] = {}
    position = 0
    for work in works:
        for record in work.records:
            span = record.span
            rank = span_order(span)
            guessed = {u.author_index for u in record.uncertain_names} if record.uncertain_names else ()
            repaired = {step_author_index(s.field) for s in record.steps} if record.steps else ()
            for index, person in enumerate(record.authors):
                key = (person_fields(person), 0 if index in guessed else 1 if index in repaired else 2)
                seen = earliest.setdefault(key, (rank, position, person, span))
                if seen[1] != position and rank < seen[0]:
                    earliest[key] = (rank, position, person, span)
                position += 1
    ordered = sorted(earliest.items(), key=lambda item: item[1][1])
    return [Sighting(person, span, quality, person_identity(person)) for (_, quality), (_, _, person, span) in ordered]


def step_author_index(field: str) -> int | None:
    match = re.match(r"author\[(\d+)\]", field)
    return int(match.group(1)) if match else None


class PeopleIndex:
    """The best spelling of each folded identity, and lookups for damaged names."""

    def __init__(self, sightings: list[Sighting]):
        groups: dict[tuple[str, str], list[Sighting]] = defaultdict(list)
        for s in sightings:
            if s.quality > 0:
                groups[s.identity].append(s)
        self.best = {key: min(group, key=spelling_order) for key, group in groups.items()}
        # Lookups go through buckets, never a scan of every sighting (that was quadratic:
        # 40 % of a 100k-record run). Accented sightings by folded given name and the first
        # letter of the folded family (common given names make given-name buckets grow with the input):
        self.accented_by_given: dict[tuple[str, str], list[Sighting]] = defaultdict(list)
        for (family, given), s in sorted(self.best.items()):
            if non_ascii_letters(s.person):
                self.accented_by_given[(given, family[:1])].append(s)
        # Clean sightings by (name part, its folded value), so a guessed part is only tried
        # against sightings whose other part already agrees; also by the guessed part's first character.
        self.clean_by_part: dict[tuple[str, str], list[Sighting]] = defaultdict(list)
        self.clean_by_part_start: dict[tuple[str, str, str], list[Sighting]] = defaultdict(list)
        for s in self.best.values():
            if s.quality == 2 and not s.person.literal:
                for part, other in (("family", "given"), ("given", "family")):
                    key = (part, fold(getattr(s.person, part) or ""))
                    self.clean_by_part[key].append(s)
                    self.clean_by_part_start[(*key, (getattr(s.person, other) or "")[:1])].append(s)

    def better_spelling(self, person: Person, patterns: dict[str, str]) -> Sighting | None:
        """The sighting this person should be printed as, or None to keep it.

        `patterns` maps a guessed name part ("family" / "given") to the regex of its candidates."""
        if person.literal:
            return None
        if patterns:
            found = self.match_patterns(person, patterns)
            if found:
                return found
        identity = person_identity(person)
        best = self.best.get(identity)
        if best and best.person != person and non_ascii_letters(best.person) >= non_ascii_letters(person):
            return best
        return self.near_miss(person) or self.stranded_particle(person)

    def match_patterns(self, person: Person, patterns: dict[str, str]) -> Sighting | None:
        """The one clean sighting whose guessed parts fit their candidate patterns and whose other parts fold equal."""
        compiled = {part: re.compile(pattern) for part, pattern in patterns.items()}

        def fits(candidate: Person) -> bool:
            for part in ("family", "given"):
                value = getattr(candidate, part) or ""
                if part in compiled:
                    if not compiled[part].fullmatch(value):
                        return False
                elif fold(value) != fold(getattr(person, part) or ""):
                    return False
            return True

        known = [part for part in ("family", "given") if part not in compiled]
        if known:
            key = (known[0], fold(getattr(person, known[0]) or ""))
            start = pattern_start(patterns["given" if known[0] == "family" else "family"])
            candidates = (self.clean_by_part_start.get((*key, start), []) if start is not None
                          else self.clean_by_part.get(key, []))
        else:
            candidates = [s for s in self.best.values() if s.quality == 2 and not s.person.literal]
        hits = [s for s in candidates if fits(s.person)]
        return min(hits, key=spelling_order) if len({h.identity for h in hits}) == 1 else None

    def near_miss(self, person: Person) -> Sighting | None:
        """An ASCII family one typo away from an accented sighting with the same given name."""
        if non_ascii_letters(person) or not person.family:
            return None
        family = fold(person.full_family())
        hits = [
            s for s in self.accented_by_given.get((fold(person.given or ""), family[:1]), [])
            if s.identity[0] != family and fuzz.ratio(s.identity[0], family) >= NEAR_MISS_RATIO
        ]
        return hits[0] if len(hits) == 1 else None

    def stranded_particle(self, person: Person) -> Sighting | None:
        """`Showk, Sheer El` -> a sighting whose family is the particle joined to `Showk`."""
        match = STRANDED_PARTICLE.match(person.given or "")
        if not match or not person.family:
            return None
        family = fold(match["particle"] + person.full_family())
        return self.best.get((family, fold(match["given"])))


def pattern_start(pattern: str) -> str | None:
    """The character every fullmatch of a lost-byte pattern starts with; None when its first slot is a choice.

    Such patterns are sequences of re.escape'd text, [character classes] and (?:alternatives)
    (encoding.slots_pattern), so a pattern not opening with a class or group opens with its text."""
    if pattern[:1] == "\\":
        first = pattern[1:2]
        return None if not first or first.isascii() and first.isalnum() else first
    return None if pattern[:1] in ("", "[", "(") else pattern[0]


def unify_people(works: list[Work]) -> tuple[list[Work], list[Diagnostic]]:
    """Works whose author names are replaced by their best evidenced spelling, with the reasons."""
    index = PeopleIndex(collect_sightings(works))
    # The same name (with the same guessed parts) recurs across works: look each up once.
    spellings: dict[tuple[Person, tuple], Sighting | None] = {}
    diagnostics: list[Diagnostic] = []
    unified = []
    for work in works:
        source = next((r for r in work.records if r.authors is work.authors), None)
        patterns: dict[int, dict[str, str]] = defaultdict(dict)
        for uncertain in source.uncertain_names if source else ():
            patterns[uncertain.author_index][uncertain.part] = uncertain.pattern
        authors = list(work.authors)
        choices = list(work.choices)
        for i, person in enumerate(authors):
            guessed = patterns.get(i, {})
            lookup = (person, tuple(sorted(guessed.items())))
            if lookup not in spellings:
                spellings[lookup] = index.better_spelling(person, guessed)
            better = spellings[lookup]
            if better is None or better.person == person:
                continue
            authors[i] = better.person
            choices.append(FieldChoice(f"author[{i}]", (better.span,), f"best evidenced spelling of {person.display()!r}"))
            diagnostics.append(info(
                "name-unified", f"author {person.display()!r} printed as {better.person.display()!r} (seen in {better.span})",
                source.span if source else None,
            ))
        unified.append(replace(work, authors=tuple(authors), choices=tuple(choices)) if authors != list(work.authors) else work)
    return unified, diagnostics
