"""DOIs and arXiv ids as bibliographies print them -> the bare forms citekit matches on.

A DOI keeps its case in the record (users read it) but loses its resolver prefix; matching
uses `normalise_doi` (lower-cased). An arXiv id is found only where something says "arXiv"
(an `arXiv:` prefix, an arxiv.org URL, an arXiv DOI) or in a field that holds nothing else
(`eprint`), so page ranges and report numbers are never mistaken for ids. The version is
split off: `2212.08073v2` -> id `2212.08073`, version `v2`.
"""
from __future__ import annotations

import re
import urllib.parse
from typing import NamedTuple

from citekit.diagnostics import warning
from citekit.model import Diagnostic, SourceSpan

DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi:\s*)", re.IGNORECASE)
DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")

# New style (2007-): YYMM.NNNN or YYMM.NNNNN; old style: archive(.SUBJ)/YYMMNNN.
NEW_ID = r"(?P<new>\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})"
OLD_ID = r"(?P<old>[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3})"
VERSION = r"(?P<version>v\d+)?"
# Zotero prints only the archive ("[cs]", primaryclass = {cs}); that is no category, so a category
# needs its subject part, unless it is one of the archives that are categories by themselves.
CATEGORY_TEXT = r"[a-z][a-z\-]*\.[A-Za-z\-]{2,}|hep-th|hep-ph|hep-ex|hep-lat|gr-qc|quant-ph|math-ph|nucl-th|nucl-ex|astro-ph"
CATEGORY = rf"(?:\s*\[(?P<category>{CATEGORY_TEXT})\])?"
WHOLE_CATEGORY = re.compile(rf"^(?:{CATEGORY_TEXT})$")
BARE_TEXT = rf"^\s*(?:arxiv:\s*)?(?:{NEW_ID}|{OLD_ID}){VERSION}\s*$"
MARKED_TEXT = rf"(?:arxiv:\s*|arxiv\.org/(?:abs|pdf|html)/|10\.48550/arxiv\.)(?:{NEW_ID}|{OLD_ID}){VERSION}(?:\.pdf)?{CATEGORY}"
BARE_ARXIV = re.compile(BARE_TEXT, re.IGNORECASE)
MARKED_ARXIV = re.compile(MARKED_TEXT, re.IGNORECASE)
# IGNORECASE folds the case of every character it compares and leaves the search no first character
# to look for. These patterns' letters are all lower case or in [A-Za-z] classes, so lower-cased ASCII
# text matches them case-sensitively exactly where, and as long as, the text matches IGNORECASE
# (lower() keeps an ASCII text's positions): about a third of the instructions.
BARE_ARXIV_LOWER = re.compile(BARE_TEXT)
MARKED_ARXIV_LOWER = re.compile(MARKED_TEXT)
# Journal names that only say "this is an arXiv preprint" (Google Scholar, DBLP's CoRR, ADS).
ARXIV_CONTAINER = re.compile(
    r"^\s*(?:arxiv(?:\s+preprint)?(?:\s+arxiv:\s*\S+)?|arxiv\s+e-prints|corr|arxiv\.org)\s*$", re.IGNORECASE
)


class ArxivId(NamedTuple):
    """An arXiv id without its version, the version ("v2") and the category when printed.

    A NamedTuple, not a dataclass: one or two are made for every entry that has an id."""

    id: str
    version: str | None = None
    category: str | None = None

    def fields(self) -> dict[str, str]:
        """The SourceRecord fields this id fills: arxiv, and arxiv-version / arxiv-category when known."""
        found = {"arxiv": self.id}
        if self.version:
            found["arxiv-version"] = self.version
        if self.category:
            found["arxiv-category"] = self.category
        return found


def bare_doi(text: str | None) -> str | None:
    """The DOI in `text` without `https://doi.org/` or `doi:`, case kept; None when it is no DOI."""
    if not text:
        return None
    doi = DOI_PREFIX.sub("", text.strip())
    if "%" in doi:  # unquote changes nothing else (a Python call for every DOI otherwise)
        doi = urllib.parse.unquote(doi)
    doi = doi.strip().rstrip(".")
    return doi if DOI_SHAPE.match(doi) else None


def normalise_doi(text: str | None) -> str | None:
    """The DOI as citekit matches it: bare and lower-cased (DOIs are case-insensitive)."""
    doi = bare_doi(text)
    return doi.lower() if doi else None


def parse_arxiv_id(text: str | None) -> ArxivId | None:
    """A field that holds only an arXiv id (`eprint`): `2212.08073v2`, `arXiv:hep-th/9901001`."""
    if not text:
        return None
    match = bare_arxiv_match(text)
    return arxiv_from_match(match) if match else None


def find_arxiv_id(text: str | None) -> ArxivId | None:
    """The first arXiv id that `text` marks as one: `arXiv:...`, an arxiv.org URL, an arXiv DOI."""
    if not text:
        return None
    match = marked_arxiv_match(text)
    if match is None:
        return None
    start, end = match.span("category")  # from `text`: the match may be on its lower-cased copy
    return arxiv_from_match(match, text[start:end] if start >= 0 else None)


def bare_arxiv_match(text: str) -> re.Match[str] | None:
    """`BARE_ARXIV.match(text)`, or the same match on `text` lower-cased (only the case of its groups differs)."""
    return BARE_ARXIV_LOWER.match(text.lower()) if text.isascii() else BARE_ARXIV.match(text)


def marked_arxiv_match(text: str) -> re.Match[str] | None:
    """`MARKED_ARXIV.search(text)`, or the same match on `text` lower-cased (only the case of its groups differs)."""
    return MARKED_ARXIV_LOWER.search(text.lower()) if text.isascii() else MARKED_ARXIV.search(text)


def collect_arxiv_id(texts: list[str | None]) -> ArxivId | None:
    """The first arXiv id marked in `texts`, its version and category taken from any text naming the same id."""
    if len(texts) < 2:  # the usual case (an arxiv.org URL): nothing to gather
        return find_arxiv_id(texts[0]) if texts else None
    found = [a for a in map(find_arxiv_id, texts) if a is not None]
    if len(found) < 2:
        return found[0] if found else None
    same = [a for a in found if a.id == found[0].id]
    version = next((a.version for a in same if a.version), None)
    category = next((a.category for a in same if a.category), None)
    return ArxivId(found[0].id, version, category)


def arxiv_from_match(match: re.Match[str], category: str | None = None) -> ArxivId:
    """The ArxivId of a BARE_ARXIV or MARKED_ARXIV match, of either case (the category is the caller's to pass)."""
    new, old, version = match.group("new", "old", "version")
    identifier = new or old
    if old:
        archive, number = identifier.split("/")
        name, _, subject = archive.partition(".")
        identifier = name.lower() + ("." + subject.upper() if subject else "") + "/" + number
    # tuple.__new__ from C: the NamedTuple's own __new__ is a Python function (one or two ids per entry).
    return tuple.__new__(ArxivId, (identifier, version.lower() if version else None, category))


def arxiv_category(text: str | None) -> str | None:
    """`text` when it is a whole arXiv category ("cs.CL", "hep-th"); None for an archive alone ("cs")."""
    text = (text or "").strip()
    return text if WHOLE_CATEGORY.match(text) else None


def only_arxiv_id(text: str | None) -> bool:
    """True when `text` says nothing but an arXiv id (Zotero's note "arXiv:2212.08073 [cs]")."""
    if not text:
        return False
    match = marked_arxiv_match(text)
    rest = (text[:match.start()] + text[match.end():]) if match else text
    rest = re.sub(r"\[[a-z\-]+\]", "", rest)  # the archive Zotero appends: "[cs]"
    return bool(match) and not re.sub(r"[\s\[\]().,;:]", "", rest)


def is_arxiv_container(text: str | None) -> bool:
    """True for journal names that only say "arXiv preprint" ("arXiv preprint arXiv:2212.08073", "CoRR")."""
    return bool(text and ARXIV_CONTAINER.match(text))


def settle_identifiers(fields: dict[str, str], arxiv_texts: list[str | None], span: SourceSpan,
                       diagnostics: list[Diagnostic], doi_code: str, doi_tag: str) -> bool:
    """Clean `fields` in place: a bare DOI (an unusable one dropped with a warning), the arXiv id
    found in `arxiv_texts`, no note/number that only restates it, no arXiv pseudo-venue.
    Return True when an arXiv id was found."""
    if "DOI" in fields:
        doi = bare_doi(fields["DOI"])
        if doi is None:
            diagnostics.append(warning(doi_code, f"{doi_tag} {fields['DOI']!r} is not a DOI; left out", span))
            del fields["DOI"]
        else:
            fields["DOI"] = doi
    found = collect_arxiv_id([*arxiv_texts, fields.get("DOI")])
    if found:
        fields.update(found.fields())
        # "arXiv:2212.08073 [cs]" as a note or number only restates the id now in `arxiv`.
        for restated in [name for name in ("note", "number") if only_arxiv_id(fields.get(name))]:
            del fields[restated]
    if is_arxiv_container(fields.get("container-title")):
        del fields["container-title"]
        if fields.get("csl_type") == "article-journal":
            fields["csl_type"] = "article"
    return found is not None
