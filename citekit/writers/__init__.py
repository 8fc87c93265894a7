"""Writers: resolved citations -> the text of one bibliography file, chosen by name or suffix.

Every writer is pure (citations in, str out) and deterministic: entries sorted by key, fields
in the fixed order of `field_map`. Only the CLI writes files.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from citekit.formats import SUFFIXES, format_for_suffix
from citekit.model import Citation
from citekit.writers.bibtex import write_biblatex, write_bibtex
from citekit.writers.csl_json import write_csljson
from citekit.writers.ris import write_ris


@dataclass(frozen=True)
class WriteOptions:
    """Choices a user can make about the output; the defaults are what the CLI uses."""

    style: str = "apa"  # bibliography: CSL style name or .csl path
    locale: str = "en-US"  # bibliography: CSL locale
    to: str = "text"  # bibliography: text | html | markdown
    highlight: str | None = None  # bibliography: a person to set in bold


@dataclass(frozen=True)
class Writer:
    """One output format: its name, the file suffixes that select it, and the function."""

    name: str
    suffixes: tuple[str, ...]
    write: Callable[[Sequence[Citation], WriteOptions], str]


def write_bibliography(citations: Sequence[Citation], options: WriteOptions) -> str:
    """A formatted bibliography (writers.bibliography), imported only when asked for: citeproc is slow to load."""
    from citekit.writers.bibliography import write_bibliography as write

    return write(citations, options)


WRITERS: dict[str, Writer] = {name: Writer(name, SUFFIXES[name], write) for name, write in (
    ("bibtex", write_bibtex),
    ("biblatex", write_biblatex),
    ("csljson", write_csljson),
    ("ris", write_ris),
    ("bibliography", write_bibliography),
)}


def writer_for_suffix(path: str) -> Writer | None:
    """The writer whose suffix the path ends in (case-insensitive); None when no writer claims it."""
    name = format_for_suffix(path)
    return WRITERS[name] if name else None
