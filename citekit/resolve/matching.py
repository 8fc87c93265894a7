"""Comparison keys that decide whether records describe the same work.

A shared DOI or arXiv id decides. Otherwise normalised titles must be equal (case,
punctuation, braces, dashes, accents and whitespace ignored) and the author lists must not
contradict. Abstracts are compared only after whitespace and dash runs are normalised,
never topically: equal, or one a prefix of the other.
"""
from __future__ import annotations

import functools
import operator
import re
import unicodedata
from dataclasses import fields

from anyascii import anyascii

from citekit.model import Person, RepairedRecord, SourceSpan
from citekit.repair.encoding import is_tidy_line

NON_ALNUM = re.compile(r"[^0-9a-z]+")
DASH_RUN = re.compile(r"[\-\u2010-\u2015\u2212]+")
# Prefix matching of abstracts needs this many characters, so short stock sentences never match.
MIN_PREFIX_CHARS = 120
# The order SourceSpan compares by, as plain tuples (compared in C, not by dataclass methods).
span_order = operator.attrgetter(*(f.name for f in fields(SourceSpan)))
record_order = operator.attrgetter(*(f"source.span.{f.name}" for f in fields(SourceSpan)))


@functools.lru_cache(maxsize=1 << 18)  # names recur across records: fold each spelling once
def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Lukošiūtė' -> 'lukosiute'."""
    return NON_ALNUM.sub("", anyascii(unicodedata.normalize("NFC", text)).lower())


@functools.lru_cache(maxsize=1 << 18)  # keyed once per record for clustering, again per work for the output order
def title_key(title: str | None) -> str | None:
    """The title with case, accents, braces, punctuation and spacing removed; None if empty."""
    if not title:
        return None
    words = NON_ALNUM.sub(" ", anyascii(title).lower()).split()
    return " ".join(words) or None


def abstract_key(abstract: str | None) -> str | None:
    """The abstract with whitespace collapsed and dash runs unified; None if empty."""
    if not abstract:
        return None
    text = unicodedata.normalize("NFC", abstract)
    if not is_tidy_line(text):
        text = " ".join(text.split())  # str.split() splits on exactly the characters regex \s matches
    if not text.isascii() or "--" in text:  # in ASCII text only a run of hyphens can change
        text = DASH_RUN.sub("-", text)
    return text or None


def identifier_keys(record: RepairedRecord) -> list[str]:
    """'doi:<lower>' and 'arxiv:<id>' keys the record carries."""
    keys = []
    if record.identifiers.get("doi"):
        keys.append("doi:" + record.identifiers["doi"].strip().lower())
    if record.identifiers.get("arxiv"):
        keys.append("arxiv:" + record.identifiers["arxiv"].strip().lower())
    return keys


def family_keys(authors: tuple[Person, ...]) -> set[str]:
    """Folded family names (or organisation names) of an author list."""
    return {fold(p.literal if p.literal else p.full_family()) for p in authors} - {""}


def is_prefix_match(short: str, long: str) -> bool:
    """True when the shorter abstract equals the longer, or is a long enough prefix of it."""
    if short == long:
        return True
    return len(short) >= MIN_PREFIX_CHARS and long.startswith(short)
