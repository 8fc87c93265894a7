"""escape_plain skips NFC for text whose non-ASCII characters are all `nfc_inert`: checked here
against unicodedata itself, over every code point and on generated and named texts."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.writers.latex_text import escape_plain, nfc_inert


def composition_seconds() -> set[str]:
    """Every character that NFC can compose onto the one before it: the second character of each
    canonical two-character decomposition, and the Hangul vowel and final jamo."""
    seconds = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        parts = decomposition.split()
        if decomposition and not decomposition.startswith("<") and len(parts) == 2:
            seconds.add(chr(int(parts[1], 16)))
    return seconds | {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}


def test_no_inert_character_is_reordered_composed_onto_or_changed_by_nfc():
    seconds = composition_seconds()
    inert = [chr(c) for c in range(0x80, 0x110000) if nfc_inert.__wrapped__(chr(c))]
    assert len(inert) > 100_000  # Latin, Greek, Cyrillic, CJK, punctuation, symbols...
    assert not seconds.intersection(inert)
    assert all(unicodedata.combining(c) == 0 and unicodedata.normalize("NFC", c) == c for c in inert)


NAMED = [
    {"label": "precomposed accents and typographic punctuation", "text": "Schr\u00f6dinger\u2019s \u201ccat\u201d \u2014 na\u00efve", "inert": True},
    {"label": "Greek and Cyrillic letters", "text": "\u03b1-helix and \u0416\u0443\u043a\u043e\u0432", "inert": True},
    {"label": "a decomposed accent", "text": "Schro\u0308dinger", "inert": False},
    {"label": "Hangul jamo that compose into a syllable", "text": "\u1100\u1161", "inert": False},
    {"label": "a Bengali vowel sign that composes with the one before", "text": "\u09c7\u09be", "inert": False},
    {"label": "the Angstrom sign, a singleton NFC replaces", "text": "5 \u212b", "inert": False},
    {"label": "the Ohm sign", "text": "10 \u2126 resistor", "inert": False},
]


def test_named_texts_escape_as_after_nfc():
    for case in NAMED:
        text = case["text"]
        found = {c for c in text if not c.isascii()}
        assert all(map(nfc_inert, found)) is case["inert"], case["label"]
        assert escape_plain(text) == escape_plain(unicodedata.normalize("NFC", text)), case["label"]
        if case["inert"]:
            assert unicodedata.normalize("NFC", text) == text, case["label"]


# ASCII with TeX's specials and ligature characters, precomposed and decomposed accents, marks,
# jamo, singletons and other scripts: texts that take both paths and their mixtures.
ALPHABET = st.sampled_from(list("aAe -'`!?$&%{}\\_") + [
    "\u00e9", "\u00fc", "\u0301", "\u0308", "\u0304", "\u2013", "\u2019", "\u201c", "\u1100", "\u1161",
    "\u11a8", "\u09c7", "\u09be", "\u212b", "\u2126", "\u03b1", "\u0416", "\u4e2d", "\ufb01", "\u00df",
])


@settings(max_examples=400)
@given(st.lists(ALPHABET, max_size=20).map("".join))
def test_escape_plain_equals_escaping_the_nfc_text(text):
    normalised = unicodedata.normalize("NFC", text)
    assert escape_plain(text) == escape_plain(normalised)
    assert escape_plain(text, ascii_only=False) == escape_plain(normalised, ascii_only=False)
    if all(nfc_inert(c) for c in text if not c.isascii()):
        assert normalised == text
