"""The `bibliography` writer: resolved works as a formatted reference list in any CSL style.

Items are the CSL-JSON export's own (csl_item), so the reference list and the .json file
never disagree; citeproc-py renders them through our adapter. Options pick the style (name
or .csl path, default apa), the locale (en-US), the output (text, html, markdown) and a person
to set in bold (`highlight`, e.g. the profile owner on a CV).
"""
from __future__ import annotations

from typing import Sequence

from citekit.model import Citation
from citekit.writers.bibliography_formats import OUTPUTS
from citekit.writers.citeproc_adapter import RenderItem, render_bibliography
from citekit.writers.csl_json import csl_item
from citekit.writers.styles import find_style


def render_items(citations: Sequence[Citation]) -> list[RenderItem]:
    """One RenderItem per citation: its CSL-JSON item, and whether its author list is truncated."""
    return [RenderItem(c.key, csl_item(c), c.work.authors_truncated) for c in citations]


def write_bibliography(citations: Sequence[Citation], options) -> str:
    """The whole reference list as one string in `options.to`, entries in the style's order."""
    style = find_style(options.style)
    entries = render_bibliography(
        render_items(citations), style, locale=options.locale, output=options.to, highlight=options.highlight
    )
    return OUTPUTS[options.to].join([e.text for e in entries])
