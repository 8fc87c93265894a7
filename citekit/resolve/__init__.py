"""Resolve repaired records into works: cluster, merge field by field, unify people.

Order-independent: records are sorted by span before anything else, and works come out
sorted by title key then first span.
"""
from __future__ import annotations

from typing import Sequence

from citekit.diagnostics import info
from citekit.model import Diagnostic, RepairedRecord, Work
from citekit.progress import Track, passthrough
from citekit.resolve.clustering import cluster_records
from citekit.resolve.matching import record_order, title_key
from citekit.resolve.merging import merge_cluster
from citekit.resolve.people import unify_people


def resolve(records: Sequence[RepairedRecord], track: Track = passthrough) -> tuple[list[Work], list[Diagnostic]]:
    """One Work per paper; records that match nothing are reported, never invented into works.
    `track` may show progress."""
    clusters, diagnostics = cluster_records(list(records))
    works = []
    for cluster in track(clusters, "Merging"):
        work, merge_diagnostics = merge_cluster(cluster)
        works.append(work)
        diagnostics.extend(merge_diagnostics)
    works, people_diagnostics = unify_people(works)
    diagnostics.extend(people_diagnostics)
    diagnostics.extend(
        info("no-year", f"no source prints a year for {work.title!r}; none is invented (bibtex and biber will warn of an empty year)", work.spans[0])
        for work in works if work.issued is None or work.issued.year is None
    )
    # A work's records are sorted by span, so its first record holds spans[0].
    works.sort(key=lambda w: (title_key(w.title) or "", record_order(w.records[0])))
    return works, diagnostics
