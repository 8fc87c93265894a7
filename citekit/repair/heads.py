"""A feed or card head line -> score, category letters, printed date and the `Code` flag.

    CLDec 15, 2022       60.1SOC-PHApr 1       CLJun 28, 2023Code
The letters are glued to the month: they end where a month name (capital, then lowercase)
starts. The date keeps only what is printed; a head with no year gives no year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from citekit.model import PartialDate
from citekit.repair.dates import parse_printed_date

HEAD = re.compile(
    r"^\s*(?P<score>\d+(?:\.\d+)?)?"
    r"(?P<letters>[A-Z][A-Z\-]*?)"
    r"(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)"
    r"\s*(?P<code>Code)?\s*$"
)


@dataclass(frozen=True)
class Head:
    """What a head line prints."""

    letters: str | None
    issued: PartialDate | None
    score: str | None = None
    code: bool = False


def parse_head(line: str) -> Head | None:
    """The parts of a head line, or None when the line does not have a head's shape."""
    match = HEAD.match(line)
    if not match:
        return None
    return Head(match["letters"], parse_printed_date(match["date"]), match["score"], bool(match["code"]))
