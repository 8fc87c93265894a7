"""Drift between a committed bibliography and a fresh export, per key, in every keyed format."""
from __future__ import annotations

import json

import pytest

from citekit.drift import compare

BIBTEX_COMMITTED = """\
@article{baiConstitutionalAIHarmlessness2022,
  title = {Constitutional {AI}: Harmlessness from {AI} Feedback},
  author = {Bai, Yuntao and Kadavath, Saurav and others},
  year = {2022},
  eprint = {2212.08073},
  archivePrefix = {arXiv},
}

@misc{muLearningCompressPrompts,
  title = {Learning to Compress Prompts with Gist Tokens},
  author = {Mu, Jesse and Li, Xiang Lisa and Goodman, Noah},
}
"""
BIBTEX_FRESH = """\
@article{baiConstitutionalAIHarmlessness2022,
  title = {Constitutional {AI}: Harmlessness from {AI} Feedback},
  author = {Bai, Yuntao and Kadavath, Saurav and Kundu, Sandipan and others},
  year = {2022},
  eprint = {2212.08073},
  archivePrefix = {arXiv},
}

@misc{ouyangTrainingLanguageModels2022,
  title = {Training Language Models to Follow Instructions with Human Feedback},
  author = {Ouyang, Long},
  year = {2022},
}
"""


def test_bibtex_drift_names_keys_and_fields():
    drift = compare(BIBTEX_COMMITTED, BIBTEX_FRESH, "bibtex", name="refs.bib")
    assert drift.added == ("ouyangTrainingLanguageModels2022",)
    assert drift.removed == ("muLearningCompressPrompts",)
    assert drift.changed == (("baiConstitutionalAIHarmlessness2022", ("author",)),)
    assert drift.summary().splitlines() == [
        "+ ouyangTrainingLanguageModels2022: new entry",
        "- muLearningCompressPrompts: entry no longer exported",
        "~ baiConstitutionalAIHarmlessness2022: author changed",
    ]
    assert drift.diff.startswith("--- refs.bib (committed)\n+++ refs.bib (fresh export)\n")
    assert "-  author = {Bai, Yuntao and Kadavath, Saurav and others},\n" in drift.diff
    assert "+  author = {Bai, Yuntao and Kadavath, Saurav and Kundu, Sandipan and others},\n" in drift.diff


def test_a_changed_entry_type_is_named():
    drift = compare(BIBTEX_COMMITTED, BIBTEX_COMMITTED.replace("@misc{mu", "@article{mu"), "biblatex")
    assert drift.changed == (("muLearningCompressPrompts", ("entry type",)),)


def test_identical_texts_have_no_drift():
    drift = compare(BIBTEX_FRESH, BIBTEX_FRESH, "bibtex")
    assert drift.identical and drift.summary() == "" and drift.diff == ""


def test_line_endings_alone_are_drift_and_say_so():
    drift = compare(BIBTEX_FRESH.replace("\n", "\r\n"), BIBTEX_FRESH, "bibtex")
    assert not drift.identical
    assert drift.added == drift.removed == drift.changed == ()


def test_csljson_drift_per_item():
    old = [{"id": "a2020", "type": "article", "title": "One", "issued": {"date-parts": [[2020]]}},
           {"id": "b2021", "type": "article", "title": "Two"}]
    new = [{"id": "a2020", "type": "article", "title": "One", "issued": {"date-parts": [[2020, 5]]}},
           {"id": "c2022", "type": "article", "title": "Three"}]
    drift = compare(json.dumps(old, indent=2), json.dumps(new, indent=2), "csljson")
    assert (drift.added, drift.removed, drift.changed) == (("c2022",), ("b2021",), (("a2020", ("issued",)),))


def test_ris_drift_per_record():
    old = "TY  - JOUR\nID  - a2020\nTI  - One\nPY  - 2020\nER  - \n\nTY  - JOUR\nID  - b2021\nTI  - Two\nER  - \n"
    new = "TY  - JOUR\nID  - a2020\nTI  - One, revised\nPY  - 2020\nER  - \n"
    drift = compare(old, new, "ris")
    assert (drift.added, drift.removed, drift.changed) == ((), ("b2021",), (("a2020", ("TI",)),))


def test_a_formatted_bibliography_is_compared_by_line():
    drift = compare("Bai, Y. (2022). Constitutional AI.\n", "Bai, Y. (2023). Constitutional AI.\n", "bibliography")
    assert not drift.identical and drift.summary() == ""
    assert "-Bai, Y. (2022). Constitutional AI.\n+Bai, Y. (2023). Constitutional AI.\n" in drift.diff


@pytest.mark.parametrize("broken", ["", "not json", "{\"id\": 1}"])
def test_unparseable_committed_csljson_still_gives_a_diff(broken):
    drift = compare(broken, '[{"id": "a"}]', "csljson")
    assert drift.diff and drift.added == ("a",)
