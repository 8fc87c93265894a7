"""The four scraped layouts: sniffed right, every record found with its real lines."""
from pathlib import Path

import pytest

from citekit.diagnostics import BadInput
from citekit.readers import READERS, choose_reader, read_source

SEEDS = Path(__file__).parent.parent / "seeds"
LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"

SEED_CASES = [
    {"file": "000_b3375cc62fb1cf79.txt", "layout": "profile_list", "records": 10, "first_lines": [2, 5, 8, 11, 14, 17, 20, 23, 26, 29]},
    {"file": "001_347a0b179dc52533.txt", "layout": "abstract_list", "records": 10, "first_lines": list(range(1, 11))},
    {"file": "002_6aaa16a7ea1c6332.txt", "layout": "profile_list", "records": 9, "first_lines": [2, 5, 8, 11, 14, 17, 20, 23, 26]},
    {"file": "003_40361f2208cb66e1.txt", "layout": "listing_feed", "records": 18, "first_lines": list(range(1, 55, 3))},
    {"file": "004_af061747e9473416.txt", "layout": "profile_card", "records": 21, "first_lines": list(range(12, 153, 7))},
]


@pytest.mark.parametrize("case", SEED_CASES, ids=lambda c: c["file"])
def test_each_seed_is_read_by_its_layout_with_every_record(case):
    records, _ = read_source(SEEDS / case["file"], case["file"])
    assert {r.layout for r in records} == {case["layout"]}
    assert [r.span.first_line for r in records] == case["first_lines"]


def test_profile_list_records_hold_title_flat_authors_and_abstract():
    records, _ = read_source(SEEDS / "002_6aaa16a7ea1c6332.txt", "002.txt")
    gist = records[4]
    assert gist.fields["title"] == "Learning to Compress Prompts with Gist Tokens"
    assert gist.fields["authors"] == "Mu, Jesse, Li, Xiang Lisa, Goodman, Noah"
    assert gist.fields["abstract"].startswith("Prompting is the primary way")
    assert gist.fields["owner"] == "Mu, Jesse"
    assert (gist.span.first_line, gist.span.last_line) == (14, 16)


def test_profile_list_block_without_abstract_does_not_shift_the_next_block():
    records, diagnostics = read_source(LAYOUTS / "profile-list-missing-abstract.txt", "p.txt")
    assert [r.fields["title"] for r in records] == [
        "Sparse Attention, Revisited", "Why Calibration Matters", "A Survey of Retrieval-Augmented Generation"]
    assert "abstract" not in records[1].fields
    assert [(d.code, d.span.first_line) for d in diagnostics] == [("missing-abstract", 5)]


def test_feed_with_blank_line_and_missing_abstract_keeps_every_record():
    records, diagnostics = read_source(LAYOUTS / "feed-missing-abstract-extra-blank.txt", "f.txt")
    assert [r.fields["head"] for r in records] == ["LGMar 3, 2021", "CVJun 30", "12.5SOC-PHApr 1, 2020"]
    assert records[0].fields["abstract"].startswith("We revisit")
    assert records[1].fields["title_authors"] == "ResNeXt Strikes BackSaining Xie, Ross Girshick et al."
    assert "abstract" not in records[1].fields
    assert ("missing-abstract", 5) in [(d.code, d.span.first_line) for d in diagnostics]


def test_card_header_claim_that_disagrees_with_blocks_is_a_warning():
    records, diagnostics = read_source(LAYOUTS / "card-claims-wrong-count.txt", "c.txt")
    assert len(records) == 2
    assert records[0].fields["owner"] == "Anna van der Berg"
    assert records[0].fields["authors"].startswith("Anna van der Berg, Chidi Okafor")
    mismatches = [d for d in diagnostics if d.code == "paper-count-mismatch"]
    assert [d.span.first_line for d in mismatches] == [5, 8]
    assert "claims 4 papers but 2 blocks" in mismatches[0].message


def test_seed_card_claim_matches_its_blocks():
    _, diagnostics = read_source(SEEDS / "004_af061747e9473416.txt", "004.txt")
    assert not [d for d in diagnostics if d.code == "paper-count-mismatch"]


def test_abstract_list_joins_a_wrapped_line_to_its_record():
    records, diagnostics = read_source(LAYOUTS / "abstract-list-wrapped.txt", "a.txt")
    assert len(records) == 2
    assert records[0].fields["abstract"] == (
        "We revisit sparse attention in long-context transformers and find that simple block patterns match learned ones.")
    assert (records[0].span.first_line, records[0].span.last_line) == (1, 2)
    assert [d.code for d in diagnostics] == ["wrapped-abstract"]


def test_prose_is_rejected_naming_the_readers_tried():
    with pytest.raises(BadInput) as caught:
        read_source(LAYOUTS / "prose-no-layout.txt", "notes.txt")
    line = caught.value.render()
    assert line.startswith("notes.txt: error: no reader recognises this layout (tried ")
    assert "profile_card" in line and "--layout NAME" in line


def test_forced_layout_overrides_sniffing_and_unknown_layout_is_named():
    text = (SEEDS / "001_347a0b179dc52533.txt").read_text()
    assert choose_reader(text, "x", layout="abstract_list").name == "abstract_list"
    with pytest.raises(BadInput, match="unknown layout 'nope'"):
        choose_reader(text, "x", layout="nope")


def test_every_layout_reader_is_registered():
    assert {"profile_list", "abstract_list", "listing_feed", "profile_card"} <= set(READERS)
