"""Every spelling of a name in any record, once, with how far it can be trusted.

A spelling recurs in many records and only its earliest span can win (spelling_order), so one
sighting is kept per (spelling, quality): the earliest by span, then by position in the input.
The per-author work is done in C (maps, dict updates keyed by object ids, then by name fields);
Python code runs once per distinct spelling.
"""
from __future__ import annotations

import bisect
import collections
import functools
import itertools
import operator
import re
from dataclasses import fields
from typing import Iterable, Iterator, NamedTuple

from citekit.model import Person, RepairedRecord, SourceSpan, Work
from citekit.resolve.matching import fold, record_order

person_fields = operator.attrgetter(*(f.name for f in fields(Person)))
authors_of = operator.attrgetter("authors")
AUTHOR_FIELD = re.compile(r"author\[(\d+)\]")
GUESSED, REPAIRED, CLEAN = 0, 1, 2


class Sighting(NamedTuple):
    person: Person
    span: SourceSpan
    quality: int  # CLEAN, REPAIRED with certainty, or GUESSED
    identity: tuple[str, str]  # person_identity(person), folded once
    accents: int  # accented_letters(person), counted once


def person_identity(person: Person) -> tuple[str, str]:
    """The folded (family, given) that makes sightings one person; (name, "") for an organisation."""
    if person.literal:
        return (fold(person.literal), "")
    return (fold(person.full_family()), fold(person.given or ""))


def accented_letters(person: Person) -> int:
    """How many non-ASCII letters the printed name has."""
    text = person.display()
    return 0 if text.isascii() else sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())


def accent_counts(people: list[Person]) -> list[int]:
    """accented_letters of each person; names whose fields are all ASCII are told apart in C
    (the printed name is made of those fields and ASCII separators, so it has no accent)."""
    joined = map("".join, map(functools.partial(filter, None), map(person_fields, people)))
    return [0 if ascii_only else accented_letters(person) for person, ascii_only in zip(people, map(str.isascii, joined))]


def spelling_order(sighting: Sighting) -> tuple:
    """Best first: more accented letters, better repair quality, then a stable tie-break."""
    return (-sighting.accents, -sighting.quality, sighting.person.display(), sighting.span)


def collect_sightings(works: list[Work]) -> list[Sighting]:
    """One sighting per (person, quality) at its earliest span (the first such author among equal
    spans), in the order of the authors kept."""
    records = [record for work in works for record in work.records if record.authors]
    starts = list(itertools.accumulate(map(len, map(authors_of, records)), initial=0))  # positions, in work order
    # Visit records by span; equal spans keep work order, so the visiting order of authors is
    # their (span, position) order and a spelling's earliest sighting is its first visit.
    order = sorted(range(len(records)), key=list(map(record_order, records)).__getitem__)
    visited = list(map(records.__getitem__, order))
    visit_starts = list(itertools.accumulate(map(len, map(authors_of, visited)), initial=0))
    authors = list(itertools.chain.from_iterable(map(authors_of, visited)))
    kept = []  # (position, quality, visited record, visit)
    for quality, visits, people in streams_by_quality(visited, visit_starts, authors):
        for visit in first_visits(authors, visits, people):
            k = bisect.bisect_right(visit_starts, visit) - 1
            kept.append((starts[order[k]] + visit - visit_starts[k], quality, k, visit))
    kept.sort()
    people = [authors[visit] for *_, visit in kept]
    spans = [visited[k].source.span for _, _, k, _ in kept]
    qualities = [quality for _, quality, _, _ in kept]
    return list(map(Sighting, people, spans, qualities, map(person_identity, people), accent_counts(people)))


def streams_by_quality(
    visited: list[RepairedRecord], visit_starts: list[int], authors: list[Person],
) -> Iterator[tuple[int, Iterable[int], Iterable[Person]]]:
    """For each sighting quality, its visits (indices into `authors`) in visiting order and their authors."""
    everyone = range(len(authors))
    repaired = [k for k, record in enumerate(visited) if record.steps or record.uncertain_names]
    if not repaired:
        yield CLEAN, everyone, authors
        return
    qualities = [CLEAN] * len(authors)
    for k in repaired:
        found = author_qualities(visited[k])
        if found is not None:
            qualities[visit_starts[k]:visit_starts[k + 1]] = found
    for quality in (GUESSED, REPAIRED, CLEAN):
        visits = list(itertools.compress(everyone, map(quality.__eq__, qualities)))
        yield quality, visits, map(authors.__getitem__, visits)


def first_visits(authors: list[Person], visits: Iterable[int], people: Iterable[Person]) -> Iterable[int]:
    """The first of `visits` (ascending; `people` are their authors) for each distinct spelling, ascending.

    Readers share one Person object per spelling, so visits are first narrowed by object id (an
    int, cheap to hash), then the objects by name fields. dict.setdefault keeps the first value it
    is given; mapping it over the input runs the loop in C (the deque only drains the map)."""
    by_object: dict[int, int] = {}
    collections.deque(map(by_object.setdefault, map(id, people), visits), maxlen=0)
    firsts = by_object.values()
    by_spelling: dict[tuple, int] = {}
    collections.deque(map(by_spelling.setdefault, map(person_fields, map(authors.__getitem__, firsts)), firsts), maxlen=0)
    return by_spelling.values()


def author_qualities(record: RepairedRecord) -> list[int] | None:
    """Each author's sighting quality; None when all are CLEAN (no repair touched them)."""
    if not record.uncertain_names and not record.steps:
        return None
    guessed = {u.author_index for u in record.uncertain_names}
    repaired = {step_author_index(s.field) for s in record.steps}
    repaired.discard(None)  # steps on other fields (the title)
    if not guessed and not repaired:
        return None
    return [GUESSED if i in guessed else REPAIRED if i in repaired else CLEAN for i in range(len(record.authors))]


def step_author_index(field: str) -> int | None:
    """The author a repair step's field names ('author[3].family' -> 3); None for other fields."""
    match = AUTHOR_FIELD.match(field)
    return int(match.group(1)) if match else None
