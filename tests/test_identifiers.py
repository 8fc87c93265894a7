"""DOI and arXiv id normalisation, as cases named in words."""
from __future__ import annotations

import pytest

from citekit.readers.identifiers import (ArxivId, arxiv_category, bare_doi, collect_arxiv_id, find_arxiv_id,
                                         is_arxiv_container, normalise_doi, only_arxiv_id,
                                         parse_arxiv_id)

DOIS = [
    {"label": "resolver URL removed, case kept", "text": "https://doi.org/10.18653/V1/N19-1423", "bare": "10.18653/V1/N19-1423"},
    {"label": "old dx resolver", "text": "http://dx.doi.org/10.1038/nature14539", "bare": "10.1038/nature14539"},
    {"label": "doi: prefix", "text": "doi: 10.1000/ABC.1", "bare": "10.1000/ABC.1"},
    {"label": "percent-encoded slash", "text": "https://doi.org/10.1000%2Fabc", "bare": "10.1000/abc"},
    {"label": "trailing full stop of a sentence", "text": "10.1000/abc.", "bare": "10.1000/abc"},
    {"label": "not a DOI", "text": "ISBN 978-0-13-187321-6", "bare": None},
]


@pytest.mark.parametrize("case", DOIS, ids=[c["label"] for c in DOIS])
def test_bare_and_normalised_doi(case):
    assert bare_doi(case["text"]) == case["bare"]
    assert normalise_doi(case["text"]) == (case["bare"].lower() if case["bare"] else None)


MARKED = [
    {"label": "Google Scholar journal", "text": "arXiv preprint arXiv:2212.08073", "id": ArxivId("2212.08073")},
    {"label": "abs URL with version", "text": "https://arxiv.org/abs/2212.08073v2", "id": ArxivId("2212.08073", "v2")},
    {"label": "pdf URL", "text": "https://arxiv.org/pdf/1706.03762v7.pdf", "id": ArxivId("1706.03762", "v7")},
    {"label": "arXiv DOI", "text": "10.48550/ARXIV.2212.08073", "id": ArxivId("2212.08073")},
    {"label": "note with category", "text": "arXiv:2212.08073 [cs.CL]", "id": ArxivId("2212.08073", None, "cs.CL")},
    {"label": "Zotero note with archive only", "text": "arXiv:2212.08073 [cs]", "id": ArxivId("2212.08073")},
    {"label": "old style with version and category", "text": "arXiv:hep-th/9901001v1 [hep-th]",
     "id": ArxivId("hep-th/9901001", "v1", "hep-th")},
    {"label": "old style with subject class", "text": "arXiv:math.gt/0309136", "id": ArxivId("math.GT/0309136")},
    {"label": "five-digit new style", "text": "see arXiv:2401.12345v3 for details", "id": ArxivId("2401.12345", "v3")},
    {"label": "unmarked number is no id", "text": "pages 2212.08073", "id": None},
    {"label": "impossible month is no id", "text": "arXiv:2213.08073", "id": None},
]


@pytest.mark.parametrize("case", MARKED, ids=[c["label"] for c in MARKED])
def test_find_arxiv_id(case):
    assert find_arxiv_id(case["text"]) == case["id"]


def test_parse_arxiv_id_takes_a_bare_field_only():
    assert parse_arxiv_id("2212.08073v2") == ArxivId("2212.08073", "v2")
    assert parse_arxiv_id("arXiv:hep-th/9711200") == ArxivId("hep-th/9711200")
    assert parse_arxiv_id("1234.5678") is None  # month 34
    assert parse_arxiv_id("PMC123456") is None


def test_collect_takes_the_version_from_any_place_naming_the_same_id():
    found = collect_arxiv_id(["10.48550/arXiv.2212.08073", None, "http://arxiv.org/abs/2212.08073v2"])
    assert found == ArxivId("2212.08073", "v2")
    assert found.fields() == {"arxiv": "2212.08073", "arxiv-version": "v2"}
    assert collect_arxiv_id(["arXiv:1706.03762", "arxiv.org/abs/2212.08073v2"]) == ArxivId("1706.03762")


def test_categories_and_containers():
    assert arxiv_category("cs.CL") == "cs.CL" and arxiv_category("hep-th") == "hep-th"
    assert arxiv_category("cs") is None
    for name in ("arXiv preprint arXiv:2212.08073", "arXiv preprint", "CoRR", "ArXiv", "arXiv e-prints"):
        assert is_arxiv_container(name), name
    assert not is_arxiv_container("Transactions on Machine Learning Research")


@pytest.mark.parametrize("text, expected", [
    ("arXiv:2212.08073 [cs]", True), ("arXiv:2212.08073v2 [cs.CL]", True), ("(arXiv:2212.08073)", True),
    ("see arXiv:2212.08073", False), ("Accepted at ICLR. arXiv:2212.08073", False), ("", False),
])
def test_only_arxiv_id(text, expected):
    assert only_arxiv_id(text) is expected
