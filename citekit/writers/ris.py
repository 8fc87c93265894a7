"""The `ris` writer: one RIS record per citation, UTF-8, tags in field_map's order.

RIS is the format to import into Zotero: its RIS reader keeps everything before the first comma
of an AU line as the last name (particles stay: `van der Maaten, Laurens`) and everything after
as the first name (`King, Martin Luther, Jr.` keeps the suffix the way Zotero stores it); a
line without a comma is an organisation. There is no "others" author: a truncated list is a
note. An arXiv id becomes Archive (DB) and Archive ID (AN) plus the abstract page as URL.
"""
from __future__ import annotations

import re
from typing import Sequence

from citekit.model import Citation, Person, Work
from citekit.writers.field_map import FIELDS, entry_type_for, is_arxiv, work_value

PAGE_RANGE = re.compile(r"^\s*([^\s\-\u2010-\u2015]+)\s*[-\u2010-\u2015]+\s*(\S+)\s*$")


def ris_name(person: Person) -> str:
    """One AU value: `von Family, Given, Suffix`, or the organisation's name as is."""
    if person.literal is not None:
        return person.literal
    family = " ".join(p for p in (person.non_dropping_particle, person.dropping_particle, person.family) if p)
    parts = [family or person.given or "", person.given if family else None, person.suffix]
    return ", ".join(p for p in parts if p)


def one_line(text: str) -> str:
    """RIS values end at the line end: inner line breaks become spaces."""
    return " ".join(text.split())


def date_tags(work: Work) -> list[tuple[str, str]]:
    """PY (year) and DA (YYYY/MM/DD/ with empty parts); a date without a year is a note instead."""
    date = work.issued
    if date is None or date.year is None:
        if date is not None and date.month is not None:
            shown = f"--{date.month:02d}" + (f"-{date.day:02d}" if date.day else "")
            return [("N1", f"Date printed without a year: {shown}")]
        return []
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.month and date.day else ""
    return [("PY", f"{date.year:04d}"), ("DA", f"{date.year:04d}/{month}/{day}/")]


def field_tags(work: Work) -> list[tuple[str, str]]:
    """The plain fields of the map, pages split into SP and EP."""
    tags: list[tuple[str, str]] = []
    for row in FIELDS:
        value = work_value(work, row)
        if not (row.ris and value):
            continue
        pages = PAGE_RANGE.match(value) if row.ris == "SP" else None
        tags += [("SP", pages.group(1)), ("EP", pages.group(2))] if pages else [(row.ris, one_line(value))]
    return tags


def record_tags(citation: Citation) -> list[tuple[str, str]]:
    """(tag, value) pairs for one citation, TY first and ER last."""
    work = citation.work
    kind = entry_type_for(work)
    tags = [("TY", kind.ris), ("ID", citation.key)]
    tags += [("AU", ris_name(p)) for p in work.authors]
    if work.title:
        tags.append(("TI", one_line(work.title)))
    if kind.container_ris and work.container_title:
        tags.append((kind.container_ris, one_line(work.container_title)))
    tags += date_tags(work)
    tags += field_tags(work)
    arxiv_id = work.identifiers.get("arxiv")
    if arxiv_id:
        tags += [("DB", "arXiv"), ("AN", "arXiv:" + arxiv_id)]
        if not work.identifiers.get("url"):
            tags.append(("UR", "https://arxiv.org/abs/" + arxiv_id))
    elif is_arxiv(work) and not work.extra.get("publisher"):
        tags.append(("PB", "arXiv"))
    if work.category:
        tags.append(("KW", work.category))
    if work.authors_truncated:
        tags.append(("N1", "Author list truncated in the source (et al.)"))
    return tags + [("ER", "")]


def write_ris(citations: Sequence[Citation], options=None) -> str:
    """The citations as RIS records sorted by key, a blank line between records."""
    records = []
    for citation in sorted(citations, key=lambda c: c.key):
        records.append("".join(f"{tag}  - {value}\n" for tag, value in record_tags(citation)))
    return "\n".join(records)
