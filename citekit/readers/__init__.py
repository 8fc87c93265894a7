"""Read source files into SourceRecords; the layout is sniffed, never guessed silently.

Each reader module defines READER, a Reader whose `sniff` scores how well a text fits its
layout (0 = not at all, 1 = certain) and whose `read` returns records and diagnostics.
read_source picks the single best-fitting reader, or fails with the readers it tried.
"""
from __future__ import annotations

from pathlib import Path

from citekit.diagnostics import BadInput
from citekit.model import Diagnostic, SourceRecord
from citekit.readers.base import Reader
from citekit.readers.decoding import decode_source
from citekit.readers import abstract_list, bibtex, csl_json, listing_feed, profile_card, profile_list, ris

READERS: dict[str, Reader] = {
    r.name: r
    for r in (
        profile_list.READER,
        abstract_list.READER,
        listing_feed.READER,
        profile_card.READER,
        bibtex.READER,
        csl_json.READER,
        ris.READER,
    )
}

# A sniff score below this is "not this layout"; two readers within AMBIGUITY of the best are ambiguous.
SNIFF_THRESHOLD = 0.5
AMBIGUITY = 0.05
# A layout shows in its first pages; sniffing a 100 MB file whole costs seconds and says no more.
SNIFF_SAMPLE = 1 << 16


def choose_reader(text: str, display_path: str, layout: str | None = None) -> Reader:
    """The reader for this text: the forced `layout`, or the single best sniff; BadInput otherwise."""
    if layout is not None:
        if layout not in READERS:
            raise BadInput(f"unknown layout {layout!r} (known: {', '.join(sorted(READERS))})", code="usage")
        return READERS[layout]
    sample = text if len(text) <= SNIFF_SAMPLE else text[:text.rfind("\n", 0, SNIFF_SAMPLE) + 1 or SNIFF_SAMPLE]
    scores = sorted(((r.sniff(sample, display_path), name) for name, r in READERS.items()), reverse=True)
    best_score, best_name = scores[0]
    tried = ", ".join(sorted(READERS))
    if best_score < SNIFF_THRESHOLD:
        raise BadInput(
            f"no reader recognises this layout (tried {tried}); pass --layout NAME",
            path=display_path, code="unknown-layout",
        )
    rivals = [name for score, name in scores[1:] if score >= SNIFF_THRESHOLD and best_score - score < AMBIGUITY]
    if rivals:
        names = ", ".join(sorted([best_name, *rivals]))
        raise BadInput(
            f"layout is ambiguous (fits {names}); pass --layout NAME",
            path=display_path, code="ambiguous-layout",
        )
    return READERS[best_name]


def read_source(path: Path, display_path: str, layout: str | None = None) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """Read one file: decode it, pick its reader, return its records and diagnostics.

    `display_path` is how spans name the file (relative to the input root). Raises BadInput
    for damage to the whole file: unreadable, binary, empty, undecodable, unknown layout.
    """
    text, diagnostics = decode_source(path, display_path)
    reader = choose_reader(text, display_path, layout)
    records, read_diagnostics = reader.read(text, display_path)
    if not records and not read_diagnostics:
        raise BadInput(f"no records found by the {reader.name} reader", path=display_path, code="no-records")
    return records, diagnostics + read_diagnostics
