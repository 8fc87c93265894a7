"""Records read from real input files and repaired, for tests of the stages after repair."""
from __future__ import annotations

from pathlib import Path

from citekit.diagnostics import BadInput
from citekit.pipeline import read_all
from citekit.repair import repair_records


def repaired_records(paths: list[Path]) -> list:
    """The RepairedRecords of `paths` in order (the bundled seeds when empty); a file refused whole
    (a broken fixture) is left out, so its neighbours still count."""
    records = []
    for path in paths or [None]:
        try:
            records += read_all([path] if path else [])[0]
        except BadInput:
            continue
    return repair_records(records)[0]
