"""The `csljson` writer: one CSL-JSON item per citation, valid against the CSL 1.0.2 schema.

Names keep their particles and suffix in their own fields; organisations are `literal`. A
truncated author list is a flag in `custom`, never an author called "others". A date without
a year has no `issued` (a style would print a wrong or empty year); its month and day stay in
`custom.issued_without_year` as EDTF text. arXiv preprints are `article` with publisher arXiv
and number `arXiv:<id>`, which Zotero imports as a Preprint with its Archive ID.
"""
from __future__ import annotations

from typing import Sequence

from citekit.model import Citation, Person, Work
from citekit.writers.field_map import FIELDS, PREPRINT, entry_type_for, is_arxiv, work_value
from citekit.writers.json_text import indented_json
from citekit.writers.latex_text import protected_spans

# Extra values that are CSL variables without a row of their own (no BibTeX home): written as is.
CSL_ONLY_VARIABLES = ("container-title-short", "event-title", "number", "collection-number", "chapter-number",
                      "number-of-pages", "status", "version", "medium", "archive", "archive_location",
                      "section", "source", "title-short", "original-title", "keyword")
NAME_FIELDS = (("family", "family"), ("given", "given"), ("non-dropping-particle", "non_dropping_particle"),
               ("dropping-particle", "dropping_particle"), ("suffix", "suffix"))


def csl_name(person: Person) -> dict:
    """One CSL name: `literal` for an organisation, else its parts under their CSL names."""
    if person.literal is not None:
        return {"literal": person.literal}
    return {csl: getattr(person, attr) for csl, attr in NAME_FIELDS if getattr(person, attr)}


def nocase_title(title: str) -> str:
    """The title with words a style must not re-case wrapped in `<span class="nocase">`."""
    out, last = [], 0
    for start, end in protected_spans(title):
        out += [title[last:start], '<span class="nocase">', title[start:end], "</span>"]
        last = end
    return "".join(out) + title[last:]


def edtf_without_year(work: Work) -> str | None:
    """EDTF for a month (and day) printed without a year: XXXX-04-01; None otherwise."""
    date = work.issued
    if date is None or date.year is not None or date.month is None:
        return None
    return f"XXXX-{date.month:02d}" + (f"-{date.day:02d}" if date.day else "")


def custom_fields(citation: Citation) -> dict:
    """What CSL has no variable for: source lines, truncation, arXiv category, other extras."""
    work = citation.work
    custom: dict = {"sources": [f"{span.path}:{span.first_line}" for span in work.spans]}
    if work.authors_truncated:
        custom["authors_truncated"] = True
    if work.category:
        custom["arxiv_category"] = work.category
    elif work.category_letters:
        custom["category_letters"] = work.category_letters
    if edtf_without_year(work):
        custom["issued_without_year"] = edtf_without_year(work)
    if work.affiliations:
        custom["affiliations"] = list(work.affiliations)
    known = {r.work[len("extra."):] for r in FIELDS if r.work.startswith("extra.")} | set(CSL_ONLY_VARIABLES)
    for name in sorted(set(work.extra) - known):
        custom[name] = work.extra[name]
    return custom


ITEM_ORDER = tuple(dict.fromkeys(["id", "citation-key", "type", "title", "author", "issued", "container-title",
                                  *(row.csl for row in FIELDS), *CSL_ONLY_VARIABLES, "publisher", "number", "URL",
                                  "custom"]))


def csl_item(citation: Citation) -> dict:
    """One CSL-JSON item for the citation, keys in a fixed order."""
    work = citation.work
    kind = entry_type_for(work)
    item: dict = {"id": citation.key, "citation-key": citation.key, "type": kind.csl}
    if work.title:
        item["title"] = nocase_title(work.title)
    if work.authors:
        item["author"] = [csl_name(p) for p in work.authors]
    parts = work.issued.date_parts() if work.issued else None
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if work.container_title and kind is not PREPRINT:
        item["container-title"] = work.container_title
    for row in FIELDS:
        value = work_value(work, row)
        if value:
            item[row.csl] = value
    for name in CSL_ONLY_VARIABLES:
        if work.extra.get(name, "").strip():
            item[name] = work.extra[name].strip()
    if kind is PREPRINT and is_arxiv(work):
        item.setdefault("publisher", "arXiv")
        if work.identifiers.get("arxiv"):
            item["number"] = "arXiv:" + work.identifiers["arxiv"]
            # What pandoc and Zotero derive from an eprint; styles print it.
            item.setdefault("URL", "https://arxiv.org/abs/" + work.identifiers["arxiv"])
    item["custom"] = custom_fields(citation)
    # One order however a value got in (publisher from the source or from the arXiv rule).
    return {**{name: item[name] for name in ITEM_ORDER if name in item}, **item}


def write_csljson(citations: Sequence[Citation], options=None) -> str:
    """The citations as a CSL-JSON array: UTF-8 text, two-space indent, trailing newline."""
    items = [csl_item(c) for c in sorted(citations, key=lambda c: c.key)]
    return indented_json(items) + "\n"
