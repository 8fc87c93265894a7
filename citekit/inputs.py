"""Turn the sources a user names (files and folders) into the files to read, in a stable order.

With no source named, the bundled seeds are the input. Spans name files relative to the
current folder when they lie inside it, so output does not depend on where a checkout lives.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from citekit.diagnostics import BadInput

INPUT_SUFFIXES = (".txt", ".bib", ".json", ".ris")


def bundled_seeds_folder() -> Path:
    """The seeds shipped with citekit: inside the wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "bundled_seeds", package.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise BadInput("the bundled seeds are missing from this installation; name a source file")


def display_path(path: Path) -> str:
    """How diagnostics and provenance name a file: relative to the current folder (`../refs/a.bib`
    too), so the same project gives the same output on every machine."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())).as_posix()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.as_posix()


def collect_inputs(sources: Sequence[Path]) -> list[tuple[Path, str]]:
    """Each file to read with its display path, sorted by display path, no file twice.

    Folders contribute their files with a known suffix (recursively, hidden ones skipped).
    Raises BadInput for a missing path or a folder with no readable files."""
    if not sources:
        folder = bundled_seeds_folder()
        return [(p, f"seeds/{p.name}") for p in sorted(folder.iterdir()) if p.suffix in INPUT_SUFFIXES]
    found: dict[str, Path] = {}
    for source in sources:
        if source.is_dir():
            files = [
                p for p in sorted(source.rglob("*"))
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(source).parts)
            ]
            if not files:
                raise BadInput(f"folder has no {'/'.join(INPUT_SUFFIXES)} files to read", path=source.as_posix(), code="empty-folder")
            for p in files:
                found.setdefault(display_path(p), p)
        elif source.exists() or source.is_symlink():
            found.setdefault(display_path(source), source)
        else:
            raise BadInput("no such file or folder", path=source.as_posix(), code="missing-input")
    return [(p, d) for d, p in sorted(found.items())]


def is_collected(path: Path, sources: Sequence[Path]) -> bool:
    """True when `path`, existing or not, is or would be one of the files collect_inputs reads."""
    for source in sources:
        try:
            if source.is_dir():
                inside = path.resolve().relative_to(source.resolve())
                if path.suffix.lower() in INPUT_SUFFIXES and not any(part.startswith(".") for part in inside.parts):
                    return True
            elif path.exists() and source.exists() and os.path.samefile(source, path):
                return True
        except (OSError, RuntimeError, ValueError):  # ValueError: not inside this folder
            continue
    return False
