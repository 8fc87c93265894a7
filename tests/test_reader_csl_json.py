"""CSL-JSON reader on a Zotero export, an `{"items": [...]}` file with stray elements, and broken files."""
from __future__ import annotations

from pathlib import Path

import pytest

from citekit.diagnostics import BadInput
from citekit.model import Person
from citekit.readers import csl_json

FIXTURES = Path(__file__).parent / "fixtures" / "csljson"
SEEDS = Path(__file__).parent.parent / "seeds"


def read_fixture(name: str):
    return csl_json.read((FIXTURES / name).read_text(encoding="utf-8"), name)


EXPECTED = [
    {
        "label": "Zotero preprint: URI id not pinned, arXiv id from number/URL/DOI (note and number only restated it), "
                 "string year in date-parts",
        "index": 0, "lines": (2, 42),
        "fields": {"abstract": "As AI systems become more capable, we would like to enlist their help to supervise other AIs.",
                   "DOI": "10.48550/arXiv.2212.08073", "publisher": "arXiv", "source": "arXiv.org",
                   "title": "Constitutional AI: Harmlessness from AI Feedback", "title-short": "Constitutional AI",
                   "URL": "http://arxiv.org/abs/2212.08073", "csl_type": "article", "arxiv": "2212.08073",
                   "date": "2022-12-15"},
        "people": [Person("Bai", "Yuntao"), Person("Kadavath", "Saurav")],
    },
    {
        "label": "Zotero article: citation-key pinned, non-dropping particle kept in its field",
        "index": 1, "lines": (43, 71),
        "fields": {"container-title": "Journal of Machine Learning Research", "ISSN": "1533-7928", "issue": "86",
                   "page": "2579-2605", "title": "Visualizing Data using t-SNE", "volume": "9",
                   "csl_type": "article-journal", "citation-key": "maatenVisualizingDataUsing2008", "date": "2008"},
        "people": [Person("Maaten", "Laurens", non_dropping_particle="van der"), Person("Hinton", "Geoffrey")],
    },
    {
        "label": "Scholar-style container 'arXiv preprint ...' dropped; literal organisation; raw date",
        "index": 2, "lines": (72, 85),
        "fields": {"title": "GPT-4 Technical Report", "csl_type": "article", "arxiv": "2303.08774",
                   "citation-key": "openaiGPT4TechnicalReport2023", "date": "2023-03"},
        "people": [Person(literal="OpenAI")],
    },
    {
        "label": "suffix and dropping particle kept; year-month date",
        "index": 3, "lines": (86, 112),
        "fields": {"container-title": "Why We Can't Wait", "publisher": "Harper & Row",
                   "title": "Letter from Birmingham Jail", "csl_type": "chapter",
                   "citation-key": "kingLetterBirminghamJail1963", "date": "1963-04"},
        "people": [Person("King", "Martin Luther", suffix="Jr."), Person("Beethoven", "Ludwig", dropping_particle="van")],
    },
]


@pytest.mark.parametrize("case", EXPECTED, ids=[c["label"] for c in EXPECTED])
def test_zotero_export_items(case):
    records, _ = read_fixture("zotero-export.json")
    assert len(records) == 4
    record = records[case["index"]]
    assert dict(record.fields) == case["fields"]
    assert list(record.people) == case["people"]
    assert (record.span.first_line, record.span.last_line) == case["lines"]
    assert record.raw_text.startswith("{") and record.raw_text.endswith("}")
    assert record.layout == "csl_json" and record.authors_format == "structured"


def test_zotero_uri_id_is_reported_not_pinned():
    _, diagnostics = read_fixture("zotero-export.json")
    assert [(d.code, d.span.first_line) for d in diagnostics] == [("csl-json-id", 2)]


def test_items_wrapper_with_stray_element_unknown_type_and_others():
    records, diagnostics = read_fixture("items-wrapper.json")
    assert [dict(r.fields) for r in records] == [
        {"title": "A Good Entry", "DOI": "10.18653/v1/2020.acl-main.1", "csl_type": "paper-conference",
         "citation-key": "doe2020good", "date": "2020-07"},
        {"title": "Numeric Id and Unknown Type", "date": "2019-05-02"},
    ]
    assert records[0].people == (Person("Doe", "Jane"),) and records[0].people_truncated
    assert [(r.span.first_line, r.span.last_line) for r in records] == [(2, 4), (6, 6)]
    assert [(d.code, d.span.first_line) for d in diagnostics] == [
        ("csl-json-not-an-item", 5), ("csl-json-type", 6), ("csl-json-id", 6)]


def test_invalid_json_stops_the_file_with_line_and_column():
    with pytest.raises(BadInput) as caught:
        read_fixture("invalid-json.json")
    diagnostic = caught.value.diagnostic
    assert diagnostic.span.first_line == 6
    assert "line 6, column 3" in diagnostic.message
    assert caught.value.render().startswith("invalid-json.json:6: error: invalid JSON")


def test_single_object_is_not_a_list():
    with pytest.raises(BadInput) as caught:
        read_fixture("not-a-list.json")
    assert "array of items" in caught.value.diagnostic.message
    assert caught.value.render().startswith("not-a-list.json: error:")


def test_better_bibtex_note_line_gives_the_key():
    text = '[{"id": "http://zotero.org/users/1/items/X", "type": "book", "title": "T", "note": "Citation Key: doeT2020"}]'
    records, _ = csl_json.read(text, "refs.json")
    assert records[0].fields["citation-key"] == "doeT2020"


def test_sniff():
    assert csl_json.sniff("[\n{", "refs.json") == 0.95
    assert csl_json.sniff('[{"type": "book", "title": "T"}]', "refs.txt") == 0.85
    for seed in sorted(SEEDS.glob("*.txt")):
        assert csl_json.sniff(seed.read_text(encoding="utf-8"), seed.name) < 0.5
