"""Profile list: an owner line, then blocks of title / flat author list / abstract, no separators.

    Olsson, Catherine                       <- owner ("Family, Given")
    Constitutional Classifiers: ...         <- title
    Sharma, Mrinank, Tong, Meg, ...         <- flat "Family, Given" list
    Large language models (LLMs) are ...    <- abstract

Lines are classified by shape, not by position, so a block missing its abstract does not
shift every block after it: a block starts at a line followed by an author-list line.
"""
from __future__ import annotations

import re

from citekit.diagnostics import warning
from citekit.model import Diagnostic, SourceRecord, SourceSpan
from citekit.readers.base import Reader, is_head_line, numbered_lines

# A name token in a flat list: a few words, no sentence punctuation. Placeholders count too.
# Combining marks are allowed because NFD text (`Jo` + U+0308 + `rg`) is repaired only later.
NAME_TOKEN = re.compile(r"^[^\W\d_][\w\u0300-\u036f.'’\- ]{0,60}$|^(?:null|:|-|N/A|None)$", re.UNICODE)
OWNER_LINE = re.compile(r"^[^\W\d_][\w.'’\- ]{0,40}, [^\W\d_][\w.'’\- ]{0,40}$", re.UNICODE)


def is_author_line(line: str) -> bool:
    """True when the line reads as a flat comma list of short name tokens (at least two)."""
    tokens = [t.strip() for t in line.split(",")]
    if len(tokens) < 2:
        return False
    named = sum(1 for t in tokens if NAME_TOKEN.match(t) and len(t.split()) <= 4)
    return named / len(tokens) >= 0.9


def is_title_shaped(line: str) -> bool:
    """Titles are short and rarely end in a full stop; abstracts are long sentences."""
    return len(line) <= 300 and not line.rstrip().endswith(".")


def sniff(text: str, path: str) -> float:
    """High when an owner line opens the file and author-list lines recur every third line."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3 or not OWNER_LINE.match(lines[0].strip()) or any(is_head_line(l) for l in lines[:4]):
        return 0.0
    if "\n\n" in text.strip("\n"):
        return 0.2
    author_lines = sum(1 for line in lines[1:] if is_author_line(line))
    expected = max(1, (len(lines) - 1) // 3)
    return min(1.0, author_lines / expected) * 0.95


def read(text: str, path: str) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """The owner, then one record per title line that is followed by an author-list line."""
    lines = [(n, line) for n, line in numbered_lines(text) if line.strip()]
    diagnostics: list[Diagnostic] = []
    if not lines:
        return [], diagnostics
    owner = lines[0][1].strip()
    body = lines[1:]
    starts: list[int] = []
    for i in range(len(body) - 1):
        # A line that is the author line of the block just started cannot start one (an abstract
        # such as ":,:" reads like an author list too); every block keeps a title and an author line.
        if (not starts or i > starts[-1] + 1) and is_author_line(body[i + 1][1]) and is_title_shaped(body[i][1]):
            starts.append(i)
    records = []
    covered = set()
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(body)
        block = body[start:end]
        covered.update(range(start, end))
        span = SourceSpan(path, block[0][0], block[-1][0])
        fields = {"owner": owner, "title": block[0][1], "authors": block[1][1]}
        if len(block) >= 3:
            fields["abstract"] = " ".join(line.strip() for _, line in block[2:])
        else:
            diagnostics.append(warning("missing-abstract", "record has no abstract line", span))
        if len(block) > 3:
            diagnostics.append(warning("extra-lines", f"{len(block) - 3} extra line(s) joined to the abstract", span))
        raw = "\n".join(line for _, line in block)
        records.append(SourceRecord(span, "profile_list", raw, fields, authors_format="family-given-flat"))
    for index, (number, _) in enumerate(body):
        if index not in covered:
            diagnostics.append(warning("stray-line", "line is not part of any title/authors/abstract block; skipped", SourceSpan(path, number, number)))
    return records, diagnostics


READER = Reader("profile_list", sniff, read)
