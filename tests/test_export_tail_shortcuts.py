"""What an export does after the pipeline, by its shortcuts, equals the general paths.

The lock's tables are formatted in one pass when no string needs escaping (plain_tables), else
table by table (table_text, the general path); source files are hashed block by block
(file_sha256) rather than read whole first. Checked on generated rows and on the fixtures' files.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given, settings, strategies as st

from citekit.fingerprint import file_sha256
from citekit.lockfile import HEADER, Identity, plain_tables, render_rows, row_order, table_text

FIXTURES = Path(__file__).parent / "fixtures"

# Keys as bibliographies spell them (bare, with a colon or a space, one case apart) and identity
# strings as normalise_text leaves them, plus the characters TOML must escape.
KEYS = st.text(st.sampled_from("abcXYZ019_-: é\"\\\t"), min_size=1, max_size=8)
PLAIN = st.text(st.sampled_from("abz09 ./-"), max_size=12)
ESCAPED = st.text(st.sampled_from("ab \"\\\n\t\x7f\u2028\xa0é"), max_size=6)
YEARS = st.one_of(st.none(), st.just(0), st.integers(1, 2100))


def identities(strings):
    return st.builds(Identity, strings, strings, strings, strings, YEARS)


def rows(strings):
    # Keys unique regardless of case, as a lock's are.
    return st.lists(st.tuples(KEYS, identities(strings)), max_size=12, unique_by=lambda row: row[0].casefold())


def rendered_table_by_table(rows: list[tuple[str, Identity]], fingerprint: str = "") -> str:
    head = HEADER + (f"# fingerprint: {fingerprint}\n" if fingerprint else "")
    return head + "".join(map(table_text, sorted(rows, key=row_order)))


@settings(max_examples=300, deadline=None)
@given(rows(PLAIN), st.sampled_from(["", "ab" * 32]))
def test_plain_rows_render_as_table_by_table(rows, fingerprint):
    if rows:
        assert plain_tables(sorted(rows, key=row_order)) is not None  # the shortcut is the one taken
    assert render_rows(rows, fingerprint) == rendered_table_by_table(rows, fingerprint)


@settings(max_examples=300, deadline=None)
@given(rows(st.one_of(PLAIN, ESCAPED)))
def test_rows_with_strings_to_escape_render_as_table_by_table(rows):
    assert render_rows(rows) == rendered_table_by_table(rows)


def test_a_string_to_escape_sends_every_row_the_general_way():
    rows = [("a2020", Identity(title="plain words", year=2020)), ("b2021", Identity(title='a "quoted" title'))]
    assert plain_tables(rows) is None
    assert '\ntitle = "a \\"quoted\\" title"\n' in render_rows(rows)


def test_source_files_hash_as_their_bytes_read_whole(tmp_path):
    files = sorted(p for p in FIXTURES.rglob("*") if p.is_file())[:40]
    empty = tmp_path / "empty.bib"
    empty.write_bytes(b"")
    large = tmp_path / "large.bib"  # several of file_digest's blocks
    large.write_bytes(b"@misc{k,\n  title = {\xc3\xa9}\n}\n" * 40000)
    assert files
    for path in [*files, empty, large]:
        assert file_sha256(path) == hashlib.sha256(path.read_bytes()).digest(), path
