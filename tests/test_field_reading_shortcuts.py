"""The field and name readers' caches and shortcuts give what the plain functions give.

PEOPLE_OF_NAMES (read_names' cache) against read_name, csl_variables' cached layouts against
reading each entry afresh, is_printable's byte test for long text against str.isprintable (on
generated values and on every value of the .bib fixtures: exports of real tools, broken files),
bare_doi's skipped unquote, the arXiv version an entry's URL adds to its eprint, and the arXiv
regexes run case-sensitively on lower-cased ASCII text against the IGNORECASE ones.
"""
from __future__ import annotations

import pathlib
import sys
import urllib.parse

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from citekit.readers import bibtex_fields, bibtex_names
from citekit.readers.bibtex import parse_entries
from citekit.readers.bibtex_fields import ARXIV_WORD, csl_variables, entry_fields, names_arxiv
from citekit.readers.bibtex_names import PEOPLE_OF_NAMES, read_name, read_names, read_names_one_by_one, split_names
from citekit.readers.identifiers import (BARE_ARXIV, MARKED_ARXIV, bare_arxiv_match, find_arxiv_id,
                                         marked_arxiv_match)
from citekit.printable import LONG_TEXT, is_printable
from citekit.readers.latex_decode import collapse_space

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = pathlib.Path(__file__).parent.parent
BIB_FILES = sorted([*ROOT.glob("tests/fixtures/**/*.bib"), *ROOT.glob("seeds/*.bib")])


def fixture_entries():
    for path in BIB_FILES:
        entries, _ = parse_entries(path.read_text(encoding="utf-8", errors="surrogateescape"), str(path))
        yield from entries


NAME_PIECES = ["Smith", "van", "J.", "Müller", ",", ", ", " ", "~", "\t", "\x0b", "\xa0", "{", "}", "{\\'e}", "\\",
               "others", "Others", "OTHERS", "oThErS", "brothers", "{others}", " and ", "$x$", "{IBM}"]


@SETTINGS
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=8).map("".join))
@example(" others ")
@example("\x0bOthers\xa0")
def test_a_cached_name_is_read_names_person_or_none_for_others(name):
    expected = None if name.strip().lower() == "others" else read_name(name)
    assert PEOPLE_OF_NAMES[name] == expected
    assert PEOPLE_OF_NAMES[name] == expected  # and the same when looked up again


def test_the_names_cache_empties_when_full_and_reads_on(monkeypatch):
    monkeypatch.setattr(bibtex_names, "PEOPLE_CACHE_SIZE", 3)
    PEOPLE_OF_NAMES.clear()
    names = ["Doe, Jane", "Roe, Ann", "others", "Li, Wei", "Doe, Jane", "{IBM}", "Smith"]
    for name in names:
        assert PEOPLE_OF_NAMES[name] == (None if name == "others" else read_name(name))
        assert len(PEOPLE_OF_NAMES) <= 3
    PEOPLE_OF_NAMES.clear()


@pytest.mark.parametrize("path", BIB_FILES, ids=[p.name for p in BIB_FILES])
def test_name_lists_of_real_files_read_as_one_name_at_a_time(path):
    entries, _ = parse_entries(path.read_text(encoding="utf-8", errors="surrogateescape"), str(path))
    lists = [entry.values[field] for entry in entries for field in ("author", "editor") if entry.values.get(field)]
    for latex in lists:
        names = split_names(latex)
        result = read_names(latex)
        general = read_names_one_by_one(names)
        assert (result.people, result.truncated, result.problems) == (general.people, general.truncated,
                                                                      general.problems)
        others = [n for n in names if n.strip().lower() == "others"]
        assert [PEOPLE_OF_NAMES[n] for n in names] == [None if n in others else read_name(n) for n in names]


def test_variables_of_real_entries_read_alike_with_a_cold_or_a_warm_layout_cache(monkeypatch):
    entries = list(fixture_entries())
    assert len(entries) > 30
    first = [csl_variables(entry.values) for entry in entries]  # layouts cached as they come
    again = [csl_variables(entry.values) for entry in entries]  # every layout from the cache
    monkeypatch.setattr(bibtex_fields, "LAYOUT_CACHE_SIZE", 2)
    bibtex_fields.SOURCES_OF_LAYOUTS.clear()
    crowded = [csl_variables(entry.values) for entry in entries]  # the cache emptied again and again
    assert first == again == crowded
    assert len(bibtex_fields.SOURCES_OF_LAYOUTS) <= 2
    bibtex_fields.SOURCES_OF_LAYOUTS.clear()


def test_reordered_fields_fill_the_same_variables():
    """The layout key is the field names in entry order; the variables never depend on that order."""
    values = {"journal": "J", "booktitle": "B", "title": "T", "doi": "{10.1/x}", "school": "S", "address": "A"}
    reordered = dict(reversed(values.items()))
    assert csl_variables(values) == csl_variables(reordered)
    assert list(csl_variables(values)) == list(csl_variables(reordered))


# Printable ASCII in long runs (as abstracts are), and what isprintable rejects or looks up in Unicode's
# tables: controls, DEL, non-ASCII whitespace, a lone surrogate (surrogateescape'd bytes), letters, emoji.
LONG_RUN = "Models error reasoning whether outputs by scaling each on this optimization. " * 3
PRINTABLE_PIECES = [LONG_RUN, "a", " ", "  ", "\t", "\n", "\x00", "\x1f", "\x7f", "\x85", "\xa0", "\xad", "é", "—",
                    "\u2003", "\u2028", "\u200b", "東京", "\U0001f600", "\udcff", "\ud800", "~", "{"]


@SETTINGS
@given(st.lists(st.sampled_from(PRINTABLE_PIECES), max_size=8).map("".join))
@example(LONG_RUN + "\udcff")
@example(LONG_RUN + "\x7f")
@example(LONG_RUN.strip() + " — " + LONG_RUN.strip())
def test_long_and_short_text_is_printable_as_str_isprintable_says(text):
    assert is_printable(text) == text.isprintable()
    assert collapse_space(text) == " ".join(text.split())


def test_generated_long_text_crosses_the_length_that_changes_the_check():
    assert len(LONG_RUN) >= LONG_TEXT


def test_every_value_of_real_files_is_printable_as_str_isprintable_says():
    values = [value for entry in fixture_entries() for value in entry.values.values()]
    assert any(len(value) >= LONG_TEXT for value in values)
    for value in values:
        assert is_printable(value) == value.isprintable()
        assert collapse_space(value) == " ".join(value.split())


def test_every_character_is_printable_alone_and_among_ascii_as_str_isprintable_says():
    """The byte test decodes what is left of the UTF-8: every code point, surrogates included, reads back."""
    padding = "x" * LONG_TEXT
    # Every whitespace character and the controls lie below U+3100; surrogates whole; the rest sampled.
    codes = [*range(0x3100), *range(0xD800, 0xE000), *range(0x3100, sys.maxunicode + 1, 97)]
    for code in codes:
        text = padding + chr(code) + padding
        assert is_printable(text) == text.isprintable(), hex(code)


@SETTINGS
@given(st.lists(st.sampled_from(["10.1000/", "abc", "%2F", "%", "%zz", "%C3%A9", "é", " ", "doi:", "."]), max_size=8)
       .map("".join))
def test_text_without_a_percent_sign_is_left_as_it_is_by_unquote(text):
    """bare_doi calls unquote only when a `%` is there: without one, unquote returns its text."""
    if "%" not in text:
        assert urllib.parse.unquote(text) == text


URL_AND_EPRINT = [
    {"label": "eprint without version, URL without version", "eprint": "2212.08073",
     "url": "https://arxiv.org/abs/2212.08073", "expected": {"arxiv": "2212.08073"}},
    {"label": "eprint without version, URL with one", "eprint": "2212.08073",
     "url": "https://arxiv.org/abs/2212.08073v3", "expected": {"arxiv": "2212.08073", "arxiv-version": "v3"}},
    {"label": "eprint with its own version wins", "eprint": "2212.08073v2",
     "url": "https://arxiv.org/abs/2212.08073v3", "expected": {"arxiv": "2212.08073", "arxiv-version": "v2"}},
    {"label": "URL of another paper adds nothing", "eprint": "2212.08073",
     "url": "https://arxiv.org/abs/1706.03762v7", "expected": {"arxiv": "2212.08073"}},
]


@pytest.mark.parametrize("case", URL_AND_EPRINT, ids=[c["label"] for c in URL_AND_EPRINT])
def test_an_eprint_takes_its_version_from_the_url_of_the_same_id(case):
    values = {"title": "T", "eprint": case["eprint"], "archiveprefix": "arXiv", "primaryclass": "cs.CL",
              "url": case["url"]}
    fields, problems = entry_fields("misc", values)
    assert {k: v for k, v in fields.items() if k in ("arxiv", "arxiv-version")} == case["expected"]
    assert fields["arxiv-category"] == "cs.CL" and problems == []


# Ids and their marks in every case, with what IGNORECASE alone folds (ı, İ, the Kelvin sign) and spaces.
ARXIV_CASE_PIECES = ["arXiv", "ARXIV", "arxiv", "ArXiV", "arxıv", "ARXİV", ":", " ", "\t", "2212.08073", "2401.12345",
                     "v2", "V3", "hep-th/9901001", "HEP-TH/9901001", "math.GT/0309136", "MATH.gt/0309136", ".pdf",
                     ".PDF", "[cs.CL]", "[CS.cl]", "[hep-th]", "[cs]", "10.48550/", "https://arxiv.org/abs/",
                     "HTTPS://ARXIV.ORG/PDF/", "arxiv.org/html/", "\u212a", "x", "/"]


def assert_same_match(fast, general):
    assert (fast is None) == (general is None)
    if general is not None:
        assert fast.span() == general.span()
        for name in general.re.groupindex:
            assert fast.span(name) == general.span(name)
            assert (fast.group(name) or "").lower() == (general.group(name) or "").lower()


@SETTINGS
@given(st.lists(st.sampled_from(ARXIV_CASE_PIECES), max_size=8).map("".join))
@example("arXiv:HEP-TH/9901001V1 [HEP-TH]")
@example("see ARXIV:2212.08073 [CS.CL]")
@example("arXıv:2212.08073")
def test_arxiv_regexes_on_lower_cased_ascii_match_as_the_ignorecase_ones(text):
    assert_same_match(marked_arxiv_match(text), MARKED_ARXIV.search(text))
    assert_same_match(bare_arxiv_match(text), BARE_ARXIV.match(text))
    assert names_arxiv(text) == bool(ARXIV_WORD.search(text))
    general = MARKED_ARXIV.search(text)
    found = find_arxiv_id(text)
    assert (found and found.category) == (general and general.group("category"))  # the category's case as printed
