"""Title text for LaTeX: which words a style must not re-case, and Unicode -> LaTeX escapes.

A word is protected when it has a capital past its first letter (LLMs, GPT, iPhone): styles that
sentence-case titles would otherwise break it. Only those words are braced (`{GPT}-4`), never the
whole title, so styles keep their own casing elsewhere. The same spans become
`<span class="nocase">` in CSL-JSON.
"""
from __future__ import annotations

import re

# Runs of letters and digits: "GPT-4" is two tokens, "LLMs" one.
_TOKEN = re.compile(r"[^\W_]+")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token a re-casing style must leave alone, left to right."""
    return [m.span() for m in _TOKEN.finditer(text) if any(c.isupper() for c in m.group()[1:])]
