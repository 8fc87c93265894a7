"""citekit.lock: strict reading with file:line errors, byte-identical round trips, identities."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from citekit.diagnostics import BadInput
from citekit.keys import assign_keys
from citekit.lockfile import Identity, Lock, LockEntry, parse_lock, read_lock, render_lock, updated_lock, work_identity
from handmade_works import work

FIXTURES = Path(__file__).parent / "fixtures" / "keys"


def test_a_lock_file_round_trips_byte_identically():
    text = (FIXTURES / "three-keys.lock").read_text(encoding="utf-8")
    lock = read_lock(FIXTURES / "three-keys.lock", "citekit.lock")
    assert render_lock(lock) == text
    assert [e.key for e in lock.entries] == ["azadiDiscriminatorRejectionSampling", "baiConstitutionalAIHarmlessness2022", "Vaswani:2017"]
    assert lock.entries[1].identity == Identity("10.48550/arxiv.2212.08073", "2212.08073", "constitutional ai harmlessness from ai feedback", "bai", 2022)
    assert lock.entries[0].identity.year is None
    assert [e.line for e in lock.entries] == [4, 8, 15]


keys = st.text(st.characters(min_codepoint=1, max_codepoint=0x2FF), min_size=1, max_size=20)
titles = st.text(st.characters(min_codepoint=32, max_codepoint=0x4FF), max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(keys, st.tuples(titles, st.sampled_from(["Chen, Min", "Müller, Jörg", "Ng, A"]), st.one_of(st.none(), st.integers(1000, 2100))), max_size=6))
def test_any_exported_lock_reads_back_and_renders_the_same_bytes(rows):
    seen = set()
    entries = []
    for key, (title, author, year) in rows.items():
        if key.casefold() in seen:
            continue
        seen.add(key.casefold())
        entries.append(LockEntry(key, work_identity(work(title, [author], year))))
    text = render_lock(Lock(tuple(entries)))
    again = parse_lock(text)
    assert sorted(again.entries, key=lambda e: e.key) == sorted(entries, key=lambda e: e.key)
    assert render_lock(again) == text


def test_exported_citations_render_the_same_lock_as_what_is_read_back():
    citations, _ = assign_keys([work("Attention Is All You Need", ["Vaswani, Ashish"], 2017, doi="10.5555/3295222.3295349"),
                                work("Sleeper Agents", ["Hubinger, Evan"], 2024, arxiv="2401.05566v3")])
    text = render_lock(citations)
    assert render_lock(parse_lock(text)) == text
    assert 'arxiv = "2401.05566"\n' in text  # the version is not part of the identity


CORRUPT = [
    ("unterminated string left by a merge", "broken-toml.lock", 4, "not valid TOML"),
    ("a misspelt field", "unknown-field.lock", 8, "unknown field 'authors'"),
    ("a year written as text", "year-as-text.lock", 1, "year must be a number"),
    ("one key twice in different case", "same-key-two-cases.lock", 4, "locked twice"),
    ("a value where a table belongs", "not-a-table.lock", 1, "is not a [table]"),
]


@pytest.mark.parametrize("label, name, line, says", CORRUPT, ids=[c[0] for c in CORRUPT])
def test_a_corrupt_lock_is_one_line_naming_file_and_line(label, name, line, says):
    with pytest.raises(BadInput) as raised:
        read_lock(FIXTURES / name, f"project/{name}")
    rendered = raised.value.render()
    assert rendered.startswith(f"project/{name}:{line}: error: ")
    assert says in rendered
    assert "\n" not in rendered


def test_a_missing_lock_is_an_empty_lock(tmp_path):
    lock = read_lock(tmp_path / "citekit.lock", "citekit.lock")
    assert lock.entries == () and lock.path == "citekit.lock"


def test_an_unreadable_lock_is_bad_input(tmp_path):
    (tmp_path / "citekit.lock").write_bytes(b"[k]\ntitle = \"\xff\"\n")
    with pytest.raises(BadInput):
        read_lock(tmp_path / "citekit.lock")


def test_updated_lock_keeps_vanished_keys_unless_pruned():
    previous = read_lock(FIXTURES / "three-keys.lock", "citekit.lock")
    citations, _ = assign_keys([work("Attention Is All You Need", ["Vaswani, Ashish"], 2017)], lock=previous)
    assert [c.key for c in citations] == ["Vaswani:2017"]
    kept = updated_lock(citations, previous)
    assert [e.key for e in kept.entries] == ["azadiDiscriminatorRejectionSampling", "baiConstitutionalAIHarmlessness2022", "Vaswani:2017"]
    pruned = updated_lock(citations, previous, prune=True)
    assert [e.key for e in pruned.entries] == ["Vaswani:2017"]


def test_identity_folds_titles_and_names_to_plain_words():
    identity = work_identity(work("Über „Große“ Modelle: ein Überblick", ["Müller, Jörg"], 2020, doi="10.1000/ABC"))
    assert identity == Identity(doi="10.1000/abc", title="uber grosse modelle ein uberblick", author="muller", year=2020)


def test_the_export_fingerprint_line_round_trips():
    text = (FIXTURES / "three-keys.lock").read_text(encoding="utf-8")
    marked = text.replace("re-key it.\n", "re-key it.\n# fingerprint: " + "0123456789abcdef" * 4 + "\n", 1)
    lock = parse_lock(marked)
    assert lock.fingerprint == "0123456789abcdef" * 4
    assert render_lock(lock) == marked
    assert parse_lock(text).fingerprint == ""
