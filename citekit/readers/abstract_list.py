"""Abstract list: one `Abstract:` record per line, nothing else.

Such records carry no title or authors; resolve matches them to titled records by their
abstract text. A line without the prefix continues the record before it (a wrapped abstract).
"""
from __future__ import annotations

import re

from citekit.diagnostics import info, warning
from citekit.model import Diagnostic, SourceRecord, SourceSpan
from citekit.readers.base import Reader, numbered_lines

PREFIX = re.compile(r"^\s*abstract\s*:\s*", re.IGNORECASE)


def sniff(text: str, path: str) -> float:
    """The share of non-blank lines that start with `Abstract:`."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return 0.0
    return sum(1 for line in lines if PREFIX.match(line)) / len(lines)


def read(text: str, path: str) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """One record per `Abstract:` line; wrapped continuation lines join the record above."""
    pieces: list[tuple[int, int, list[str]]] = []
    diagnostics: list[Diagnostic] = []
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        if PREFIX.match(line):
            pieces.append((number, number, [line]))
        elif pieces:
            first, _, lines = pieces[-1]
            pieces[-1] = (first, number, [*lines, line])
            diagnostics.append(info("wrapped-abstract", "line continues the abstract above", SourceSpan(path, number, number)))
        else:
            diagnostics.append(warning("stray-line", "text before the first 'Abstract:' line is not a record; skipped", SourceSpan(path, number, number)))
    records = []
    for first, last, lines in pieces:
        raw = "\n".join(lines)
        abstract = " ".join(PREFIX.sub("", line, count=1).strip() if i == 0 else line.strip() for i, line in enumerate(lines))
        span = SourceSpan(path, first, last)
        if not abstract:
            diagnostics.append(warning("empty-record", "'Abstract:' line with no text; skipped", span))
            continue
        records.append(SourceRecord(span, "abstract_list", raw, {"abstract": abstract}, authors_format="none"))
    return records, diagnostics


READER = Reader("abstract_list", sniff, read)
