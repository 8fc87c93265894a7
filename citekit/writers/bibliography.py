"""The `bibliography` writer: resolved works as a formatted reference list in any CSL style.

Items are the CSL-JSON export's own (csl_item), so the reference list and the .json file
never disagree; citeproc-py renders them through our adapter. The arXiv category, which the
CSL-JSON keeps in `custom`, reaches styles as `keyword` (citekit-cv prints "[cs.CL]"). Options pick the style (name
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


def render_item(citation: Citation) -> RenderItem:
    """The citation's CSL-JSON item (category as `keyword`) and whether its author list is truncated."""
    item = csl_item(citation)
    category = item.get("custom", {}).get("arxiv_category")
    if category and "keyword" not in item:
        item = {**item, "keyword": category}
    return RenderItem(citation.key, item, citation.work.authors_truncated)


def write_bibliography(citations: Sequence[Citation], options) -> str:
    """The whole reference list as one string in `options.to`, entries in the style's order."""
    style = find_style(options.style)
    entries = render_bibliography(
        [render_item(c) for c in citations], style, locale=options.locale, output=options.to, highlight=options.highlight
    )
    return OUTPUTS[options.to].join([e.text for e in entries])
