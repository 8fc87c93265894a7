"""The writing stage's shortcuts give what the plain versions give.

Each shortcut (one regex pass for specials and non-ASCII characters, a work's values found from its
own mappings, identities and names remembered per object, the lock rendered from rows) is checked
against a plain, by-hand version written out here, on generated text and on hand-made works.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from hypothesis import given, settings, strategies as st

from citekit.lockfile import Identity, Lock, LockEntry, render_lock, render_rows, toml_string, updated_lock, updated_rows, work_identity
from citekit.model import Citation, Person
from citekit.writers.bibtex import BIBLATEX, BIBTEX, REMEMBERED_NAMES, bibtex_name, name_list
from citekit.writers.field_map import FIELDS, work_value, work_values
from citekit.writers.latex_text import ASCII_SPECIALS, PUNCTUATION, _ENCODER, accented_letter, escape_plain, latex_char
from handmade_works import person, work

# Text as titles and abstracts bring it: letters with and without accents, LaTeX specials, typographic
# punctuation, ligatures, symbols, and combining marks NFC cannot attach (x + U+0301, a + U+20D7).
TEXT = st.text(st.one_of(
    st.characters(max_codepoint=0x7F),
    st.sampled_from("éüøłßŁÅçřșễ–—‘’“”ﬁﬂ≥∞€½ΩЖ中\u0301\u0308\u20d7\u0327"),
    st.characters(exclude_categories=("Cs",)),
), max_size=60)


def escape_by_hand(text: str, ascii_only: bool = True) -> str:
    """escape_plain as first written: specials in one pass, then the non-ASCII characters in another."""
    text = "".join(ASCII_SPECIALS.get(c, c) for c in unicodedata.normalize("NFC", text))
    if not ascii_only or text.isascii():
        return text
    if any(unicodedata.combining(c) for c in text if not c.isascii()):
        return _ENCODER.unicode_to_latex("".join(PUNCTUATION.get(c) or accented_letter(c) or c for c in text))
    return "".join(c if c.isascii() else latex_char(c) for c in text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans())
def test_escape_plain_is_the_two_pass_escape(text, ascii_only):
    assert escape_plain(text, ascii_only) == escape_by_hand(text, ascii_only)


def test_a_mark_nfc_cannot_attach_goes_through_the_whole_text_encoder():
    # Nothing precomposes x with an acute: the mark stays a combining character after NFC.
    assert escape_plain("R&D x\u0301 50%") == escape_by_hand("R&D x\u0301 50%")
    assert escape_plain("R&D x\u0301 50%").startswith("R\\&D ")


def toml_string_by_hand(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group(0)):04x}", escaped) + '"'


@settings(max_examples=200, deadline=None)
@given(st.text(st.one_of(st.characters(max_codepoint=0x7F), st.sampled_from('"\\\t\n\x7f\u2028\xa0é')), max_size=30))
def test_toml_strings_escape_what_they_must(text):
    assert toml_string(text) == toml_string_by_hand(text)


WORK_VALUE_CASES = [
    {"label": "extras in another order than the table's", "extra": {"publisher": "ACM", "page": "1-9", "volume": "12"},
     "identifiers": {"url": "https://x.org/a", "doi": "10.1/x"}},
    {"label": "blank and padded values", "extra": {"volume": "  ", "issue": " 3 "}, "identifiers": {"doi": ""}},
    {"label": "a value that is not text", "extra": {"volume": 7, "edition": "2"}, "identifiers": {}},
    {"label": "names no row reads", "extra": {"title-protected": "yes", "number": "4"}, "identifiers": {"arxiv": "2101.00001"}},
    {"label": "an abstract with spaces around it", "extra": {}, "identifiers": {"isbn": "978-3"}, "abstract": "  We show.\n"},
]


def test_work_values_are_every_row_with_a_value_in_table_order():
    for case in WORK_VALUE_CASES:
        base = work("A Title", ["Chen, Min"], 2020)
        w = replace(base, extra=case["extra"], identifiers=case["identifiers"], abstract=case.get("abstract"))
        expected = [(row, work_value(w, row)) for row in FIELDS if work_value(w, row)]
        assert work_values(w) == expected, case["label"]


def test_equal_people_in_different_objects_get_the_same_name():
    first = work("One", [{"family": "Müller", "given": "Jörg"}, {"family": "Maaten", "given": "Laurens", "non_dropping_particle": "van der"}])
    second = work("Two", [{"family": "Müller", "given": "Jörg"}, {"family": "Maaten", "given": "Laurens", "non_dropping_particle": "van der"}])
    assert first.authors[0] is not second.authors[0]
    for dialect in (BIBTEX, BIBLATEX):
        assert name_list(first, dialect) == name_list(second, dialect)
        assert name_list(first, dialect) == "{" + " and ".join(bibtex_name(p, dialect) for p in first.authors) + "}"
    assert name_list(first, BIBTEX) != name_list(first, BIBLATEX)


def test_names_stay_right_past_the_remembered_bound():
    people = [person(f"Family{n}, Given") for n in range(REMEMBERED_NAMES + 5)]
    for p in people:
        assert name_list(replace(work("T"), authors=(p,)), BIBTEX) == "{" + bibtex_name(p, BIBTEX) + "}"
    assert name_list(replace(work("T"), authors=(people[0], people[-1])), BIBTEX) == "{Family0, Given and Family%d, Given}" % (len(people) - 1)


def test_a_changed_work_has_its_own_identity():
    original = work("Sleeper Agents", ["Hubinger, Evan"], 2024, arxiv="2401.05566v3")
    assert work_identity(original) == Identity("", "2401.05566", "sleeper agents", "hubinger", 2024)
    renamed = replace(original, title="Sleeper Agents Revisited")
    assert work_identity(renamed).title == "sleeper agents revisited"
    assert work_identity(original).title == "sleeper agents"


def test_the_export_renders_the_lock_updated_lock_gives():
    citations = [Citation("vaswaniAttention2017", work("Attention Is All You Need", ["Vaswani, Ashish"], 2017, doi="10.5555/3295222"), "formula"),
                 Citation("Chen:2020", work("A \"quoted\" title", ["Chen, Min"], 2020), "formula")]
    previous = Lock((LockEntry("gone2019", Identity(title="a work that left", year=2019)),
                     LockEntry("CHEN:2020", Identity(title="a quoted title", author="chen"))), "refs/citekit.lock")
    for prune in (False, True):
        for lock in (previous, Lock((), "citekit.lock"), None):
            assert render_rows(updated_rows(citations, lock, prune=prune)) == render_lock(updated_lock(citations, lock, prune=prune))
    text = render_rows(updated_rows(citations, previous))
    assert "[gone2019]" in text and "[CHEN:2020]" not in text  # a key is kept once, case-insensitively
