"""Structured records with nothing to repair, copied into RepairedRecords without the general path.

Most records of a BibTeX, CSL-JSON or RIS library have parsed names, no head line and clean
text, so their repair is a copy. repair_plain tells such a record by C-level checks over its
people and texts (each text repaired once per run), and builds the RepairedRecord at once;
a record with anything to repair or report gets None and goes through repair_record, the
general path, which tests compare this one with.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

from citekit.model import RepairedRecord, SourceRecord
from citekit.repair.dates import parse_printed_date

if TYPE_CHECKING:
    from citekit.repair import RunRepairs

# Structured fields with a home of their own in RepairedRecord; the rest go to `extra`.
OWN_FIELDS = frozenset({"title", "abstract", "date", "csl_type", "citation-key", "container-title", "DOI", "URL",
                        "arxiv", "arxiv-version", "arxiv-category", "category-letters", "authors", "head", "title_authors",
                        "owner"})
IDENTIFIER_FIELDS = {"DOI": "doi", "URL": "url", "arxiv": "arxiv", "arxiv-version": "arxiv-version",
                     "ISBN": "isbn", "ISSN": "issn", "PMID": "pmid", "PMCID": "pmcid"}


class FieldPlan(NamedTuple):
    """Where the fields of one field-name sequence go, in field order."""

    identifiers: tuple[tuple[str, str], ...]  # (field, identifier name)
    extras: tuple[str, ...]  # fields copied to `extra`
    plain: bool  # no head line or glued title line, which only the general path reads


@functools.lru_cache(maxsize=1024)  # a reader writes few distinct field sequences
def field_plan(names: tuple[str, ...]) -> FieldPlan:
    """The homes of the fields `names`, as read_other_fields gives them."""
    identifiers = tuple((name, IDENTIFIER_FIELDS[name]) for name in names if name in IDENTIFIER_FIELDS)
    extras = tuple(name for name in names if name not in IDENTIFIER_FIELDS and name not in OWN_FIELDS)
    return FieldPlan(identifiers, extras, "head" not in names and "title_authors" not in names)


def repair_plain(record: SourceRecord, fix: RunRepairs) -> RepairedRecord | None:
    """What repair_record gives a structured record when it records no step and reports nothing;
    None for any other record (a text or name part to repair, an unreadable date, a head line)."""
    if record.authors_format != "structured":
        return None
    fields = record.fields
    plan = field_plan(tuple(fields))
    if not plan.plain or not fix.people_unchanged(record.people):
        return None
    date = fields.get("date")
    issued = parse_printed_date(date) if date else None
    if date and issued is None:
        return None
    title = (fields.get("title") or "").strip() or None
    abstract = (fields.get("abstract") or "").strip() or None
    container = fields.get("container-title")
    texts = [text for text in (title, abstract, container) if text is not None]
    extra = {}
    for name in plan.extras:
        value = fields[name]
        if value.strip():
            texts.extend(value.split("\n"))  # a reader may keep a list in one field, one item per line
            extra[name] = value
    if not fix.all_unchanged(texts):
        return None
    identifiers = {}
    for name, key in plan.identifiers:
        value = fields[name].strip()
        if value:
            identifiers[key] = value
    return RepairedRecord(record, title, tuple(record.people), record.people_truncated, issued, abstract,
                          fields.get("arxiv-category") or None, fields.get("category-letters") or None,
                          fields.get("csl_type") or None, container or None, (), identifiers, extra,
                          fields.get("citation-key") or None, (), ())
