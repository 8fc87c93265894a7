"""Group records that describe the same work.

Titled records are joined by shared identifiers and by equal title keys whose author lists
do not contradict (blocking by key keeps this linear). Abstract-only records then join the one
group whose abstract they equal or cleanly prefix; none or several candidates leave the record
unresolved, reported with its reason. Records are processed in span order, so the result never
depends on input order.
"""
from __future__ import annotations

import operator
from collections import defaultdict

from citekit.diagnostics import warning
from citekit.model import Diagnostic, RepairedRecord
from citekit.resolve.matching import (
    MIN_PREFIX_CHARS, abstract_key, family_keys, identifier_keys, is_prefix_match,
)

title_of = operator.attrgetter("title")


class UnionFind:
    """Disjoint sets over record indices; the smallest index represents its set."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def cluster_records(
    records: list[RepairedRecord], title_keys: dict[str | None, str | None],
) -> tuple[list[list[RepairedRecord]], list[Diagnostic]]:
    """Clusters of `records` (in span order: matching.in_span_order), each in span order, in the
    span order of their first records; and diagnostics for records left out. `title_keys` holds
    matching.title_keys of the records' titles."""
    sets = UnionFind(len(records))
    titles = list(map(title_keys.get, map(title_of, records)))
    titled = [i for i, key in enumerate(titles) if key]
    join_by_identifiers(records, titled, sets)
    join_by_titles(records, titles, titled, sets)
    diagnostics: list[Diagnostic] = []
    titled_set = set(titled)
    untitled = [i for i in range(len(records)) if i not in titled_set]
    attached = attach_by_abstract(records, titled, untitled, sets, diagnostics)
    groups: dict[int, list[RepairedRecord]] = defaultdict(list)
    for i in sorted(titled_set | attached):
        groups[sets.find(i)].append(records[i])
    return [groups[root] for root in sorted(groups)], diagnostics


def join_by_identifiers(records: list[RepairedRecord], titled: list[int], sets: UnionFind) -> None:
    first_with: dict[str, int] = {}
    for i in titled:
        for key in identifier_keys(records[i]):
            if key in first_with:
                sets.union(first_with[key], i)
            else:
                first_with[key] = i


def join_by_titles(records: list[RepairedRecord], titles: list[str | None], titled: list[int], sets: UnionFind) -> None:
    """Join each titled record to the first earlier record with its title key whose authors do not contradict it.

    That record is found without comparing pairs (a common title would make its block quadratic):
    it is the earliest one listing no authors or sharing one of this record's family names.
    """
    by_title: dict[str, list[int]] = defaultdict(list)
    for i in titled:
        by_title[titles[i]].append(i)
    for members in by_title.values():
        if len(members) == 1:
            continue
        first_without_authors: int | None = None
        first_with_family: dict[str, int] = {}
        for i in members:
            families = family_keys(records[i].authors)
            earlier = [first_with_family[f] for f in families if f in first_with_family]
            if first_without_authors is not None:
                earlier.append(first_without_authors)
            if not families and (first_with_family or first_without_authors is not None):
                earlier.append(members[0])
            if earlier:
                sets.union(i, min(earlier))
            if not families and first_without_authors is None:
                first_without_authors = i
            for family in families:
                first_with_family.setdefault(family, i)


def attach_by_abstract(
    records: list[RepairedRecord], titled: list[int], untitled: list[int], sets: UnionFind, diagnostics: list[Diagnostic],
) -> set[int]:
    """Join each abstract-only record to the single group its abstract matches; return those joined."""
    if not untitled:
        return set()
    keys: dict[str, str | None] = {}  # abstracts recur (one paper, several sources): normalise each once

    def key_of(record: RepairedRecord) -> str | None:
        if record.abstract not in keys:
            keys[record.abstract] = abstract_key(record.abstract)
        return keys[record.abstract]

    # Titled records by the first MIN_PREFIX_CHARS of their abstract key, then by the whole key.
    by_block: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_exact: dict[str, list[int]] = defaultdict(list)
    for i in titled:
        key = key_of(records[i])
        if key:
            by_block[key[:MIN_PREFIX_CHARS]][key].append(i)
            by_exact[key].append(i)
    attached: set[int] = set()
    for i in untitled:
        record = records[i]
        key = key_of(record)
        if not key:
            diagnostics.append(warning("unresolvable", "record has neither a title nor an abstract; not emitted", record.span))
            continue
        if len(key) >= MIN_PREFIX_CHARS:
            block = by_block.get(key[:MIN_PREFIX_CHARS], {})
            matching = [members for other, members in block.items() if is_prefix_match(*sorted((key, other), key=len))]
        else:
            matching = [by_exact.get(key, [])]
        groups = sorted({sets.find(j) for members in matching for j in members})
        if len(groups) == 1:
            sets.union(groups[0], i)
            attached.add(i)
        elif not groups:
            diagnostics.append(warning(
                "unresolvable", "abstract-only record matches no titled record; not emitted", record.span))
        else:
            where = ", ".join(str(records[g].span) for g in groups)
            diagnostics.append(warning(
                "ambiguous-abstract", f"abstract-only record matches several works ({where}); not emitted", record.span))
    return attached
