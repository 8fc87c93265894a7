"""Printable-text tests at C speed, shared by the reader, repair and the lock file.

Most text is printable ASCII. Deleting those bytes from its UTF-8 with one bytes.translate leaves the
other characters whole (every byte of theirs is >= 0x80), so only they are looked up in Unicode's
tables, where str.isprintable looks up every character.
"""
from __future__ import annotations

PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
LONG_TEXT = 200  # below this, encoding costs more than isprintable's look-ups save


def outside_printable_ascii(text: str) -> str:
    """The characters of `text` outside printable ASCII, in order. A lone surrogate is kept (it is
    not printable either)."""
    return text.encode("utf-8", "surrogatepass").translate(None, PRINTABLE_ASCII).decode("utf-8", "surrogatepass")


def is_printable(text: str) -> bool:
    """`text.isprintable()`, sooner for long text (abstracts, many titles joined)."""
    if len(text) < LONG_TEXT:
        return text.isprintable()
    rest = outside_printable_ascii(text)
    return not rest or rest.isprintable()
