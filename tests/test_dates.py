"""Printed dates and feed/card head lines: only what is printed, never an invented year."""
import pytest

from citekit.model import PartialDate
from citekit.repair.dates import parse_printed_date
from citekit.repair.heads import parse_head

DATE_CASES = [
    {"label": "abbreviated month, day, year", "text": "Dec 15, 2022", "expect": PartialDate(2022, 12, 15)},
    {"label": "month and day only: no year invented", "text": "Apr 1", "expect": PartialDate(None, 4, 1)},
    {"label": "full month name", "text": "September 3, 2019", "expect": PartialDate(2019, 9, 3)},
    {"label": "Sept abbreviation", "text": "Sept 3, 2019", "expect": PartialDate(2019, 9, 3)},
    {"label": "abbreviation with a dot", "text": "Mar. 4, 2022", "expect": PartialDate(2022, 3, 4)},
    {"label": "day first", "text": "3 Mar 2020", "expect": PartialDate(2020, 3, 3)},
    {"label": "month and year", "text": "May 2019", "expect": PartialDate(2019, 5, None)},
    {"label": "ISO full", "text": "2022-12-15", "expect": PartialDate(2022, 12, 15)},
    {"label": "ISO year-month", "text": "2022-12", "expect": PartialDate(2022, 12, None)},
    {"label": "year only", "text": "2022", "expect": PartialDate(2022, None, None)},
    {"label": "EDTF month-day without year", "text": "--04-01", "expect": PartialDate(None, 4, 1)},
    {"label": "29 February without a year may exist", "text": "Feb 29", "expect": PartialDate(None, 2, 29)},
    {"label": "29 February of a common year does not", "text": "Feb 29, 2021", "expect": None},
    {"label": "30 February never", "text": "Feb 30", "expect": None},
    {"label": "month 13", "text": "2022-13", "expect": None},
    {"label": "not a month", "text": "Foo 3, 2020", "expect": None},
    {"label": "prose", "text": "last spring", "expect": None},
    {"label": "empty", "text": "", "expect": None},
]


@pytest.mark.parametrize("case", DATE_CASES, ids=lambda c: c["label"])
def test_printed_date(case):
    assert parse_printed_date(case["text"]) == case["expect"]


HEAD_CASES = [
    {"label": "feed head", "line": "CLDec 15, 2022", "letters": "CL", "issued": PartialDate(2022, 12, 15), "score": None, "code": False},
    {"label": "score, physics letters, no year", "line": "60.1SOC-PHApr 1", "letters": "SOC-PH",
     "issued": PartialDate(None, 4, 1), "score": "60.1", "code": False},
    {"label": "card head with Code flag", "line": "CLJun 28, 2023Code", "letters": "CL",
     "issued": PartialDate(2023, 6, 28), "score": None, "code": True},
    {"label": "letters whose last letter starts a month name", "line": "COOct 3, 2020", "letters": "CO",
     "issued": PartialDate(2020, 10, 3), "score": None, "code": False},
    {"label": "integer score, full month name", "line": "12MLJune 2", "letters": "ML", "issued": PartialDate(None, 6, 2),
     "score": "12", "code": False},
    {"label": "impossible day keeps the letters", "line": "CLFeb 30, 2020", "letters": "CL", "issued": None, "score": None,
     "code": False},
]


@pytest.mark.parametrize("case", HEAD_CASES, ids=lambda c: c["label"])
def test_head(case):
    head = parse_head(case["line"])
    assert (head.letters, head.issued, head.score, head.code) == (case["letters"], case["issued"], case["score"], case["code"])


@pytest.mark.parametrize("line", ["Amanda Askell", "h-index54", "21 Papers", "CL", "Dec 15, 2022", ""])
def test_lines_that_are_not_heads(line):
    assert parse_head(line) is None
