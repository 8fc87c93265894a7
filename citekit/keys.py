"""Give every Work its citation key, and never change a key the user already has.

Keys come, in order of precedence, from the user's own bibliography (a pinned key), from
citekit.lock (a key exported before), and only then from the key formula. Formula keys that
collide, case-insensitively, with each other or with a kept key get suffixes a, b, ... z, aa in
an order fixed by the works themselves (date, then title), so shuffling the inputs or adding a
new colliding work never renames a kept key.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import islice
from operator import attrgetter, eq
from typing import Sequence

from citekit.diagnostics import info, warning
from citekit.key_formula import DEFAULT_FORMULA, parse_formula
from citekit.lock_matching import match_lock
from citekit.lockfile import Identity, Lock, LockEntry, work_identity
from citekit.model import Citation, Diagnostic, SourceSpan, Work

FALLBACK_KEY = "anon"


def suffix(n: int) -> str:
    """The n-th collision suffix: 0 → '', 1 → 'a', 26 → 'z', 27 → 'aa', 28 → 'ab'."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def work_order(work: Work, identity: Identity) -> tuple:
    """The order suffixes follow: by date (undated last), then title, then anything else that
    tells two works apart, none of which depends on the order the inputs arrived in. Works alike
    in all of it are ordered by their spans (canonical_order)."""
    date = work.issued
    dated = (date is None or date.year is None, date.year or 0, date.month or 0, date.day or 0) if date else (True, 0, 0, 0)
    return (*dated, identity.title, identity.author, identity.doi, identity.arxiv, work.title)


def canonical_order(works: Sequence[Work]) -> list[tuple[Work, Identity]]:
    """Each work with its identity, sorted by work_order, then by spans."""
    identities = [*map(work_identity, works)]
    orders = [*map(work_order, works, identities)]
    ranked = sorted(range(len(orders)), key=orders.__getitem__)
    # Spans decide only between works alike in everything else: computed for those alone. Most
    # exports have none, which one comparison of neighbours in C tells.
    in_order = [*map(orders.__getitem__, ranked)]
    if any(map(eq, in_order, islice(in_order, 1, None))):
        start = 0
        for end in range(1, len(ranked) + 1):
            if end == len(ranked) or in_order[end] != in_order[start]:
                if end - start > 1:
                    ranked[start:end] = sorted(ranked[start:end], key=lambda n: works[n].spans)
                start = end
    return [*zip(map(works.__getitem__, ranked), map(identities.__getitem__, ranked))]


def order_free(works: Sequence[Work], lock: Lock | None) -> bool:
    """True when no key can depend on the order of the works: each is pinned to a key no other
    holds (case-insensitively) and no lock entry is to be matched (a user's own .bib, exported
    first). Then nothing is ranked, suffixed or matched, so canonical_order need not sort them."""
    if lock is not None and lock.entries:
        return False
    pinned = [*map(PINNED_KEY_OF, works)]
    return None not in pinned and "" not in pinned and len(set(map(str.casefold, pinned))) == len(pinned)


PINNED_KEY_OF = attrgetter("pinned_key")


def pin_source(work: Work) -> str:
    """The file whose key pinned the work, as its records name it."""
    records = work.records
    if len(records) == 1:  # most works: no list to build, and the span read without its property's call
        record = records[0]
        return record.source.span.path if record.pinned_key == work.pinned_key else "an input bibliography"
    spans = [r.span for r in records if r.pinned_key == work.pinned_key]
    return min(spans).path if spans else "an input bibliography"


def first_span(work: Work) -> SourceSpan | None:
    return work.spans[0] if work.records else None


def assign_keys(works: Sequence[Work], *, formula: str = DEFAULT_FORMULA, lock: Lock | None = None) -> tuple[list[Citation], list[Diagnostic]]:
    """Citations sorted by key, each with the rule that gave its key ("formula", "suffix b",
    "pinned in citekit.lock", "pinned in refs.bib"), and diagnostics about pins and the lock.
    Raises BadInput when the formula is invalid."""
    compiled = parse_formula(formula)
    if order_free(works, lock):
        ordered, identities = list(works), []  # no lock entry to match: no identity is asked for
    else:
        # Identities (normalised title, author, ids) are computed once: the sort and the lock both use them.
        identified = canonical_order(works)
        ordered, identities = [work for work, _ in identified], [identity for _, identity in identified]
    diagnostics: list[Diagnostic] = []
    chosen: dict[int, tuple[str, str]] = {}
    taken: dict[str, int] = {}

    for index, work in enumerate(ordered):
        if not work.pinned_key:
            continue
        folded = work.pinned_key.casefold()
        owner = taken.get(folded)
        if owner is None:
            chosen[index] = (work.pinned_key, f"pinned in {pin_source(work)}")
            taken[folded] = index
        else:
            diagnostics.append(warning("duplicate-pinned-key", f"key {work.pinned_key!r} is already given to {ordered[owner].title!r}; this work gets a new key", first_span(work)))

    if lock is not None:
        diagnostics += keep_locked_keys(ordered, identities, lock, chosen, taken)

    bases: dict[str, list[int]] = defaultdict(list)
    spelled: dict[int, str] = {}
    for index, work in enumerate(ordered):
        if index in chosen:
            continue
        base = compiled.evaluate(work)
        if not base:
            base = FALLBACK_KEY
            diagnostics.append(warning("empty-key", f"the key formula gives nothing for {work.title!r}; using {FALLBACK_KEY!r}", first_span(work)))
        bases[base.casefold()].append(index)
        spelled[index] = base
    other_bases = set(bases)
    for folded in sorted(bases):
        n = 0
        for index in bases[folded]:
            while True:
                candidate = spelled[index] + suffix(n)
                n += 1
                free = candidate.casefold() not in taken
                if free and (n == 1 or candidate.casefold() not in other_bases):
                    break
            chosen[index] = (candidate, "formula" if n == 1 else f"suffix {suffix(n - 1)}")
            taken[candidate.casefold()] = index

    citations = [Citation(key, ordered[i], rule) for i, (key, rule) in chosen.items()]
    return sorted(citations, key=attrgetter("key")), diagnostics


def keep_locked_keys(ordered: list[Work], identities: list[Identity], lock: Lock, chosen: dict, taken: dict) -> list[Diagnostic]:
    """Give each work its lock entry's key; reserve the keys of entries no work matches."""
    diagnostics: list[Diagnostic] = []
    matches = match_lock(identities, lock.entries) if lock.entries else {}
    matched_keys = set()
    rule = f"pinned in {lock.path}"
    for index, (entry, how) in sorted(matches.items()):
        matched_keys.add(entry.key)
        if index in chosen:
            if chosen[index][0] != entry.key:
                diagnostics.append(info("pin-overrides-lock", f"{chosen[index][1]}: key {chosen[index][0]!r} replaces the locked key {entry.key!r}", lock_place(lock, entry)))
            continue
        folded = entry.key.casefold()
        owner = taken.get(folded)
        if owner is not None:
            diagnostics.append(warning("locked-key-taken", f"locked key {entry.key!r} is pinned to another work in {chosen[owner][1][len('pinned in '):]}; {ordered[index].title!r} gets a new key", lock_place(lock, entry)))
            continue
        chosen[index] = (entry.key, rule)
        taken[folded] = index
        if how != "same identifier" and how != "same title, first author and year":
            diagnostics.append(info("lock-matched", f"key {entry.key!r} kept: {how} as in the lock", first_span(ordered[index])))
    for entry in lock.entries:
        if entry.key in matched_keys:
            continue
        taken.setdefault(entry.key.casefold(), -1)
        title = entry.identity.title or "(no title)"
        diagnostics.append(warning(
            "lock-entry-unmatched",
            f"locked key {entry.key!r} ({title!r}) matches no work in the sources; kept in the lock (pass --prune-lock to drop it)",
            lock_place(lock, entry),
        ))
    return diagnostics


def lock_place(lock: Lock, entry: LockEntry) -> SourceSpan | None:
    """Where an entry stands in the lock file, for a diagnostic (None when it was not read from one)."""
    return SourceSpan(lock.path, entry.line, entry.line) if entry.line else None
