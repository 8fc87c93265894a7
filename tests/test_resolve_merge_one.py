"""merge_one (the one-record fast path of merge_cluster) makes exactly the Work the general merge makes."""
from pathlib import Path

import pytest

from citekit.model import FieldChoice, PartialDate, RepairedRecord, SourceRecord, SourceSpan
from citekit.resolve.merging import merge_cluster, merge_many, merge_one
from repaired_inputs import repaired_records

FIXTURES = Path(__file__).parent / "fixtures"
REAL_INPUTS = [
    {"label": "bundled seeds", "sources": []},
    {"label": "bibtex exports", "sources": [FIXTURES / "bib"]},
    {"label": "ris exports", "sources": [FIXTURES / "ris"]},
    {"label": "csl-json exports", "sources": [FIXTURES / "csljson" / "zotero-export.json", FIXTURES / "csljson" / "items-wrapper.json"]},
    {"label": "scraped layouts", "sources": [FIXTURES / "layouts"]},
]


@pytest.mark.parametrize("case", REAL_INPUTS, ids=[c["label"] for c in REAL_INPUTS])
def test_one_record_work_equals_the_general_merge_on_real_records(case):
    records = repaired_records([p for s in case["sources"] for p in (sorted(s.iterdir()) if s.is_dir() else [s])])
    assert records, "the input must give records to compare"
    for record in records:
        work = merge_one(record)
        assert work == merge_many([record])[0], str(record.span)
        # A plain tuple would compare equal to a FieldChoice: the type is checked too.
        assert {type(choice) for choice in work.choices} <= {FieldChoice}, str(record.span)


def edge(**values):
    return RepairedRecord(SourceRecord(SourceSpan("a.txt", 3, 5), "profile_list", "raw", {}), **values)


EDGE_RECORDS = [
    {"label": "nothing but a span", "record": edge()},
    {"label": "empty strings where values may be", "record": edge(title="", abstract="", container_title="", csl_type="", pinned_key="")},
    {"label": "category letters without a category", "record": edge(title="T", category="", category_letters="CL")},
    {"label": "category without letters", "record": edge(title="T", category="cs.CL")},
    {"label": "date with no year", "record": edge(title="T", issued=PartialDate(None, 4, 1))},
    {"label": "repeated affiliations", "record": edge(title="T", affiliations=("MIT", "CMU", "MIT"))},
    {"label": "truncated author list with no authors", "record": edge(title="T", authors_truncated=True)},
    {"label": "identifiers and extra", "record": edge(title="T", identifiers={"doi": "10.1/x"}, extra={"volume": "3"}, pinned_key="k")},
]


@pytest.mark.parametrize("case", EDGE_RECORDS, ids=[c["label"] for c in EDGE_RECORDS])
def test_one_record_work_equals_the_general_merge_on_edge_values(case):
    assert merge_one(case["record"]) == merge_many([case["record"]])[0]


def test_one_record_cluster_takes_the_fast_path_with_no_diagnostics():
    record = edge(title="T")
    work, diagnostics = merge_cluster([record])
    assert diagnostics == [] and work.records == (record,)
    assert [(c.field, c.from_spans) for c in work.choices] == [("title", (record.span,))]
    assert repr(work.choices[0]) == f"FieldChoice(field='title', from_spans=({record.span!r},), rule='title printed on its own line first')"
