"""Time formatted bibliographies side by side: citekit (citeproc-py + adapter, speed-ups on and
off) and citeproc-js, on the same generated items and style, at several sizes in one run.

Usage: uv run python benchmarks/bibliography_speed.py [--sizes 1000 10000] [--style apa]
           [--plain-up-to 1000]
Items are the seed-like works of tests/fixtures/bibliography, repeated with distinct ids,
titles and years (so year suffixes a, b, … are needed). citekit's time is the whole
render_bibliography call (style loading, adapter, year suffixes, entries); citeproc-js's is
the engine's own (style loading, makeBibliography; no node start-up or JSON). Without speed-ups
citekit is only run up to --plain-up-to entries (it is slow); outputs are compared there.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from citekit.writers.citeproc_adapter import RenderItem, render_bibliography
from citekit.writers.styles import find_style

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "citeprocjs"))
from run_citeprocjs import citeprocjs_available, render_with_citeprocjs  # noqa: E402


def generated_items(count: int) -> list[dict]:
    """`count` distinct CSL-JSON items cycling through the fixture works."""
    base = json.loads((ROOT / "tests/fixtures/bibliography/works-like-the-seeds.json").read_text("utf-8"))
    items = []
    for n in range(count):
        item = dict(base[n % len(base)])
        item["id"] = f"{item['id']}-{n}"
        item["title"] = f"{item['title']} (part {n})"
        if "issued" in item:
            item["issued"] = {"date-parts": [[1990 + n % 35]]}
        items.append(item)
    return items


def timed_citekit(items: list[dict], style: Path, speedups: bool) -> tuple[float, list]:
    """Seconds for one whole render_bibliography call, and its entries."""
    render_items = [RenderItem(i["id"], i) for i in items]
    started = time.perf_counter()
    entries = render_bibliography(render_items, style, speedups=speedups)
    return time.perf_counter() - started, entries


def measure(size: int, style: Path, plain_up_to: int) -> dict:
    """Seconds per engine at one size (None when not run) and whether on/off outputs agree."""
    items = generated_items(size)
    fast_seconds, fast = timed_citekit(items, style, speedups=True)
    row = {"size": size, "fast": fast_seconds, "plain": None, "identical": None, "js": None}
    print(f"{size:>6} entries  citekit, speed-ups on : {size / fast_seconds:8.1f} entries/s  ({fast_seconds:.1f} s)")
    if size <= plain_up_to:
        row["plain"], plain = timed_citekit(items, style, speedups=False)
        row["identical"] = fast == plain
        print(f"{size:>6} entries  citekit, speed-ups off: {size / row['plain']:8.1f} entries/s  "
              f"({row['plain']:.1f} s)  byte-identical to speed-ups on: {row['identical']}")
    else:
        print(f"{size:>6} entries  citekit, speed-ups off: not run (over --plain-up-to {plain_up_to})")
    if citeprocjs_available():
        result = render_with_citeprocjs(items, style)
        row["js"] = result["elapsed_ms"] / 1000
        print(f"{size:>6} entries  citeproc-js {result['version']}   : {size / row['js']:8.1f} entries/s  "
              f"({row['js']:.1f} s)  citekit/citeproc-js speed ratio: {row['js'] / fast_seconds:.2f}")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--style", default="apa")
    parser.add_argument("--plain-up-to", type=int, default=1000, help="largest size to render without speed-ups")
    args = parser.parse_args()
    style = find_style(args.style)
    print(f"style {style.name}; times are wall-clock on a shared machine, run twice")
    rows = [measure(size, style, args.plain_up_to) for size in sorted(args.sizes)]
    for small, large in zip(rows, rows[1:]):
        factor = large["size"] / small["size"]
        for engine, name in (("fast", "citekit on"), ("plain", "citekit off"), ("js", "citeproc-js")):
            if small[engine] and large[engine]:
                growth = large[engine] / small[engine]
                print(f"growth {small['size']}→{large['size']} ({factor:g}× entries), {name}: time ×{growth:.1f} "
                      f"(linear: ×{factor:g}; per 10×: ×{growth ** (1 / math.log10(factor)):.1f})")


if __name__ == "__main__":
    main()
