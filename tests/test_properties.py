"""Properties over generated inputs, with arbitrary Unicode in every field.

Readers (every layout and bibliography format) and the whole pipeline: nothing raises but a
one-line BadInput, and every generated record ends in a citation or in a diagnostic at its lines.
Writers: every format writes any citations; BibTeX/biblatex parse back whole with bibtexparser to
the same keys; CSL-JSON validates against the official schema. Output does not depend on the
order of records or files, and export -> import -> export is a fixed point (for text people write:
letters, accents, digits and common punctuation; a lone `_` as a family name does not survive).
"""
from __future__ import annotations

import atexit
import os
import json
import random
import shutil
import tempfile
import unicodedata
from dataclasses import astuple
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from citekit.diagnostics import BadInput
from citekit.model import Citation, PartialDate, Person, RepairedRecord, SourceRecord, SourceSpan, Work
from citekit.pipeline import build_citations
from citekit.readers.latex_decode import decode_latex
from citekit.writers import WRITERS, WriteOptions
from citekit.writers.latex_text import escape_plain

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
# Moderate counts keep the whole suite within minutes; raise them locally when hunting bugs.
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PYTHON_SHOWING = ("Traceback", "object at 0x", "[Errno")

# Any Unicode scalar value; lines may hold anything but the line breaks files are split on.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
LINE = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\n\r"), min_size=1, max_size=40).filter(str.strip)
NAME = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\n\r"), min_size=1, max_size=15).filter(str.strip)
# What people write in titles and names: letters, accents, digits, spaces, common punctuation.
PROSE = st.characters(categories=("L", "M", "Nd", "Zs"), include_characters=".,:;'-()?!&/")
PROSE_LINE = st.text(PROSE, min_size=1, max_size=40).filter(str.strip)
# Names as capitalised words (a lower-case first word reads back as a particle: the xfail below).
PROSE_NAME = st.lists(st.builds(str.__add__, st.characters(categories=("Lu",)),
                                st.text(st.characters(categories=("Ll", "Mn")), max_size=8)),
                      min_size=1, max_size=3).map(" ".join)
YEARS = st.integers(1900, 2030)
HEAD_CATEGORIES = st.sampled_from(["CL", "LG", "CV", "SOC-PH", "CR"])
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@st.composite
def records(draw, line=LINE, name=NAME):
    """A publication with arbitrary text in every field (title, people, abstract, venue)."""
    return {
        "title": draw(line), "abstract": draw(line), "venue": draw(line),
        "people": draw(st.lists(st.tuples(name, name), min_size=1, max_size=4)),
        "year": draw(YEARS), "month": draw(st.integers(1, 12)), "day": draw(st.integers(1, 28)),
        "category": draw(HEAD_CATEGORIES),
    }


# Each renderer: records -> (file text, [(first line, last line) of each record]).
def render_bibtex(recs):
    lines, spans = [], []
    for i, r in enumerate(recs):
        first = len(lines) + 1
        authors = " and ".join(f"{family}, {given}" for family, given in r["people"])
        lines += [f"@article{{{r.get('key', f'entry{i}')},", f"  title = {{{r['title']}}},", f"  author = {{{authors}}},",
                  f"  journal = {{{r['venue']}}},", f"  abstract = {{{r['abstract']}}},", f"  year = {{{r['year']}}},", "}", ""]
        spans.append((first, len(lines) - 1))
    return "\n".join(lines), spans


def render_csl_json(recs):
    items = [{"id": r.get("key", f"entry{i}"), "type": "article-journal", "title": r["title"], "container-title": r["venue"],
              "abstract": r["abstract"], "author": [{"family": f, "given": g} for f, g in r["people"]],
              "issued": {"date-parts": [[r["year"], r["month"], r["day"]]]}} for i, r in enumerate(recs)]
    lines, spans = ["["], []
    for i, item in enumerate(items):
        spans.append((len(lines) + 1, len(lines) + 1))
        lines.append(json.dumps(item, ensure_ascii=False) + ("," if i < len(items) - 1 else ""))
    return "\n".join(lines + ["]"]), spans


def render_ris(recs):
    lines, spans = [], []
    for r in recs:
        first = len(lines) + 1
        lines += ["TY  - JOUR", f"TI  - {r['title']}", *(f"AU  - {f}, {g}" for f, g in r["people"]),
                  f"T2  - {r['venue']}", f"AB  - {r['abstract']}", f"PY  - {r['year']}///", "ER  - "]
        spans.append((first, len(lines)))
    return "\n".join(lines), spans


def render_listing_feed(recs):
    lines, spans = [], []
    for r in recs:
        first = len(lines) + 1
        byline = ", ".join(f"{g} {f}" for f, g in r["people"])
        lines += [f"{r['category']}{MONTHS[r['month'] - 1]} {r['day']}, {r['year']}", f"{r['title']}{byline}", r["abstract"]]
        spans.append((first, len(lines)))
    return "\n".join(lines), spans


def render_profile_list(recs):
    lines, spans = ["Okafor, Chidi"], []
    for r in recs:
        first = len(lines) + 1
        lines += [r["title"], ", ".join(f"{f}, {g}" for f, g in r["people"]), r["abstract"]]
        spans.append((first, len(lines)))
    return "\n".join(lines), spans


def render_profile_card(recs):
    lines, spans = ["Chidi Okafor", "", "LG", "h-index12", f"{len(recs)}papers", "", f"{len(recs)} Papers"], []
    for r in recs:
        first = len(lines) + 2
        byline = ", ".join(f"{g} {f}" for f, g in r["people"])
        lines += ["", f"{r['category']}{MONTHS[r['month'] - 1]} {r['day']}, {r['year']}", "", r["title"], "", byline, "", r["abstract"]]
        spans.append((first, len(lines)))
    return "\n".join(lines), spans


def render_abstract_list(recs):
    return "\n".join(f"Abstract:{r['abstract']}" for r in recs), [(i, i) for i in range(1, len(recs) + 1)]


RENDERERS = {"refs.bib": render_bibtex, "refs.json": render_csl_json, "refs.ris": render_ris,
             "feed.txt": render_listing_feed, "profile.txt": render_profile_list, "card.txt": render_profile_card,
             "abstracts.txt": render_abstract_list}
BIBLIOGRAPHIES = ("refs.bib", "refs.json", "refs.ris")


# One folder for every export: spans name files by path, and outputs cite their spans.
FOLDER = Path(tempfile.mkdtemp(prefix="citekit-properties-"))
CREATOR = os.getpid()


@atexit.register
def remove_folder() -> None:
    # A forked child (the atomic-output tests fork) runs atexit too: only the creator removes.
    if os.getpid() == CREATOR:
        shutil.rmtree(FOLDER, ignore_errors=True)


def export(files: dict[str, str], fmt: str) -> tuple[str, object]:
    """Build citations from `files` (alone in FOLDER) and write them; return (text, outcome)."""
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.iterdir():
        old.unlink()
    for name, text in files.items():
        (FOLDER / name).write_text(text, encoding="utf-8")
    outcome = build_citations([FOLDER / name for name in files])
    return WRITERS[fmt].write(outcome.citations, WriteOptions()), outcome


def control_share(text: str) -> float:
    """The share of a file's bytes that are C0 control characters other than tab and line ends."""
    data = text.encode("utf-8")
    return sum(1 for b in data if b < 0x20 and b not in b"\t\n\r") / len(data)


def assert_accounted(spans, outcome, name):
    """Each generated record's lines meet a citation's record or a diagnostic's span."""
    covered = [(s.first_line, s.last_line) for c in outcome.citations for r in c.work.records for s in [r.span]
               if s.path.endswith(name)]
    covered += [(d.span.first_line, d.span.last_line) for d in outcome.diagnostics if d.span and d.span.path.endswith(name)]
    for first, last in spans:
        assert any(a <= last and first <= b for a, b in covered), f"record at lines {first}-{last} vanished"


@SOME
@given(st.sampled_from(sorted(RENDERERS)), st.lists(records(), min_size=1, max_size=4))
def test_any_unicode_in_any_field_reads_without_raising_and_loses_no_record(name, recs):
    text, spans = RENDERERS[name](recs)
    try:
        _, outcome = export({name: text}, "bibtex")
    except BadInput as error:  # a whole file refused: allowed for scraped layouts, with one clean line
        assert name not in BIBLIOGRAPHIES or control_share(text) > 0.01, error.render()
        assert "\n" not in error.render() and not any(p in error.render() for p in PYTHON_SHOWING)
        event(f"{name}: whole file refused")
        return
    assert_accounted(spans, outcome, name)
    for d in outcome.diagnostics:
        assert not any(p in d.message for p in PYTHON_SHOWING), d.message


people = st.one_of(
    st.builds(Person, family=NAME, given=st.none() | NAME, suffix=st.none() | st.sampled_from(["Jr.", "III"]),
              non_dropping_particle=st.none() | st.sampled_from(["van der", "de la"])),
    st.builds(Person, literal=NAME),
)


@st.composite
def citation_lists(draw):
    """Citations with distinct keys (case-insensitively) and arbitrary Unicode in every field."""
    keys = draw(st.lists(st.from_regex(r"[a-z][A-Za-z0-9]{0,12}", fullmatch=True), min_size=1, max_size=5,
                         unique_by=str.casefold))
    out = []
    for number, key in enumerate(keys):
        span = SourceSpan("generated.txt", number + 1, number + 1)
        year = draw(st.none() | YEARS)
        work = Work(
            csl_type=draw(st.sampled_from(["article", "article-journal", "paper-conference", "book", "report", "thesis", "webpage"])),
            title=draw(ANY_TEXT.filter(str.strip)), authors=tuple(draw(st.lists(people, max_size=4))),
            authors_truncated=draw(st.booleans()),
            issued=None if year is None else PartialDate(year, draw(st.none() | st.integers(1, 12)), None),
            container_title=draw(st.none() | ANY_TEXT.filter(str.strip)), abstract=draw(st.none() | ANY_TEXT),
            identifiers=draw(st.fixed_dictionaries({}, optional={
                "doi": st.from_regex(r"10\.\d{4,5}/[a-z0-9.]{1,10}", fullmatch=True),
                "arxiv": st.from_regex(r"2[0-4](0[1-9]|1[0-2])\.\d{5}", fullmatch=True)})),
            records=(RepairedRecord(SourceRecord(span, "test", "", {})),),
        )
        out.append(Citation(key, work, "formula"))
    return sorted(out, key=lambda c: c.key)


@SOME
@given(citation_lists(), st.sampled_from(sorted(WRITERS)))
def test_every_writer_writes_any_citations(citations, fmt):
    if fmt == "bibliography":
        event("bibliography")
    text = WRITERS[fmt].write(citations, WriteOptions())
    assert isinstance(text, str) and text.strip()


@SOME
@given(citation_lists(), st.sampled_from(["bibtex", "biblatex"]))
def test_bibtex_output_parses_back_to_the_same_entries(citations, fmt):
    library = bibtexparser.parse_string(WRITERS[fmt].write(citations, WriteOptions()))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [c.key for c in citations]
    assert all("title" in e.fields_dict for e in library.entries)


@SOME
@given(citation_lists())
def test_csl_json_output_always_validates(citations):
    data = json.loads(WRITERS["csljson"].write(citations, WriteOptions()))
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []
    assert [item["id"] for item in data] == [c.key for c in citations]


@FEW
@given(st.sampled_from(sorted(RENDERERS)), st.lists(records(), min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_output_does_not_depend_on_record_order(name, recs, rng: random.Random):
    recs = [dict(r, key=f"entry{i}") for i, r in enumerate(recs)]  # a user's key stays with its entry
    recs = distinct_works(recs)
    shuffled = recs[:]
    rng.shuffle(shuffled)
    outputs = []
    for order in (recs, shuffled):
        try:
            text, outcome = export({name: RENDERERS[name](order)[0]}, "csljson")
        except BadInput:
            event("whole file refused")
            return
        if {"stray-line", "extra-lines"} & {d.code for d in outcome.diagnostics}:
            # A block the line-based reader cannot read (an author line of no names) is reported
            # where it stands, skipped at the top or joined to the abstract above: that depends on
            # its neighbours by design, so only files read as whole records are compared.
            event("unreadable block in a line-based layout")
            return
        # where each record stood moves with it, by design; nothing else may
        outputs.append((without_sources(text, "csljson"), WRITERS["bibtex"].write(outcome.citations, WriteOptions())))
    assert outputs[0] == outputs[1]


@FEW
@given(st.lists(records(), min_size=2, max_size=4), st.lists(records(), min_size=1, max_size=3))
def test_output_does_not_depend_on_which_file_comes_first(first, second):
    feed, bib = render_listing_feed(first)[0], render_bibtex(second)[0]
    try:
        one = export({"a-feed.txt": feed, "b-refs.bib": bib}, "bibtex")[0]
        other = export({"b-feed.txt": feed, "a-refs.bib": bib}, "bibtex")[0]
    except BadInput:
        event("whole file refused")
        return
    assert one == other


def latex_round_trips(char: str) -> bool:
    """True when the BibTeX dialect's LaTeX for this character reads back as the same character."""
    return decode_latex(escape_plain(char)) == unicodedata.normalize("NFC", char)


# Letters the BibTeX (ASCII) dialect writes as another letter (pylatexenc approximates Ħ as {\=H},
# Greek capitals as Latin ones) or that read back differently (Ș): the known gap, tested below.
# Precomposed letters (Latin, Greek, Cyrillic), digits and punctuation whose LaTeX reads back unchanged.
BIBTEX_SAFE = [c for c in map(chr, range(0x20, 0x500)) if latex_round_trips(c)
               and (unicodedata.category(c)[0] in "LN" or c in " .,:;'-()?!&/")]
BIBTEX_LINE = st.text(st.sampled_from(BIBTEX_SAFE), min_size=1, max_size=40).filter(str.strip)
BIBTEX_NAME = st.lists(st.builds(str.__add__, st.sampled_from([c for c in BIBTEX_SAFE if c.isupper()]),
                                 st.text(st.sampled_from([c for c in BIBTEX_SAFE if c.islower()]), max_size=8)),
                       min_size=1, max_size=3).map(" ".join)


def distinct_works(recs):
    """Records of different works: which of two records of one work wins is the known case below."""
    return [dict(r, title=f"{r['title']} {i}") for i, r in enumerate(recs)]


def assert_fixed_point(name, recs, fmt, again):
    recs = distinct_works(recs)
    try:
        first, outcome = export({name: RENDERERS[name](recs)[0]}, fmt)
    except BadInput:
        event("whole file refused")
        return
    if not first.strip("[]\n"):  # nothing exported (e.g. abstracts that match no titled record)
        event("empty export")
        return
    if fmt == "bibtex" and not all(map(latex_round_trips, letters_of(outcome.citations))):
        # Safe letters can still be mojibake that repairs to a letter outside the dialect (Ðƒ -> Ѓ).
        event("repaired to a letter of the known ASCII-dialect gap (tested by the xfail below)")
        return
    second, outcome = export({again: first}, fmt)
    assert without_sources(second, fmt) == without_sources(first, fmt), [f"{d.span} {d.message}" for d in outcome.diagnostics]


@FEW
@given(st.sampled_from(sorted(RENDERERS)), st.lists(records(PROSE_LINE, PROSE_NAME), min_size=1, max_size=4),
       st.sampled_from([("biblatex", "again.bib"), ("csljson", "again.json")]))
def test_export_import_export_is_a_fixed_point(name, recs, target):
    assert_fixed_point(name, recs, *target)


@FEW
@given(st.sampled_from(sorted(RENDERERS)),
       st.lists(records(BIBTEX_LINE, BIBTEX_NAME), min_size=1, max_size=4))
def test_export_import_export_is_a_fixed_point_in_the_ascii_bibtex_dialect(name, recs):
    assert_fixed_point(name, recs, "bibtex", "again.bib")


@pytest.mark.xfail(strict=True, reason="106 letters in U+00A0-U+24FF change in the BibTeX dialect: pylatexenc "
                   "approximates them or the reader decodes them otherwise (reported to the writers owner)")
def test_bibtex_dialect_writes_every_letter_so_it_reads_back():
    letters = [chr(c) for c in range(0xA0, 0x2500) if unicodedata.category(chr(c)).startswith("L")]
    assert "".join(c for c in letters if not latex_round_trips(c)) == ""


def letters_of(citations) -> set[str]:
    """Every non-ASCII character of the citations' titles, venues, abstracts and author names."""
    texts = [text or "" for c in citations for text in (c.work.title, c.work.container_title, c.work.abstract)]
    texts += [part or "" for c in citations for person in c.work.authors for part in astuple(person)
              if isinstance(part, str)]
    return {char for text in texts for char in text if not char.isascii()}


def without_sources(text: str, fmt: str):
    """The output minus custom.sources, which names the files a work was read from (by design)."""
    if fmt != "csljson":
        return text
    items = json.loads(text)
    for item in items:
        item["custom"].pop("sources")
    return items


def test_which_user_key_survives_a_merge_does_not_depend_on_order():
    same = {"title": "Sparse Attention, Revisited", "abstract": "We revisit sparse attention.", "venue": "Journal of Examples",
            "people": [("Okafor", "Chidi")], "year": 2021, "month": 3, "day": 1, "category": "LG"}
    one = export({"refs.bib": render_bibtex([dict(same, key="okafor2021"), dict(same, key="sparse2021")])[0]}, "bibtex")[0]
    other = export({"refs.bib": render_bibtex([dict(same, key="sparse2021"), dict(same, key="okafor2021")])[0]}, "bibtex")[0]
    assert one == other


def test_a_family_name_with_a_lower_case_first_word_reads_back_whole():
    work = Work("book", "Lives of the Artists", (Person(family="della Valle", given="Pietro"),), False,
                PartialDate(1550), None, None, {}, (RepairedRecord(SourceRecord(SourceSpan("generated.txt", 1, 1), "test", "", {})),))
    first = WRITERS["biblatex"].write([Citation("dellavalle1550", work, "formula")], WriteOptions())
    assert export({"again.bib": first}, "biblatex")[0] == first
