"""build_citations: read → repair → resolve → assign keys. Pure apart from reading inputs.

Every SourceRecord ends in exactly one Work's records or in a diagnostic naming its span;
`account_for_records` checks that invariant on every run.
"""
from __future__ import annotations

import gc
from pathlib import Path
from typing import Sequence

from citekit.gc_pause import paused_collector
from citekit.inputs import collect_inputs
from citekit.model import Citation, Diagnostic, Outcome, SourceRecord
from citekit.progress import Track, passthrough
from citekit.readers import read_source
from citekit.repair import repair_records
from citekit.resolve import resolve


def read_all(sources: Sequence[Path], layout: str | None = None, track: Track = passthrough) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """Every record of every input file, in display-path order; BadInput for a bad file."""
    records: list[SourceRecord] = []
    diagnostics: list[Diagnostic] = []
    for path, shown in track(list(collect_inputs(sources)), "Reading"):
        file_records, file_diagnostics = read_source(path, shown, layout)
        records.extend(file_records)
        diagnostics.extend(file_diagnostics)
    return records, diagnostics


def build_citations(
    sources: Sequence[Path] = (),
    *,
    layout: str | None = None,
    key_formula: str | None = None,
    lock=None,
    track: Track = passthrough,
) -> Outcome:
    """Citations (sorted by key) for the sources (the bundled seeds when none), with every diagnostic.
    `track` may show the progress of the long stages (the CLI draws bars on a terminal)."""
    from citekit.keys import DEFAULT_FORMULA, assign_keys

    with paused_collector():
        records, diagnostics = read_all(sources, layout, track)
        repaired, repair_diagnostics = repair_records(records, track)
        works, resolve_diagnostics = resolve(repaired, track)
        citations, key_diagnostics = assign_keys(works, formula=key_formula or DEFAULT_FORMULA, lock=lock)
        # What the pipeline built lives until it is written: frozen, the collector need not walk it
        # again (its first passes would otherwise cost a 100k run seconds). Frozen objects are
        # still freed by reference counting; only cycles alive now are kept, and it makes next to none.
        gc.freeze()
    diagnostics += repair_diagnostics + resolve_diagnostics + key_diagnostics
    account_for_records(records, citations, diagnostics)
    return Outcome(tuple(sorted(citations, key=lambda c: c.key)), tuple(diagnostics))


def account_for_records(records: Sequence[SourceRecord], citations: Sequence[Citation], diagnostics: Sequence[Diagnostic]) -> None:
    """Fail loudly (a bug, not a user error) if any record reached neither output nor a diagnostic."""
    # Most records reach a work as themselves: found by identity in C, only the rest are compared by span.
    placed_records = {id(r.source) for c in citations for r in c.work.records}
    unplaced = [r for r in records if id(r) not in placed_records]
    if not unplaced:
        return
    placed = {r.span for c in citations for r in c.work.records}
    reported = {d.span for d in diagnostics if d.span is not None}
    lost = [r.span for r in unplaced if r.span not in placed and r.span not in reported]
    if lost:
        raise AssertionError(f"records lost without a diagnostic: {', '.join(map(str, lost))}")
