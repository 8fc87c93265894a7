"""Merge a cluster of records into one Work, field by field, each choice explained.

The fullest author list wins over an `et al.` list; the date comes from a record that prints
one (the most complete, never invented); the fullest abstract wins over a truncated one;
titles prefer records that print the title on its own line over ones split from glued text;
categories, affiliations and identifiers are kept from every record.
"""
from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import attrgetter
from typing import Callable

from citekit.diagnostics import info
from citekit.model import Diagnostic, FieldChoice, RepairedRecord, Work
from citekit.resolve.matching import record_order

# Which record to trust first for a field printed by several: structured bibliographies, then
# layouts that print the field on its own line, then glued feed lines.
LAYOUT_RANK = {"bibtex": 0, "csl_json": 0, "ris": 0, "profile_list": 1, "profile_card": 2, "listing_feed": 3, "abstract_list": 4}


def trust(record: RepairedRecord) -> tuple:
    """Most trusted first, by layout then by content (never by file order): for merging dicts."""
    return (LAYOUT_RANK.get(record.source.layout, 5), repr(sorted(record.identifiers.items())), repr(sorted(record.extra.items())))


def pick(records: list[RepairedRecord], value: Callable[[RepairedRecord], object], order: Callable | None = None) -> RepairedRecord | None:
    """The record whose value wins: by `order`, then the trusted layout, then the value itself
    (so two records of one layout never let file order decide), then the span."""
    candidates = ranked_first(records, value, order)
    if len(candidates) > 1:
        values = list(map(value, candidates))
        # One value (duplicates): their reprs tie, so the span decides (tested equal to least_by_value).
        if values.count(values[0]) == len(values):
            return min(candidates, key=record_order)
        return least_by_value(candidates, value)
    return candidates[0] if candidates else None


def ranked_first(records: list[RepairedRecord], value: Callable[[RepairedRecord], object], order: Callable | None) -> list[RepairedRecord]:
    """The records with a value that rank first by `order`, then by trusted layout."""
    candidates = [r for r in records if value(r)]
    if len(candidates) > 1:
        ranks = [(order(r) if order else (), LAYOUT_RANK.get(r.source.layout, 5)) for r in candidates]
        best = min(ranks)
        candidates = [r for r, rank in zip(candidates, ranks) if rank == best]
    return candidates


def least_by_value(candidates: list[RepairedRecord], value: Callable[[RepairedRecord], object]) -> RepairedRecord:
    """pick's tie-break: the least value by its repr, then the earliest span."""
    return min(candidates, key=lambda r: (repr(value(r)), record_order(r)))


# The rule each merged field's FieldChoice names.
RULES = {
    "title": "title printed on its own line first",
    "author": "fullest author list",
    "issued": "most complete printed date",
    "abstract": "fullest abstract",
    "category": "category as listed",
    "container-title": "venue record",
    "key": "key given in an input bibliography",
}
RULE_FIELDS, RULE_TEXTS = tuple(RULES), tuple(RULES.values())


def merge_cluster(records: list[RepairedRecord]) -> tuple[Work, list[Diagnostic]]:
    """One Work from records known to describe it, with a FieldChoice per merged field."""
    if len(records) == 1:
        return merge_one(records[0]), []
    return merge_many(records)


def merge_many(records: list[RepairedRecord]) -> tuple[Work, list[Diagnostic]]:
    """merge_cluster's general case: each field from the record its rule ranks first."""
    choices: list[FieldChoice] = []
    diagnostics = report_duplicates(records)

    def choose(field: str, record: RepairedRecord | None, rule: str) -> RepairedRecord | None:
        if record is not None:
            choices.append(FieldChoice(field, (record.span,), rule))
        return record

    title_from = choose("title", pick(records, attrgetter("title")), RULES["title"])
    authors_from = choose("author", pick(records, attrgetter("authors"), author_order), RULES["author"])
    date_from = choose("issued", pick(records, attrgetter("issued"), date_order), RULES["issued"])
    abstract_from = choose("abstract", pick(records, attrgetter("abstract"), lambda r: -len(r.abstract)), RULES["abstract"])
    category_from = choose("category", pick(records, lambda r: r.category or r.category_letters), RULES["category"])
    container_from = choose("container-title", pick(records, attrgetter("container_title")), RULES["container-title"])
    type_from = pick(records, attrgetter("csl_type"))
    pinned_from = choose("key", pick(records, attrgetter("pinned_key")), RULES["key"])
    identifiers: dict[str, str] = {}
    extra: dict[str, str] = {}
    for record in sorted(records, key=trust, reverse=True) if len(records) > 1 else records:
        identifiers.update(record.identifiers)
        extra.update(record.extra)
    by_span = tuple(sorted(records, key=record_order))
    affiliations = tuple(dict.fromkeys(a for r in by_span for a in r.affiliations))
    truncated = authors_from.authors_truncated if authors_from else any(r.authors_truncated for r in records)
    work = Work(
        csl_type=type_from.csl_type if type_from else "article",
        title=title_from.title if title_from else "",
        authors=authors_from.authors if authors_from else (),
        authors_truncated=truncated,
        issued=date_from.issued if date_from else None,
        container_title=container_from.container_title if container_from else None,
        abstract=abstract_from.abstract if abstract_from else None,
        identifiers=identifiers,
        records=by_span,
        choices=tuple(choices),
        category=category_from.category if category_from else None,
        category_letters=category_from.category_letters if category_from else None,
        affiliations=affiliations,
        extra=extra,
        pinned_key=pinned_from.pinned_key if pinned_from else None,
    )
    return work, diagnostics


def merge_one(record: RepairedRecord) -> Work:
    """The Work merge_cluster makes of a one-record cluster: each field the record prints, chosen from it.

    Most clusters have one record; nothing is ranked, so the Work is built directly (tested equal
    to merge_many of that one record)."""
    spans = (record.source.span,)
    category_from = record.category or record.category_letters
    printed = (record.title, record.authors, record.issued, record.abstract, category_from, record.container_title, record.pinned_key)
    # One FieldChoice per printed value, made in C: tuple.__new__ over the (field, spans, rule) triples.
    choices = tuple(map(tuple.__new__, repeat(FieldChoice), zip(compress(RULE_FIELDS, printed), repeat(spans), compress(RULE_TEXTS, printed))))
    return Work(  # positional, in Work's field order: a call with keywords matches each name
        record.csl_type or "article",  # csl_type
        record.title or "",  # title
        record.authors or (),  # authors
        record.authors_truncated,  # authors_truncated
        record.issued or None,  # issued
        record.container_title or None,  # container_title
        record.abstract or None,  # abstract
        record.identifiers,  # identifiers, shared: no stage changes a mapping it is given
        (record,),  # records
        choices,  # choices
        record.category if category_from else None,  # category
        record.category_letters if category_from else None,  # category_letters
        tuple(dict.fromkeys(record.affiliations)) if record.affiliations else (),  # affiliations
        record.extra,  # extra
        record.pinned_key or None,  # pinned_key
    )


def author_order(record: RepairedRecord) -> tuple:
    """Complete lists before truncated ones, then the longest."""
    return (record.authors_truncated, -len(record.authors))


def date_order(record: RepairedRecord) -> tuple:
    """Dates with a year first, then those with more parts."""
    issued = record.issued
    return (issued.year is None, -sum(p is not None for p in (issued.year, issued.month, issued.day)))


def report_duplicates(records: list[RepairedRecord]) -> list[Diagnostic]:
    """The same record printed twice in one file: merged, and said."""
    printed = [(r.source.span.path, r.source.raw_text) for r in records]
    if len(set(printed)) == len(printed):
        return []
    seen = Counter(printed)
    out = []
    for record in sorted(records, key=record_order):
        key = (record.span.path, record.source.raw_text)
        if seen[key] > 1 and record is not min((r for r in records if (r.span.path, r.source.raw_text) == key), key=record_order):
            out.append(info("duplicate-record", "the same record appears earlier in this file; merged", record.span))
    return out
