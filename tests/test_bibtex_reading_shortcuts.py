"""The BibTeX reader's shortcuts for plain values give what the general path gives.

Each shortcut is compared with the general code (or a by-hand copy of what it replaced) on
generated values built from the pieces that make each case differ: braces, escapes, `~`,
commas, particles, odd whitespace, `others`, LaTeX specials.
"""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from citekit.readers import bibtex_fields, bibtex_names, bibtex_values
from citekit.readers.bibtex_fields import FIELDS, csl_variables
from citekit.readers.bibtex_names import read_name, read_names, read_names_one_by_one, split_names
from citekit.readers.bibtex_values import VERBATIM_FIELDS, decode_verbatim, protected_groups, protected_text
from citekit.readers.identifiers import ArxivId, collect_arxiv_id, find_arxiv_id
from citekit.readers.latex_decode import collapse_space, decode_latex, has_latex_marks

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAME_PIECES = ["Smith", "van", "de", "J.", "Jr", "Müller", "Ann-Marie", ",", ", ", " ", "  ", "~", "\t", "\n",
               "\x0b", "\xa0", "{", "}", "{\\'e}", "\\'e", "\\", "$x$", "--", "''", "%", "=", "others", "DeAndre",
               # flat groups: special characters of either case, spaces, `~`, commas and escaped braces inside
               "{\\\"O}", "{\\l}", "{\\AE}", "{\\c c}", "{\\~n}", "{a,b}", "{\\}", "{\\{}", "{IBM}", "{x\\ y}", "{}"]


NAME_TEXT = st.lists(st.sampled_from(NAME_PIECES), max_size=10).map("".join)


@SETTINGS
# Any text, and `Family, Given` around one comma, the form the shortcut reads.
@given(st.one_of(NAME_TEXT, st.tuples(NAME_TEXT, NAME_TEXT).map(", ".join)))
@example("Thomas, Nancy")
@example("Zhang,  Zac~R. ")
@example("Smith,")
@example("$$, Ann")
@example("Gonz{\\'a}lez, Ana")
@example("Li, Bj{\\\"o}rn Ch{\\l}o{\\'e}~{\\AE}")
@example("{\\OE}, Ann")
@example("A{\\}b, C")
def test_simple_family_given_names_read_as_bibtexparser_reads_them(name):
    never = re.compile(r"(?!)")
    original = bibtex_names.SIMPLE_NAME
    try:
        bibtex_names.SIMPLE_NAME = never
        walked = read_name(name)
    finally:
        bibtex_names.SIMPLE_NAME = original
    assert read_name(name) == walked


@SETTINGS
@given(st.lists(st.sampled_from(NAME_PIECES + [" and ", " AND ", " and others", "Others", "{}"]), max_size=14).map("".join))
@example("Doe, Jane and others and Roe, Ann")
@example("Brothers, Ann and {} and Roe, Ann")
def test_name_lists_read_as_one_name_at_a_time(latex):
    result = read_names(latex)
    general = read_names_one_by_one(split_names(latex))
    assert (result.people, result.truncated, result.problems) == (general.people, general.truncated, general.problems)


@SETTINGS
@given(st.lists(st.sampled_from(["Ann", " and ", " AND ", " aNd ", "and", " ", "  ", "\t", "\n", "\r", "}", "{",
                                 "\xa0", "Lee", ","]), max_size=14).map("".join))
@example("Ann and Lee and }Kim")
def test_plain_and_separators_split_as_the_regex_splits_them(text):
    assert bibtex_names.split_on_and(text) == bibtex_names.AND.split(text)


def protected_groups_by_hand(latex: str) -> list[str]:
    """protected_groups' braces found as they first were: a walk over every character, counting backslashes."""
    def is_escaped(index: int) -> bool:
        backslashes = 0
        while index - backslashes - 1 >= 0 and latex[index - backslashes - 1] == "\\":
            backslashes += 1
        return backslashes % 2 == 1

    groups, depth, start = [], 0, 0
    for index, char in enumerate(latex):
        if char == "{" and not is_escaped(index):
            if depth == 0:
                start = index
            depth += 1
        elif char == "}" and not is_escaped(index) and depth > 0:
            depth -= 1
            if depth == 0:
                text = protected_text(latex, start, index)
                if text:
                    groups.append(text)
    return groups


TITLE_PIECES = ["The ", "{GPT}", "{", "}", "\\", "\\\\", "\\{", "\\}", "\\emph", "{\\\"o}", " ", "\n", "LLMs", "x", "%"]


@SETTINGS
@given(st.lists(st.sampled_from(TITLE_PIECES), max_size=12).map("".join))
@example(r"The {GPT} model and Sch{\"o}lkopf's \emph{idea} on {B}ayes")
@example("\\\\{Escaped backslash} then {Group}")
def test_protected_groups_found_as_a_character_walk_finds_them(latex):
    assert protected_groups(latex) == protected_groups_by_hand(latex)


@SETTINGS
@given(st.lists(st.sampled_from(["The ", "{GPT}", "{", "}", "{}", "{ }", "{a}{b}", " ", "\n", "\xa0", "LLMs", "%",
                                 "--", "~", "$x$", "{$x$}", "\\"]), max_size=12).map("".join))
@example("Beyond {LLMs} Language")
@example(" {Whole Title} \n")
@example("{A} and {B}")
def test_protected_groups_of_flat_titles_as_the_walk_finds_them(latex):
    assert protected_groups(latex) == bibtex_values.protected_groups_by_walk(latex)


def test_printable_text_holds_no_whitespace_but_the_space():
    """collapse_space's shortcut: str.split's whitespace other than " " is never printable."""
    printable_spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()]
    assert printable_spaces == [" "]


TEXT_PIECES = ["a", "b", " ", "  ", "\t", "\n", "\xa0", "\u2003", "\x1c", "é", "-", "--", "'", "''", "`", "``",
               "~", "{", "}", "\\", "$", "%", "!`", "?`", "!", "?"]


@SETTINGS
@given(st.lists(st.sampled_from(TEXT_PIECES), max_size=12).map("".join))
def test_plain_text_shortcuts_agree_with_the_general_forms(text):
    assert collapse_space(text) == " ".join(text.split())
    marks = ("\\", "{", "}", "~", "$", "%", "--", "``", "''", "!`", "?`")
    assert has_latex_marks(text) == any(mark in text for mark in marks)


def decode_verbatim_by_hand(text: str) -> str:
    text = text.strip()
    if text.startswith("\\url{") and text.endswith("}"):
        text = text[5:-1]
    while text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    return re.sub(r"\\([_%&#$~])", r"\1", text).strip()


ARXIV_PIECES = ["arXiv", "arxiv", "ar", "Xiv", "ı", "İ", ":", " ", "2212.08073", "v2", "\\_", "\\url{", "{", "}",
                "https://arxiv.org/abs/", "10.48550/", "[cs.CL]", "x"]


@SETTINGS
@given(st.lists(st.sampled_from(ARXIV_PIECES), max_size=10).map("".join))
@example("arXıv:2212.08073")
def test_only_values_naming_arxiv_can_hold_a_marked_id(text):
    assert decode_verbatim(text) == decode_verbatim_by_hand(text)
    if not bibtex_fields.ARXIV_WORD.search(text):
        assert find_arxiv_id(decode_verbatim(text)) is None


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(ARXIV_PIECES), max_size=10).map("".join), max_size=3))
@example(["https://arxiv.org/abs/2212.08073", "arXiv:2212.08073v2 [cs.CL]"])
def test_an_arxiv_id_gathered_from_one_text_is_the_one_found_in_it(texts):
    """collect_arxiv_id's shortcut for one text (or none) against its gathering over many, and ids
    made from C (tuple.__new__) against the NamedTuple's own constructor."""
    found = [a for a in map(find_arxiv_id, texts) if a is not None]
    for arxiv_id in found:
        made = ArxivId(*arxiv_id)
        assert type(arxiv_id) is ArxivId and arxiv_id == made and arxiv_id.fields() == made.fields()
    if len(texts) < 2:
        assert collect_arxiv_id(texts) == collect_arxiv_id([*texts, None, None])


def csl_variables_by_hand(values: dict[str, str]) -> list[tuple[str, str]]:
    """The CSL variables FIELDS fills, as the row-by-row loop filled them."""
    fields = {}
    for variable, sources in FIELDS.items():
        for source in sources:
            if source in values:
                text = decode_verbatim(values[source]) if source in VERBATIM_FIELDS else decode_latex(values[source])
                if text:
                    fields[variable] = text
                    break
    return list(fields.items())


SOURCE_NAMES = sorted({source for sources in FIELDS.values() for source in sources} | {"year", "crossref", "eprint"})


@SETTINGS
@given(st.dictionaries(st.sampled_from(SOURCE_NAMES), st.sampled_from(["", "{}", " ", "Text", "Other {X}", "12--14"]),
                       max_size=14))
@example({"booktitle": "B", "journal": "{}", "journaltitle": "J", "school": "S", "publisher": "P"})
def test_variables_filled_in_table_order_from_the_first_source_with_text(values):
    assert list(csl_variables(values).items()) == csl_variables_by_hand(values)


@pytest.mark.parametrize("values, date, problems", [
    ({"year": "2019", "month": "June"}, "2019-06", []),
    ({"year": "2019", "month": "jun."}, "2019-06", []),
    ({"year": "2019", "month": "6", "day": "5"}, "2019-06-05", []),
    ({"year": "19xx"}, None, ["year '19xx' is not a year; date left out"]),
    ({"year": "2019", "month": "Brumaire"}, "2019", ["month 'brumaire' is not a month; date kept to the year"]),
    ({"date": "2023-02-15/2023-02-17", "year": "1999"}, "2023-02-15", []),
])
def test_dates_and_their_problems_are_told_every_time(values, date, problems):
    """The date of equal fields is remembered; the problem is still reported for every entry."""
    for _ in range(2):
        found = []
        assert bibtex_fields.read_date(values, found) == date
        assert found == problems


@SETTINGS
@given(st.lists(st.sampled_from(["\\", "\\\\", " ", "\n", "a", "N", "d", "x", "{", "}", "é", "\u2003"]), max_size=8).map("".join))
def test_unusual_escapes_found_from_their_backslash(text):
    """The regex anchored on the backslash finds what the two-sided one finds."""
    two_sided = re.compile(r"[\saAnNdD]\\|\\[\s{}aAnNdD]")
    assert bool(bibtex_names.UNUSUAL_ESCAPE.search(text)) == bool(two_sided.search(text))
