"""The regex block scanner gives exactly bibtexparser's blocks, or declines (None) and bibtexparser splits.

Each check compares every attribute parse_entries reads (type, line, raw text, entry type, key, fields
with their lines, repeated field names, comment / string / preamble text) against bibtexparser 2's own
`parse_string(text, parse_stack=[])`, which stays the authority. The scanner gives an entry as an
EntryBlock; bibtexparser's entries are read through its own Entry and Field objects.
"""
from __future__ import annotations

import logging
from pathlib import Path
from unittest.mock import patch

import bibtexparser
import pytest
from bibtexparser.model import (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ExplicitComment, ImplicitComment,
                                ParsingFailedBlock, Preamble, String)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.readers.bibtex import split_blocks
from citekit.readers.bibtex_scan import EntryBlock, SplitterAtLine, scan_blocks
from benchmark_corpus import write_benchmark_corpus

ROOT = Path(__file__).parent.parent
BIB_FILES = sorted((ROOT / "tests" / "fixtures").rglob("*.bib"))
# Broken on purpose: bibtexparser aborts a block in each, so the scanner must leave them to it.
BROKEN = {"bib-unbalanced-braces.bib", "bib-truncated.bib", "broken-entries.bib"}


def described(block) -> dict:
    """Every attribute of a block that citekit reads, as plain data, from bibtexparser's block or the scanner's.

    A Library marks a repeated entry or @string key (DuplicateBlockKeyBlock); parse_entries finds
    those itself, so the block inside is described."""
    if type(block) is DuplicateBlockKeyBlock:
        block = block.ignore_error_block
    repeated = []
    if isinstance(block, DuplicateFieldKeyBlock):
        repeated = sorted(block.duplicate_keys)
        block = block.ignore_error_block
    seen = {"class": type(block).__name__, "start_line": block.start_line, "raw": block.raw}
    if isinstance(block, Entry):
        seen |= {"class": "EntryBlock", "entry_type": block.entry_type, "key": block.key, "repeated": repeated,
                 "last_line": block.start_line + block.raw.rstrip().count("\n"),
                 "fields": [(field.key, field.value, field.start_line) for field in block.fields]}
    elif isinstance(block, EntryBlock):
        seen |= {"entry_type": block.entry_type, "key": block.key, "repeated": sorted(block.repeated()),
                 "last_line": block.last_line,
                 "fields": list(zip(block.names, block.raw_values(), block.field_lines(), strict=True))}
    elif isinstance(block, ParsingFailedBlock):
        seen["error"] = (type(block.error).__name__, str(block.error), getattr(block.error, "abort_reason", None))
    elif isinstance(block, String):
        seen |= {"key": block.key, "value": block.value}
    elif isinstance(block, Preamble):
        seen["value"] = block.value
    elif isinstance(block, (ExplicitComment, ImplicitComment)):
        seen["comment"] = block.comment
    return seen


def bibtexparsers(text: str) -> list[dict]:
    logging.getLogger("bibtexparser.splitter").disabled = True
    try:
        return [described(block) for block in bibtexparser.parse_string(text, parse_stack=[]).blocks]
    finally:
        logging.getLogger("bibtexparser.splitter").disabled = False


class CountingSplitter(SplitterAtLine):
    """bibtexparser's Splitter, counting how often the scanner hands it a stretch of text."""

    calls = 0

    def __init__(self, bibstr: str, line: int):
        CountingSplitter.calls += 1
        super().__init__(bibstr, line)


def scanned(text: str) -> tuple[list[dict], bool]:
    """The scanner's blocks and whether bibtexparser split any."""
    CountingSplitter.calls = 0
    logging.getLogger("bibtexparser.splitter").disabled = True
    try:
        with patch("citekit.readers.bibtex_scan.SplitterAtLine", CountingSplitter):
            blocks = scan_blocks(text)
    finally:
        logging.getLogger("bibtexparser.splitter").disabled = False
    # parse_entries reads an entry only as an EntryBlock, the Splitter's too; it finds repeated keys itself.
    assert not any(isinstance(b, (Entry, DuplicateFieldKeyBlock, DuplicateBlockKeyBlock)) for b in blocks)
    return [described(b) for b in blocks], CountingSplitter.calls > 0


CASES = [
    {"label": "entry with braced, quoted, numeric and macro values",
     "text": '@article{key1,\n  title = {A {Nested {Deep}} Title},\n  journal = "J. of \\"Things\\"",\n'
             '  year = 2020,\n  month = jan,\n  note = {a} # " b " # macro\n}\n', "accepted": True},
    {"label": "CRLF line ends and a trailing comma",
     "text": "@Book{k,\r\n  title = {T},\r\n  year = {1999},\r\n}\r\n", "accepted": True},
    {"label": "key-only entry, as RefTeX writes", "text": "@misc{lonely}\n@misc{other,}\n", "accepted": True},
    {"label": "string, preamble and comment blocks",
     "text": '@string{acm = "ACM {Press}"}\n@preamble{"\\newcommand{\\x}{y}"}\n@comment{ jabref-meta: x, y }\n'
             '@STRING{ ieee = {IEEE} }\n', "accepted": True},
    {"label": "text between entries is an implicit comment, at its first line of text",
     "text": "header line\n\n\n@misc{a, title={x}}\n\n  trailing % note\n  more\n\n@misc{b, title={y}}\nend\n",
     "accepted": True},
    {"label": "a quote between braces inside quotes is text", "text": '@misc{q, title = "say {"} ok"}\n', "accepted": True},
    {"label": "escaped braces and a doubled backslash",
     "text": "@misc{e, title = {50\\% \\{off\\}}, note = {a \\\\ b}, x = {c}}\n", "accepted": True},
    {"label": "a brace after a doubled backslash is hidden too (bibtexparser reads no end)",
     "text": "@misc{e, note = {a \\\\}, x = {c}}\n", "accepted": False},
    {"label": "a newline after a backslash is not counted as a line",
     "text": "@misc{h, abstract = {first \\\n second},\n  year = 2001}\n@misc{i, year = 2}\n", "accepted": True},
    {"label": "an @ inside a value, not at a line's start",
     "text": "@inproceedings{l, title = {LeQua @ {CLEF} 2022}, email = {a@b.org}}\n", "accepted": True},
    {"label": "repeated field and repeated key are wrapped as the Library wraps them",
     "text": "@misc{d, title = {x}, Title = {y}, title = {z}}\n@misc{d, year = 1}\n@string{m = {1}}\n@string{m = {2}}\n",
     "accepted": True},
    {"label": "non-ASCII text, keys and types as written",
     "text": "@ARTICLE{Müller2020,\n  Author = {Müller, Jürgen and Ζ{\\\"o}ta},\n  TITLE = {Über ∑ — 東京}\n}\n",
     "accepted": True},
    {"label": "spaces inside a value's braces are kept, one space and a newline outside are not",
     "text": "@misc{s,\n  title = { padded },\n  note =\t{\ttab}\n}\n", "accepted": True},
    {"label": "braces nested eight deep, tokens with no text between them",
     "text": "@misc{n, title = {" + "{x," * 7 + "\\{" + "}" * 7 + "}{}\\}, note = \\{a\\,b{\\}}}\n", "accepted": True},
    {"label": "braces nested nine deep are left to bibtexparser",
     "text": "@misc{n, title = {" + "{" * 8 + "x" + "}" * 8 + "}}\n", "accepted": False},
    {"label": "entry type with a space before its brace", "text": "@article {sp, year = 1}\n", "accepted": True},
    {"label": "parentheses-delimited entry", "text": "@article(p, title = {x})\n", "accepted": False},
    {"label": "unbalanced braces", "text": "@misc{u, title = {open\n}\n@misc{v, year = 1}\n", "accepted": False},
    {"label": "a block start at a line's start inside a value",
     "text": "@misc{w, title = {broken\n@misc{x, year = 1}\n", "accepted": False},
    {"label": "a missing comma makes the next field part of the value, as bibtexparser reads it",
     "text": "@misc{m, title = {x}\n year = 1}\n", "accepted": True},
    {"label": "a value after a closed value", "text": "@misc{m, title = {x} {y}, year = 1}\n", "accepted": True},
    {"label": "key without a value", "text": "@misc{k, title = {x}, dangling}\n", "accepted": False},
    {"label": "truncated file", "text": "@misc{t, title = {x},\n  author = {Smi", "accepted": False},
    {"label": "an @ in an entry key", "text": "@misc{a@b, year = 1}\n", "accepted": False},
]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_cases_give_bibtexparsers_blocks(case):
    found, split_by_bibtexparser = scanned(case["text"])
    assert found == bibtexparsers(case["text"])
    assert split_by_bibtexparser != case["accepted"]


@pytest.mark.parametrize("path", BIB_FILES, ids=[p.name for p in BIB_FILES])
def test_bib_files_give_bibtexparsers_blocks(path):
    text = path.read_text(encoding="utf-8")
    found, split_by_bibtexparser = scanned(text)
    assert found == bibtexparsers(text)
    assert split_by_bibtexparser == (path.name in BROKEN)


def test_the_benchmark_generators_library_gives_bibtexparsers_blocks(tmp_path):
    # 1,000 generated entries: 3-60 authors, diacritics, particles, LaTeX accents, protected words.
    text = (write_benchmark_corpus(tmp_path) / "bib" / "library.bib").read_text(encoding="utf-8")
    found, split_by_bibtexparser = scanned(text)
    assert len(found) > 500 and found == bibtexparsers(text)
    assert not split_by_bibtexparser


def test_a_broken_entry_is_left_to_bibtexparser_and_the_entries_around_it_are_scanned():
    text = (ROOT / "tests" / "fixtures" / "bib" / "broken-entries.bib").read_text(encoding="utf-8")
    handed_over = []
    with patch("citekit.readers.bibtex_scan.SplitterAtLine",
               lambda bibstr, line: handed_over.append(bibstr) or SplitterAtLine(bibstr, line)):
        blocks = split_blocks(text)
    assert [described(b) for b in blocks] == bibtexparsers(text)
    assert any(isinstance(b, ParsingFailedBlock) for b in blocks)
    assert handed_over and sum(len(part.strip()) for part in handed_over) < len(text) / 2


# --- generated .bib-like texts -------------------------------------------------------------------

WORDS = st.sampled_from(["Deep", "learning", "Ünïcödé", "東京", "a,b", "x = y", "and", "50\\%", "{\\'e}", '{\\"o}',
                         "Smith, J.", "\\&", "mail@host.org", "(GPT-4)", "#", "—", "\t", "line\\\\break", "\\{", "\\}"])


def braced(depth: int) -> st.SearchStrategy[str]:
    inner = st.lists(WORDS if depth == 0 else st.one_of(WORDS, braced(depth - 1)), max_size=4)
    return inner.map(lambda parts: "{" + " ".join(parts) + "}")


QUOTED = st.lists(st.one_of(st.sampled_from(["plain", "a,b", "{Braced}", "{\"}", "x=y", "東京", "\\\""]),
                            braced(1)), max_size=3).map(lambda parts: '"' + " ".join(parts) + '"')
PIECE = st.one_of(braced(3), QUOTED, st.sampled_from(["2021", "jan", "acm", "myMacro"]))
VALUE = st.lists(PIECE, min_size=1, max_size=3).map(" # ".join)
NAME = st.sampled_from(["title", "Author", "YEAR", "journal", "note", "abstract", "x-custom", "title"])
SPACE = st.sampled_from(["", " ", "  ", "\t", "\n", "\r\n", "\n  ", " \n\n "])
NEWLINE = st.sampled_from(["\n", "\r\n", "\n\n", " \n"])


@st.composite
def entry(draw) -> str:
    kind = draw(st.sampled_from(["article", "InProceedings", "MISC", "book", "online"]))
    key = draw(st.sampled_from(["smith2020", "Key:1", "müller_2019", "a.b-c", ""]))
    fields = [f"{draw(SPACE)}{draw(NAME)}{draw(SPACE)}={draw(SPACE)}{draw(VALUE)}{draw(SPACE)}"
              for _ in range(draw(st.integers(0, 5)))]
    body = ",".join([key, *fields]) + draw(st.sampled_from(["", ",", ",\n", "\n"]))
    return f"@{kind}{draw(st.sampled_from(['', ' ']))}{{{body}}}"


@st.composite
def other_block(draw) -> str:
    return draw(st.sampled_from([
        '@string{acm = "ACM Press"}', "@string{ myMacro = {Some {Text}} }", "@comment{ anything, {nested} here }",
        '@preamble{ "\\providecommand{\\x}{}" }', "@Comment{jabref-meta: databaseType:bibtex;}"]))


GAP = st.sampled_from(["", "\n", "\n\n", "% a comment line\n", "Some stray text, with = signs {and braces}\n",
                       "\r\n\r\n", "  \n\t\n", "email me: someone@example.org\n"])


@st.composite
def bib_text(draw) -> str:
    blocks = draw(st.lists(st.one_of(entry(), other_block()), max_size=6))
    return draw(GAP) + "".join(block + draw(NEWLINE) + draw(GAP) for block in blocks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib_text())
def test_well_formed_texts_are_scanned_as_bibtexparser_splits_them(text):
    found, split_by_bibtexparser = scanned(text)
    assert found == bibtexparsers(text)
    assert not split_by_bibtexparser, "a well-formed text was left to bibtexparser"


# Anything made of the characters that matter to the splitter: accepted or not, never different.
NOISE = st.lists(st.sampled_from(list('{}",=@\\#() \t\r\n') + ["a", "ß", "@misc{", "@string{", "\n@a{", "{\"}"]),
                max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["", "@article{k,", "@misc{k, title = ", "@comment{", "x\n@string{s = "]), NOISE, NOISE)
def test_any_text_gives_bibtexparsers_blocks(head, middle, tail):
    text = head + middle + "}" + tail
    assert scanned(text)[0] == bibtexparsers(text)


# Well-formed entries around broken ones: the broken stretch is bibtexparser's, the rest scanned.
BROKEN_ENTRY = st.sampled_from(["@misc{b1, title = {open brace,\n  year = 1\n}", "@misc{b2, title = {x}, oops}",
                                "@misc(b3, title = {paren})", "@misc{b4, title = \"unclosed,\n}", "@misc{b5 title}",
                                "  @article{b6, note = {a \\\\}, x = {c}}", "@string{s6 {no equals}}"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(entry(), other_block(), BROKEN_ENTRY), min_size=1, max_size=6), st.lists(GAP, min_size=7, max_size=7))
def test_broken_entries_among_good_ones_give_bibtexparsers_blocks(blocks, gaps):
    text = "".join(gap + block + "\n" for gap, block in zip(gaps, blocks))
    assert scanned(text)[0] == bibtexparsers(text)
