"""RIS files (publishers, Zotero, EndNote, PubMed) -> one SourceRecord per `TY` .. `ER` record.

Lines are `XX  - value`; a line without a tag continues the value above (wrapped abstracts).
A record missing its `ER` (before the next `TY`, or at the end of the file) is still read,
with a warning. Names follow the RIS rule `Family, Given, Suffix`; a name without a comma is
read as `Given Family` and said so. Tags citekit has no CSL home for are not carried.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from citekit.diagnostics import info, warning
from citekit.model import Diagnostic, Person, SourceRecord, SourceSpan
from citekit.readers.base import Reader, numbered_lines
from citekit.readers.identifiers import bare_doi, settle_identifiers

LAYOUT = "ris"
TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  ?- ?(.*)$")
TYPES = {
    "JOUR": "article-journal", "EJOUR": "article-journal", "JFULL": "periodical", "MGZN": "article-magazine",
    "NEWS": "article-newspaper", "CONF": "paper-conference", "CPAPER": "paper-conference", "BOOK": "book",
    "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter", "ECHAP": "chapter", "THES": "thesis", "RPRT": "report",
    "GEN": "article", "UNPB": "manuscript", "MANSCPT": "manuscript", "ELEC": "webpage", "WEB": "webpage",
    "DATA": "dataset", "COMP": "software", "PAT": "patent", "PAMP": "pamphlet", "STAND": "standard",
    "ABST": "article", "INPR": "article-journal", "SER": "book", "DICT": "entry-dictionary",
    "ENCYC": "entry-encyclopedia", "BLOG": "post-weblog", "SLIDE": "speech", "STAT": "legislation",
}
# CSL variable <- RIS tags, first present wins (T2/JF/JO/BT all name the container somewhere).
FIELDS = {
    "title": ("TI", "T1", "CT"),
    "container-title": ("T2", "JF", "JO", "BT"),
    "container-title-short": ("J2", "JA"),
    "volume": ("VL",),
    "issue": ("IS",),
    "publisher": ("PB",),
    "publisher-place": ("CY", "PP"),
    "edition": ("ET",),
    "collection-title": ("T3",),
    "abstract": ("AB", "N2"),
    "note": ("N1",),
    "URL": ("UR", "L2"),
    "DOI": ("DO",),
    "language": ("LA",),
}
AUTHOR_TAGS = ("AU", "A1")
DATE_TAGS = ("DA", "PY", "Y1")
RIS_DATE = re.compile(r"^\s*(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?")
PARTICLE = re.compile(r"^((?:[a-z][\w']*\s+)+)(.+)$")


@dataclass
class RawRecord:
    """One record's tagged values in order, with its lines."""

    first_line: int
    last_line: int
    lines: list[str] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)

    def get(self, *tags: str) -> list[str]:
        return [v for t, v in self.values if t in tags and v]


def sniff(text: str, path: str) -> float:
    """High when a `TY  - ` line opens a record; near-certain with a .ris suffix."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or not any(re.match(r"^TY  ?- ", line) for line in lines[:50]):
        return 0.0
    if path.lower().endswith(".ris"):
        return 0.95
    tagged = sum(1 for line in lines if TAG_LINE.match(line))
    return 0.9 if tagged / len(lines) >= 0.6 else 0.4


def read(text: str, path: str) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """One record per TY..ER block, in file order; stray lines and missing ER are warnings."""
    raw_records, diagnostics = split_records(text, path)
    return [make_record(r, path, diagnostics) for r in raw_records], diagnostics


def split_records(text: str, path: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    records: list[RawRecord] = []
    diagnostics: list[Diagnostic] = []
    current: RawRecord | None = None
    for number, line in numbered_lines(text):
        match = TAG_LINE.match(line.rstrip())
        tag, value = (match.group(1), (match.group(2) or "").strip()) if match else (None, line.strip())
        if tag == "TY":
            if current is not None:
                diagnostics.append(warning("ris-missing-er", "record has no ER line before the next TY; read up to there",
                                           SourceSpan(path, current.first_line, current.last_line)))
                records.append(current)
            current = RawRecord(number, number)
        if current is None:
            if line.strip():
                diagnostics.append(warning("stray-line", "text outside a TY..ER record; skipped", SourceSpan(path, number, number)))
            continue
        if not line.strip():
            continue
        current.lines.append(line)
        current.last_line = number
        if tag == "ER":
            records.append(current)
            current = None
        elif tag is not None:
            current.values.append((tag, value))
        elif current.values:
            last_tag, last_value = current.values[-1]
            current.values[-1] = (last_tag, f"{last_value} {value}".strip())
    if current is not None:
        diagnostics.append(warning("ris-missing-er", "last record has no ER line; read to the end of the file",
                                   SourceSpan(path, current.first_line, current.last_line)))
        records.append(current)
    return records, diagnostics


def make_record(raw: RawRecord, path: str, diagnostics: list[Diagnostic]) -> SourceRecord:
    span = SourceSpan(path, raw.first_line, raw.last_line)
    fields: dict[str, str] = {}
    kind = (raw.get("TY") or [""])[0].upper()
    if kind in TYPES:
        fields["csl_type"] = TYPES[kind]
    else:
        diagnostics.append(warning("ris-type", f"TY {kind!r} is not a RIS type citekit knows; type left open", span))
    for variable, tags in FIELDS.items():
        for tag in tags:
            found = raw.get(tag)
            if found:
                fields[variable] = found[0]
                break
    read_pages(raw, fields)
    read_identifiers(raw, fields, span, diagnostics)
    keywords = raw.get("KW")
    if keywords:
        fields["keyword"] = ", ".join(keywords)
    serial = raw.get("SN")
    if serial:
        fields["ISBN" if kind in ("BOOK", "EBOOK", "EDBOOK", "CHAP", "ECHAP") else "ISSN"] = serial[0]
    key = raw.get("ID")
    if key:
        fields["citation-key"] = key[0]
    date = read_date(raw)
    if date:
        fields["date"] = date
    people = []
    for name in raw.get(*AUTHOR_TAGS):
        person, guessed = read_name(name)
        if guessed:
            diagnostics.append(info("ris-name-order", f"name {name!r} has no comma; read as 'Given Family'", span))
        people.append(person)
    return SourceRecord(span, LAYOUT, "\n".join(raw.lines), fields, authors_format="structured", people=tuple(people))


def read_pages(raw: RawRecord, fields: dict[str, str]) -> None:
    start, end = (raw.get("SP") or [""])[0], (raw.get("EP") or [""])[0]
    if start and end and "-" not in start:
        fields["page"] = f"{start}-{end}"
    elif start or end:
        fields["page"] = start or end


def read_identifiers(raw: RawRecord, fields: dict[str, str], span: SourceSpan, diagnostics: list[Diagnostic]) -> None:
    # M3 is "type of work" in the RIS spec, but some exporters put the DOI there.
    for text in raw.get("M3"):
        if bare_doi(text):
            fields.setdefault("DOI", text)
        else:
            fields.setdefault("genre", text)
    arxiv_texts = raw.get("UR", "L2", "DO", "M3", "N1", "T2", "JO", "JF")
    if settle_identifiers(fields, arxiv_texts, span, diagnostics, "ris-doi", "DO") and fields.get("csl_type") in ("manuscript", "webpage"):
        fields["csl_type"] = "article"


def read_date(raw: RawRecord) -> str | None:
    """EDTF text from DA / PY / Y1 (`2022/12/15/`, `2022///`, `2022`): the most precise that agrees on the year."""
    best: list[str] = []
    for text in raw.get(*DATE_TAGS):
        match = RIS_DATE.match(text)
        if not match:
            continue
        year, month, day = match.groups()
        parts = [year] + ([f"{int(month):02d}"] if month else []) + ([f"{int(day):02d}"] if month and day else [])
        if not best or (parts[0] == best[0] and len(parts) > len(best)):
            best = parts
    return "-".join(best) or None


def read_name(text: str) -> tuple[Person, bool]:
    """RIS `Family, Given, Suffix` -> Person; (person, True) when a comma-less name had to be guessed."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 2:
        family, given = parts[0], parts[1]
        suffix = ", ".join(parts[2:]) or None
        guessed = False
    elif " " in text.strip():
        given, _, family = text.strip().rpartition(" ")
        suffix, guessed = None, True
    else:
        return Person(family=text.strip()), False
    particle = PARTICLE.match(family)
    return Person(
        family=particle.group(2) if particle else family,
        given=given or None,
        non_dropping_particle=particle.group(1).strip() if particle else None,
        suffix=suffix,
    ), guessed


READER = Reader(LAYOUT, sniff, read)
