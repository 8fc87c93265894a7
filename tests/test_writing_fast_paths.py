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
from citekit.model import Citation
from citekit.writers.bibtex import BIBLATEX, BIBTEX, REMEMBERED_NAMES, bibtex_name, name_list, plain_values
from citekit.writers.field_map import FIELDS, work_value
from citekit.writers.latex_text import (ASCII_SPECIALS, PUNCTUATION, _ENCODER, _TOKEN, accented_letter, escape_plain, latex_char, latex_text,
                                        math_spans, needs_protection, protected_spans)
from handmade_works import person, work

# Text as titles and abstracts bring it: letters with and without accents, LaTeX specials, typographic
# punctuation, ligatures, symbols, and combining marks NFC cannot attach (x + U+0301, a + U+20D7).
TEXT = st.text(st.one_of(
    st.characters(max_codepoint=0x7F),
    st.sampled_from("éüøłßŁÅçřșễ–—‘’“”ﬁﬂ≥∞€½ΩЖ中\u0301\u0308\u20d7\u0327"),
    st.characters(exclude_categories=("Cs",)),
), max_size=60)


# Characters TeX joins into one dash or quote when two meet; in the ASCII dialect typographic dashes
# and quotes are written as those characters, so they join too.
LIGATURE_CLASSES = ("-", "`", "'")
WRITTEN_LIGATURE_CLASSES = ("-\u2013\u2014", "`\u2018\u201c", "'\u2019\u201d")


def ligatures_broken_by_hand(text: str, classes: tuple[str, ...]) -> str:
    """An empty group between any two neighbours of one class, or between `!`/`?` and an opening
    quote (classes[1]: TeX reads `!`` as ¡), found by walking the characters."""
    out = []
    for index, char in enumerate(text):
        if index and (any(text[index - 1] in kind and char in kind for kind in classes)
                      or text[index - 1] in "!?" and char in classes[1]):
            out.append("{}")
        out.append(char)
    return "".join(out)


def escape_by_hand(text: str, ascii_only: bool = True) -> str:
    """escape_plain as first written: specials in one pass, then the non-ASCII characters in another."""
    text = "".join(ASCII_SPECIALS.get(c, c) for c in unicodedata.normalize("NFC", text))
    text = ligatures_broken_by_hand(text, WRITTEN_LIGATURE_CLASSES if ascii_only else LIGATURE_CLASSES)
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


def protected_spans_by_hand(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text) if needs_protection(m.group())]


def latex_text_by_hand(text: str, ascii_only: bool = True, protect: bool = False) -> str:
    """latex_text as first written: math and protected spans found, the pieces between escaped."""
    spans = [(s, e, "math") for s, e in math_spans(text)]
    if protect:
        spans += [(s, e, "word") for s, e in protected_spans_by_hand(text) if not any(a <= s < b for a, b, _ in spans)]
    out, last = [], 0
    for start, end, kind in sorted(spans):
        out.append(escape_by_hand(text[last:start], ascii_only))
        piece = text[start:end]
        out.append(piece if kind == "math" else "{" + escape_by_hand(piece, ascii_only) + "}")
        last = end
    out.append(escape_by_hand(text[last:], ascii_only))
    return "".join(out)


# Titles as they come, and the corners of a token: dots inside and at the ends, digits, capitals
# after the first letter, underscores (a word character that is no part of a token), math.
TITLE = st.lists(st.one_of(st.sampled_from(["a", "Z", "b1", "9", ".", " ", "A.", "v2", "_", "$", "\\", "&", "-", "x.Y", "(", "'"]),
                           st.characters(max_codepoint=0x7F)), max_size=16).map("".join)
TITLES = st.one_of(TITLE, TEXT, st.sampled_from(["GPT-4 Technical Report", "The CleverHans v2.1.0 Library", "e.G. a.b.C x.y.",
                                                "Robust to $L_\\infty$ Attacks", "LLMs on an iPhone", "U.S.A. and .NET 3.5a", "A.b1 and 1.b2"]))


@settings(max_examples=400, deadline=None)
@given(TITLES, st.booleans())
def test_titles_are_protected_and_escaped_as_token_by_token(text, ascii_only):
    assert protected_spans(text) == protected_spans_by_hand(text)
    assert latex_text(text, ascii_only, protect=True) == latex_text_by_hand(text, ascii_only, protect=True)
    assert latex_text(text, ascii_only) == latex_text_by_hand(text, ascii_only)


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


def test_plain_values_are_every_row_with_a_value_and_a_field_in_table_order():
    for case in WORK_VALUE_CASES:
        base = work("A Title", ["Chen, Min"], 2020)
        w = replace(base, extra=case["extra"], identifiers=case["identifiers"], abstract=case.get("abstract"))
        for dialect in (BIBTEX, BIBLATEX):
            expected = [(getattr(row, dialect.name), work_value(w, row)) for row in FIELDS
                        if getattr(row, dialect.name) and row.work != "abstract" and work_value(w, row)]
            assert [(name, value) for (_, name), value in plain_values(w, dialect)] == expected, (case["label"], dialect.name)


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


# Four sightings of one paper nobody merged (same title, author and year) in different files and
# lines, among works that differ: only where they were read tells the four apart.
ALIKE = [work("Scaling Laws", ["Kaplan, Jared"], 2020, path=path, line=line)
         for path, line in (("refs/b.txt", 3), ("refs/a.txt", 40), ("refs/a.txt", 7), ("refs/c.bib", 1))]
OTHERS = [work("Scaling Laws for Transfer", ["Kaplan, Jared"], 2020), work("Scaling Laws", ["Kaplan, Jared"], 2021)]


@settings(max_examples=40, deadline=None)
@given(st.permutations(ALIKE + OTHERS))
def test_works_alike_in_all_but_their_source_get_suffixes_in_source_order(works):
    from citekit.keys import assign_keys

    citations, _ = assign_keys(works)
    by_span = {c.work.spans[0]: c.key for c in citations if c.work in ALIKE}
    in_source_order = [by_span[span] for span in sorted(by_span)]
    assert in_source_order == ["kaplanScalingLaws2020", "kaplanScalingLaws2020a", "kaplanScalingLaws2020b", "kaplanScalingLaws2020c"]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalised_text_is_lower_case_ascii_words(text):
    from anyascii import anyascii

    from citekit.lockfile import normalise_text

    assert normalise_text(text) == " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split())


def test_an_arxiv_version_is_not_part_of_the_identity():
    from citekit.lockfile import without_version

    assert [without_version(i) for i in ("2401.05566v3", "2401.05566", "hep-th/9901001v2", "solv-int/9901001")] == \
        ["2401.05566", "2401.05566", "hep-th/9901001", "solv-int/9901001"]
