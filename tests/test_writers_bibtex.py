"""BibTeX and biblatex dialects: entry types from evidence, names, dates, arXiv fields, layout."""
from __future__ import annotations

import re

import bibtexparser
from bibtexparser.writer import BibtexFormat

from citekit.writers import WRITERS, writer_for_suffix
from writer_cases import citations, load_cases

CASES = {case["label"]: case for case in load_cases()}


def entry(label: str, dialect: str = "bibtex") -> str:
    return WRITERS[dialect].write([CASES[label]["citation"]], None)


def fields(label: str, dialect: str = "bibtex") -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = (.*?),?$", entry(label, dialect), re.M))


def test_bibtex_is_ascii_and_biblatex_is_utf8():
    assert WRITERS["bibtex"].write(citations(), None).isascii()
    biblatex = WRITERS["biblatex"].write(citations(), None)
    assert "Sören" in biblatex and "Nguyễn" in biblatex


def test_arxiv_preprint_is_misc_with_eprint_archive_prefix_and_primary_class():
    label = "title with a parenthesised word and an abstract with a dollar amount"
    assert entry(label).startswith("@misc{kadavathLanguageModelsMostly2022,\n")
    f = fields(label)
    assert (f["eprint"], f["archivePrefix"], f["primaryClass"]) == ("{2207.05221}", "{arXiv}", "{cs.CL}")
    assert "eprinttype" not in f  # biber maps archivePrefix to eprinttype only when eprinttype is absent


def test_biblatex_preprint_is_online_prepublished_with_eprinttype():
    label = "title with a parenthesised word and an abstract with a dollar amount"
    assert entry(label, "biblatex").startswith("@online{")
    f = fields(label, "biblatex")
    assert (f["eprinttype"], f["eprintclass"], f["pubstate"]) == ("{arxiv}", "{cs.CL}", "{prepublished}")
    assert f["date"] == "{2022-07-11}"


def test_preprint_without_a_locator_is_misc_in_biblatex_too():
    label = "arXiv listing with a full date, truncated byline, affiliations, no venue"
    assert entry(label, "biblatex").startswith("@misc{")  # @online demands url, doi or eprint
    assert fields(label, "biblatex")["howpublished"] == "{arXiv}"


def test_typed_works_use_their_venue_field():
    assert entry("conference paper with a venue, pages and a DOI").startswith("@inproceedings{")
    assert fields("conference paper with a venue, pages and a DOI")["booktitle"].startswith("{Advances")
    assert fields("names with particles and a suffix")["journal"] == "{Journal of Machine Learning Research}"
    assert fields("names with particles and a suffix", "biblatex")["journaltitle"].startswith("{Journal")
    assert fields("conference paper with a venue, pages and a DOI")["pages"] == "{5998--6008}"


def test_year_and_month_macro():
    f = fields("arXiv listing with a full date, truncated byline, affiliations, no venue")
    assert (f["year"], f["month"]) == ("{2022}", "dec")


def test_no_year_field_without_a_year():
    month_day = fields("month and day printed without a year")
    assert "year" not in month_day and month_day["month"] == "apr"
    assert "date" not in fields("month and day printed without a year", "biblatex")
    assert "year" not in fields("no date at all") and "month" not in fields("no date at all")


def test_names_in_von_last_jr_first_form_and_organisations_braced():
    authors = fields("names with particles and a suffix")["author"]
    assert authors == ("{van der Maaten, Laurens and van Beethoven, Ludwig and King, Jr., Martin Luther"
                       " and de la Fuente, III, Jos{\\'e}}")
    assert fields("organisation as first author, people after it")["author"] == "{{OpenAI} and Achiam, Josh and {Anthropic}}"


def test_biblatex_extended_name_format_for_particles_and_suffixes():
    authors = fields("names with particles and a suffix", "biblatex")["author"]
    assert "family={Maaten}, given={Laurens}, prefix={van der}, useprefix=true" in authors
    assert "family={Beethoven}, given={Ludwig}, prefix={van}, useprefix=false" in authors
    assert "family={King}, given={Martin Luther}, suffix={Jr.}" in authors


def test_truncated_lists_end_in_and_others():
    f = fields("arXiv listing with a full date, truncated byline, affiliations, no venue")
    assert f["author"].endswith(" and Kundu, Sandipan and others}")
    assert not fields("names with particles and a suffix")["author"].endswith("others}")


def test_title_math_and_specials():
    title = fields("version number, math and specials in the title")["title"]
    assert title == ("{Technical Report on the {CleverHans} {v2.1.0} Adversarial Examples Library: "
                     "$L_\\infty$ \\& $L_2$ Attacks at 100\\% \\#1}")


def test_layout_is_bibtexparsers_own():
    text = WRITERS["bibtex"].write(citations(), None)
    layout = BibtexFormat()
    layout.indent, layout.block_separator = "  ", "\n"
    library = bibtexparser.parse_string(text)
    assert len(library.entries) == len(CASES) and not library.failed_blocks
    assert bibtexparser.write_string(library, bibtex_format=layout) == text


def test_entries_sorted_and_order_independent():
    text = WRITERS["biblatex"].write(citations(), None)
    keys = re.findall(r"^@\w+\{([^,]+),", text, re.M)
    assert keys == sorted(keys)
    assert WRITERS["biblatex"].write(list(reversed(citations())), None) == text


def test_suffix_picks_the_writer():
    assert writer_for_suffix("refs.bib").name == "bibtex"
    assert writer_for_suffix("out/refs.JSON").name == "csljson"
    assert writer_for_suffix("refs.ris").name == "ris"
    assert writer_for_suffix("refs.txt") is None


def test_page_ranges_use_the_bibtex_en_dash_whatever_the_source_printed():
    from dataclasses import replace

    from citekit.writers.bibtex import BIBTEX, entry_fields

    base = citations()[0]
    for printed in ("436-444", "436–444", "436 - 444", "436--444"):
        work = replace(base.work, extra={**base.work.extra, "page": printed})
        fields = dict(entry_fields(replace(base, work=work), BIBTEX)[1])
        assert fields["pages"] == "{436--444}", printed
