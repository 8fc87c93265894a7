"""The Reader record every reader module exports, and line helpers the text layouts share."""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable

from citekit.model import Diagnostic, SourceRecord


@dataclass(frozen=True)
class Reader:
    """A layout family: how to recognise it and how to read it."""

    name: str
    sniff: Callable[[str, str], float]
    read: Callable[[str, str], tuple[list[SourceRecord], list[Diagnostic]]]


# A feed or card head: optional score, arXiv letters glued to the month, `Mon D` or `Mon D, YYYY`,
# optional `Code` flag. Only the shape is checked here; repair parses the parts.
HEAD_LINE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)?)?[A-Z][A-Z.\-]{0,12}?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?\s*(?:Code)?\s*$"
)


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """The text's lines with their 1-based numbers."""
    return list(enumerate(text.split("\n"), start=1))


def is_head_line(line: str) -> bool:
    """True when the line has the shape of a feed/card head (category + date)."""
    return bool(HEAD_LINE.match(line))
