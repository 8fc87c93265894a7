"""BibTeX and biblatex files -> one SourceRecord per entry, the user's key pinned.

bibtexparser 2's blocks (found by bibtex_scan's regexes; a broken stretch by bibtexparser, which
recovers after it); values, names and LaTeX are read by citekit (bibtex_values, bibtex_names,
bibtex_fields). Nothing
vanishes: a block that cannot be read is a warning with its line and reason; a duplicate
key still gives a record (its key is not pinned a second time); an undefined @string, a
repeated field or a crossref to nowhere is a warning and the entry is read as far as it goes.
"""
from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass

from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.model import Block, ImplicitComment, ParsingFailedBlock, String

from citekit.diagnostics import info, warning
from citekit.model import Diagnostic, SourceRecord, SourceSpan
from citekit.readers.base import Reader
from citekit.readers.bibtex_fields import TYPES, entry_fields
from citekit.readers.bibtex_names import read_names
from citekit.readers.bibtex_scan import EntryBlock, scan_blocks
from citekit.readers.bibtex_values import Macros, protected_groups

LAYOUT = "bibtex"
BLOCK_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
ENTRY_LIKE = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+", re.MULTILINE)
FAILED_KEY = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)")
# Fields a crossref child never takes from its parent; the parent's title becomes its booktitle.
NOT_INHERITED = frozenset({"crossref", "title", "ids", "key", "label", "shorthand"})


@dataclass
class ParsedEntry:
    """An entry's type, key and macro-expanded LaTeX values (first occurrence of a field wins)."""

    entry_type: str
    key: str
    values: dict[str, str]
    span: SourceSpan
    raw: str
    pinned: bool


def sniff(text: str, path: str) -> float:
    """Near-certain for a .bib file with entries; high for any text whose lines open `@type{`."""
    types = [t.lower() for t in BLOCK_START.findall(text)]
    if not types:
        return 0.0
    if path.lower().endswith((".bib", ".bibtex", ".biblatex")):
        return 0.95
    known = sum(1 for t in types if t in TYPES or t in ("string", "preamble", "comment"))
    return 0.9 if known / len(types) >= 0.5 else 0.4


def read(text: str, path: str) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """One record per entry, in file order, with every problem reported at its line."""
    entries, diagnostics = parse_entries(text, path)
    by_key: dict[str, ParsedEntry] | None = None  # built at the first crossref: most files have none
    records = []
    for entry in entries:
        values = entry.values
        parent_key = values.get("crossref", "").strip("{} ") if "crossref" in values else ""
        if parent_key:
            if by_key is None:
                by_key = {e.key.lower(): e for e in reversed(entries) if e.key}
            parent = by_key.get(parent_key.lower())
            if parent is None:
                diagnostics.append(warning("bibtex-crossref", f"crossref {parent_key!r} names no entry in this file; "
                                           "nothing inherited", entry.span))
            else:
                values = inherit(values, parent.values)
        records.append(make_record(entry, values, diagnostics))
    return records, sorted(diagnostics, key=lambda d: d.span.first_line if d.span else 0)


def parse_entries(text: str, path: str) -> tuple[list[ParsedEntry], list[Diagnostic]]:
    """Walk bibtexparser's blocks in file order: define macros, expand entries, report failures."""
    macros = Macros()
    diagnostics: list[Diagnostic] = []
    entries: list[ParsedEntry] = []
    first_line_of_key: dict[str, int] = {}
    lowered_names: dict[tuple[str, ...], list[str]] = {}
    for block in split_blocks(text):
        span = block_span(block, path)
        if type(block) is EntryBlock:
            entry = expand_entry(block, macros, span, diagnostics, lowered_names)
            key = entry.key.lower()
            if key and key in first_line_of_key:
                entry.pinned = False
                diagnostics.append(warning("bibtex-duplicate-key", f"key {entry.key!r} is already used at line "
                                           f"{first_line_of_key[key]}; this entry is read, its key is not pinned", span))
            elif key:
                first_line_of_key[key] = span.first_line
            entries.append(entry)
        elif isinstance(block, String):
            for name in macros.define(block.key, block.value):
                diagnostics.append(warning("bibtex-undefined-string", f"@string {name!r} is not defined", span))
        elif isinstance(block, ParsingFailedBlock):
            diagnostics.append(warning("bibtex-unreadable-entry", failure_reason(block), span))
        elif isinstance(block, ImplicitComment) and ENTRY_LIKE.search(block.comment):
            diagnostics.append(warning("bibtex-unreadable-entry", "text that starts like an entry ('@') but has no "
                                       "`{` or `(` after its type; skipped", span))
    return entries, diagnostics


def split_blocks(text: str) -> list[Block | EntryBlock]:
    """bibtexparser's blocks with no middleware, as its Splitter gives them, an entry as an EntryBlock.

    The regex scanner finds them; bibtexparser splits what it is not sure of (a broken entry, a
    `(`-delimited one, ...), its log lines silenced.
    """
    loggers = [logging.getLogger(name) for name in ("bibtexparser", "bibtexparser.splitter", "bibtexparser.entrypoint")]
    were_disabled = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        return scan_blocks(text)
    finally:
        for logger, was_disabled in zip(loggers, were_disabled, strict=True):
            logger.disabled = was_disabled


def expand_entry(block: EntryBlock, macros: Macros, span: SourceSpan, diagnostics: list[Diagnostic],
                 lowered_names: dict[tuple[str, ...], list[str]]) -> ParsedEntry:
    """The entry (at `span`) with its values macro-expanded, the first of a repeated field kept (and warned about).

    `lowered_names` keeps each sequence of field names met in the file lower-cased: entries of one
    exporter repeat a few, and the interned names are the readers' own constants (`"title"`).
    """
    written = tuple(block.names)
    names = lowered_names.get(written)
    if names is None:
        names = lowered_names[written] = [sys.intern(name.lower()) for name in written]
    raws = block.values
    values = dict(zip(names, raws))
    if len(values) == len(names) and "#" not in block.raw:
        # Most entries: no field twice, no `#` joining pieces; a braced value (the scanner gave the
        # text inside its braces) is its text, only the others (`month = jan`, `year = 2020`) are looked up.
        # Macros.expand's cache of values expanded before, asked first: no call for `month = sep`.
        known = macros.known
        for index in block.unbraced:
            text = known.get(raws[index])
            values[names[index]] = text if text is not None else _expanded(block, names, index, raws[index], macros,
                                                                           span, diagnostics)
        return ParsedEntry(block.entry_type, block.key, values, span, block.raw, True)
    repeated = block.repeated()  # the names as written: `Title` and `title` are not repeated
    if repeated:
        diagnostics.append(warning("bibtex-repeated-field", f"field(s) {', '.join(sorted(repeated))} given "
                                   "twice; the first is read", span))
    values = {}
    unbraced = block.unbraced
    for index, (name, raw) in enumerate(zip(names, raws)):
        if name in values:
            continue
        if index not in unbraced:
            if "#" not in raw:
                values[name] = raw
                continue
            raw = "{" + raw + "}"
        values[name] = _expanded(block, names, index, raw, macros, span, diagnostics)
    return ParsedEntry(block.entry_type, block.key, values, span, block.raw, True)


def _expanded(block: EntryBlock, names: list[str], index: int, raw: str, macros: Macros, span: SourceSpan,
              diagnostics: list[Diagnostic]) -> str:
    """The raw value of field `index` (of the lower-cased `names`, its first) macro-expanded; a warning
    at its line for each undefined macro."""
    text, undefined = macros.expand(raw)
    for macro in undefined:
        line = block.field_lines()[index] + 1
        diagnostics.append(warning("bibtex-undefined-string", f"@string {macro!r} in field {names[index]!r} is not "
                                   "defined; its name is kept as text", SourceSpan(span.path, line, line)))
    return text


def inherit(values: dict[str, str], parent: dict[str, str]) -> dict[str, str]:
    """A crossref child's values with the parent's filling the gaps (parent title -> booktitle)."""
    merged = dict(values)
    for name, value in parent.items():
        if name not in NOT_INHERITED:
            merged.setdefault(name, value)
    if "title" in parent:
        merged.setdefault("booktitle", parent["title"])
    return merged


def make_record(entry: ParsedEntry, values: dict[str, str], diagnostics: list[Diagnostic]) -> SourceRecord:
    fields, problems = entry_fields(entry.entry_type, values)
    for problem in problems:
        diagnostics.append(warning("bibtex-field", problem, entry.span))
    if "title" in values:
        protected = protected_groups(values["title"])
        if protected:
            fields["title-protected"] = "\n".join(dict.fromkeys(protected))
    if entry.key and entry.pinned:
        fields["citation-key"] = entry.key
    names = read_names(values["author"]) if values.get("author") else None
    if names is None:
        diagnostics.append(info("bibtex-no-author", f"entry {entry.key!r} has no author field", entry.span))
    else:
        for problem in names.problems:
            diagnostics.append(warning("bibtex-name", problem, entry.span))
    return SourceRecord(
        span=entry.span,
        layout=LAYOUT,
        raw_text=entry.raw,
        fields=fields,
        authors_format="structured",
        people=names.people if names else (),
        people_truncated=names.truncated if names else False,
    )


def block_span(block: Block | EntryBlock, path: str) -> SourceSpan:
    """The block's real lines (bibtexparser counts from 0)."""
    if type(block) is EntryBlock:
        return SourceSpan(path, block.start_line + 1, block.last_line + 1)
    first = (block.start_line or 0) + 1
    raw = (block.raw or "").rstrip()
    return SourceSpan(path, first, first + raw.count("\n"))


def failure_reason(block: ParsingFailedBlock) -> str:
    """`@article{key`: why bibtexparser gave up on it, in one line."""
    match = FAILED_KEY.search(block.raw or "")
    what = f"@{match.group(1)}{{{match.group(2)}}}" if match else "block"
    error = block.error
    reason = error.abort_reason if isinstance(error, BlockAbortedException) else str(error)
    reason = reason.strip().rstrip(".")
    return f"{what} cannot be read ({reason or 'syntax error'}; unbalanced braces or quotes?); skipped"


READER = Reader(LAYOUT, sniff, read)
