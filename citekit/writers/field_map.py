"""One table for every writer: Work field <-> CSL variable <-> BibTeX <-> biblatex <-> RIS.

Entry types are rows too, chosen from the evidence by `entry_type_for`: a CSL `article` with no
venue is a preprint (@misc in BibTeX, @online + pubstate in biblatex), one with a venue is a
journal article. Values with structure (names, dates, the arXiv id) are written by each writer;
every plain text value goes through FIELDS, in this order, so output field order is fixed.
The lookups at the bottom read the table the other way round (BibTeX name -> row) for readers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from citekit.model import Work


@dataclass(frozen=True)
class EntryType:
    """One kind of work in each format; `container_*` name the field holding its venue."""

    label: str
    csl: str
    bibtex: str
    biblatex: str
    ris: str
    container_bibtex: str | None = None
    container_biblatex: str | None = None
    container_ris: str | None = None


PREPRINT = EntryType("preprint", "article", "misc", "online", "UNPB")
ENTRY_TYPES: tuple[EntryType, ...] = (
    PREPRINT,
    EntryType("journal article", "article-journal", "article", "article", "JOUR", "journal", "journaltitle", "T2"),
    EntryType("magazine article", "article-magazine", "article", "article", "MGZN", "journal", "journaltitle", "T2"),
    EntryType("newspaper article", "article-newspaper", "article", "article", "NEWS", "journal", "journaltitle", "T2"),
    EntryType("conference paper", "paper-conference", "inproceedings", "inproceedings", "CPAPER", "booktitle", "booktitle", "T2"),
    EntryType("book chapter", "chapter", "incollection", "incollection", "CHAP", "booktitle", "booktitle", "T2"),
    EntryType("encyclopedia entry", "entry", "incollection", "inreference", "ENCYC", "booktitle", "booktitle", "T2"),
    EntryType("book", "book", "book", "book", "BOOK"),
    EntryType("report", "report", "techreport", "report", "RPRT"),
    EntryType("thesis", "thesis", "phdthesis", "thesis", "THES"),
    EntryType("manuscript", "manuscript", "unpublished", "unpublished", "UNPB"),
    EntryType("pamphlet", "pamphlet", "booklet", "booklet", "PAMP"),
    EntryType("patent", "patent", "misc", "patent", "PAT"),
    EntryType("web page", "webpage", "misc", "online", "ELEC", "howpublished", "organization", "T2"),
    EntryType("software", "software", "misc", "software", "COMP"),
    EntryType("dataset", "dataset", "misc", "dataset", "DATA"),
    EntryType("periodical", "periodical", "misc", "periodical", "JFULL"),
    EntryType("standard", "standard", "misc", "standard", "STAND"),
)
_BY_CSL = {t.csl: t for t in ENTRY_TYPES if t is not PREPRINT}
_JOURNAL = _BY_CSL["article-journal"]
_FALLBACK = EntryType("other", "document", "misc", "misc", "GEN")


def entry_type_for(work: Work) -> EntryType:
    """The entry type the evidence supports: a venue-less `article` is a preprint."""
    if work.csl_type in (None, "", "article", "preprint"):
        return _JOURNAL if work.container_title else PREPRINT
    return _BY_CSL.get(work.csl_type, _FALLBACK)


def is_arxiv(work: Work) -> bool:
    """True when the work was listed on arXiv: it has an arXiv id or an arXiv category."""
    return bool(work.identifiers.get("arxiv") or work.category)


@dataclass(frozen=True)
class FieldRow:
    """A plain-text value: where it lives in a Work, and its name in each format (None: no home)."""

    work: str  # "title", "abstract", "container_title", "extra.<csl variable>", "identifiers.<key>"
    csl: str
    bibtex: str | None
    biblatex: str | None
    ris: str | None
    # `work` split once: the Work mapping holding the value ("extra", "identifiers"; "" for an
    # attribute of its own) and the name in it.
    mapping: str = field(init=False, repr=False, compare=False)
    name: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mapping, _, name = self.work.rpartition(".")
        object.__setattr__(self, "mapping", mapping)
        object.__setattr__(self, "name", name)


FIELDS: tuple[FieldRow, ...] = (
    FieldRow("extra.edition", "edition", "edition", "edition", "ET"),
    FieldRow("extra.volume", "volume", "volume", "volume", "VL"),
    FieldRow("extra.issue", "issue", "number", "number", "IS"),
    FieldRow("extra.page", "page", "pages", "pages", "SP"),
    FieldRow("extra.publisher", "publisher", "publisher", "publisher", "PB"),
    FieldRow("extra.publisher-place", "publisher-place", "address", "location", "CY"),
    FieldRow("extra.collection-title", "collection-title", "series", "series", "T3"),
    FieldRow("extra.genre", "genre", "type", "type", "M3"),
    FieldRow("extra.language", "language", None, "langid", "LA"),
    FieldRow("extra.note", "note", "note", "note", "N1"),
    FieldRow("identifiers.isbn", "ISBN", "isbn", "isbn", "SN"),
    FieldRow("identifiers.issn", "ISSN", "issn", "issn", "SN"),
    FieldRow("identifiers.doi", "DOI", "doi", "doi", "DO"),
    FieldRow("identifiers.url", "URL", "url", "url", "UR"),
    FieldRow("abstract", "abstract", "abstract", "abstract", "AB"),
)
# BibTeX fields that hold code or addresses: never LaTeX-escaped (url/doi use \url-safe text).
VERBATIM_BIBTEX = frozenset({"url", "doi", "eprint"})


def work_value(work: Work, row: FieldRow) -> str | None:
    """The row's value in the work, stripped; None when absent or blank."""
    return clean_value(getattr(work, row.mapping).get(row.name) if row.mapping else getattr(work, row.name))


def clean_value(value: object) -> str | None:
    """A text value stripped; None for blank text and anything that is not text."""
    value = value.strip() if isinstance(value, str) else None
    return value or None


# The other direction: a format's field name -> the row, for readers.
BY_BIBTEX = {r.bibtex: r for r in FIELDS if r.bibtex}
BY_BIBLATEX = {r.biblatex: r for r in FIELDS if r.biblatex}
BY_CSL = {r.csl: r for r in FIELDS}
BY_RIS = {r.ris: r for r in FIELDS if r.ris}
TYPE_BY_BIBTEX = {t.bibtex: t for t in reversed(ENTRY_TYPES)}
TYPE_BY_BIBLATEX = {t.biblatex: t for t in reversed(ENTRY_TYPES)}
