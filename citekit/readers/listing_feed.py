"""Listing feed: records of a head line, a title glued to its author list, and an abstract.

    CLDec 15, 2022
    Constitutional AI: Harmlessness from AI FeedbackYuntao Bai, Saurav Kadavath et al. · anthropic
    As AI systems become more capable, ...

A head line opens each record, so a missing abstract or an extra blank line shifts nothing:
the lines between two heads are the glued line and the abstract, in that order.
"""
from __future__ import annotations

from citekit.diagnostics import warning
from citekit.model import Diagnostic, SourceRecord, SourceSpan
from citekit.readers.base import Reader, is_head_line, numbered_lines


def sniff(text: str, path: str) -> float:
    """High when heads open records with no blank lines between: lines 1, 4, 7, ... are heads."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or not is_head_line(lines[0]):
        return 0.0
    blank_separated = "\n\n" in text.strip("\n")
    heads = sum(1 for line in lines if is_head_line(line))
    expected = (len(lines) + 2) // 3
    score = min(heads, expected) / expected
    return score * (0.6 if blank_separated else 1.0)


def read(text: str, path: str) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """One record per head line, with the glued title/author line and the abstract after it."""
    records: list[SourceRecord] = []
    diagnostics: list[Diagnostic] = []
    groups: list[list[tuple[int, str]]] = []
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        if is_head_line(line):
            groups.append([(number, line)])
        elif groups:
            groups[-1].append((number, line))
        else:
            diagnostics.append(warning("stray-line", "text before the first head line is not a record; skipped", SourceSpan(path, number, number)))
    for group in groups:
        span = SourceSpan(path, group[0][0], group[-1][0])
        body = [line for _, line in group[1:]]
        fields = {"head": group[0][1]}
        if body:
            fields["title_authors"] = body[0]
        if len(body) >= 2:
            fields["abstract"] = " ".join(line.strip() for line in body[1:])
        if len(body) > 2:
            diagnostics.append(warning("extra-lines", f"{len(body) - 2} extra line(s) joined to the abstract", span))
        if not body:
            diagnostics.append(warning("empty-record", "head line with no title or abstract", span))
        elif len(body) == 1:
            diagnostics.append(warning("missing-abstract", "record has no abstract line", span))
        raw = "\n".join(line for _, line in group)
        records.append(SourceRecord(span, "listing_feed", raw, fields, authors_format="given-family"))
    return records, diagnostics


READER = Reader("listing_feed", sniff, read)
