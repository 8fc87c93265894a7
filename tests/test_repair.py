"""repair_records over whole inputs: the seeds, damaged lists, structured records, order independence."""
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

import citekit.repair
from citekit.model import PartialDate, Person, RepairStep, SourceRecord, SourceSpan, UncertainName
from citekit.readers import read_source
from citekit.repair import repair_records
from citekit.repair.categories import categories_for_letters, category_for_letters

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "repair"
PROFILE_LIST_0 = ROOT / "seeds" / "000_b3375cc62fb1cf79.txt"
ABSTRACT_LIST = ROOT / "seeds" / "001_347a0b179dc52533.txt"
PROFILE_LIST_2 = ROOT / "seeds" / "002_6aaa16a7ea1c6332.txt"
FEED = ROOT / "seeds" / "003_40361f2208cb66e1.txt"
CARD = ROOT / "seeds" / "004_af061747e9473416.txt"


def read(path):
    records, _ = read_source(path, path.name)
    return records


def seed_records():
    return [r for path in (PROFILE_LIST_0, ABSTRACT_LIST, PROFILE_LIST_2, FEED, CARD) for r in read(path)]


@pytest.fixture(scope="module")
def seeds():
    records = seed_records()
    repaired, diagnostics = repair_records(records)
    return records, repaired, diagnostics


def by_title(repaired, title, path):
    return next(r for r in repaired if r.title == title and r.span.path == path.name)


def test_one_repaired_record_per_input_record_in_input_order(seeds):
    records, repaired, _ = seeds
    assert len(records) == 10 + 10 + 9 + 18 + 21
    assert [r.source for r in repaired] == records


def test_result_does_not_depend_on_record_order(seeds):
    records, repaired, diagnostics = seeds
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    again, again_diagnostics = repair_records(shuffled)
    assert sorted(again, key=lambda r: r.span) == sorted(repaired, key=lambda r: r.span)
    assert sorted(again_diagnostics, key=repr) == sorted(diagnostics, key=repr)


def test_byline_flattened_into_a_profile_list_gives_an_organisation_and_reports_placeholders(seeds):
    _, repaired, diagnostics = seeds
    dota = by_title(repaired, "Dota 2 with Large Scale Deep Reinforcement Learning", PROFILE_LIST_0)
    assert dota.authors[0] == Person(literal="OpenAI")
    assert dota.authors[1] == Person(family="Berner", given="Christopher")
    assert dota.authors[-1] == Person(family="Zhang", given="Susan")
    assert len(dota.authors) == 26
    dropped = [d for d in diagnostics if d.code == "placeholder-author" and d.span == dota.span]
    assert len(dropped) == 3  # null, :, null


def test_profile_list_names_stay_as_printed(seeds):
    _, repaired, diagnostics = seeds
    specific = by_title(repaired, "Specific versus General Principles for Constitutional AI", PROFILE_LIST_0)
    assert Person(family="Joseph", given="Nicholas") in specific.authors
    assert Person(family="Hatfield-Dodds", given="Zac") in specific.authors
    assert Person(family="DasSarma", given="Nova") in specific.authors
    red_team = by_title(repaired, "Red Teaming Language Models to Reduce Harms: Methods, Scaling Behaviors, and Lessons Learned",
                        PROFILE_LIST_0)
    assert Person(family="El-Showk", given="Sheer") in red_team.authors
    capacity = by_title(repaired, "The Capacity for Moral Self-Correction in Large Language Models", PROFILE_LIST_0)
    assert Person(family="Showk", given="Sheer El") in capacity.authors  # the lead's resolve repairs it from El-Showk
    assert any(d.code == "stranded-particle" and d.span == capacity.span for d in diagnostics)


def test_feed_records_split_and_read_their_heads(seeds):
    _, repaired, diagnostics = seeds
    feed = [r for r in repaired if r.span.path == FEED.name]
    assert all(r.title and r.authors for r in feed)
    assert all(any(s.fixer == "glued_fields" for s in r.steps) for r in feed)
    managing = feed[11]
    assert managing.title.startswith("Managing the Mismatch")
    assert managing.issued == PartialDate(None, 4, 1)
    assert (managing.category, managing.category_letters) == ("physics.soc-ph", "SOC-PH")
    assert not managing.authors_truncated and len(managing.authors) == 3
    assert any(d.code == "date-without-year" and d.span == managing.span for d in diagnostics)
    assert feed[0].affiliations == ("anthropic", "berkeley") and feed[0].authors_truncated
    assert [(r.category_letters, r.category) for r in feed[9:10] + feed[16:17]] == [("AO", "nlin.AO"), ("ML", "stat.ML")]


def test_card_records_keep_code_flag_and_leave_ambiguous_letters_open(seeds):
    _, repaired, diagnostics = seeds
    card = [r for r in repaired if r.span.path == CARD.name]
    clip = next(r for r in card if r.title.startswith("Learning Transferable Visual Models"))
    assert (clip.category, clip.category_letters) == (None, "CV")
    assert clip.authors[1] == Person(family="Kim", given="Jong Wook")
    assert clip.extra == {"code_available": "true"}
    assert any(d.code == "ambiguous-category" and d.span == clip.span for d in diagnostics)
    assert card[0].issued == PartialDate(2023, 6, 28) and card[0].affiliations == ("openai", "stanford")
    assert all("owner" not in r.extra for r in card)


def test_abstract_list_records_have_only_an_abstract(seeds):
    _, repaired, _ = seeds
    abstracts = [r for r in repaired if r.span.path == ABSTRACT_LIST.name]
    assert all(r.title is None and r.authors == () and r.abstract for r in abstracts)


def test_damaged_profile_list_fixture():
    records = read(FIXTURES / "profile-list-damaged-names.txt")
    repaired, diagnostics = repair_records(records)
    bloom, tsne, video, oral = repaired
    assert bloom.authors[:2] == (Person(literal="BigScience Workshop"), Person(family="Le Scao", given="Teven"))
    assert bloom.authors[-1] == Person(family="Ilić", given="Suzana")
    assert tsne.authors[0] == Person(family="Maaten", given="Laurens", non_dropping_particle="van der")
    assert RepairStep("author[0]", "particle_in_given", "Maaten, Laurens van der", "van der Maaten, Laurens") in tsne.steps
    assert video.authors[0] == Person(family="Piergiovanni", given="AJ")
    assert [p.display() for p in oral.authors] == [
        "King, Martin Luther, Jr.", "Abernathy, Ralph, III", "Young, Andrew", "Library of Congress"]
    assert len([d for d in diagnostics if d.code == "placeholder-author" and d.span == oral.span]) == 4


def test_a_name_seen_in_another_file_settles_an_ambiguous_glued_line():
    feed = read(FIXTURES / "feed-tricky-glue.txt")
    alone, alone_diagnostics = repair_records(feed)
    video = alone[12]
    assert video.authors == () and video.title == "Evaluating Video Models for Trustworthy AIAJ Piergiovanni, Anelia Angelova, Michael S. Ryoo"
    assert video.authors_truncated and video.affiliations == ("google",)
    assert any(d.code == "glued-title-unsplit" and d.span == video.span for d in alone_diagnostics)
    profile = read(FIXTURES / "profile-list-damaged-names.txt")
    for records in (profile + feed, feed + profile):
        repaired, _ = repair_records(records)
        video = next(r for r in repaired if r.span == alone[12].span)
        assert video.title == "Evaluating Video Models for Trustworthy AI"
        assert [p.display() for p in video.authors] == ["Piergiovanni, AJ", "Angelova, Anelia", "Ryoo, Michael S."]
        bloom = next(r for r in repaired if r.span == alone[11].span)
        assert bloom.authors[0] == Person(literal="BigScience Workshop")


@dataclass(frozen=True)
class FakeRepair:
    text: str
    fixers: tuple
    pattern: str | None = None
    uncertain: bool = False


def test_guessed_name_parts_are_marked_uncertain_per_part(monkeypatch):
    # Stand-in for the encoding fixer: one part is repaired by a guess, one with certainty.
    guesses = {"Dฤbiak": FakeRepair("Dębiak", ("tis620_lost_bytes",), pattern="D.biak", uncertain=True),
               "Sรถren": FakeRepair("Sören", ("tis620",))}
    monkeypatch.setattr(citekit.repair, "repair_text", lambda text: guesses.get(text, FakeRepair(text, ())))
    record = SourceRecord(SourceSpan("list.txt", 2, 4), "profile_list", "", {
        "title": "Dota 2", "authors": "Berner, Christopher, Dฤbiak, Przemysław, Mindermann, Sรถren"}, "family-given-flat")
    [repaired], diagnostics = repair_records([record])
    assert repaired.authors[1] == Person(family="Dębiak", given="Przemysław")
    assert repaired.authors[2] == Person(family="Mindermann", given="Sören")
    assert repaired.uncertain_names == (UncertainName(1, "family", "D.biak"),)
    assert RepairStep("author[1].family", "tis620_lost_bytes", "Dฤbiak", "Dębiak") in repaired.steps
    assert RepairStep("author[2].given", "tis620", "Sรถren", "Sören") in repaired.steps
    assert [d.code for d in diagnostics] == ["guessed-name"]


def test_structured_record_keeps_people_identifiers_and_pinned_key():
    people = (Person(family="Maaten", given="Laurens", non_dropping_particle="van der"), Person(family="Hinton", given="Geoffrey"))
    fields = {"title": "Visualizing Data using t-SNE", "container-title": "Journal of Machine Learning Research",
              "volume": "9", "page": "2579-2605", "date": "2008-11", "csl_type": "article-journal",
              "citation-key": "vandermaaten2008", "DOI": "10.5555/XYZ", "URL": "https://jmlr.org/papers/v9/",
              "arxiv": "0000.00000", "arxiv-category": "stat.ML"}
    record = SourceRecord(SourceSpan("refs.bib", 1, 12), "bibtex", "", fields, "structured", people, True)
    [repaired], diagnostics = repair_records([record])
    assert repaired.authors == people and repaired.authors_truncated
    assert repaired.issued == PartialDate(2008, 11, None)
    assert repaired.identifiers == {"doi": "10.5555/XYZ", "url": "https://jmlr.org/papers/v9/", "arxiv": "0000.00000"}
    assert repaired.extra == {"volume": "9", "page": "2579-2605"}
    assert (repaired.pinned_key, repaired.csl_type, repaired.category) == ("vandermaaten2008", "article-journal", "stat.ML")
    assert repaired.container_title == "Journal of Machine Learning Research"
    assert diagnostics == []


def test_structured_date_without_year_and_unreadable_date():
    make = lambda date: SourceRecord(SourceSpan("refs.json", 1, 1), "csl_json", "", {"title": "T", "date": date}, "structured")
    [partial], _ = repair_records([make("--04-01")])
    assert partial.issued == PartialDate(None, 4, 1)
    [bad], diagnostics = repair_records([make("sometime in spring")])
    assert bad.issued is None and [d.code for d in diagnostics] == ["unreadable-date"]


CATEGORY_CASES = [
    {"label": "computation and language", "letters": "CL", "expect": "cs.CL"},
    {"label": "human-computer interaction", "letters": "HC", "expect": "cs.HC"},
    {"label": "physics subject class with a hyphen", "letters": "SOC-PH", "expect": "physics.soc-ph"},
    {"label": "AO is nlin.AO: physics.ao-ph would print AO-PH", "letters": "AO", "expect": "nlin.AO"},
    {"label": "statistics machine learning", "letters": "ML", "expect": "stat.ML"},
    {"label": "alias resolves to the canonical category", "letters": "NA", "expect": "math.NA"},
    {"label": "cs.CV or math.CV", "letters": "CV", "expect": None},
    {"label": "math.CO, stat.CO or astro-ph.CO", "letters": "CO", "expect": None},
    {"label": "not arXiv letters", "letters": "XQ", "expect": None},
]


@pytest.mark.parametrize("case", CATEGORY_CASES, ids=lambda c: c["label"])
def test_category_letters(case):
    assert category_for_letters(case["letters"]) == case["expect"]


def test_ambiguous_letters_name_every_candidate():
    assert categories_for_letters("CV") == {"cs.CV", "math.CV"}
    assert categories_for_letters("GN") == {"econ.GN", "math.GN", "q-bio.GN", "q-fin.GN"}


def test_glued_line_hidden_by_mojibake_is_split_after_repairing_the_line(monkeypatch):
    # Stand-in for the encoding fixer: cp1252 mojibake of "ö" ("Ã¶") is repaired wherever it appears.
    monkeypatch.setattr(citekit.repair, "repair_text",
                        lambda text: FakeRepair(text.replace("Ã¶", "ö"), ("cp1252",) if "Ã¶" in text else ()))
    line = "Parallel Data, Tools and Interfaces in OPUSJÃ¶rg Tiedemann, Lars Nygaard"
    record = SourceRecord(SourceSpan("feed.txt", 1, 3), "listing_feed", "", {"head": "CLMay 23, 2012", "title_authors": line},
                          "given-family")
    [repaired], diagnostics = repair_records([record])
    assert repaired.title == "Parallel Data, Tools and Interfaces in OPUS"
    assert repaired.authors[0] == Person(family="Tiedemann", given="Jörg")
    assert repaired.steps[0] == RepairStep("title_authors", "cp1252", line, line.replace("Ã¶", "ö"))
    assert diagnostics == []


def test_the_profile_owner_is_evidence_for_a_glued_line():
    line = "Evaluating Video Models for Trustworthy AIAJ Piergiovanni, Anelia Angelova"
    feed = SourceRecord(SourceSpan("feed.txt", 1, 3), "listing_feed", "", {"head": "CVMar 7, 2022", "title_authors": line}, "given-family")
    card = SourceRecord(SourceSpan("card.txt", 9, 14), "profile_card", "",
                        {"owner": "AJ Piergiovanni", "head": "CVApr 1, 2019", "title": "Another Paper", "authors": "Jane Roe"},
                        "given-family")
    [split, _], diagnostics = repair_records([feed, card])
    assert split.title == "Evaluating Video Models for Trustworthy AI"
    assert "owner" not in split.extra
    assert [d.code for d in diagnostics] == ["ambiguous-category", "ambiguous-category"]  # CV: cs.CV or math.CV


def test_structured_fields_beyond_the_csl_core_go_to_extra_line_by_line():
    fields = {"title": "Visualizing Data using t-SNE", "title-protected": "SNE\nJMLR", "publisher": "Microtome  Publishing"}
    record = SourceRecord(SourceSpan("refs.bib", 1, 9), "bibtex", "", fields, "structured", (Person(literal="OpenAI"),))
    [repaired], _ = repair_records([record])
    assert repaired.extra["title-protected"] == "SNE\nJMLR"
    assert set(repaired.extra) == {"title-protected", "publisher"}
