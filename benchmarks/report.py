"""Render benchmark results as Markdown tables and check them against the targets.

Growth per 10x step is (time at 10n / time at n) / 10, so 1.0 means linear. The measured
section of RESULTS.md sits between two markers; notes written by hand around it survive.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from measure import Run

START, END = "<!-- measured:start -->", "<!-- measured:end -->"
PHASES = ("read", "repair", "resolve", "keys", "write")


def growth(by_size: dict[int, float], size: int) -> str:
    """Time growth from the size ten times smaller, divided by ten; blank when not measured."""
    smaller = size // 10
    if smaller not in by_size or not by_size[smaller] or not by_size.get(size):
        return ""
    return f"{by_size[size] / by_size[smaller] / 10:.2f}"


def process_table(results: dict[str, dict[int, Run]], sizes: list[int]) -> list[str]:
    lines = ["| measurement | records | wall s | records/s | peak RSS MiB | growth per 10× |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, by_size in results.items():
        seconds = {size: run.seconds for size, run in by_size.items() if run.ok}
        for size in sizes:
            run = by_size.get(size)
            if run is None:
                continue
            if not run.ok:
                reason = run.stderr_tail.splitlines()[-1] if run.stderr_tail else ""
                lines.append(f"| {name} | {size:,} | failed (exit {run.status}) | | | {reason[:80]} |")
                continue
            lines.append(f"| {name} | {size:,} | {run.seconds:.2f} | {size / run.seconds:,.0f} | "
                         f"{run.peak_rss_mb:,.0f} | {growth(seconds, size)} |")
    return lines


def phase_table(phases: dict[int, dict], sizes: list[int]) -> list[str]:
    lines = ["| records | works | " + " | ".join(f"{p} s" for p in PHASES) + " | total s | peak RSS MiB | note |",
             "|---:|---:|" + "---:|" * (len(PHASES) + 2) + "---|"]
    for size in sizes:
        found = phases.get(size, {})
        if "error" in found:
            lines.append(f"| {size:,} | | " + " | " * (len(PHASES) + 1) + f" | {found['error'][:80]} |")
            continue
        steps = found.get("phases", {})
        cells = [f"{steps[p]['seconds']:.2f}" if p in steps else "–" for p in PHASES]
        total = sum(s["seconds"] for s in steps.values())
        peak = max((s["peak_rss_mb"] for s in steps.values()), default=0)
        works = found.get("counts", {}).get("works", "")
        lines.append(f"| {size:,} | {works:,} | " + " | ".join(cells) + f" | {total:.2f} | {peak:,.0f} | {found.get('missing', '')} |")
    return lines


def targets(results: dict) -> list[str]:
    """Each target from the performance issue, with the figure measured and whether it is met."""
    process = results["process"]
    rows = []

    def row(target: str, measured: str, met: bool | None) -> None:
        rows.append(f"| {target} | {measured} | {'met' if met else 'not met' if met is not None else 'not measured'} |")

    scraped = process.get("export scraped → bibtex", {})
    big = scraped.get(100_000)
    if big is not None and big.ok:
        row("scraped → bibtex, 100k records ≤ 60 s", f"{big.seconds:.1f} s", big.seconds <= 60)
        row("… and ≤ 2 GB peak RSS", f"{big.peak_rss_mb:,.0f} MiB", big.peak_rss_mb <= 2048)
    else:
        row("scraped → bibtex, 100k records ≤ 60 s, ≤ 2 GB", "failed" if big else "", None if big is None else False)
    times = {s: r.seconds for s, r in scraped.items() if r.ok}
    steps = [float(g) for s in times if (g := growth(times, s))]
    row("scraped → bibtex growth per 10× ≤ 1.3", ", ".join(f"{g:.2f}" for g in steps), max(steps) <= 1.3 if steps else None)
    ours = process.get("export .bib → bibtex", {}).get(10_000)
    parser = process.get("ref: bibtexparser parse + write", {}).get(10_000)
    if ours and parser and ours.ok and parser.ok:
        ratio = ours.seconds / parser.seconds
        row(".bib → bibtex, 10k: ≤ 1.4× bibtexparser parse + write", f"{ratio:.2f}× ({ours.seconds:.2f} s vs {parser.seconds:.2f} s)", ratio <= 1.4)
    else:
        row(".bib → bibtex, 10k: ≤ 1.4× bibtexparser", "", None)
    tidy = next((by for name, by in process.items() if name.startswith("ref: bibtex-tidy")), {}).get(10_000)
    if ours and tidy and ours.ok and tidy.ok:
        speedup = tidy.seconds / ours.seconds
        row(".bib tidied, 10k: ≥ 5× faster than bibtex-tidy", f"{speedup:.2f}× ({tidy.seconds:.2f} s vs {ours.seconds:.2f} s)", speedup >= 5)
    else:
        row(".bib tidied, 10k: ≥ 5× faster than bibtex-tidy", "", None)
    for size, verdicts in sorted(results.get("compiles", {}).items()):
        ours_v, tidy_v = verdicts.get("citekit"), verdicts.get("bibtex-tidy")
        if ours_v is None or tidy_v is None:
            row(f".bib tidied, {size:,}: compiles (bibtex + plain) where bibtex-tidy's does", "bibtex missing", None)
            continue
        clean = ours_v["errors"] == 0 or tidy_v["errors"] > 0
        row(f".bib tidied, {size:,}: compiles (bibtex + plain) where bibtex-tidy's does",
            f"citekit {ours_v['errors']} errors / {ours_v['warnings']} warnings, bibtex-tidy {tidy_v['errors']} / {tidy_v['warnings']}", clean)
    for name, run in results["single"].items():
        if name.startswith("citekit --help"):
            row("`citekit --help` ≤ 150 ms", f"{run.seconds * 1000:.0f} ms", run.seconds <= 0.15)
        if name.startswith("citekit check"):
            row("`citekit check`, unchanged 1k-work project ≤ 0.5 s",
                f"{run.seconds:.2f} s" if run.ok else f"failed: {run.stderr_tail[-80:]}", run.seconds <= 0.5 if run.ok else False)
    return ["| target | measured | status |", "|---|---|---|", *rows]


def repeat_note(repeat: int) -> str:
    if repeat <= 1:
        return "Each figure is one run."
    return (f"Up to 10,000 records each figure is the median of {repeat} runs, taken round-robin over the cases; "
            "larger sizes are one run.")


def render(results: dict, machine: dict[str, str], sizes: list[int]) -> str:
    singles = ["| process | wall ms | peak RSS MiB |", "|---|---:|---:|"]
    for name, run in results["single"].items():
        singles.append(f"| {name} | {run.seconds * 1000:.0f}{'' if run.ok else ' (failed)'} | {run.peak_rss_mb:,.0f} |")
    about = ", ".join(f"{k} {v}" for k, v in machine.items())
    return "\n".join([
        f"Measured {datetime.date.today().isoformat()} on: {about}.", "",
        "### Targets", "", *targets(results), "",
        "### Whole processes", "", repeat_note(results.get("repeat", 1)), "", *process_table(results["process"], sizes), "",
        "### Startup and check", "", *singles, "",
        "### Phases of scraped → bibtex, in one process", "", *phase_table(results["phases"], sizes), "",
    ])


def update_results(path: Path, text: str) -> None:
    """Replace the measured section of RESULTS.md, keeping what was written around it."""
    current = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START not in current or END not in current:
        current += f"\n{START}\n{END}\n"
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
