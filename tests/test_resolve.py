"""Resolve: one work per paper, abstract-only records matched by text only, people unified."""
import itertools

import pytest

from citekit.model import Person, PartialDate, RepairStep, RepairedRecord, SourceRecord, SourceSpan, UncertainName
from citekit.resolve import resolve
from citekit.resolve.matching import abstract_key

ABSTRACT = ("We study whether language models can evaluate the validity of their own claims and predict "
            "which questions they will be able to answer correctly, across many formats and tasks.")
OTHER_ABSTRACT = ("We study whether language models can evaluate the validity of their own claims and predict "
                  "which questions they will refuse, which is a different paper by the same authors.")


def record(path, line, layout, *, title=None, authors=(), truncated=False, issued=None, abstract=None,
           steps=(), uncertain=(), category=None):
    source = SourceRecord(SourceSpan(path, line, line + 2), layout, f"{path}:{line}", {})
    return RepairedRecord(source, title=title, authors=tuple(authors), authors_truncated=truncated, issued=issued,
                          abstract=abstract, steps=tuple(steps), uncertain_names=tuple(uncertain), category=category)


def p(family, given):
    return Person(family=family, given=given)


KADAVATH = [p("Kadavath", "Saurav"), p("Conerly", "Tom"), p("Askell", "Amanda"), p("Henighan", "Tom")]
SAME_PAPER_FOUR_WAYS = [
    record("profile.txt", 2, "profile_list", title="Language Models (Mostly) Know What They Know", authors=KADAVATH,
           abstract=ABSTRACT),
    record("abstracts.txt", 9, "abstract_list", abstract=ABSTRACT[:150]),
    record("feed.txt", 7, "listing_feed", title="Language Models (Mostly) Know What They Know", authors=KADAVATH[:3],
           truncated=True, issued=PartialDate(2022, 7, 11), abstract=ABSTRACT[:130], category="cs.CL"),
    record("card.txt", 47, "profile_card", title="Language models (mostly) know what they know", authors=KADAVATH[:3],
           truncated=True, issued=PartialDate(2022, 7, 11), abstract=ABSTRACT),
]


def test_one_paper_in_four_layouts_is_one_work_with_the_best_of_each_field():
    works, diagnostics = resolve(SAME_PAPER_FOUR_WAYS)
    assert len(works) == 1
    work = works[0]
    assert len(work.records) == 4
    assert work.title == "Language Models (Mostly) Know What They Know"
    assert work.authors == tuple(KADAVATH) and not work.authors_truncated
    assert work.issued == PartialDate(2022, 7, 11)
    assert work.abstract == ABSTRACT
    assert work.category == "cs.CL"
    assert {c.field for c in work.choices} >= {"title", "author", "issued", "abstract"}


def test_record_order_never_changes_the_result():
    baseline = resolve(SAME_PAPER_FOUR_WAYS + [record("x.txt", 1, "profile_list", title="Another Paper", authors=KADAVATH[:1])])
    for order in itertools.permutations(SAME_PAPER_FOUR_WAYS):
        assert resolve(list(order) + [record("x.txt", 1, "profile_list", title="Another Paper", authors=KADAVATH[:1])]) == baseline


def test_abstract_only_record_matching_nothing_is_reported_not_invented():
    stray = record("abstracts.txt", 10, "abstract_list", abstract="This paper pursues the insight that large language models trained to generate code can vastly improve mutation operators in genetic programming.")
    works, diagnostics = resolve(SAME_PAPER_FOUR_WAYS + [stray])
    assert len(works) == 1
    assert [(d.code, str(d.span)) for d in diagnostics if d.code == "unresolvable"] == [("unresolvable", "abstracts.txt:10")]


def test_shared_first_sentence_of_two_papers_is_ambiguous_not_guessed():
    prefix = ABSTRACT[:125]
    papers = [
        record("a.txt", 1, "profile_list", title="Paper One", authors=KADAVATH, abstract=ABSTRACT),
        record("a.txt", 4, "profile_list", title="Paper Two", authors=KADAVATH, abstract=prefix + OTHER_ABSTRACT[125:]),
        record("b.txt", 1, "abstract_list", abstract=prefix),
    ]
    works, diagnostics = resolve(papers)
    assert len(works) == 2
    assert all(len(w.records) == 1 for w in works)
    assert [d.code for d in diagnostics if d.span == papers[2].span] == ["ambiguous-abstract"]


def test_near_duplicate_titles_of_different_papers_stay_apart():
    works, _ = resolve([
        record("a.txt", 1, "profile_list", title="Scaling Laws for Neural Language Models", authors=KADAVATH),
        record("a.txt", 4, "profile_list", title="Scaling Laws for Autoregressive Generative Modeling", authors=KADAVATH),
    ])
    assert len(works) == 2


def test_same_title_with_contradicting_authors_is_two_works():
    works, _ = resolve([
        record("a.txt", 1, "profile_list", title="Introduction", authors=[p("Smith", "Ann")]),
        record("b.txt", 1, "profile_list", title="Introduction", authors=[p("Jones", "Bob")]),
    ])
    assert len(works) == 2


def test_record_joins_the_first_earlier_same_title_record_its_authors_do_not_contradict():
    """Smith's and Jones's "Introduction" stay apart; an author-less copy joins the first (Smith's);
    a later Jones copy joins Jones's although the author-less one came in between."""
    works, _ = resolve([
        record("a.txt", 1, "profile_list", title="Introduction", authors=[p("Smith", "Ann")]),
        record("a.txt", 5, "profile_list", title="Introduction", authors=[p("Jones", "Bob")]),
        record("a.txt", 9, "profile_list", title="Introduction"),
        record("a.txt", 13, "profile_list", title="Introduction", authors=[p("Jones", "Bob"), p("Lee", "Cy")]),
    ])
    assert sorted([r.span.first_line for r in w.records] for w in works) == [[1, 9], [5, 13]]


ABSTRACT_SPACES = [
    {"label": "line breaks and double spaces", "text": "Deep  nets\n learn.", "key": "Deep nets learn."},
    {"label": "no-break and ideographic spaces", "text": "Deep\u00a0nets\u3000learn.", "key": "Deep nets learn."},
    {"label": "edge spaces", "text": " Deep nets learn. ", "key": "Deep nets learn."},
    {"label": "dash runs and unicode dashes", "text": "state--of\u2010the\u2014\u2014art", "key": "state-of-the-art"},
    {"label": "single hyphen kept", "text": "state-of-the-art", "key": "state-of-the-art"},
    {"label": "decomposed accent composed", "text": "Cafe\u0301 study", "key": "Caf\u00e9 study"},
    {"label": "only spaces", "text": " \t\n", "key": None},
]


@pytest.mark.parametrize("case", ABSTRACT_SPACES, ids=[c["label"] for c in ABSTRACT_SPACES])
def test_abstract_key_collapses_spaces_and_dashes(case):
    assert abstract_key(case["text"]) == case["key"]


def test_accented_spelling_seen_anywhere_wins_over_ascii_and_guesses():
    guessed = p("Lukošiūtą", "Kamilė")
    works, diagnostics = resolve([
        record("profile.txt", 2, "profile_list", title="Paper A", authors=[p("Ganguli", "Deep"), guessed],
               uncertain=[UncertainName(1, "family", "Lukošiūt[\u0100-\u011f]")],
               steps=[RepairStep("author[1].family", "tis620_mojibake", "Lukoลกiลซtฤ", "Lukošiūtą")]),
        record("profile.txt", 5, "profile_list", title="Paper B", authors=[p("Mercado", "Noemi"), p("Lukosuite", "Kamile")]),
        record("profile.txt", 8, "profile_list", title="Paper C", authors=[p("Mercado", "Noemí")],
               steps=[RepairStep("author[0].given", "tis620_mojibake", "Noemรญ", "Noemí")]),
        record("feed.txt", 1, "listing_feed", title="Paper D", authors=[p("Perez", "Ethan"), p("Lukošiūtė", "Kamilė")], truncated=True),
    ])
    by_title = {w.title: w for w in works}
    assert by_title["Paper A"].authors[1] == p("Lukošiūtė", "Kamilė")
    assert by_title["Paper B"].authors == (p("Mercado", "Noemí"), p("Lukošiūtė", "Kamilė"))


def test_stranded_particle_takes_the_joined_sighting_and_variants_stay_as_printed():
    works, _ = resolve([
        record("a.txt", 1, "profile_list", title="Paper A", authors=[p("Showk", "Sheer El"), p("Bowman", "Sam")]),
        record("a.txt", 4, "profile_list", title="Paper B", authors=[p("El-Showk", "Sheer"), p("Bowman", "Samuel R.")]),
        record("a.txt", 7, "profile_list", title="Paper C", authors=[p("Denison", "Carson"), p("Dennison", "Christy")]),
    ])
    by_title = {w.title: w for w in works}
    assert by_title["Paper A"].authors == (p("El-Showk", "Sheer"), p("Bowman", "Sam"))
    assert by_title["Paper B"].authors == (p("El-Showk", "Sheer"), p("Bowman", "Samuel R."))
    assert by_title["Paper C"].authors == (p("Denison", "Carson"), p("Dennison", "Christy"))


def test_same_record_twice_in_one_file_is_one_work_reported_as_duplicate():
    twice = [
        RepairedRecord(SourceRecord(SourceSpan("a.txt", line, line + 2), "profile_list", "the same raw text", {}),
                       title="Paper A", authors=tuple(KADAVATH))
        for line in (1, 4)
    ]
    works, diagnostics = resolve(twice)
    assert len(works) == 1
    assert [(d.code, d.span.first_line) for d in diagnostics if d.code != "no-year"] == [("duplicate-record", 4)]
