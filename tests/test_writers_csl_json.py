"""CSL-JSON writer: schema-valid, CSL-shaped names and dates, nothing dropped, deterministic."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from citekit.writers import WRITERS
from citekit.writers.csl_json import csl_item
from writer_cases import citations, load_cases

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text(encoding="utf-8"))
CASES = {case["label"]: case for case in load_cases()}


def item(label: str) -> dict:
    return csl_item(CASES[label]["citation"])


def test_output_validates_against_the_official_schema():
    data = json.loads(WRITERS["csljson"].write(citations(), None))
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    assert [i["id"] for i in data] == sorted(CASES[c]["key"] for c in CASES)


def test_text_is_utf8_json_with_two_space_indent_and_a_final_newline():
    text = WRITERS["csljson"].write(citations(), None)
    assert text.endswith("]\n") and "\n  {\n" in text
    assert "Sören" in text and "\\u00f6" not in text


def test_id_and_citation_key_are_the_key():
    data = item("names with particles and a suffix")
    assert data["id"] == data["citation-key"] == "vandermaatenVisualizingData2008"


def test_particles_and_suffix_keep_their_own_fields():
    authors = item("names with particles and a suffix")["author"]
    assert authors[0] == {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"}
    assert authors[1] == {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}
    assert authors[2] == {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
    assert authors[3]["non-dropping-particle"] == "de la" and authors[3]["suffix"] == "III"


def test_organisations_are_literal_names():
    authors = item("organisation as first author, people after it")["author"]
    assert authors[0] == {"literal": "OpenAI"} and authors[2] == {"literal": "Anthropic"}


def test_truncation_is_a_custom_flag_never_an_author_called_others():
    data = item("arXiv listing with a full date, truncated byline, affiliations, no venue")
    assert data["custom"]["authors_truncated"] is True
    names = json.dumps(data["author"]).lower()
    assert "others" not in names and "et al" not in names
    assert "authors_truncated" not in item("names with particles and a suffix")["custom"]


def test_full_date_is_date_parts():
    data = item("arXiv listing with a full date, truncated byline, affiliations, no venue")
    assert data["issued"] == {"date-parts": [[2022, 12, 15]]}
    assert item("organisation as first author, people after it")["issued"] == {"date-parts": [[2023, 3]]}


def test_month_and_day_without_a_year_have_no_issued_but_are_kept():
    data = item("month and day printed without a year")
    assert "issued" not in data
    assert data["custom"]["issued_without_year"] == "XXXX-04-01"
    assert "issued" not in item("no date at all") and "issued_without_year" not in item("no date at all")["custom"]


def test_arxiv_preprint_is_article_published_by_arxiv_with_its_id_as_number():
    data = item("title with a parenthesised word and an abstract with a dollar amount")
    assert (data["type"], data["publisher"], data["number"]) == ("article", "arXiv", "arXiv:2207.05221")
    assert data["custom"]["arxiv_category"] == "cs.CL"
    listed = item("arXiv listing with a full date, truncated byline, affiliations, no venue")
    assert listed["publisher"] == "arXiv" and "number" not in listed


def test_typed_works_keep_type_and_venue():
    paper = item("conference paper with a venue, pages and a DOI")
    assert paper["type"] == "paper-conference"
    assert paper["container-title"].startswith("Advances in Neural")
    assert paper["page"] == "5998–6008" and paper["DOI"] == "10.5555/3295222.3295349"
    journal = item("names with particles and a suffix")
    assert (journal["type"], journal["volume"], journal["issue"]) == ("article-journal", "9", "86")
    assert journal["URL"].startswith("http://jmlr.org/")


def test_words_with_inner_capitals_are_nocase_spans_and_nothing_else():
    assert item("arXiv listing with a full date, truncated byline, affiliations, no venue")["title"] == (
        'Constitutional <span class="nocase">AI</span>: Harmlessness from <span class="nocase">AI</span> Feedback')
    assert item("organisation as first author, people after it")["title"] == '<span class="nocase">GPT</span>-4 Technical Report'
    assert item("title with a parenthesised word and an abstract with a dollar amount")["title"] == (
        "Language Models (Mostly) Know What They Know")


def test_every_source_line_is_listed_in_order():
    data = item("arXiv listing with a full date, truncated byline, affiliations, no venue")
    assert data["custom"]["sources"] == ["seeds/003_feed.txt:1", "seeds/004_card.txt:40"]
    assert data["custom"]["affiliations"] == ["anthropic", "berkeley"]
    assert data["custom"]["code_available"] == "true"


def test_output_does_not_depend_on_input_order():
    forward = WRITERS["csljson"].write(citations(), None)
    assert WRITERS["csljson"].write(list(reversed(citations())), None) == forward


@pytest.mark.parametrize("label", sorted(CASES))
def test_each_item_is_valid_alone(label):
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert [e.message for e in validator.iter_errors([item(label)])] == []
