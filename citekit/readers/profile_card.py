"""Profile card: a header about the owner, then blank-line-separated blocks of
head / title / authors / abstract.

    Amanda Askell            <- owner
    CL / h-index54 / 21papers / ... / 21 Papers   <- header facts; the claimed count is checked
    CLJun 28, 2023Code       <- head: category, date, optional Code flag
    Towards Measuring ...    <- title
    Esin Durmus, Karina Nguyen et al. · openai, stanford
    Large language models ...
"""
from __future__ import annotations

import re

from citekit.diagnostics import warning
from citekit.model import Diagnostic, SourceRecord, SourceSpan
from citekit.readers.base import Reader, is_head_line, numbered_lines

CLAIMED_PAPERS = re.compile(r"^\s*([\d,]+)\s*papers\s*$", re.IGNORECASE)
BODY_FIELDS = ("title", "authors", "abstract")


def sniff(text: str, path: str) -> float:
    """High when blank-line-separated blocks open with head lines after a header."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if is_head_line(line)]
    if not heads or heads[0] == 0:
        return 0.0
    opens_block = sum(1 for i in heads if not lines[i - 1].strip())
    return 0.5 + 0.5 * opens_block / len(heads) if "\n\n" in text else 0.0


def read(text: str, path: str) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """The owner and claimed paper count from the header, and one record per head line."""
    numbered = [(n, line) for n, line in numbered_lines(text) if line.strip()]
    first_head = next((i for i, (_, line) in enumerate(numbered) if is_head_line(line)), len(numbered))
    header = numbered[:first_head]
    owner = header[0][1].strip() if header else ""
    diagnostics: list[Diagnostic] = []
    groups: list[list[tuple[int, str]]] = []
    for number, line in numbered[first_head:]:
        if is_head_line(line):
            groups.append([(number, line)])
        else:
            groups[-1].append((number, line))
    records = []
    for group in groups:
        span = SourceSpan(path, group[0][0], group[-1][0])
        fields = {"owner": owner, "head": group[0][1]}
        body = [line for _, line in group[1:]]
        for name, line in zip(BODY_FIELDS, body):
            fields[name] = line
        if len(body) > len(BODY_FIELDS):
            fields["abstract"] = " ".join(line.strip() for line in body[2:])
            diagnostics.append(warning("extra-lines", f"{len(body) - 3} extra line(s) joined to the abstract", span))
        missing = [name for name in BODY_FIELDS[len(body):]]
        if missing:
            diagnostics.append(warning("missing-lines", f"block has no {' / '.join(missing)} line", span))
        raw = "\n".join(line for _, line in group)
        records.append(SourceRecord(span, "profile_card", raw, fields, authors_format="given-family"))
    diagnostics.extend(check_claimed_count(header, len(records), path))
    return records, diagnostics


def check_claimed_count(header: list[tuple[int, str]], found: int, path: str) -> list[Diagnostic]:
    """Warn for each header line claiming a paper count other than the blocks found."""
    out = []
    for number, line in header:
        match = CLAIMED_PAPERS.match(line)
        if match and int(match.group(1).replace(",", "")) != found:
            out.append(warning(
                "paper-count-mismatch",
                f"card header claims {match.group(1)} papers but {found} blocks were found",
                SourceSpan(path, number, number),
            ))
    return out


READER = Reader("profile_card", sniff, read)
