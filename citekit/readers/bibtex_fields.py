"""One BibTeX / biblatex entry's fields -> CSL type and CSL variables (tables, not branches).

Rows name the BibTeX fields that fill a CSL variable, first present wins, so `journaltitle`
(biblatex) and `journal` (BibTeX) read alike. Tool metadata (biburl, bibsource, timestamp,
file) has no CSL home and is not carried; the entry's raw text keeps it. Journal names that
only say "arXiv preprint" (Google Scholar, DBLP's CoRR, ADS) are no container: the entry is
a preprint whose arXiv id is kept.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable

from citekit.readers.bibtex_values import VERBATIM_FIELDS, decode_verbatim
from citekit.readers.latex_decode import decode_latex
from citekit.readers.identifiers import (ArxivId, arxiv_category, bare_doi, collect_arxiv_id, is_arxiv_container,
                                         only_arxiv_id, parse_arxiv_id)

TYPES = {
    "article": "article-journal", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "mvproceedings": "book", "book": "book", "mvbook": "book", "collection": "book",
    "mvcollection": "book", "reference": "book", "manual": "book", "inbook": "chapter", "incollection": "chapter",
    "bookinbook": "chapter", "suppbook": "chapter", "inreference": "entry", "phdthesis": "thesis",
    "mastersthesis": "thesis", "thesis": "thesis", "techreport": "report", "report": "report",
    "booklet": "pamphlet", "unpublished": "manuscript", "misc": "article", "online": "webpage",
    "electronic": "webpage", "www": "webpage", "patent": "patent", "software": "software", "dataset": "dataset",
    "data": "dataset", "periodical": "periodical", "standard": "standard",
}
UNKNOWN_TYPE = "article"
GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

# CSL variable <- BibTeX / biblatex fields, first present wins.
FIELDS = {
    "title": ("title",),
    "container-title": ("journaltitle", "journal", "booktitle"),
    "container-title-short": ("shortjournal",),
    "event-title": ("eventtitle",),
    "volume": ("volume",),
    "issue": ("issue",),
    "number": ("number",),
    "page": ("pages",),
    "publisher": ("publisher", "school", "institution", "organization"),
    "publisher-place": ("location", "address"),
    "edition": ("edition",),
    "collection-title": ("series",),
    "genre": ("type",),
    "DOI": ("doi",),
    "URL": ("url",),
    "ISBN": ("isbn",),
    "ISSN": ("issn",),
    "PMID": ("pmid",),
    "PMCID": ("pmcid",),
    "note": ("note", "addendum"),
    "abstract": ("abstract",),
    "keyword": ("keywords",),
    "language": ("language",),
}
# BibTeX field -> the CSL variable it fills; fields in FIELDS order, each variable's sources by rank.
SOURCE_VARIABLE = {source: variable for variable, sources in FIELDS.items() for source in sources}
SOURCE_ORDER = {source: index for index, source in enumerate(SOURCE_VARIABLE)}
# Where an arXiv id may be printed besides `eprint` (Google Scholar's journal, DBLP's url, notes).
ARXIV_PLACES = ("journal", "journaltitle", "url", "doi", "note", "howpublished", "number")
# Every id find_arxiv_id finds holds this word (as its regex matches it), which decode_verbatim cannot
# make by unescaping: a value without it needs no decoding or look.
ARXIV_WORD = re.compile("arxiv", re.IGNORECASE)
DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
YEAR = re.compile(r"^\s*(\d{4})\s*$")
MONTHS = {name.lower(): number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def csl_type(entry_type: str) -> str | None:
    """The CSL type for an entry type (`@inproceedings` -> paper-conference); None when unknown."""
    return TYPES.get(entry_type.lower())


def entry_fields(entry_type: str, values: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """CSL fields for one entry from its expanded LaTeX values (lower-case BibTeX names).

    Returns the fields (incl. csl_type, date, arxiv*) and problems worth a warning.
    """
    problems: list[str] = []
    kind = entry_type.lower()
    known_type = TYPES.get(kind)
    fields: dict[str, str] = {"csl_type": known_type or UNKNOWN_TYPE}
    if known_type is None:
        problems.append(f"unknown entry type @{entry_type}; read as {UNKNOWN_TYPE}")
    fields.update(csl_variables(values))
    if kind == "article" and "number" in fields and "issue" not in fields:
        fields["issue"] = fields.pop("number")
    if kind in GENRES and "genre" not in fields:
        fields["genre"] = GENRES[kind]
    if "page" in fields:
        fields["page"] = DASHES.sub("-", fields["page"])
    read_howpublished(values, fields)
    read_doi(values, fields, problems)
    read_arxiv(values, fields)
    date = read_date(values, problems)
    if date:
        fields["date"] = date
    return fields, problems


def csl_variables(values: dict[str, str]) -> dict[str, str]:
    """The variables FIELDS fills, in FIELDS order, each from its first source whose value has text."""
    found: dict[str, str] = {}
    for source, variable, decode in SOURCES_OF_LAYOUTS[tuple(values)]:
        if variable not in found:
            text = decode(values[source])
            if text:
                found[variable] = text
    return found


class SourcesOfLayouts(dict[tuple[str, ...], tuple[tuple[str, str, Callable[[str], str]], ...]]):
    """For an entry's field names, the sources FIELDS reads among them, in FIELDS order, each with
    its variable and decoder; cached (a file's entries share a few layouts), emptied when full.

    An entry has a few of the many fields FIELDS names: only those it has are looked at."""

    def __missing__(self, names: tuple[str, ...]) -> tuple[tuple[str, str, Callable[[str], str]], ...]:
        if len(self) >= LAYOUT_CACHE_SIZE:
            self.clear()
        sources = sorted(SOURCE_VARIABLE.keys() & set(names), key=SOURCE_ORDER.__getitem__)
        plan = self[names] = tuple((source, SOURCE_VARIABLE[source],
                                    decode_verbatim if source in VERBATIM_FIELDS else decode_latex)
                                   for source in sources)
        return plan


LAYOUT_CACHE_SIZE = 4096
SOURCES_OF_LAYOUTS = SourcesOfLayouts()


def read_howpublished(values: dict[str, str], fields: dict[str, str]) -> None:
    """`howpublished = {\\url{...}}` is the URL; other text is a note when there is none."""
    text = values.get("howpublished")
    if not text:
        return
    if "\\url" in text or re.match(r"^\s*https?://", text):
        fields.setdefault("URL", decode_verbatim(text))
    elif "note" not in fields and decode_latex(text) and decode_latex(text).strip().lower() != "arxiv":
        fields["note"] = decode_latex(text)  # a bare "arXiv" only names the archive; read_arxiv keeps that


def read_doi(values: dict[str, str], fields: dict[str, str], problems: list[str]) -> None:
    """DOI without its resolver prefix; a doi.org URL gives the DOI when the entry has none."""
    if "DOI" in fields:
        doi = bare_doi(fields["DOI"])
        if doi is None:
            problems.append(f"doi {fields['DOI']!r} is not a DOI; left out")
            del fields["DOI"]
        else:
            fields["DOI"] = doi
    elif "URL" in fields and "doi.org/" in fields["URL"] and bare_doi(fields["URL"]):
        fields["DOI"] = bare_doi(fields["URL"]) or ""


def read_arxiv(values: dict[str, str], fields: dict[str, str]) -> None:
    """arXiv id, version and category from eprint/archivePrefix/primaryClass or where it is printed."""
    archive_text = values.get("archiveprefix") or values.get("eprinttype")
    archive = archive_text.strip("{} ").lower() if archive_text else None
    found = None
    if values.get("eprint") and archive in (None, "arxiv"):
        found = parse_arxiv_id(decode_verbatim(values["eprint"]))
    marked = collect_arxiv_id([decode_verbatim(value) for place in ARXIV_PLACES
                               if (value := values.get(place)) and names_arxiv(value)])
    if found is None:
        found = marked
    elif marked is not None and marked.version and marked.id == found.id and not found.version:
        found = ArxivId(found.id, marked.version, found.category)
    preprint_venue = is_arxiv_container(fields.get("container-title"))
    if found is None and preprint_venue and values.get("volume", "").strip("{} ").startswith("abs/"):
        found = parse_arxiv_id(values["volume"].strip("{} ")[4:])
    if preprint_venue:
        del fields["container-title"]
        if fields.get("volume", "").startswith("abs/"):
            del fields["volume"]
        if fields["csl_type"] == "article-journal":
            fields["csl_type"] = "article"
    category_text = values.get("primaryclass") or values.get("eprintclass")
    category = category_of(category_text) if category_text else None
    if found is None:
        if category:  # listed on arXiv (a category) though its id was never known
            fields["arxiv-category"] = category
        return
    fields.update(found.fields())
    # "arXiv:2212.08073 [cs]" as a note or number only restates the id now in `arxiv`.
    if "note" in fields or "number" in fields:
        for restated in [name for name in ("note", "number") if name in fields and only_arxiv_id(fields[name])]:
            del fields[restated]
    if fields["csl_type"] in ("webpage", "manuscript"):
        fields["csl_type"] = "article"
    if category:
        fields["arxiv-category"] = category


def names_arxiv(text: str) -> bool:
    """`ARXIV_WORD.search(text)`: for ASCII text, `in` on its lower-cased copy (IGNORECASE folds every character)."""
    return "arxiv" in text.lower() if text.isascii() else ARXIV_WORD.search(text) is not None


@functools.lru_cache(maxsize=1024)  # a library names a few dozen categories
def category_of(latex: str) -> str | None:
    """The arXiv category a `primaryclass` value names ("cs.CL"); None for an archive alone ("cs")."""
    return arxiv_category(decode_latex(latex))


def read_date(values: dict[str, str], problems: list[str]) -> str | None:
    """EDTF text from biblatex `date` (start of a range) or `year`/`month`/`day`; None when absent."""
    date, problem = date_of(values.get("date"), values.get("year", ""), values.get("month", ""), values.get("day", ""))
    if problem:
        problems.append(problem)
    return date


@functools.lru_cache(maxsize=4096)  # a library has few distinct dates
def date_of(date: str | None, year: str, month: str, day: str) -> tuple[str | None, str | None]:
    """(EDTF text or None, the problem worth a warning or None) from the LaTeX of the date fields."""
    if date:
        text = decode_latex(date).split("/")[0].strip()
        return text or None, None
    year_text = decode_latex(year)
    if not year_text:
        return None, None
    year_match = YEAR.match(year_text)
    if not year_match:
        return None, f"year {year_text!r} is not a year; date left out"
    month_text = decode_latex(month).strip(". ").lower()
    if not month_text:
        return year_match.group(1), None
    month_number = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:3])
    if month_number is None or not 1 <= month_number <= 12:
        return year_match.group(1), f"month {month_text!r} is not a month; date kept to the year"
    day_text = decode_latex(day)
    day_part = f"-{int(day_text):02d}" if day_text.isdigit() else ""
    return f"{year_match.group(1)}-{month_number:02d}{day_part}", None
