"""Find the lock entry of each work, so a work keeps its key through edits.

Tiers, strongest first, each pairing only what earlier tiers left: a shared DOI or arXiv id;
the same normalised title, first author and year; the same title and first author (a year
corrected); the same title and year (the first author's name repaired); a title at least
FUZZY_TITLE_SCORE similar with the same first author and no conflicting year (a typo fixed); last,
the one work left with a first author and year that the one entry left shares, when their titles
are still REWORDED_TITLE_SCORE similar (a title reworded). Within a tier
candidates are taken best first, ties by key then work order, so the result never depends on
input order. A work and an entry pair at most once.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import count
from operator import attrgetter
from typing import Sequence

from rapidfuzz import fuzz

from citekit.lockfile import Identity, LockEntry

FUZZY_TITLE_SCORE = 90.0
REWORDED_TITLE_SCORE = 75.0


# Each tier's keys: the identity fields two must share, all non-empty.
EXACT_TIERS = (
    ("same identifier", (("doi",), ("arxiv",))),
    ("same title, first author and year", (("title", "author", "year"),)),
    ("same title and first author", (("title", "author"),)),
    ("same title and year", (("title", "year"),)),
)
identity_of = attrgetter("identity")


def match_lock(identities: Sequence[Identity], entries: Sequence[LockEntry]) -> dict[int, tuple[LockEntry, str]]:
    """Work index → (its lock entry, the tier that matched). `identities` are in canonical order."""
    matched: dict[int, tuple[LockEntry, str]] = {}
    used: set[str] = set()
    left = list(entries)  # the entries not paired yet: each tier looks at fewer
    for label, keys in EXACT_TIERS:
        for fields in keys:
            exact_pairs(identities, left, fields, label, matched, used)
            left = [entry for entry in left if entry.key not in used]
    fuzzy_pairs(identities, left, matched, used)
    reworded_pairs(identities, left, matched, used)
    return matched


def exact_pairs(identities: Sequence[Identity], entries: list[LockEntry], fields: tuple[str, ...], label: str,
                matched: dict, used: set) -> None:
    """Pair each work not paired yet, in order, with the first by key of the unused entries sharing
    its values of `fields` (all non-empty)."""
    value_of = attrgetter(*fields)
    complete = all if len(fields) > 1 else bool
    by_value: dict[object, list[LockEntry]] = defaultdict(list)
    for entry, value in zip(entries, map(value_of, map(identity_of, entries))):
        if complete(value):
            by_value[value].append(entry)
    if not by_value:
        return
    # A value no entry holds is passed over by one dict lookup (an incomplete one is never held).
    for index, value in zip(count(), map(value_of, identities)):
        if value in by_value and index not in matched:
            candidates = [e for e in by_value[value] if e.key not in used]
            if candidates:
                entry = min(candidates, key=lambda e: (e.key.casefold(), e.key)) if len(candidates) > 1 else candidates[0]
                matched[index] = (entry, label)
                used.add(entry.key)


def fuzzy_pairs(identities, entries, matched, used) -> None:
    """Pair the rest by similar titles under the same first author, best score first."""
    by_author: dict[str, list[LockEntry]] = defaultdict(list)
    for entry in entries:
        if entry.key not in used and entry.identity.author and entry.identity.title:
            by_author[entry.identity.author].append(entry)
    scored = []
    for index, identity in enumerate(identities):
        if index in matched or not identity.title:
            continue
        for entry in by_author.get(identity.author, ()):
            if identity.year and entry.identity.year and identity.year != entry.identity.year:
                continue
            score = fuzz.ratio(identity.title, entry.identity.title)
            if score >= FUZZY_TITLE_SCORE:
                scored.append((-score, entry.key.casefold(), entry.key, index, entry))
    for _, _, key, index, entry in sorted(scored, key=lambda row: row[:4]):
        if index not in matched and key not in used:
            matched[index] = (entry, "similar title, same first author")
            used.add(key)


def reworded_pairs(identities, entries, matched, used) -> None:
    """Pair a work and an entry that are each the only one left under a first author and year."""
    works: dict[tuple, list[int]] = defaultdict(list)
    for index, identity in enumerate(identities):
        if index not in matched and identity.author and identity.year:
            works[(identity.author, identity.year)].append(index)
    left: dict[tuple, list[LockEntry]] = defaultdict(list)
    for entry in entries:
        if entry.key not in used and entry.identity.author and entry.identity.year:
            left[(entry.identity.author, entry.identity.year)].append(entry)
    for block, indexes in sorted(works.items()):
        candidates = left.get(block, [])
        if len(indexes) == 1 and len(candidates) == 1:
            entry = candidates[0]
            if fuzz.ratio(identities[indexes[0]].title, entry.identity.title) >= REWORDED_TITLE_SCORE:
                matched[indexes[0]] = (entry, "reworded title, same first author and year")
                used.add(entry.key)
