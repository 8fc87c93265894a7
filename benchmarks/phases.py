"""Time each pipeline phase in this process and print one JSON object on stdout.

    python benchmarks/phases.py FORMAT SOURCE... [--profile OUT.prof]

Phases are the library's own entry points in pipeline order: read (read_all), repair
(repair_records), resolve, keys (assign_keys), write (WRITERS[FORMAT].write). Each phase
reports wall seconds and the process's peak RSS once it ended; run.py starts one process per
measurement so one size's memory never inflates another's.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import resource
import sys
import time
from pathlib import Path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phases(fmt: str, sources: list[Path]) -> dict:
    """Run read → repair → resolve → keys → write, timing each.

    The garbage collector is handled as build_citations handles it (paused from read to keys,
    then what was built frozen), so the phases add up to what an export spends."""
    import gc

    from citekit.gc_pause import paused_collector
    from citekit.pipeline import read_all

    phases: dict[str, dict] = {}
    counts: dict[str, int] = {}

    def timed(name: str, step):
        start = time.perf_counter()
        result = step()
        phases[name] = {"seconds": round(time.perf_counter() - start, 4), "peak_rss_mb": round(peak_rss_mb(), 1)}
        return result

    from citekit.keys import DEFAULT_FORMULA, assign_keys
    from citekit.repair import repair_records
    from citekit.resolve import resolve

    with paused_collector():
        records, _ = timed("read", lambda: read_all(sources))
        counts["records"] = len(records)
        repaired, _ = timed("repair", lambda: repair_records(records))
        works, _ = timed("resolve", lambda: resolve(repaired))
        counts["works"] = len(works)
        citations, _ = timed("keys", lambda: assign_keys(works, formula=DEFAULT_FORMULA, lock=None))
        gc.freeze()
    citations = sorted(citations, key=lambda c: c.key)
    from citekit.writers import WRITERS, WriteOptions

    text = timed("write", lambda: WRITERS[fmt].write(citations, WriteOptions()))
    counts["output_bytes"] = len(text.encode("utf-8"))
    return {"phases": phases, "counts": counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("format")
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the whole run here")
    args = parser.parse_args()
    if args.profile:
        profiler = cProfile.Profile()
        result = profiler.runcall(run_phases, args.format, args.sources)
        profiler.dump_stats(args.profile)
    else:
        result = run_phases(args.format, args.sources)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
