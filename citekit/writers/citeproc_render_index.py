"""Per-render indexes that spare citeproc-py its list scans (10k entries were quadratic).

citeproc-py finds an entry's number with `keys.index`, asks whether a cite is in the
bibliography with `key in keys`, and whether a key was cited before by scanning every earlier
cite; the adapter hands it these drop-in lists and items instead when speed-ups are on.
"""
from __future__ import annotations

from citeproc.source import CitationItem


class IndexedKeys(list):
    """The bibliography's keys in their final order, with O(1) `index` and `in` (never mutated)."""

    def __init__(self, keys):
        super().__init__(keys)
        self._positions = {}
        for position, key in enumerate(self):
            self._positions.setdefault(key, position)

    def index(self, key, *args):
        if args:
            return super().index(key, *args)
        try:
            return self._positions[key]
        except KeyError:
            raise ValueError(f"{key!r} is not in list") from None

    def __contains__(self, key):
        return key in self._positions


class CitedKeys(list):
    """The list of cites citeproc-py appends to, also counting which keys it holds."""

    def __init__(self):
        super().__init__()
        self.keys_seen: set[str] = set()

    def append(self, cite):
        self.keys_seen.add(cite.key)
        super().append(cite)


class FastCitationItem(CitationItem):
    """A CitationItem whose `reference` is three dict look-ups, not a chain of failing __getattr__."""

    @property
    def reference(self):
        get = dict.__getitem__
        return get(get(self, "citation"), "bibliography").source[get(self, "key")]
