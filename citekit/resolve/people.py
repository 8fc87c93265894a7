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

import collections
import functools
import itertools
import operator
import re
from collections import defaultdict
from dataclasses import replace

from rapidfuzz import fuzz

from citekit.diagnostics import info
from citekit.model import Diagnostic, FieldChoice, Person, Work
from citekit.resolve.matching import fold
from citekit.resolve.sightings import (
    CLEAN, GUESSED, Sighting, accented_letters, authors_of, collect_sightings, person_fields, person_identity, records_of,
    spelling_order,
)

STRANDED_PARTICLE = re.compile(r"^(?P<given>.+?)\s+(?P<particle>El|Al|Ul|Da|De|Del|Della|Di|Du|Le|La|Van|Von|Ben|Bin|Abu|Dos|Das)$")
# A near-miss family must be this similar (rapidfuzz ratio, 0-100) to an accented sighting.
NEAR_MISS_RATIO = 85
fields_of = operator.attrgetter("fields")
quality_of = operator.attrgetter("quality")
identity_of = operator.attrgetter("identity")
uncertain_names_of = operator.attrgetter("uncertain_names")


class PeopleIndex:
    """The best spelling of each folded identity, and lookups for damaged names."""

    def __init__(self, sightings: list[Sighting]):
        self.sighted = dict(zip(map(fields_of, sightings), sightings))  # identity and accents, computed once
        trusted = [s for s in sightings if s.quality > GUESSED]
        identities = list(map(identity_of, trusted))
        self.best = dict(zip(identities, trusted))  # right for an identity seen once; the others follow
        several = {identity for identity, count in collections.Counter(identities).items() if count > 1}
        groups: dict[tuple[str, str], list[Sighting]] = defaultdict(list)
        for s in itertools.compress(trusted, map(several.__contains__, identities)):
            groups[s.identity].append(s)
        self.best.update((identity, min(group, key=spelling_order)) for identity, group in groups.items())
        # Lookups go through buckets, never a scan of every sighting (that was quadratic:
        # 40 % of a 100k-record run). Accented sightings by folded given name and the first
        # letter of the folded family (common given names make given-name buckets grow with the input):
        self.accented_by_given: dict[tuple[str, str], list[Sighting]] = defaultdict(list)
        for (family, given), s in sorted(item for item in self.best.items() if item[1].accents):
            self.accented_by_given[(given, family[:1])].append(s)

    @functools.cached_property
    def clean_by_part(self) -> tuple[dict[tuple[str, str], list[Sighting]], dict[tuple[str, str, str], list[Sighting]]]:
        """Clean sightings by (name part, its folded value), so a guessed part is only tried against
        sightings whose other part already agrees; and also by the guessed part's first character.
        Built on the first guessed name (most inputs have none)."""
        by_part: dict[tuple[str, str], list[Sighting]] = defaultdict(list)
        by_part_start: dict[tuple[str, str, str], list[Sighting]] = defaultdict(list)
        for s in self.best.values():
            if s.quality == CLEAN and not s.person.literal:
                for part, other in (("family", "given"), ("given", "family")):
                    key = (part, fold(getattr(s.person, part) or ""))
                    by_part[key].append(s)
                    by_part_start[(*key, (getattr(s.person, other) or "")[:1])].append(s)
        return by_part, by_part_start

    def better_spelling(self, person: Person, patterns: dict[str, str]) -> Sighting | None:
        """The sighting this person should be printed as, or None to keep it.

        `patterns` maps a guessed name part ("family" / "given") to the regex of its candidates."""
        if person.literal:
            return None
        if patterns:
            found = self.match_patterns(person, patterns)
            if found:
                return found
        seen = self.sighted.get(person_fields(person))
        identity, accents = (seen.identity, seen.accents) if seen else (person_identity(person), accented_letters(person))
        best = self.best.get(identity)
        if best and best.person != person and best.accents >= accents:
            return best
        return self.near_miss(person, identity, accents) or self.stranded_particle(person)

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
            by_part, by_part_start = self.clean_by_part
            candidates = by_part_start.get((*key, start), []) if start is not None else by_part.get(key, [])
        else:
            candidates = [s for s in self.best.values() if s.quality == CLEAN and not s.person.literal]
        hits = [s for s in candidates if fits(s.person)]
        return min(hits, key=spelling_order) if len({h.identity for h in hits}) == 1 else None

    def near_miss(self, person: Person, identity: tuple[str, str], accents: int) -> Sighting | None:
        """An ASCII family one typo away from an accented sighting with the same given name
        (`identity` and `accents` are the person's, as a Sighting holds them)."""
        if accents or not person.family:
            return None
        family, given = identity
        hits = [
            s for s in self.accented_by_given.get((given, family[:1]), [])
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


def unify_people(works: list[Work], span_rank: dict[int, int]) -> tuple[list[Work], list[Diagnostic]]:
    """Works whose author names are replaced by their best evidenced spelling, with the reasons
    (`span_rank`: matching.in_span_order's ranks of their records)."""
    sightings, fields_by_author = collect_sightings(works, span_rank)
    respelled = Respellings(PeopleIndex(sightings))
    changes = respelled.of_sighted()
    guessed = GUESSED in map(quality_of, sightings)
    unified = list(works)
    diagnostics: list[Diagnostic] = []
    for i in works_to_revisit(works, fields_by_author, changes, guessed):
        unified[i], work_diagnostics = unify_work(works[i], respelled, changes)
        diagnostics.extend(work_diagnostics)
    return unified, diagnostics


class Respellings:
    """The new spelling of each name, decided once per (spelling, guessed parts): names recur across works."""

    def __init__(self, index: PeopleIndex):
        self.index = index
        self.decided: dict[tuple, Sighting | None] = {}  # (person fields, guessed parts) -> new spelling

    def __call__(self, person: Person, guessed: dict[str, str]) -> Sighting | None:
        """The sighting `person` (with these guessed parts) is printed as; None to keep it."""
        key = (person_fields(person), tuple(sorted(guessed.items())) if guessed else ())
        if key not in self.decided:
            better = self.index.better_spelling(person, guessed)
            self.decided[key] = None if better is None or better.person == person else better
        return self.decided[key]

    def of_sighted(self) -> dict[tuple, Sighting]:
        """The new spelling of each sighted name (no part guessed) that changes, by person fields.

        Only names that may change are asked (most do not, and asking is Python code per name):
        one whose identity is shared by another spelling, an unaccented one with accented
        near-miss candidates, one with a stranded particle. The others keep their spelling
        (tested against asking every name)."""
        index = self.index
        shared = {identity for identity, count in collections.Counter(map(identity_of, index.sighted.values())).items() if count > 1}
        changes = {}
        for fields, seen in index.sighted.items():
            family, given = identity = seen.identity
            if (
                identity in shared
                or not seen.accents and (given, family[:1]) in index.accented_by_given
                or STRANDED_PARTICLE.match(seen.person.given or "")
            ):
                better = self(seen.person, {})
                if better is not None:
                    changes[fields] = better
        return changes


def works_to_revisit(works: list[Work], fields_by_author: dict[int, tuple], changes: dict[tuple, Sighting], guessed: bool) -> list[int]:
    """Indices of the works unify_work may change: an author whose spelling changes, or (when some
    name was `guessed`) a record with a guessed name. Authors are matched by object id against the
    changed ones (`fields_by_author`: collect_sightings' person fields of each), a work at a time in C
    (set.isdisjoint); unify_work returns the other works as they are."""
    revisit: set[int] = set()
    changed = set(itertools.compress(fields_by_author.keys(), map(changes.__contains__, fields_by_author.values())))
    if changed:
        revisit.update(i for i, authors in enumerate(map(authors_of, works)) if not changed.isdisjoint(map(id, authors)))
    if guessed:
        revisit.update(i for i, records in enumerate(map(records_of, works)) if any(map(uncertain_names_of, records)))
    return sorted(revisit)


def unify_work(work: Work, respelled: Respellings, changes: dict[tuple, Sighting]) -> tuple[Work, list[Diagnostic]]:
    """The work with each author printed in its best spelling (`changes`: Respellings.of_sighted),
    a FieldChoice and a diagnostic per change; guessed parts of its author list's record are matched again."""
    source = next((r for r in work.records if r.authors is work.authors), None)
    patterns: dict[int, dict[str, str]] = defaultdict(dict)
    for uncertain in source.uncertain_names if source else ():
        patterns[uncertain.author_index][uncertain.part] = uncertain.pattern
    authors = list(work.authors)
    choices = list(work.choices)
    diagnostics = []
    for i, person in enumerate(authors):
        better = respelled(person, patterns[i]) if i in patterns else changes.get(person_fields(person))
        if better is None:
            continue
        authors[i] = better.person
        choices.append(FieldChoice(f"author[{i}]", (better.span,), f"best evidenced spelling of {person.display()!r}"))
        diagnostics.append(info(
            "name-unified", f"author {person.display()!r} printed as {better.person.display()!r} (seen in {better.span})",
            source.span if source else None,
        ))
    if authors == list(work.authors):
        return work, diagnostics
    return replace(work, authors=tuple(authors), choices=tuple(choices)), diagnostics
