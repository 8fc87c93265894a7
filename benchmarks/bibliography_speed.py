"""Time formatted bibliographies: entries per second for citekit (citeproc-py + adapter, with and
without the macro memo) and for citeproc-js, on the same generated items and style.

Usage: uv run python benchmarks/bibliography_speed.py [--items 1000] [--style apa]
Items are the seed-like works of tests/fixtures/bibliography, repeated with distinct ids,
titles and years. citeproc-js time is measured inside node (engine only, no start-up).
"""
from __future__ import annotations

import argparse
import json
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--style", default="apa")
    args = parser.parse_args()
    style = find_style(args.style)
    items = generated_items(args.items)
    render_items = [RenderItem(i["id"], i) for i in items]
    outputs = {}
    for memo in (True, False):
        started = time.perf_counter()
        outputs[memo] = render_bibliography(render_items, style, memoise_macros=memo)
        seconds = time.perf_counter() - started
        print(f"citekit (citeproc-py, macro memo {'on' if memo else 'off'}): {args.items / seconds:7.1f} entries/s")
    print(f"memo on and off byte-identical: {outputs[True] == outputs[False]}")
    if citeprocjs_available():
        result = render_with_citeprocjs(items, style)
        print(f"citeproc-js {result['version']}: {args.items / (result['elapsed_ms'] / 1000):7.1f} entries/s")


if __name__ == "__main__":
    main()
