"""Output formats by name, and the file suffixes that choose them when no format is given.

One table for the CLI's choices, the settings check, the writers' registry and the check
fingerprint, kept free of imports so `citekit --help` stays fast.
"""
from __future__ import annotations

from pathlib import PurePath

SUFFIXES: dict[str, tuple[str, ...]] = {
    "bibtex": (".bib", ".bibtex"),
    "biblatex": (".biblatex",),
    "csljson": (".json",),
    "ris": (".ris",),
    "bibliography": (),
}
FORMATS = tuple(SUFFIXES)
DEFAULT_FORMAT = "bibtex"


def format_for_suffix(path: str) -> str | None:
    """The format whose suffix the path ends in (case-insensitive); None when none claims it."""
    suffix = PurePath(path).suffix.lower()
    return next((name for name, suffixes in SUFFIXES.items() if suffix in suffixes), None)
