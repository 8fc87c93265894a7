"""Finding CSL styles, and our own styles against the CSL schema.

tests/data/csl.rng is the CSL RELAX NG schema shipped in citeproc-py's package data
(citation-style-language/schema, the 1.0.1 line with the 1.0.2 additions; MIT).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from citekit.diagnostics import BadInput
from citekit.writers.styles import COLLECTION, find_style, list_styles, own_styles_folder

SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "data" / "csl.rng")))
OWN_STYLES = sorted(own_styles_folder().glob("*.csl"))


def test_there_is_a_style_of_our_own():
    assert [p.stem for p in OWN_STYLES] == ["citekit-cv"]


@pytest.mark.parametrize("path", OWN_STYLES, ids=[p.stem for p in OWN_STYLES])
def test_own_styles_are_valid_csl(path):
    assert SCHEMA.validate(etree.parse(str(path))), SCHEMA.error_log


def test_the_schema_rejects_a_broken_style():
    broken = etree.fromstring(OWN_STYLES[0].read_bytes().replace(b"<bibliography", b"<bibliografy", 1)
                              .replace(b"</bibliography>", b"</bibliografy>"))
    assert not SCHEMA.validate(broken)


FOUND = [
    {"label": "collection name", "given": "apa", "expect": COLLECTION / "apa.csl"},
    {"label": "name with the .csl suffix", "given": "ieee.csl", "expect": COLLECTION / "ieee.csl"},
    {"label": "our own style by name", "given": "citekit-cv", "expect": own_styles_folder() / "citekit-cv.csl"},
    {"label": "dependent style resolves to its parent", "given": "nature-biotechnology", "expect": COLLECTION / "nature.csl"},
    {"label": "path to a style file", "given": str(own_styles_folder() / "citekit-cv.csl"),
     "expect": own_styles_folder() / "citekit-cv.csl"},
]


@pytest.mark.parametrize("case", FOUND, ids=[c["label"] for c in FOUND])
def test_find_style(case):
    assert find_style(case["given"]) == case["expect"]


UNKNOWN = [
    {"label": "typo", "given": "chicago-autor-date", "closest": "chicago-author-date"},
    {"label": "short name of a family", "given": "vancouver", "closest": "vancouver-nlm"},
    {"label": "prefix of our own style", "given": "citekit", "closest": "citekit-cv"},
]


@pytest.mark.parametrize("case", UNKNOWN, ids=[c["label"] for c in UNKNOWN])
def test_unknown_style_names_the_closest(case):
    with pytest.raises(BadInput) as error:
        find_style(case["given"])
    message = error.value.render()
    assert "\n" not in message
    assert f"unknown style {case['given']!r}" in message
    assert case["closest"] in message


def test_missing_style_file_is_an_error_not_a_name_lookup(tmp_path):
    with pytest.raises(BadInput, match="does not exist"):
        find_style(str(tmp_path / "mine.csl"))


def test_style_without_bibliography_is_refused(tmp_path):
    note_style = tmp_path / "notes-only.csl"
    note_style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><info><title>x</title>'
        "<id>x</id><updated>2025-01-01T00:00:00+00:00</updated></info>"
        "<citation><layout><text variable=\"title\"/></layout></citation></style>",
        encoding="utf-8",
    )
    with pytest.raises(BadInput, match="no bibliography"):
        find_style(str(note_style))


def test_list_styles_puts_ours_first_and_knows_the_collection():
    names = list_styles()
    assert names[0] == "citekit-cv"
    assert {"apa", "ieee", "nature", "chicago-author-date", "harvard-cite-them-right",
            "modern-language-association", "nature-biotechnology"} <= set(names)
    assert len(names) == len(set(names)) > 2000


def test_styles_command_lists_and_locates():
    from click.testing import CliRunner

    from citekit.cli import main

    runner = CliRunner()
    listed = runner.invoke(main, ["styles"])
    assert listed.exit_code == 0 and listed.output.splitlines()[0] == "citekit-cv"
    located = runner.invoke(main, ["styles", "nature-biotechnology"])
    assert located.exit_code == 0 and located.output.strip().endswith("nature.csl")
    unknown = runner.invoke(main, ["styles", "chicago-autor-date"])
    assert unknown.exit_code == 2
    assert "closest: chicago-author-date" in unknown.output
