"""A lock citekit wrote itself is read by one regex (written_lock); it must mean what the TOML
reader (parse_toml_lock, the general path) reads in it, line numbers and fingerprint included, and
any other text must be left to the TOML reader, errors and all."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from citekit.diagnostics import BadInput
from citekit.lockfile import Identity, parse_lock, parse_toml_lock, render_rows, written_lock

FINGERPRINT = "0123456789abcdef" * 4

# Keys as users' bibliographies pin them (colons, dots, accents, spaces, quotes) and as formulas make them.
KEYS = st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,15}", fullmatch=True),
    st.text(st.one_of(st.sampled_from(':."\\ é\t'), st.characters(min_codepoint=32, max_codepoint=0x17F)), min_size=1, max_size=12),
)
TEXTS = st.one_of(
    st.from_regex(r"[a-z0-9 ]{0,30}", fullmatch=True),
    st.text(st.one_of(st.sampled_from('"\\\n\t\x7f\u2028é'), st.characters(max_codepoint=0x7F)), max_size=20),
)
IDENTITIES = st.builds(Identity, TEXTS, TEXTS, TEXTS, TEXTS, st.one_of(st.none(), st.integers(0, 2100)))


def same_lock(text: str) -> None:
    """parse_lock reads `text` as the TOML reader does, or fails with its error."""
    try:
        expected = parse_toml_lock(text, "refs/citekit.lock")
    except BadInput as error:
        with pytest.raises(BadInput) as raised:
            parse_lock(text, "refs/citekit.lock")
        assert raised.value.render() == error.render()
        return
    got = parse_lock(text, "refs/citekit.lock")
    assert got == expected
    assert [entry.line for entry in got.entries] == [entry.line for entry in expected.entries]  # not compared by ==


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, IDENTITIES, max_size=6), st.booleans())
def test_a_written_lock_reads_as_toml_reads_it(rows, signed):
    folded = {key.casefold(): key for key in rows}  # a lock holds a key once, whatever its case
    text = render_rows([(key, rows[key]) for key in folded.values()], FINGERPRINT if signed else "")
    same_lock(text)


def test_the_regex_reads_what_citekit_writes():
    rows = [("vaswani2017", Identity("10.5555/3295222", "", "attention is all you need", "vaswani", 2017)),
            ("Vaswani:2017b", Identity("", "1706.03762", "attention", "", None)), ("anon", Identity())]
    for fingerprint in ("", FINGERPRINT):
        text = render_rows(rows, fingerprint)
        lock = written_lock(text, "citekit.lock")
        assert lock is not None and lock == parse_toml_lock(text)
        assert lock.fingerprint == fingerprint
        assert [e.line for e in lock.entries] == [e.line for e in parse_toml_lock(text).entries]


WRITTEN = render_rows([("a2020", Identity("10.1/x", "", "a title", "chen", 2020)), ("b2021", Identity("", "", "b", "ng", 2021))])

# Texts that are not what citekit writes: the TOML reader decides what they mean, or rejects them.
EDITED = [
    {"label": "entries out of order", "text": WRITTEN.replace("[a2020]", "[c2020]")},
    {"label": "a comment added by hand", "text": WRITTEN + "# keep b\n"},
    {"label": "an empty value", "text": WRITTEN.replace('author = "ng"', 'author = ""')},
    {"label": "a year of zero", "text": WRITTEN.replace("year = 2021", "year = 0")},
    {"label": "a year with a leading zero", "text": WRITTEN.replace("year = 2021", "year = 02021")},
    {"label": "a year as text", "text": WRITTEN.replace("year = 2021", 'year = "2021"')},
    {"label": "fields out of order", "text": WRITTEN.replace('title = "b"\nauthor = "ng"', 'author = "ng"\ntitle = "b"')},
    {"label": "an unknown field", "text": WRITTEN.replace('author = "ng"', 'authors = "ng"')},
    {"label": "one key twice", "text": WRITTEN.replace("[b2021]", "[a2020]")},
    {"label": "one key in two cases", "text": WRITTEN.replace("[b2021]", "[A2020]")},
    {"label": "Windows line ends", "text": WRITTEN.replace("\n", "\r\n")},
    {"label": "a quoted bare key", "text": WRITTEN.replace("[b2021]", '["b2021"]')},
    {"label": "an escaped quote", "text": WRITTEN.replace('title = "b"', 'title = "b\\"c"')},
    {"label": "a quote left unescaped", "text": WRITTEN.replace('title = "b"', 'title = "b"c"')},
    {"label": "no header", "text": WRITTEN.split("\n", 2)[2]},
    {"label": "a fingerprint too short", "text": WRITTEN.replace("\n\n[a2020]", "\n# fingerprint: 0123\n\n[a2020]", 1)},
    {"label": "a fingerprint not in lower-case hex", "text": WRITTEN.replace("\n\n[a2020]", "\n# fingerprint: " + "AB" * 32 + "\n\n[a2020]", 1)},
]


@pytest.mark.parametrize("case", EDITED, ids=[case["label"] for case in EDITED])
def test_an_edited_lock_is_read_by_the_toml_reader(case):
    assert written_lock(case["text"]) is None
    same_lock(case["text"])
