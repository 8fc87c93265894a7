"""Key functions that stop early (shorttitle looks at a title only until it has its words, auth
names authors only until it has the one asked for) give what the whole lists give."""
from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings, strategies as st

from citekit.key_parts import auth, families, shorttitle, title_words
from citekit.model import Person
from handmade_works import work

# Titles as sources print them: markup, slashes and colons that split words, skip words, quotes,
# dashes and punctuation around words, single letters, digits, accents.
TITLE_PIECES = st.sampled_from([
    "The", "of", "a", "Attention", "is", "All", "You", "Need", "<i>Drosophila</i>", "<span class=\"nocase\">GPT</span>",
    "Input/Output", "Scaling:", "\"Quoted\"", "(Mostly)", "—", "x", "2", "Über", "Ölçek", "e.g.", "self-attention", "Le",
])
TITLES = st.one_of(st.lists(TITLE_PIECES, max_size=12).map(" ".join), st.text(max_size=40))
PEOPLE = st.lists(st.one_of(
    st.builds(Person, family=st.sampled_from(["Vaswani", "", "van der Maaten", "Müller"]), given=st.sampled_from([None, "Ann", ""])),
    st.builds(Person, literal=st.sampled_from(["OpenAI", ""])),
    st.builds(Person, given=st.sampled_from(["Plato", ""])),
), max_size=5)


@settings(max_examples=400, deadline=None)
@given(TITLES, st.integers(-3, 6), st.integers(-1, 4))
def test_shorttitle_takes_the_first_words_of_the_whole_list(title, n, m):
    expected = title_words(title, transliterate=m > 0)[:n]
    expected = " ".join(w[:1].upper() + w[1:] if i < m else w for i, w in enumerate(expected))
    assert shorttitle(replace(work("x"), title=title), n, m) == expected


@settings(max_examples=300, deadline=None)
@given(PEOPLE, st.integers(0, 4), st.integers(-1, 6))
def test_auth_takes_the_mth_of_every_family(people, n, m):
    w = replace(work("x"), authors=tuple(people))
    names = families(w)
    name = names[m - 1] if 0 < m <= len(names) else ""
    assert auth(w, n, m) == (name[:n] if n else name)
