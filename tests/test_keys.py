"""Citation keys: the formula (cases as data), pins, the lock, and collision suffixes."""
from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from citekit.diagnostics import BadInput
from citekit.key_formula import parse_formula
from citekit.keys import DEFAULT_FORMULA, assign_keys, suffix
from citekit.lockfile import parse_lock, render_lock
from handmade_works import from_case, work

FIXTURES = Path(__file__).parent / "fixtures" / "keys"
FORMULA_CASES = json.loads((FIXTURES / "formula-cases.json").read_text(encoding="utf-8"))
INVALID_FORMULAS = json.loads((FIXTURES / "invalid-formulas.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", FORMULA_CASES, ids=[c["label"] for c in FORMULA_CASES])
def test_formula_gives_the_key_a_user_of_bbt_or_jabref_expects(case):
    citations, _ = assign_keys([from_case(case["work"])], formula=case.get("formula", DEFAULT_FORMULA))
    assert [c.key for c in citations] == [case["key"]]
    assert citations[0].key_rule == "formula"


@pytest.mark.parametrize("case", INVALID_FORMULAS, ids=[c["label"] for c in INVALID_FORMULAS])
def test_invalid_formula_is_one_clear_error(case):
    with pytest.raises(BadInput) as raised:
        parse_formula(case["formula"])
    message = raised.value.diagnostic.message
    assert case["says"] in message
    assert "\n" not in message


def test_invalid_formula_stops_assign_keys():
    with pytest.raises(BadInput):
        assign_keys([work("A Paper", ["Smith, Ann"], 2020)], formula="auth.nosuchfilter")


@pytest.mark.parametrize("n, letters", [(0, ""), (1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"), (53, "ba"), (702, "zz"), (703, "aaa")])
def test_suffixes_run_a_to_z_then_aa(n, letters):
    assert suffix(n) == letters


CHENS = [
    work("Big Data: A Survey", ["Chen, Min", "Mao, Shiwen"], 2014, month=4),
    work("Big Data Survey of Deep Learning Methods", ["Chen, Xue-Wen"], 2014, month=9),
    work("Big data survey: revisited", ["Chen, Wei"], 2014, month=1),
]


def keys_by_title(citations) -> dict[str, str]:
    return {c.work.title: c.key for c in citations}


def test_colliding_keys_get_suffixes_in_date_order():
    citations, _ = assign_keys(CHENS)
    assert keys_by_title(citations) == {
        "Big data survey: revisited": "chenBigDataSurvey2014",  # January
        "Big Data: A Survey": "chenBigDataSurvey2014a",  # April
        "Big Data Survey of Deep Learning Methods": "chenBigDataSurvey2014b",  # September
    }
    assert {c.key: c.key_rule for c in citations}["chenBigDataSurvey2014b"] == "suffix b"


def test_same_date_collisions_are_ordered_by_title():
    twins = [work("Zebra Models Explained", ["Lee, Ann"], 2020), work("Zebra Models Everywhere", ["Lee, Bo"], 2020)]
    citations, _ = assign_keys(twins)
    assert keys_by_title(citations) == {"Zebra Models Everywhere": "leeZebraModelsEverywhere2020", "Zebra Models Explained": "leeZebraModelsExplained2020"}
    same_base = [work("Zebra Models Now", ["Lee, Ann"], 2020), work("Zebra Models Anew", ["Lee, Bo"], 2020)]
    citations, _ = assign_keys(same_base, formula="auth.lower + year")
    assert keys_by_title(citations) == {"Zebra Models Anew": "lee2020", "Zebra Models Now": "lee2020a"}


def test_keys_are_unique_regardless_of_case():
    works = [work("One Study", ["McDonald, Ann"], 2020), work("Other Study", ["Mcdonald, Bo"], 2020, month=5)]
    citations, _ = assign_keys(works, formula="auth + year")
    assert sorted(c.key for c in citations) == ["McDonald2020", "Mcdonald2020a"]


@settings(max_examples=40, deadline=None)
@given(st.permutations(CHENS + [from_case(c["work"]) for c in FORMULA_CASES[:12]]))
def test_input_order_never_changes_a_key(works):
    expected, _ = assign_keys(CHENS + [from_case(c["work"]) for c in FORMULA_CASES[:12]])
    citations, _ = assign_keys(works)
    assert keys_by_title(citations) == keys_by_title(expected)
    assert [c.key for c in citations] == sorted(c.key for c in citations)


def locked(works, formula=DEFAULT_FORMULA):
    """Export once: the lock as it would be written and read back."""
    citations, _ = assign_keys(works, formula=formula)
    return parse_lock(render_lock(citations), "citekit.lock"), citations


def test_a_new_colliding_work_does_not_rename_the_old_one():
    old = [CHENS[0]]
    lock, first = locked(old)
    assert [c.key for c in first] == ["chenBigDataSurvey2014"]
    # The newcomer is older (January), so without the lock it would take the bare key.
    citations, _ = assign_keys(old + [CHENS[2]], lock=lock)
    assert keys_by_title(citations) == {"Big Data: A Survey": "chenBigDataSurvey2014", "Big data survey: revisited": "chenBigDataSurvey2014a"}
    assert {c.key: c.key_rule for c in citations}["chenBigDataSurvey2014"] == "pinned in citekit.lock"


GIST = work("Learning to Compres Prompts with Gist Tokens", ["Mu, Jesse", "Li, Xiang Lisa"], 2023)
DAMAGED = work("Discovering Language Model Behaviors", ["Lukoลกiลซtฤ, Kamilฤ", "Perez, Ethan"], 2022)
ARXIV = work("Gisting", ["Mu, Jesse"], 2023, arxiv="2304.08467")
NEIGHBOURS = [
    work("Emergent Communication of Generalizations", ["Mu, Jesse", "Goodman, Noah"], 2021),
    work("Compositional Explanations of Neurons", ["Mu, Jesse", "Andreas, Jacob"], 2020),
]
# (label, the work as first exported, the same work after the edit, does the edit change its formula key)
EDITS = [
    ("title typo fixed", GIST, replace(GIST, title="Learning to Compress Prompts with Gist Tokens"), True),
    ("author added", GIST, replace(GIST, authors=GIST.authors + work("x", ["Goodman, Noah"]).authors), False),
    ("year corrected", GIST, replace(GIST, issued=replace(GIST.issued, year=2024)), True),
    ("first author's name repaired", DAMAGED, replace(DAMAGED, authors=work("x", ["Lukošiūtė, Kamilė"]).authors + DAMAGED.authors[1:]), True),
    ("title rewritten, same arXiv id", ARXIV, replace(ARXIV, title="Prompt Compression with Gist Tokens"), True),
]


@pytest.mark.parametrize("label, before, after, key_would_change", EDITS, ids=[e[0] for e in EDITS])
def test_re_export_after_an_edit_keeps_every_key(label, before, after, key_would_change):
    lock, first = locked([before] + NEIGHBOURS)
    citations, diagnostics = assign_keys([after] + NEIGHBOURS, lock=lock)
    assert keys_by_title(citations)[after.title] == keys_by_title(first)[before.title]
    assert sorted(c.key for c in citations) == sorted(c.key for c in first)
    assert all(c.key_rule == "pinned in citekit.lock" for c in citations)
    assert not [d for d in diagnostics if d.code == "lock-entry-unmatched"]
    fresh, _ = assign_keys([after])
    assert (fresh[0].key != keys_by_title(first)[before.title]) == key_would_change


def test_a_different_year_is_not_a_typo_fix():
    lock, _ = locked([work("Scaling Laws for Neural Language Models", ["Kaplan, Jared"], 2020)])
    citations, diagnostics = assign_keys([work("Scaling Laws for Neural Language Model", ["Kaplan, Jared"], 2022)], lock=lock)
    assert [c.key for c in citations] == ["kaplanScalingLawsNeural2022"]
    assert [d.code for d in diagnostics] == ["lock-entry-unmatched"]


def test_a_vanished_work_is_reported_and_its_key_stays_reserved():
    lock, _ = locked([work("Big Data: A Survey", ["Chen, Min"], 2014)])
    stranger = work("Big Data Survey of Deep Learning Methods", ["Chen, Xue-Wen"], 2014, month=9)
    citations, diagnostics = assign_keys([stranger], lock=lock)
    assert [c.key for c in citations] == ["chenBigDataSurvey2014a"]
    (vanished,) = diagnostics
    assert vanished.code == "lock-entry-unmatched" and "chenBigDataSurvey2014" in vanished.message
    assert str(vanished.span) == "citekit.lock:4"
    assert "--prune-lock" in vanished.message


def test_a_key_pinned_in_the_users_bibliography_wins():
    pinned = work("Attention Is All You Need", ["Vaswani, Ashish"], 2017, pinned="Vaswani:2017", path="refs.bib", line=12)
    taken = work("Another Paper", ["Vaswani, Ashish"], 2017)
    citations, _ = assign_keys([pinned, taken], formula="auth + ':' + year")
    rules = {c.key: c.key_rule for c in citations}
    assert rules == {"Vaswani:2017": "pinned in refs.bib", "Vaswani:2017a": "suffix a"}


def test_a_bibliography_pin_overrides_the_lock_and_says_so():
    lock, _ = locked([work("Attention Is All You Need", ["Vaswani, Ashish"], 2017)])
    pinned = work("Attention Is All You Need", ["Vaswani, Ashish"], 2017, pinned="attention", path="refs.bib")
    citations, diagnostics = assign_keys([pinned], lock=lock)
    assert [(c.key, c.key_rule) for c in citations] == [("attention", "pinned in refs.bib")]
    assert "pin-overrides-lock" in [d.code for d in diagnostics]


def test_two_works_pinned_to_one_key_keep_keys_unique():
    a = work("First Paper", ["Smith, Ann"], 2020, pinned="smith2020", path="a.bib")
    b = work("Second Paper", ["Smith, Bo"], 2021, pinned="Smith2020", path="b.bib")
    citations, diagnostics = assign_keys([b, a])
    assert len({c.key.casefold() for c in citations}) == 2
    assert {c.work.title: c.key for c in citations}["First Paper"] == "smith2020"
    assert [d.code for d in diagnostics] == ["duplicate-pinned-key"]


def test_empty_formula_result_falls_back_and_warns():
    citations, diagnostics = assign_keys([work("The Of And", [], None)])
    assert [c.key for c in citations] == ["anon"]
    assert diagnostics[0].code == "empty-key" and str(diagnostics[0].span) == "refs/list.txt:1"


def test_keys_for_a_thousand_works_with_a_lock_are_quick():
    import time

    rng = random.Random(7)
    words = "deep sparse neural graph robust model learning language vision signal causal memory".split()
    works = [work(" ".join(rng.choice(words).title() for _ in range(5)), [f"{rng.choice(['Chen', 'Li', 'Wang', 'Smith'])}, A"], 2000 + i % 20)
             for i in range(1000)]
    lock, first = locked(works)
    shuffled = works[:]
    rng.shuffle(shuffled)
    start = time.perf_counter()
    citations, _ = assign_keys(shuffled, lock=lock)
    elapsed = time.perf_counter() - start
    assert sorted(c.key for c in citations) == sorted(c.key for c in first)
    assert elapsed < 2.0
    assert all(re.fullmatch(r"[A-Za-z0-9_\-:.+]+", c.key) for c in citations)


def test_a_reworded_title_keeps_its_key_only_when_nothing_else_could_claim_it():
    lock, _ = locked([work("Attention Is All You Need", ["Vaswani, Ashish"], 2017)])
    citations, diagnostics = assign_keys([work("Attention Is Everything You Need", ["Vaswani, Ashish"], 2017)], lock=lock)
    assert [(c.key, c.key_rule) for c in citations] == [("vaswaniAttentionAllYou2017", "pinned in citekit.lock")]
    assert [d.code for d in diagnostics] == ["lock-matched"]
    two = [work("Attention Is Everything You Need", ["Vaswani, Ashish"], 2017), work("Attention Is Nearly All", ["Vaswani, Ashish"], 2017)]
    citations, diagnostics = assign_keys(two, lock=lock)
    assert "vaswaniAttentionAllYou2017" not in [c.key for c in citations]
    assert "lock-entry-unmatched" in [d.code for d in diagnostics]


def test_seed_keys_follow_the_default_formula_and_survive_shuffling():
    from citekit.pipeline import read_all
    from citekit.repair import repair_records
    from citekit.resolve import resolve

    records, _ = read_all([])
    works, _ = resolve(repair_records(records)[0])
    citations, _ = assign_keys(works)
    by_title = keys_by_title(citations)
    # Worked out by hand from the seed lines and BBT's rules.
    assert by_title["Constitutional AI: Harmlessness from AI Feedback"] == "baiConstitutionalAIHarmlessness2022"
    assert by_title["Linear Optimal Power Flow Using Cycle Flows"] == "horschLinearOptimalPower2018"
    assert by_title["Dota 2 with Large Scale Deep Reinforcement Learning"] == "openaiDota2Large"
    assert by_title["In-context Learning and Induction Heads"] == "olssonIncontextLearningInduction2022"
    assert len({c.key.casefold() for c in citations}) == len(citations)
    shuffled = list(works)
    random.Random(3).shuffle(shuffled)
    assert keys_by_title(assign_keys(shuffled)[0]) == by_title
