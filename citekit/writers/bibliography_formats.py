"""The three outputs of a formatted bibliography: plain text, HTML and Markdown.

Each pairs a citeproc-py formatter (how italics, bold, small caps are written and which
characters are escaped) with how the owner's name is bolded and how entries are joined.
Markdown writes emphasis as `*…*`/`**…**`, escapes the characters Markdown would read as
markup, and keeps super/subscript as inline HTML, which CommonMark passes through.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable, Sequence

from citeproc.formatter import html, plain

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _markdown_escape(text) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _wrapper(before: str, after: str) -> Callable[[object], str]:
    return lambda text: f"{before}{text}{after}" if str(text) else str(text)


markdown = SimpleNamespace(
    preformat=_markdown_escape,
    Italic=_wrapper("*", "*"),
    Oblique=_wrapper("*", "*"),
    Bold=_wrapper("**", "**"),
    Light=str,
    Underline=str,
    Superscript=_wrapper("<sup>", "</sup>"),
    Subscript=_wrapper("<sub>", "</sub>"),
    SmallCaps=str,
)


# A period that ends formatted text ("<i>et al.</i>") swallows the one a suffix adds after it.
_DOUBLED_AFTER_MARKUP = {
    "html": re.compile(r"([.!?])((?:</(?:i|b|span|sup|sub)>)+)\."),
    "markdown": re.compile(r"([.!?])(\*+)\."),
}


def drop_doubled_period(text: str, output: str) -> str:
    """"<i>et al.</i>." → "<i>et al.</i>" (citeproc-py only merges periods that touch)."""
    pattern = _DOUBLED_AFTER_MARKUP.get(output)
    return pattern.sub(r"\1\2", text) if pattern else text


@dataclass(frozen=True)
class Output:
    """One output format: its citeproc-py formatter, bold wrapper and entry joiner."""

    name: str
    formatter: object
    bold: Callable[[str], str]
    align: Callable[[str, str], str]  # first field (a label such as "[1]") and the rest
    join: Callable[[Sequence[str]], str]


def _spaced(label: str, rest: str) -> str:
    return f"{label} {rest}"


def _html_columns(label: str, rest: str) -> str:
    return f'<div class="csl-left-margin">{label}</div><div class="csl-right-inline">{rest}</div>'


def _join_lines(entries: Sequence[str]) -> str:
    return "".join(f"{e}\n" for e in entries)


def _join_paragraphs(entries: Sequence[str]) -> str:
    return "\n".join(f"{e}\n" for e in entries)


def _join_html(entries: Sequence[str]) -> str:
    body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in entries)
    return f'<div class="csl-bib-body">\n{body}</div>\n'


OUTPUTS = {
    o.name: o
    for o in (
        Output("text", plain, str, _spaced, _join_lines),
        Output("html", html, lambda t: f"<b>{t}</b>", _html_columns, _join_html),
        Output("markdown", markdown, lambda t: f"**{t}**", _spaced, _join_paragraphs),
    )
}
