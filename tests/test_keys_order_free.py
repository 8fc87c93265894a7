"""Works each pinned to a key of its own, with no lock entry to match, are keyed without being
sorted (keys.order_free); they must get what the sorted path (canonical_order) gives them."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

import citekit.keys as keys
from citekit.keys import assign_keys, order_free
from citekit.lockfile import Identity, Lock, LockEntry
from handmade_works import work
from repaired_inputs import repaired_records

BIB_FIXTURES = Path(__file__).parent / "fixtures" / "bib"

# A user's .bib as exported from Zotero, JabRef and by hand: pins with colons, case, several files,
# two works alike in all but their source, one without a year or authors.
PINNED = [
    work("Attention Is All You Need", ["Vaswani, Ashish"], 2017, doi="10.5555/3295222", pinned="Vaswani:2017", path="refs.bib", line=3),
    work("Scaling Laws", ["Kaplan, Jared"], 2020, pinned="kaplan2020", path="refs.bib", line=12),
    work("Scaling Laws", ["Kaplan, Jared"], 2020, pinned="kaplan2020scaling", path="more.bib", line=1),
    work("Sleeper Agents", ["Hubinger, Evan"], 2024, arxiv="2401.05566v3", pinned="HubingerSleeper", path="more.bib", line=9),
    work("An Untitled Draft", [], None, pinned="draft", path="refs.bib", line=30),
]


def sorted_path(works, lock=None):
    """assign_keys as it runs without the shortcut: every work through canonical_order."""
    saved = keys.order_free
    keys.order_free = lambda *_: False
    try:
        return assign_keys(works, lock=lock)
    finally:
        keys.order_free = saved


@settings(max_examples=60, deadline=None)
@given(st.permutations(PINNED), st.sampled_from([None, Lock((), "citekit.lock")]))
def test_works_pinned_apart_get_what_the_sorted_path_gives(works, lock):
    assert order_free(works, lock)
    assert assign_keys(works, lock=lock) == sorted_path(works, lock)


def test_real_bibliographies_are_keyed_as_the_sorted_path_keys_them():
    from citekit.resolve import resolve

    free = 0
    for path in sorted(BIB_FIXTURES.glob("*.bib")):
        works, _ = resolve(repaired_records([path]))
        free += order_free(works, Lock())
        assert assign_keys(works, lock=Lock()) == sorted_path(works, Lock()), path.name
    assert free >= 3  # most exports pin every entry apart


def test_shared_pins_a_missing_pin_or_a_lock_entry_need_the_order():
    twin = work("Another Paper", ["Vaswani, Ashish"], 2017, pinned="VASWANI:2017", path="b.bib")
    unpinned = work("Unpinned", ["Lee, Ann"], 2021)
    entry = Lock((LockEntry("kaplan2020", Identity(title="scaling laws", author="kaplan", year=2020)),))
    assert not order_free(PINNED + [twin], None)
    assert not order_free(PINNED + [unpinned], None)
    assert not order_free(PINNED, entry)
