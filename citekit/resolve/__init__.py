"""Resolve repaired records into works: cluster, merge field by field, unify people.

Order-independent: records are sorted by span before anything else, and works come out
sorted by title key then first span.
"""
from __future__ import annotations

from operator import attrgetter, itemgetter
from typing import Sequence

from citekit.diagnostics import info
from citekit.model import Diagnostic, RepairedRecord, Work
from citekit.progress import Track, passthrough
from citekit.resolve.clustering import cluster_records
from citekit.resolve.matching import in_span_order, title_keys
from citekit.resolve.merging import merge_cluster
from citekit.resolve.people import unify_people

title_of = attrgetter("title")


def resolve(records: Sequence[RepairedRecord], track: Track = passthrough) -> tuple[list[Work], list[Diagnostic]]:
    """One Work per paper; records that match nothing are reported, never invented into works.
    `track` may show progress."""
    records, span_rank = in_span_order(records)
    keys = title_keys(map(title_of, records))
    clusters, diagnostics = cluster_records(records, keys)
    works = []
    for cluster in track(clusters, "Merging"):
        work, merge_diagnostics = merge_cluster(cluster)
        works.append(work)
        diagnostics.extend(merge_diagnostics)
    works, people_diagnostics = unify_people(works, span_rank)
    diagnostics.extend(people_diagnostics)
    diagnostics.extend(
        info("no-year", f"no source prints a year for {work.title!r}; none is invented (bibtex and biber will warn of an empty year)", work.spans[0])
        for work in works if work.issued is None or work.issued.year is None
    )
    # Works are in the span order of their first records (the order of their clusters), so a
    # stable sort by title key leaves equal keys in that order.
    order_keys = [key or "" for key in map(keys.get, map(title_of, works))]
    works = list(map(itemgetter(1), sorted(zip(order_keys, works), key=itemgetter(0))))
    return works, diagnostics
