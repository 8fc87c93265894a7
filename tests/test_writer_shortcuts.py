"""The writing stage's shortcuts give what the product's general paths give.

Each shortcut here is checked against the general function it stands in for, in the product
itself (never a copy in the test), on generated text and on hand-made works.
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from citekit.model import PartialDate, Person
from citekit.writers.latex_text import latex_text, latex_text_by_spans

# ASCII titles as they come, with the corners of a token (dots inside and at the ends, digits,
# capitals after the first letter, underscores) and every LaTeX special; then any text.
ASCII_TITLE = st.lists(st.one_of(
    st.sampled_from(["a", "Z", "b1", "9", ".", " ", "A.", "v2", "_", "\\", "&", "{", "}", "%", "#", "~", "^", "-", "x.Y", "(", "'", "$"]),
    st.characters(max_codepoint=0x7F),
), max_size=16).map("".join)
TITLES = st.one_of(ASCII_TITLE, st.text(max_size=40), st.sampled_from([
    "GPT-4 Technical Report", "The CleverHans v2.1.0 Library", "e.G. a.b.C x.y.", "Robust to $L_\\infty$ Attacks",
    "LLMs on an iPhone", "U.S.A. and .NET 3.5a", "A.b1 and 1.b2", "R&D in 100% of C# {code} a_b x^2 ~1",
]))


@settings(max_examples=500, deadline=None)
@given(TITLES, st.booleans(), st.booleans())
def test_latex_text_is_its_span_by_span_path(text, ascii_only, protect):
    assert latex_text(text, ascii_only, protect) == latex_text_by_spans(text, ascii_only, protect)


def test_protected_ascii_titles_brace_only_their_protected_words():
    assert latex_text("Scaling LLMs & GPT-4 to 50% of v2.1.0", protect=True) == "Scaling {LLMs} \\& {GPT}-4 to 50\\% of {v2.1.0}"
    assert latex_text("Scaling LLMs & GPT-4 to 50% of v2.1.0") == "Scaling LLMs \\& GPT-4 to 50\\% of v2.1.0"


def test_a_name_list_of_people_seen_and_unseen_is_every_name_by_bibtex_name():
    from dataclasses import replace

    from citekit.writers.bibtex import BIBLATEX, BIBTEX, bibtex_name, name_list
    from handmade_works import person, work

    seen = person("Müller, Jörg")
    particle = replace(person("Maaten, Laurens"), non_dropping_particle="van der")
    organisation = Person(literal="OpenAI & Friends")
    for dialect in (BIBTEX, BIBLATEX):
        name_list(replace(work("Earlier"), authors=(seen,)), dialect)
        authors = (particle, seen, organisation, particle, person("Chen, Min"))
        expected = "{" + " and ".join(bibtex_name(p, dialect) for p in authors) + " and others}"
        assert name_list(replace(work("Later"), authors=authors, authors_truncated=True), dialect) == expected


DATES = st.builds(PartialDate, st.one_of(st.none(), st.integers(1, 2100)), st.one_of(st.none(), st.integers(1, 12)), st.one_of(st.none(), st.integers(1, 31)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), DATES), min_size=1, max_size=6))
def test_remembered_date_fields_are_the_fields_of_each_date(dates):
    from dataclasses import replace

    from citekit.writers.bibtex import BIBLATEX, BIBTEX, date_fields, fields_of_date
    from handmade_works import work

    for dialect in (BIBTEX, BIBLATEX):
        for date in dates + dates:  # each date met twice: once computed, once remembered
            expected = fields_of_date(date, dialect) if date is not None else []
            assert list(date_fields(replace(work("T"), issued=date), dialect)) == expected


# Families as bibliographies print them: one word of letters (accented, dotless, CJK), and the
# words, hyphens, spaces, apostrophes, digits and symbols that make BibTeX see a particle or not.
FAMILIES = st.one_of(
    st.text(st.sampled_from("aZéŁıµ中ß"), max_size=8),
    st.text(st.sampled_from("aZdé -\t\u00a0'.1µ{}"), max_size=10),
    st.sampled_from(["della Valle", "Dupont-de Vries", "A µ B", "van der Berg", "O'Neil", "Garcia de la Vega", "Müller"]),
)


@settings(max_examples=400, deadline=None)
@given(FAMILIES)
def test_one_word_families_shortcut_is_the_word_by_word_path(family):
    from citekit.writers.bibtex import opens_lower_before_last_word, splits_as_particle

    assert splits_as_particle(family) == opens_lower_before_last_word(family)
