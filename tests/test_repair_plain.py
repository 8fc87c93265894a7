"""repair_plain, the shortcut for structured records with nothing to repair, gives what the general path gives.

The oracle is repair_records with the shortcut switched off (every record through repair_record),
on real files of every reader and on generated structured records with damaged texts and names.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import citekit.repair
from citekit.diagnostics import BadInput
from citekit.model import Person, SourceRecord, SourceSpan
from citekit.pipeline import read_all
from citekit.repair import RunRepairs, repair_records
from citekit.repair.plain import repair_plain
from benchmark_corpus import write_benchmark_corpus

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
REAL_FILES = sorted([*FIXTURES.glob("bib/*.bib"), *FIXTURES.glob("csljson/*.json"), *FIXTURES.glob("ris/*.ris"),
                     *FIXTURES.glob("repair/*.txt"), *(ROOT / "seeds").glob("*.txt")])


def read(paths: list[Path]) -> list[SourceRecord]:
    try:
        return read_all(paths)[0]
    except BadInput:  # a broken fixture refused whole
        return []


def general_path(records: list[SourceRecord]):
    """repair_records with every record through repair_record."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(citekit.repair, "repair_plain", lambda record, fix: None)
        return repair_records(records)


def assert_same_as_general_path(records: list[SourceRecord]) -> None:
    repaired, diagnostics = repair_records(records)
    expected, expected_diagnostics = general_path(records)
    assert list(map(repr, repaired)) == list(map(repr, expected))  # repr: dict order too
    assert diagnostics == expected_diagnostics


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_benchmark_corpus(tmp_path_factory.mktemp("corpus"), size=300)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_real_files_repair_as_by_the_general_path(path):
    assert_same_as_general_path(read([path]))


@pytest.mark.parametrize("layout", ["bib/library.bib", "csl/library.json", "scraped"])
def test_benchmark_corpus_repairs_as_by_the_general_path(corpus, layout):
    assert_same_as_general_path(read([corpus / layout]))


def test_most_records_of_a_clean_library_take_the_shortcut(corpus):
    records = read([corpus / "bib" / "library.bib"])
    fix = RunRepairs()
    taken = [record for record in records if repair_plain(record, fix) is not None]
    assert len(taken) > 0.8 * len(records)


def test_records_with_something_to_repair_or_report_are_left_to_the_general_path():
    """Each of these structured records needs a step or a diagnostic: the shortcut declines it."""
    span = SourceSpan("library.bib", 1, 3)
    clean = {"title": "A Study", "abstract": "Plain text.", "date": "2020"}
    damaged = [
        {**clean, "title": "CafÃ© culture"},
        {**clean, "abstract": "two  spaces"},
        {**clean, "date": "sometime in spring"},
        {**clean, "note": "fine\nMÃ¼ller"},
        {**clean, "head": "[CL] 2020"},
    ]
    records = [SourceRecord(span, "bibtex", "", fields, "structured", (Person("Lee", "Ann"),)) for fields in damaged]
    records.append(SourceRecord(span, "bibtex", "", clean, "structured", (Person("MÃ¼ller", "Jan"),)))
    fix = RunRepairs()
    assert [repair_plain(record, fix) for record in records] == [None] * len(records)
    assert_same_as_general_path(records)


# A generated record is clean (every value as a clean structured file prints it) with at most one
# damage: a text or name part with mojibake, lost bytes or odd spaces, an unreadable date, a head line.
CLEAN_PIECES = ["A", "study", " of ", "é", "—", "≥", "“q”", "Müller", "\n"]
DAMAGED_PIECES = ["MÃ¼ller", "M├╝ller", "Ã©", "Â", "\u00a0", "\u200b", "\t", "  ", "\u0e40\u0e21", "e\u0301", "├", "Œ", " "]
CLEAN_TEXTS = st.lists(st.sampled_from(CLEAN_PIECES), max_size=5).map("".join)
DAMAGED_TEXTS = st.tuples(CLEAN_TEXTS, st.sampled_from(DAMAGED_PIECES), CLEAN_TEXTS).map("".join)
CLEAN_VALUES = {
    "title": CLEAN_TEXTS, "abstract": CLEAN_TEXTS, "container-title": CLEAN_TEXTS, "note": CLEAN_TEXTS,
    "publisher": CLEAN_TEXTS, "date": st.sampled_from(["2020", "2020-05", "May 2020", " 2021-02-03 ", ""]),
    "csl_type": st.sampled_from(["article-journal", ""]), "citation-key": st.sampled_from(["lee2020", ""]),
    "DOI": st.sampled_from(["10.1/x", " 10.1/y ", " "]), "URL": st.sampled_from(["https://a.org", ""]),
    "arxiv-category": st.sampled_from(["cs.CL", ""]), "category-letters": st.sampled_from(["CL", ""]),
}
DAMAGES = st.one_of(
    st.tuples(st.sampled_from(["title", "abstract", "container-title", "note", "publisher"]), DAMAGED_TEXTS),
    st.tuples(st.just("note"), st.tuples(CLEAN_TEXTS, DAMAGED_TEXTS).map("\n".join)),
    st.tuples(st.just("date"), st.sampled_from(["sometime", "31 Feb 2020"])),
    st.tuples(st.just("head"), st.sampled_from(["[CL] Mon, 5 Feb 2024", "[XX] no date", ""])),
)
FIELDS = st.tuples(
    st.lists(st.sampled_from(sorted(CLEAN_VALUES)), unique=True, max_size=8).flatmap(
        lambda names: st.fixed_dictionaries({name: CLEAN_VALUES[name] for name in names})),
    st.one_of(st.none(), DAMAGES),
).map(lambda drawn: {**drawn[0], **dict([drawn[1]] if drawn[1] else [])})
CLEAN_NAMES = st.one_of(st.none(), CLEAN_TEXTS)
PEOPLE = st.builds(Person, CLEAN_NAMES, CLEAN_NAMES, st.one_of(st.none(), st.just("van")), st.none(), st.none(), st.none())
DAMAGED_PEOPLE = st.builds(Person, DAMAGED_TEXTS, CLEAN_NAMES) | st.builds(Person, literal=DAMAGED_TEXTS)


@settings(max_examples=400, deadline=None)
@given(st.lists(PEOPLE, min_size=1, max_size=4), st.lists(DAMAGED_PEOPLE, max_size=1),
       st.lists(st.tuples(FIELDS, st.lists(st.integers(0, 5), max_size=4), st.sampled_from(["structured"] * 4 + ["none"])),
                min_size=1, max_size=5))
def test_generated_records_repair_as_by_the_general_path(clean_people, damaged_people, drafts):
    """People are drawn from one pool, so records share Person objects as readers make them."""
    pool = clean_people + damaged_people
    records = [SourceRecord(SourceSpan("x.bib", line, line), "bibtex", "", fields, authors_format,
                            tuple(pool[i % len(pool)] for i in picks))
               for line, (fields, picks, authors_format) in enumerate(drafts, 1)]
    assert_same_as_general_path(records)
