"""Printed dates -> PartialDate, keeping only what is printed: a missing year stays missing.

Accepted: `Mon D, YYYY`, `Month D, YYYY`, `Mon D`, `D Mon YYYY`, `Mon YYYY`, ISO `YYYY-MM-DD`,
`YYYY-MM`, `YYYY`, and EDTF `--MM-DD`. A day that cannot exist in its month is no date.
"""
from __future__ import annotations

import calendar
import functools
import re

from citekit.model import PartialDate

MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
PATTERNS = (
    re.compile(rf"^{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$"),
    re.compile(r"^--(?P<month>\d{2})(?:-(?P<day>\d{2}))?$"),
)


@functools.lru_cache(maxsize=4096)  # dates recur: a library prints few distinct ones
def parse_printed_date(text: str) -> PartialDate | None:
    """The date `text` prints, or None when it is no date; never invents a year, month or day."""
    text = text.strip()
    for pattern in PATTERNS:
        match = pattern.match(text)
        if match:
            return build_date(match.groupdict())
    return None


def build_date(parts: dict[str, str | None]) -> PartialDate | None:
    year = int(parts["year"]) if parts.get("year") else None
    month_text = parts.get("month")
    month = None
    if month_text:
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.casefold())
        if month is None or not 1 <= month <= 12:
            return None
    day = int(parts["day"]) if parts.get("day") else None
    if day is not None:
        # Without a year, 29 February must stay possible.
        last = calendar.monthrange(year if year is not None else 2000, month)[1]
        if not 1 <= day <= last:
            return None
    return PartialDate(year, month, day)
