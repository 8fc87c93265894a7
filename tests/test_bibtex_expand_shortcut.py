"""Entries read from the scanner's blocks equal those read from bibtexparser's own.

The scanner hands over a value that starts with `{` and ends with `}` as the text inside those
braces, and expand_entry takes such values as they are when the entry has no `#` and no field
twice; bibtexparser's entries come with every value raw, so each goes through Macros.expand, the
general path. Both must give the same values, spans, raw texts and diagnostics (undefined macros
at their field's line, repeated fields, duplicate keys), on files as users write them and on
generated texts with concatenations, macros, repeated fields and odd spacing.
"""
from __future__ import annotations

import logging
from unittest.mock import patch

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings

from citekit.readers.bibtex import parse_entries
from citekit.readers.bibtex_scan import EntryBlock, entry_block
from benchmark_corpus import write_benchmark_corpus
from test_bibtex_scan import BIB_FILES, bib_text


def by_bibtexparser(text: str):
    """parse_entries over bibtexparser's blocks (every value raw), its log lines silenced."""
    logging.getLogger("bibtexparser.splitter").disabled = True
    try:
        blocks = [entry_block(block) for block in bibtexparser.parse_string(text, parse_stack=[]).blocks]
    finally:
        logging.getLogger("bibtexparser.splitter").disabled = False
    assert all(block.unbraced == range(len(block.values)) for block in blocks if type(block) is EntryBlock)
    with patch("citekit.readers.bibtex.split_blocks", lambda _: blocks):
        return parse_entries(text, "x.bib")


def test_most_scanned_values_come_without_their_braces():
    # The shortcut must be the common case on a file as Zotero writes it, or it buys nothing.
    text = "@article{k,\n  title = {A {Title}},\n  year = {2020},\n  month = jan,\n  note = {last}\n}\n"
    entries, diagnostics = parse_entries(text, "x.bib")
    assert entries[0].values == {"title": "A {Title}", "year": "2020", "month": "January", "note": "last"}
    assert not diagnostics
    assert parse_entries(text, "x.bib") == by_bibtexparser(text)


CASES = [
    {"label": "a hash inside a braced value is text", "text": "@misc{a, title = {C# and F#}, year = {2001}}\n"},
    {"label": "two braced pieces joined by a hash", "text": "@misc{a2,\n  title = {One} # {, Two},\n  note = {x}\n}\n"},
    {"label": "concatenation with an undefined macro, at its field's line",
     "text": "@misc{b,\n  title = {x},\n  note = {a} # nomacro # \" b\",\n  year = 2001\n}\n"},
    {"label": "a repeated field keeps the first, in any case", "text": "@misc{c, Title = {one}, title = {two}}\n"},
    {"label": "the same field written twice", "text": "@misc{d, title = {one}, title = {two}, note = undefinedmacro}\n"},
    {"label": "spaces inside the braces are the value's", "text": "@misc{p, title = { padded }, note = {\ttab\n}\n}\n"},
    {"label": "braces around two groups", "text": "@misc{e, title = {a}{b}, note =  {two spaces}, x={tight}}\n"},
    {"label": "an escaped closing brace at a value's end", "text": "@misc{f, title = {a} \\}, year = 1}\n"},
    {"label": "a last field with no comma and spaces after it", "text": "@misc{g,\n  title = {t} \n}\n"},
    {"label": "string macros then a use of them",
     "text": "@string{acm = {ACM}}\n@misc{h, publisher = acm, title = acm # { Press}}\n@misc{h, year = 2}\n"},
]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_cases_read_as_from_bibtexparsers_blocks(case):
    assert parse_entries(case["text"], "x.bib") == by_bibtexparser(case["text"])


@pytest.mark.parametrize("path", BIB_FILES, ids=[p.name for p in BIB_FILES])
def test_bib_files_read_as_from_bibtexparsers_blocks(path):
    text = path.read_text(encoding="utf-8")
    assert parse_entries(text, "x.bib") == by_bibtexparser(text)


def test_the_benchmark_generators_library_reads_as_from_bibtexparsers_blocks(tmp_path):
    text = (write_benchmark_corpus(tmp_path) / "bib" / "library.bib").read_text(encoding="utf-8")
    entries, diagnostics = parse_entries(text, "x.bib")
    assert len(entries) > 500
    assert (entries, diagnostics) == by_bibtexparser(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib_text())
def test_generated_texts_read_as_from_bibtexparsers_blocks(text):
    assert parse_entries(text, "x.bib") == by_bibtexparser(text)
