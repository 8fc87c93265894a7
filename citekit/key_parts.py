"""The pieces a key formula is built from: functions that read a Work, filters that reshape text,
and the final folding to a safe ASCII key. Semantics follow Better BibTeX's key formatter.

Title words: `"` dropped, `/` and `:` split words, punctuation around and inside a word removed,
dashes inside a word joined, single letters dropped, and BBT's default skip words left out.
Folding uses anyascii (a maintained transliteration table covering every script) rather than
Unicode decomposition, which drops letters like ø, ł, ß; so ü → u, as BBT folds by default
(BBT writes ue only for items tagged German, which citekit's sources never are).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from itertools import islice
from typing import Callable

from anyascii import anyascii

from citekit.model import Person, Work

# Better BibTeX's default `skipWords` preference: English and other European function words.
SKIP_WORDS = frozenset("""
a ab aboard about above across after against al along amid among an and anti around as at before
behind below beneath beside besides between beyond but by d da das de del dell dello dei degli della
delle dem den der des despite die do down du during ein eine einem einen einer eines el en et except
for from gli i il in inside into is l la las le les like lo los near nor of off on onto or over past
per plus round save since so some sur than the through to toward towards un una unas under
underneath une unlike uno unos until up upon versus via von while with within without yet zu zum
""".split())

MONTHS = ("", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Characters BibTeX, biber and pandoc all accept in a key besides letters and digits.
UNSAFE = re.compile(r"[^A-Za-z0-9_\-:.+]")


def is_punctuation(char: str) -> bool:
    return unicodedata.category(char) in ("Pe", "Pf", "Pi", "Po", "Ps")


def is_dash(char: str) -> bool:
    return unicodedata.category(char) == "Pd" or char in "\u2500\uff0d\u2015"


@functools.lru_cache(maxsize=1 << 16)  # title words recur across a bibliography
def nopunct(text: str, dash: str = "-") -> str:
    """Text without punctuation; dashes become `dash`."""
    return "".join(dash if is_dash(c) else "" if is_punctuation(c) else c for c in text)


MARKUP = re.compile(r"</?(?:i|b|sc|nc|code|span[^>]*)>", flags=re.IGNORECASE)
WORD_BREAK = re.compile(r"[/:]")


def title_words(title: str, *, skip_words: bool = True, transliterate: bool = False, limit: int | None = None) -> list[str]:
    """The significant words of a title, as BBT's shorttitle and title see them; only the first
    `limit` when it is given (a positive number): the rest of the title is not looked at."""
    text = title or ""
    if "<" in text:
        text = MARKUP.sub("", text)
    text = text.replace('"', "")
    if "/" in text or ":" in text:
        text = WORD_BREAK.sub(" ", text)
    words: list[str] = []
    for token in text.split():
        if len(words) == limit:
            break
        if skip_words and strip_edges(token).lower() in SKIP_WORDS:
            continue
        word = nopunct(token, "")
        if not word or (skip_words and len(word) == 1 and not word.isdigit()):
            continue
        if transliterate:
            word = anyascii(word)
        if skip_words and word.lower() in SKIP_WORDS:
            continue
        words.append(word)
    return words


@functools.lru_cache(maxsize=1 << 16)
def strip_edges(token: str) -> str:
    """The token without the punctuation around it: `(Mostly)` → `Mostly`."""
    start, end = 0, len(token)
    while start < end and (is_punctuation(token[start]) or is_dash(token[start])):
        start += 1
    while end > start and (is_punctuation(token[end - 1]) or is_dash(token[end - 1])):
        end -= 1
    return token[start:end]


def family(person: Person) -> str:
    """The name a key uses: the family name without particles, or an organisation's literal."""
    if person.literal is not None:
        return person.literal
    return person.family or person.given or ""


def families(work: Work) -> list[str]:
    return [name for name in (family(p) for p in work.authors) if name]


def initials(person: Person) -> str:
    return "".join(c for c in anyascii(person.given or "") if c.isupper())


def auth(work: Work, n: int = 0, m: int = 1) -> str:
    # The m-th family of families(work), found without naming the authors after it.
    name = next(islice(filter(None, map(family, work.authors)), m - 1, None), "") if m > 0 else ""
    return name[:n] if n else name


def authors_n(work: Work, n: int = 0) -> str:
    names = families(work)
    if n and n < len(names):
        return " ".join(names[:n] + ["EtAl"])
    return " ".join(names)


def auth_et_al(work: Work, separator: str = " ", etal: str = "EtAl") -> str:
    names = families(work)
    if len(names) == 2:
        return separator.join(names)
    return separator.join(names[:1] + ([etal] if len(names) > 2 else []))


def auth_auth_ea(work: Work) -> str:
    names = families(work)
    return ".".join(names[:2] + (["ea"] if len(names) > 2 else []))


def authshort(work: Work) -> str:
    names = families(work)
    if len(names) <= 1:
        return names[0] if names else ""
    return ".".join(n[:1] for n in names[:3]) + ("+" if len(names) > 3 else "")


def authors_alpha(work: Work) -> str:
    names = families(work)
    if len(names) <= 1:
        return names[0][:3] if names else ""
    if len(names) <= 4:
        return " ".join(n[:1] for n in names)
    return " ".join(n[:1] for n in names[:3]) + "+"


def auth_ini(work: Work, n: int = 0) -> str:
    return ".".join(name[:n] if n else name for name in families(work))


def author_last(work: Work) -> str:
    names = families(work)
    return names[-1] if names else ""


def shorttitle(work: Work, n: int = 3, m: int = 0) -> str:
    words = title_words(work.title, transliterate=m > 0, limit=n) if n > 0 else title_words(work.title, transliterate=m > 0)[:n]
    return " ".join(w[:1].upper() + w[1:] if i < m else w for i, w in enumerate(words))


def year(work: Work) -> str:
    return f"{work.issued.year:02d}" if work.issued and work.issued.year is not None else ""


FUNCTIONS: dict[str, Callable[..., str]] = {
    "auth": auth,
    "authorsn": authors_n,
    "authors": authors_n,
    "authEtAl": auth_et_al,
    "authEtal2": lambda work: auth_et_al(work, ".", "etal"),
    "authAuthEa": auth_auth_ea,
    "authshort": authshort,
    "authorsAlpha": authors_alpha,
    "authIni": auth_ini,
    "authorLast": author_last,
    "authForeIni": lambda work: initials(work.authors[0]) if work.authors else "",
    "title": lambda work: " ".join(title_words(work.title)),
    "shorttitle": shorttitle,
    "veryshorttitle": lambda work, n=1, m=0: shorttitle(work, n, m),
    "year": year,
    "shortyear": lambda work: year(work)[-2:],
    "month": lambda work: MONTHS[work.issued.month] if work.issued and work.issued.month else "",
    "journal": lambda work: work.container_title or "",
}


def select(text: str, start: int = 1, n: int | None = None) -> str:
    words = text.split()
    first = len(words) + start if start < 0 else max(start, 1) - 1
    return " ".join(words[first:] if n is None else words[first:first + max(n, 1)])


def substring(text: str, start: int = 1, n: int | None = None) -> str:
    return text[start - 1:] if n is None else text[start - 1:start - 1 + n]


FILTERS: dict[str, Callable[..., str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda text: re.sub(r"(^|\s)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text),
    "abbr": lambda text, chars=1: "".join(word[:chars] for word in text.split()),
    "nopunct": nopunct,
    "nopunctordash": lambda text: nopunct(text, ""),
    "skipwords": lambda text: " ".join(title_words(text)),
    "select": select,
    "substring": substring,
    "condense": lambda text, sep="": re.sub(r"\s+", sep, text),
    "prefix": lambda text, prefix: prefix + text if text else text,
    "postfix": lambda text, postfix: text + postfix if text else text,
    "default": lambda text, fallback: text or fallback,
    "fold": lambda text: anyascii(text),
    "transliterate": lambda text: anyascii(text),
    "ascii": lambda text: " ".join(re.sub(r"[^ -~]", "", text).split()),
    "alphanum": lambda text: " ".join(re.sub(r"[^\w\s]|_", "", text).split()),
    "replace": lambda text, find, replacement: re.sub(re.escape(find), replacement, text, flags=re.IGNORECASE),
}


def fold_key(text: str) -> str:
    """ASCII-fold a formula's text and drop whitespace and characters unsafe in a key."""
    return UNSAFE.sub("", anyascii(unicodedata.normalize("NFC", text)))
