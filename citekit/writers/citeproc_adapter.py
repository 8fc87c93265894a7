"""Render CSL-JSON items as bibliography entries through citeproc-py, made right where it is weak.

citeproc-py lowercases ids, so items travel under internal ids and come back under the
caller's. Truncated author lists end in the style's "et al." (citeproc_fixes). Year suffixes
(2020a / 2020b) are assigned here, for styles that ask for them, to items whose citations would
otherwise read the same. The profile owner is marked on the family name after sorting and
bolded once rendered (owner_highlight). Speed-ups (citeproc_speed) are on unless told not
to: speedups=False runs citeproc-py's own look-ups and gives byte-identical output, slower.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import citeproc
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source import Name
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

from citekit.diagnostics import BadInput
from citekit.writers import citeproc_fixes, citeproc_render_index, citeproc_speed
from citekit.writers.bibliography_formats import OUTPUTS, drop_doubled_period
from citekit.writers.owner_highlight import OwnerName, finish_highlight, mark_owner

APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
NAME_KEYS = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"}
KNOWN_VARIABLES = {v.replace("_", "-") for v in citeproc.VARIABLES} | {"DOI", "ISBN", "ISSN", "PMCID", "PMID", "URL"}


@dataclass(frozen=True)
class RenderItem:
    """One CSL-JSON item to render; `authors_truncated` says the author list goes on ("et al.")."""

    id: str
    csl: Mapping[str, object]
    authors_truncated: bool = False


@dataclass(frozen=True)
class RenderedEntry:
    """One bibliography entry, in the style's order, under the caller's id."""

    id: str
    text: str


def known_locales() -> list[str]:
    """Locale codes citeproc-py can render in (e.g. en-US, de-DE, fr-FR)."""
    return sorted(citeproc.LANGUAGE_NAMES)


def check_locale(locale: str) -> str:
    """The locale when citeproc-py has it, a bare language's main dialect ("de" → de-DE); else BadInput."""
    if locale in citeproc.LANGUAGE_NAMES:
        return locale
    if locale in citeproc.PRIMARY_DIALECTS:
        return citeproc.PRIMARY_DIALECTS[locale]
    import difflib

    close = difflib.get_close_matches(locale, known_locales(), n=4, cutoff=0.4)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise BadInput(f"unknown locale {locale!r}{hint}", code="unknown-locale")


def load_style(style_path: Path, locale: str = "en-US", *, speedups: bool = True) -> CitationStylesStyle:
    """A parsed style with its locale chain, ready for CitationStylesBibliography."""
    citeproc_fixes.install()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(str(style_path), locale=check_locale(locale), validate=False)
    if not style.has_bibliography():
        raise BadInput("this CSL style has no bibliography section", path=str(style_path), code="bad-style")
    if speedups:
        citeproc_speed.enable(style.root)
    return style


def render_bibliography(
    items: Sequence[RenderItem],
    style_path: Path,
    *,
    locale: str = "en-US",
    output: str = "text",
    highlight: str | None = None,
    speedups: bool = True,
) -> list[RenderedEntry]:
    """Every item as one entry, sorted as the style says, in `output` (text, html or markdown).

    `speedups=False` turns off every speed-up (same output, slower; for tests and benchmarks).
    """
    style = load_style(style_path, locale, speedups=speedups)
    internal = {f"item{i:06d}": item for i, item in enumerate(items)}
    formatter = OUTPUTS[output].formatter
    source = _source(internal, formatter)
    bibliography = CitationStylesBibliography(style, source, formatter)
    item_class = citeproc_render_index.FastCitationItem if speedups else CitationItem
    citations = [Citation([item_class(key)]) for key in internal]
    for citation in citations:
        bibliography.register(citation)
    bibliography.sort()
    if speedups:
        bibliography.keys = citeproc_render_index.IndexedKeys(bibliography.keys)
        bibliography._cites = citeproc_render_index.CitedKeys()
    if style.root.citation is not None and style.root.citation.get_option("disambiguate-add-year-suffix") == "true":
        assign_year_suffixes(bibliography, style, citations)
    owner = OwnerName.parse(highlight) if highlight else None
    if owner:
        mark_owner(source.values(), owner)
    texts = bibliography.bibliography()
    return [
        RenderedEntry(internal[key].id, _finish(str(text), style, owner, output))
        for key, text in zip(bibliography.keys, texts)
    ]


def _finish(text: str, style: CitationStylesStyle, owner: OwnerName | None, output: str) -> str:
    """Final touches citeproc-py leaves out: quotes, the label column, the owner in bold."""
    text = drop_doubled_period(citeproc_fixes.punctuation_into_quotes(text.strip(), style.root), output)
    if citeproc_fixes.FIELD_BREAK in text:
        label, rest = text.split(citeproc_fixes.FIELD_BREAK, 1)
        text = OUTPUTS[output].align(label, rest)
    return finish_highlight(text, owner, output)


def _prepare_values(reference, formatter) -> None:
    """Escape item values for the output and set apostrophes as citeproc-js does (O'Hara → O’Hara)."""
    # citeproc-py escapes terms but not item values: "&" or "<" in a title reached HTML raw.
    for field, value in reference.items():
        if isinstance(value, MixedString):
            reference[field] = MixedString([type(s)(formatter.preformat(_apostrophes(s))) for s in value])
        elif isinstance(value, list):
            for name in value:
                for part in [p for p in name if p in NAME_KEYS and isinstance(name[p], str)]:
                    name[part] = formatter.preformat(_apostrophes(name[part]))


def _apostrophes(text: str) -> str:
    return APOSTROPHE.sub("\u2019", text)


def _source(internal: Mapping[str, RenderItem], formatter) -> CiteProcJSON:
    """citeproc-py's source for the items, under internal ids, truncated lists flagged."""
    rows = []
    for key, item in internal.items():
        row = {k: v for k, v in item.csl.items() if k in KNOWN_VARIABLES or k == "type"}
        row["id"] = key
        rows.append(row)
        for variable in citeproc.NAMES:
            names = row.get(variable.replace("_", "-"))
            if isinstance(names, list):
                row[variable.replace("_", "-")] = [{k: v for k, v in n.items() if k in NAME_KEYS} for n in names]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(rows)
    for key, item in internal.items():
        reference = source[key]
        _prepare_values(reference, formatter)
        authors = reference.get("author")
        if not authors:
            continue
        trailing_others = _is_others(authors[-1])
        if item.authors_truncated or trailing_others:
            kept = authors[:-1] if trailing_others else authors
            reference["author"] = citeproc_fixes.TruncatedNames(kept)
    return source


def _is_others(name: Name) -> bool:
    # BibTeX's "and others" arrives from some converters as an author literally called "others".
    return name.get("literal", "").strip().lower() == "others" or (
        name.get("family", "").strip().lower() == "others" and not name.get("given")
    )


def assign_year_suffixes(
    bibliography: CitationStylesBibliography, style: CitationStylesStyle, citations: Sequence[Citation]
) -> None:
    """Give a, b, c… (bibliography order) to items whose citations read the same in this style.

    Like citeproc-js, names the style may add to a citation (disambiguate-add-names /
    -givenname) are tried first: items told apart by their full author lists get no suffix.
    """
    citation_options = style.root.citation
    compare_names = citation_options.get_option("disambiguate-add-names") == "true"
    compare_given = citation_options.get_option("disambiguate-add-givenname") == "true"
    by_key = {citation.cites[0].key: citation for citation in citations}
    groups: dict[tuple, list[str]] = {}
    for key in bibliography.keys:
        text = str(bibliography.cite(by_key[key], lambda missing: None))
        reference = bibliography.source[key]
        names = tuple(_name_key(n, compare_given) for n in reference.get("author", [])) if compare_names else ()
        groups.setdefault((text, names), []).append(key)
    for keys in groups.values():
        if len(keys) < 2:
            continue
        for index, key in enumerate(keys):
            bibliography.source[key]["year_suffix"] = String(_suffix(index))


def _name_key(name: Name, with_given: bool) -> tuple:
    given, family, dropping, non_dropping, suffix = name.parts()
    return (family, non_dropping, given if with_given else None)


def _suffix(index: int) -> str:
    """a … z, then aa, ab … (as citeproc-js numbers year suffixes)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
