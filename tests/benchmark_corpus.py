"""A benchmark corpus written by benchmarks/generate.py, for tests that need many realistic entries
(benchmarks/ is no package and its data/ folder is not committed)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def write_benchmark_corpus(folder: Path, size: int = 1000, seed: int = 1) -> Path:
    """`folder`, holding the generator's files for `size` records (bib/library.bib, scraped/, ...)."""
    spec = importlib.util.spec_from_file_location("generate", BENCHMARKS / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(BENCHMARKS))  # the generator imports its sibling modules
    try:
        spec.loader.exec_module(generate)
        generate.generate(folder, seed=seed, size=size)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return folder
