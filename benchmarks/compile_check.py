"""Does a .bib compile? bibtex with the standard `plain` style over every entry, errors and warnings counted.

    python benchmarks/compile_check.py REFS.bib

Used by run.py to hold citekit's tidied .bib against bibtex-tidy's: the speed target only counts
when citekit's output compiles cleanly wherever bibtex-tidy's does. Not plainnat: its author-year
labels run out of letters (`chr.to.int$` past "z") when more than 26 works share one, as hundreds
of "Wang et al. 2018" do in the Zipf-named corpus, which says nothing about either file.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ERRORS = re.compile(r"\(There (?:were|was) (\d+) error messages?\)")


def bibtex_verdict(bib: Path) -> dict[str, int] | None:
    """{"errors": n, "warnings": n} from bibtex + plain over every entry of `bib`; None without bibtex."""
    if shutil.which("bibtex") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="citekit-compile-") as folder:
        shutil.copyfile(bib, Path(folder) / "refs.bib")
        (Path(folder) / "doc.aux").write_text("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
        done = subprocess.run(["bibtex", "doc"], cwd=folder, capture_output=True, text=True, errors="replace", timeout=600)
    errors = ERRORS.search(done.stdout)
    # With errors bibtex prints no warning count, so the warnings are counted line by line.
    counts = {"errors": int(errors.group(1)) if errors else 0, "warnings": done.stdout.count("\nWarning--")}
    if done.returncode >= 3 and not counts["errors"]:  # a fatal error prints no count
        counts["errors"] = 1
    return counts


if __name__ == "__main__":
    print(bibtex_verdict(Path(sys.argv[1])))
