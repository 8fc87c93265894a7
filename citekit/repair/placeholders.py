"""Tokens that stand where a name should be but are not one: `null`, `:`, `N/A`, `-`, "".

Scrapers write them for a missing given name or for the colon of a byline ("OpenAI: ...").
They are never authors; callers drop them and report each one.
"""
from __future__ import annotations

import functools

# Only tokens no real name uses: "Na", "Nan" and "Nil" are names, so they are not here.
PLACEHOLDERS = frozenset({"", "null", "none", "n/a", "undefined", "unknown"})


@functools.lru_cache(maxsize=1 << 16)  # names recur across records: judge each spelling once
def is_placeholder(token: str) -> bool:
    """True when `token` (case- and space-insensitive) is a known placeholder or bare punctuation."""
    text = token.strip().casefold()
    return text in PLACEHOLDERS or not any(ch.isalnum() for ch in text)
