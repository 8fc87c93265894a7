"""RIS writer: Zotero-shaped names, dates, arXiv archive fields, no fake authors."""
from __future__ import annotations

from citekit.writers import WRITERS
from writer_cases import citations, load_cases

CASES = {case["label"]: case for case in load_cases()}


def tags(label: str) -> list[tuple[str, str]]:
    text = WRITERS["ris"].write([CASES[label]["citation"]], None)
    return [(line[:2], line[6:]) for line in text.splitlines() if line]


def values(label: str, tag: str) -> list[str]:
    return [v for t, v in tags(label) if t == tag]


def test_record_starts_with_type_and_ends_with_er():
    record = tags("names with particles and a suffix")
    assert record[0] == ("TY", "JOUR") and record[-1] == ("ER", "")


def test_names_keep_particles_in_the_last_name_and_the_suffix_after_the_first_name():
    # Zotero's RIS reader: last name = text before the first comma, first name = the rest.
    assert values("names with particles and a suffix", "AU") == [
        "van der Maaten, Laurens", "van Beethoven, Ludwig", "King, Martin Luther, Jr.", "de la Fuente, José, III"]


def test_organisations_have_no_comma_so_they_stay_one_field():
    assert values("organisation as first author, people after it", "AU")[0] == "OpenAI"


def test_truncation_is_a_note_never_an_author():
    label = "arXiv listing with a full date, truncated byline, affiliations, no venue"
    assert all("other" not in a.lower() for a in values(label, "AU"))
    assert "Author list truncated in the source (et al.)" in values(label, "N1")


def test_dates():
    label = "arXiv listing with a full date, truncated byline, affiliations, no venue"
    assert (values(label, "PY"), values(label, "DA")) == (["2022"], ["2022/12/15/"])
    assert values("organisation as first author, people after it", "DA") == ["2023/03//"]
    no_year = "month and day printed without a year"
    assert values(no_year, "PY") == [] and "Date printed without a year: --04-01" in values(no_year, "N1")


def test_arxiv_id_as_archive_and_url():
    label = "title with a parenthesised word and an abstract with a dollar amount"
    assert values(label, "DB") == ["arXiv"] and values(label, "AN") == ["arXiv:2207.05221"]
    assert values(label, "UR") == ["https://arxiv.org/abs/2207.05221"]


def test_pages_split_and_venue():
    label = "conference paper with a venue, pages and a DOI"
    assert values(label, "TY") == ["CPAPER"]
    assert (values(label, "SP"), values(label, "EP")) == (["5998"], ["6008"])
    assert values(label, "T2")[0].startswith("Advances in Neural")


def test_utf8_text_unescaped_and_one_line_values():
    text = WRITERS["ris"].write(citations(), None)
    assert "Nguyễn, Thị Minh" in text and "$35 million" in text
    assert all(line == "" or line[2:6] == "  - " for line in text.splitlines())
