"""Comparison keys that decide whether records describe the same work.

A shared DOI or arXiv id decides. Otherwise normalised titles must be equal (case,
punctuation, braces, dashes, accents and whitespace ignored) and the author lists must not
contradict. Abstracts are compared only after whitespace and dash runs are normalised,
never topically: equal, or one a prefix of the other.
"""
from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from dataclasses import fields
from typing import Iterable

from anyascii import anyascii

from citekit.model import Person, RepairedRecord, SourceSpan
from citekit.repair.encoding import is_tidy_line

NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Every ASCII character but lower-case letters, digits and the newline, to a space.
SPACE_FOR_NON_ALNUM = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isdigit() or c.islower() or c == "\n")})
NONE_IF_EMPTY = {"": None}  # NONE_IF_EMPTY.get(key, key): a key, or None for an empty one
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


def in_span_order(records: Iterable[RepairedRecord]) -> tuple[list[RepairedRecord], dict[int, int]]:
    """The records sorted by span (stably), and the rank of each one's span by record id (equal
    spans, equal ranks), so later stages order records without reading their spans again."""
    records = list(records)
    spans = list(map(record_order, records))
    order = sorted(range(len(records)), key=spans.__getitem__)
    spans = list(map(spans.__getitem__, order))
    ranks = itertools.accumulate(map(operator.ne, spans[1:], spans[:-1]), initial=0)
    ordered = list(map(records.__getitem__, order))
    return ordered, dict(zip(map(id, ordered), ranks))


def title_key(title: str | None) -> str | None:
    """The title with case, accents, braces, punctuation and spacing removed; None if empty."""
    if not title:
        return None
    words = NON_ALNUM.sub(" ", anyascii(title).lower()).split()
    return " ".join(words) or None


def title_keys(titles: Iterable[str | None]) -> dict[str, str | None]:
    """title_key of each distinct title (tested equal), for a whole input at once; a missing
    title (None, "") is no key, so `.get` gives its None.

    The titles' ASCII forms are joined by newlines and every other character that is not a letter
    or digit becomes a space by one translate (a regex pass costs 20 times more), so the per-title
    work is C calls (split, join). Should an ASCII form hold a newline itself, the batch goes to
    title_key one by one."""
    distinct = [title for title in dict.fromkeys(titles) if title]
    text = "\n".join(map(anyascii, distinct)).lower()
    if text.count("\n") != max(len(distinct) - 1, 0) or not text.isascii():
        return {title: title_key(title) for title in distinct}
    lines = text.translate(SPACE_FOR_NON_ALNUM).split("\n")
    keys = list(map(" ".join, map(str.split, lines)))
    return dict(zip(distinct, map(NONE_IF_EMPTY.get, keys, keys)))


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
