"""Every spelling of a name in any record, once, with how far it can be trusted.

A spelling recurs in many records and only its earliest span can win (spelling_order), so one
sighting is kept per (spelling, quality): the earliest by span, then by position in the input.
The per-author work is done in C (dict updates keyed by tuples of name fields); Python code runs
once per distinct spelling.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass, fields

from citekit.model import Person, RepairedRecord, SourceSpan, Work
from citekit.resolve.matching import fold, record_order

person_fields = operator.attrgetter(*(f.name for f in fields(Person)))
AUTHOR_FIELD = re.compile(r"author\[(\d+)\]")
GUESSED, REPAIRED, CLEAN = 0, 1, 2


@dataclass(frozen=True)
class Sighting:
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


def spelling_order(sighting: Sighting) -> tuple:
    """Best first: more accented letters, better repair quality, then a stable tie-break."""
    return (-sighting.accents, -sighting.quality, sighting.person.display(), sighting.span)


def collect_sightings(works: list[Work]) -> list[Sighting]:
    """One sighting per (person, quality) at its earliest span (the first such author among equal
    spans), in the order of the authors kept."""
    # Positions number the authors in work order; records are visited from the latest span
    # (then position) to the earliest, so the last write of a key is its earliest sighting.
    records = [record for work in works for record in work.records if record.authors]
    starts = list(itertools.accumulate((len(r.authors) for r in records), initial=0))
    spans = list(map(record_order, records))
    latest_first = sorted(range(len(records)), key=spans.__getitem__)[::-1]  # equal spans: later position first
    by_quality: tuple[dict[tuple, int], ...] = ({}, {}, {})  # person fields -> position, per quality
    clean_authors: list[tuple[Person, ...]] = []  # authors never repaired, in visiting order...
    clean_positions: list[range] = []  # ...and their positions, last author first
    for i in latest_first:
        record, start = records[i], starts[i]
        qualities = author_qualities(record)
        if qualities is None:
            clean_authors.append(record.authors)
            clean_positions.append(range(start + len(record.authors) - 1, start - 1, -1))
            continue
        for index in range(len(record.authors) - 1, -1, -1):
            position = start + index
            if qualities[index] == CLEAN:  # joins the stream below, which keeps the visiting order
                clean_authors.append((record.authors[index],))
                clean_positions.append(range(position, position + 1))
            else:
                by_quality[qualities[index]][person_fields(record.authors[index])] = position
    authors = itertools.chain.from_iterable(map(reversed, clean_authors))
    by_quality[CLEAN].update(zip(map(person_fields, authors), itertools.chain.from_iterable(clean_positions)))
    kept = sorted((position, quality) for quality, positions in enumerate(by_quality) for position in positions.values())
    sightings = []
    for position, quality in kept:
        i = bisect.bisect_right(starts, position) - 1
        person = records[i].authors[position - starts[i]]
        sightings.append(Sighting(person, records[i].source.span, quality, person_identity(person), accented_letters(person)))
    return sightings


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
