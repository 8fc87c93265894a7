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
from citekit.resolve.matching import fold

person_fields = operator.attrgetter(*(f.name for f in fields(Person)))
authors_of = operator.attrgetter("authors")
records_of = operator.attrgetter("records")
span_of = operator.attrgetter("source.span")
AUTHOR_FIELD = re.compile(r"author\[(\d+)\]")
GUESSED, REPAIRED, CLEAN = 0, 1, 2


class Sighting(NamedTuple):
    person: Person
    span: SourceSpan
    quality: int  # CLEAN, REPAIRED with certainty, or GUESSED
    identity: tuple[str, str]  # person_identity(person), folded once
    accents: int  # accented_letters(person), counted once
    fields: tuple  # person_fields(person), read once


def person_identity(person: Person) -> tuple[str, str]:
    """The folded (family, given) that makes sightings one person; (name, "") for an organisation."""
    if person.literal:
        return (fold(person.literal), "")
    return (fold(person.full_family()), fold(person.given or ""))


def accented_letters(person: Person) -> int:
    """How many non-ASCII letters the printed name has."""
    text = person.display()
    return 0 if text.isascii() else sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())


def identity_from_fields(fields: tuple) -> tuple[str, str]:
    """person_identity of the person with these person_fields (tested equal), without reading the Person again."""
    family, given, particle, _, _, literal = fields
    if literal:
        return (fold(literal), "")
    full_family = "" if literal is not None else " ".join(filter(None, (particle, family)))
    return (fold(full_family), fold(given or ""))


def accent_counts(people: list[Person], people_fields: list[tuple]) -> list[int]:
    """accented_letters of each person (`people_fields`: their person_fields); names whose fields are
    all ASCII are told apart in C (the printed name is made of them and ASCII separators)."""
    ascii_only = map(str.isascii, map("".join, map(functools.partial(filter, None), people_fields)))
    return [0 if plain else accented_letters(person) for person, plain in zip(people, ascii_only)]


def spelling_order(sighting: Sighting) -> tuple:
    """Best first: more accented letters, better repair quality, then a stable tie-break."""
    return (-sighting.accents, -sighting.quality, sighting.person.display(), sighting.span)


def collect_sightings(works: list[Work], span_rank: dict[int, int]) -> tuple[list[Sighting], dict[int, tuple]]:
    """One sighting per (person, quality) at its earliest span (the first such author among equal
    spans), in the order of the authors kept; and the person_fields of every author object, by its id.
    `span_rank` ranks the records' spans by record id (matching.in_span_order)."""
    records = list(filter(authors_of, itertools.chain.from_iterable(map(records_of, works))))  # those with authors
    author_lists = list(map(authors_of, records))
    lengths = list(map(len, author_lists))
    starts = list(itertools.accumulate(lengths, initial=0))  # positions, in work order
    # Visit records by span; equal spans keep work order, so the visiting order of authors is
    # their (span, position) order and a spelling's earliest sighting is its first visit.
    order = sorted(range(len(records)), key=list(map(span_rank.__getitem__, map(id, records))).__getitem__)
    visited = list(map(records.__getitem__, order))
    visit_starts = list(itertools.accumulate(map(lengths.__getitem__, order), initial=0))
    authors = list(itertools.chain.from_iterable(map(author_lists.__getitem__, order)))
    # A visit's position is its record's first position plus its place in the record.
    offsets = list(map(operator.sub, map(starts.__getitem__, order), visit_starts))
    ends = visit_starts[1:]
    kept: list[tuple] = []  # (position, quality, visited record, visit, person fields)
    fields_by_object: dict[int, tuple] = {}
    for quality, visits, people in streams_by_quality(visited, visit_starts, authors):
        by_object = first_visit_by_object(people, visits)
        object_fields = list(map(person_fields, map(authors.__getitem__, by_object.values())))
        fields_by_object.update(zip(by_object.keys(), object_fields))
        by_spelling = first_visit_by_spelling(object_fields, by_object.values())
        firsts = list(by_spelling.values())
        at = list(map(bisect.bisect_right, itertools.repeat(ends), firsts))  # each visit's record (none is empty)
        positions = map(operator.add, map(offsets.__getitem__, at), firsts)
        kept += zip(positions, itertools.repeat(quality), at, firsts, by_spelling.keys())
    kept.sort()  # by position: one author each
    people = list(map(authors.__getitem__, map(operator.itemgetter(3), kept)))
    spans = map(span_of, map(visited.__getitem__, map(operator.itemgetter(2), kept)))
    qualities = map(operator.itemgetter(1), kept)
    people_fields = list(map(operator.itemgetter(4), kept))
    # Built by tuple.__new__ from C: the NamedTuple's own __new__ is a Python function.
    return list(map(tuple.__new__, itertools.repeat(Sighting), zip(
        people, spans, qualities, map(identity_from_fields, people_fields), accent_counts(people, people_fields), people_fields,
    ))), fields_by_object


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


# Readers share one Person object per spelling, so visits are first narrowed by object id (an
# int, cheap to hash), then the objects by name fields. dict.setdefault keeps the first value it
# is given; mapping it over the input runs the loop in C (the deque only drains the map).

def first_visit_by_object(people: Iterable[Person], visits: Iterable[int]) -> dict[int, int]:
    """id of each distinct object among `people` -> the first of its `visits` (ascending, one per person)."""
    by_object: dict[int, int] = {}
    collections.deque(map(by_object.setdefault, map(id, people), visits), maxlen=0)
    return by_object


def first_visit_by_spelling(spellings: Iterable[tuple], visits: Iterable[int]) -> dict[tuple, int]:
    """Each distinct spelling (person_fields) among `spellings` -> the first of their `visits` (ascending)."""
    by_spelling: dict[tuple, int] = {}
    collections.deque(map(by_spelling.setdefault, spellings, visits), maxlen=0)
    return by_spelling


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
