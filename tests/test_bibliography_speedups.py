"""The speed-ups (citeproc_speed) change no byte: every style renders the same with them on and off.

Each case renders real items twice, once with `speedups=False` (citeproc-py's own look-ups),
and compares the two lists of entries whole.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit.writers.bibliography import render_item
from citekit.writers.citeproc_adapter import RenderItem, load_style, render_bibliography
from citekit.writers.citeproc_render_index import CitedKeys, IndexedKeys
from citekit.writers.styles import find_style

FIXTURES = Path(__file__).parent / "fixtures" / "bibliography"
WORKS = json.loads((FIXTURES / "works-like-the-seeds.json").read_text(encoding="utf-8"))
STYLES = ["apa", "chicago-author-date", "ieee", "modern-language-association", "vancouver-nlm", "citekit-cv"]


@pytest.fixture(scope="module")
def seed_items() -> list[RenderItem]:
    from citekit.pipeline import build_citations

    return [render_item(c) for c in build_citations([]).citations]


def same_work_twice_a_year() -> list[RenderItem]:
    """Each fixture work under two titles in one year: every author-year pair needs a suffix."""
    items = []
    for copy in ("first", "second"):
        for work in WORKS:
            item = {**work, "id": f"{work['id']}-{copy}", "title": f"{work['title']} ({copy} study)",
                    "issued": {"date-parts": [[2021]]}}
            items.append(RenderItem(item["id"], item))
    return items


def both_ways(items, style, **options):
    fast = render_bibliography(items, find_style(style), **options)
    plain = render_bibliography(items, find_style(style), speedups=False, **options)
    return fast, plain


@pytest.mark.parametrize("style", STYLES)
def test_seeds_and_fixture_works_render_the_same_with_and_without_speedups(style, seed_items):
    items = seed_items + [RenderItem(w["id"], w) for w in WORKS]
    fast, plain = both_ways(items, style, output="html")
    assert len(fast) == len(items)
    assert fast == plain


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "citekit-cv"])
def test_year_suffixes_are_the_same_with_and_without_speedups(style):
    fast, plain = both_ways(same_work_twice_a_year(), style)
    if style != "citekit-cv":  # author-date styles: the suffixes really are there
        assert any("2021a" in e.text for e in fast) and any("2021b" in e.text for e in fast)
    assert fast == plain


@pytest.mark.parametrize("locale", ["de-DE", "fr-FR"])
def test_other_locales_render_the_same_with_and_without_speedups(locale, seed_items):
    fast, plain = both_ways(seed_items, "chicago-author-date", locale=locale, output="markdown")
    assert fast == plain


def test_owner_highlight_is_the_same_with_and_without_speedups(seed_items):
    fast, plain = both_ways(seed_items, "citekit-cv", output="markdown", highlight="Askell, Amanda")
    assert any("**" in e.text for e in fast)
    assert fast == plain


def test_style_formatting_copied_onto_locale_date_parts_is_kept():
    items = [RenderItem(key, {"id": key, "type": "report", "title": title, "issued": {"date-parts": [[2023, month, 1]]}})
             for key, title, month in [("one", "Interim report", 3), ("two", "Final report", 11)]]
    fast, plain = both_ways(items, str(FIXTURES / "localized-date-with-bold-month.csl"), output="html")
    assert [e.text for e in plain] == ["<i>Final report</i>, <b>November</b> 1, 2023.",
                                       "<i>Interim report</i>, <b>March</b> 1, 2023."]
    assert fast == plain


def test_citation_sort_that_changes_the_locale_dates_still_runs_for_single_cites():
    items = [RenderItem(key, {"id": key, "type": "report", "title": title, "issued": {"date-parts": [[2023, month, 1]]}})
             for key, title, month in [("one", "Interim report", 3), ("two", "Final report", 11)]]
    fast, plain = both_ways(items, str(FIXTURES / "citation-sort-by-localized-date.csl"))
    # Upper case leaked from the citation sort key (a citeproc-py quirk the speed-ups must keep).
    assert [e.text for e in plain] == ["Final report, NOVEMBER 1, 2023.", "Interim report, MARCH 1, 2023."]
    assert fast == plain


def test_speedups_off_leaves_the_style_as_citeproc_py_loads_it():
    plain = load_style(find_style("apa"), speedups=False)
    assert not any("citekit_xpath" in e.__dict__ for e in plain.root.iter())
    fast = load_style(find_style("apa"))
    macro = fast.root.get_macro("title")
    assert macro.get("name") == "title" and macro is fast.root.get_macro("title")
    assert fast.root.get_layout is not None and "citekit_xpath" in macro.__dict__


def test_indexed_keys_answer_as_the_list_does():
    keys = ["item3", "item1", "item2"]
    indexed = IndexedKeys(keys)
    assert indexed == keys
    assert [indexed.index(k) for k in keys] == [keys.index(k) for k in keys]
    assert "item1" in indexed and "item9" not in indexed
    with pytest.raises(ValueError):
        indexed.index("item9")


def test_cited_keys_remember_what_was_appended():
    class Cite:
        def __init__(self, key):
            self.key = key

    cites = CitedKeys()
    cites.append(Cite("a"))
    cites.append(Cite("b"))
    assert [c.key for c in cites] == ["a", "b"] and cites.keys_seen == {"a", "b"}
