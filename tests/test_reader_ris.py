"""RIS reader on a publisher export, a Zotero preprint export and a file whose records lack ER."""
from __future__ import annotations

from pathlib import Path

import pytest

from citekit.model import Person
from citekit.readers import ris

FIXTURES = Path(__file__).parent / "fixtures" / "ris"
SEEDS = Path(__file__).parent.parent / "seeds"


def read_fixture(name: str):
    return ris.read((FIXTURES / name).read_text(encoding="utf-8"), name)


EXPECTED = [
    {
        "label": "publisher journal article: wrapped abstract joined, SP/EP a range, DA more precise than PY, ID pinned",
        "file": "publisher-export.ris", "index": 0, "lines": (1, 19),
        "fields": {"csl_type": "article-journal", "title": "Deep learning", "container-title": "Nature",
                   "volume": "521", "issue": "7553",
                   "abstract": "Deep learning allows computational models that are composed of multiple processing layers "
                               "to learn representations of data with multiple levels of abstraction.",
                   "URL": "https://doi.org/10.1038/nature14539", "DOI": "10.1038/nature14539", "page": "436-444",
                   "ISSN": "1476-4687", "citation-key": "LeCun2015", "date": "2015-05-01"},
        "people": [Person("LeCun", "Yann"), Person("Bengio", "Yoshua"), Person("Hinton", "Geoffrey")],
    },
    {
        "label": "conference paper: T2 is the container, CY the place, editors not authors",
        "file": "publisher-export.ris", "index": 1, "lines": (21, 37),
        "fields": {"csl_type": "paper-conference",
                   "title": "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
                   "container-title": "Proceedings of the 2019 Conference of the North American Chapter of the "
                                      "Association for Computational Linguistics: Human Language Technologies, "
                                      "Volume 1 (Long and Short Papers)",
                   "publisher": "Association for Computational Linguistics", "publisher-place": "Minneapolis, Minnesota",
                   "URL": "https://aclanthology.org/N19-1423/", "DOI": "10.18653/v1/N19-1423", "page": "4171-4186",
                   "date": "2019-06"},
        "people": [Person("Devlin", "Jacob"), Person("Chang", "Ming-Wei"), Person("Lee", "Kenton"),
                   Person("Toutanova", "Kristina")],
    },
    {
        "label": "Zotero preprint: UNPB with an arXiv id is an article; version from the URL; N1 restating the id dropped; "
                 "particle and suffix",
        "file": "zotero-preprint.ris", "index": 0, "lines": (1, 19),
        "fields": {"csl_type": "article", "title": "Constitutional AI: Harmlessness from AI Feedback",
                   "publisher": "arXiv",
                   "abstract": "As AI systems become more capable, we would like to enlist their help to supervise other AIs.",
                   "URL": "http://arxiv.org/abs/2212.08073v2",
                   "DOI": "10.48550/arXiv.2212.08073", "arxiv": "2212.08073", "arxiv-version": "v2",
                   "keyword": "Computer Science - Artificial Intelligence, Computer Science - Computation and Language",
                   "date": "2022-12-15"},
        "people": [Person("Bai", "Yuntao"), Person("Kadavath", "Saurav"),
                   Person("Maaten", "Laurens", non_dropping_particle="van der"),
                   Person("King", "Martin Luther", suffix="Jr.")],
    },
    {
        "label": "missing ER before the next TY: the record ends there",
        "file": "missing-er.ris", "index": 0, "lines": (2, 6),
        "fields": {"csl_type": "article-journal", "title": "First Record Without Its ER",
                   "container-title": "Journal of Examples", "date": "2020"},
        "people": [Person("Doe", "Jane")],
    },
    {
        "label": "missing ER at the end: last record still read; comma-less names",
        "file": "missing-er.ris", "index": 1, "lines": (7, 11),
        "fields": {"csl_type": "report", "title": "Second Record, Last in the File, Also Without ER", "date": "2021"},
        "people": [Person("Hinton", "Geoffrey"), Person("OpenAI")],
    },
]


@pytest.mark.parametrize("case", EXPECTED, ids=[c["label"] for c in EXPECTED])
def test_record_fields_and_people(case):
    records, _ = read_fixture(case["file"])
    record = records[case["index"]]
    assert dict(record.fields) == case["fields"]
    assert list(record.people) == case["people"]
    assert (record.span.first_line, record.span.last_line) == case["lines"]
    assert record.raw_text.startswith("TY  - ")
    assert record.layout == "ris" and record.authors_format == "structured"


def test_clean_exports_have_no_warnings():
    for name in ("publisher-export.ris", "zotero-preprint.ris"):
        records, diagnostics = read_fixture(name)
        assert diagnostics == [] and records


def test_missing_er_and_stray_text_are_reported_at_their_lines():
    records, diagnostics = read_fixture("missing-er.ris")
    assert len(records) == 2
    assert [(d.code, d.span.first_line) for d in diagnostics] == [
        ("stray-line", 1), ("ris-missing-er", 2), ("ris-missing-er", 7), ("ris-name-order", 7)]


def test_m3_is_a_doi_only_when_it_reads_as_one():
    text = "TY  - THES\nTI  - T\nM3  - PhD thesis\nER  - \nTY  - JOUR\nTI  - U\nM3  - 10.1000/xyz\nER  - \n"
    records, _ = ris.read(text, "t.ris")
    assert records[0].fields["genre"] == "PhD thesis" and "DOI" not in records[0].fields
    assert records[1].fields["DOI"] == "10.1000/xyz"


def test_sniff():
    assert ris.sniff("TY  - JOUR\nTI  - T\nER  - \n", "refs.ris") == 0.95
    assert ris.sniff("TY  - JOUR\nTI  - T\nER  - \n", "refs.txt") == 0.9
    for seed in sorted(SEEDS.glob("*.txt")):
        assert ris.sniff(seed.read_text(encoding="utf-8"), seed.name) == 0.0


def test_tag_without_space_after_the_dash_is_still_a_tag():
    records, diagnostics = ris.read("TY  -JOUR\nTI  -Tight Title\nER  -\n", "t.ris")
    assert records[0].fields == {"csl_type": "article-journal", "title": "Tight Title"} and diagnostics == []
