"""Text for BibTeX and biblatex: escapes, kept math, and which words styles must not re-case.

Accented letters are decomposed and rebuilt one accent per level as braced special characters
bibtex sorts and purifies correctly (`{\\"o}`, `{\\~{\\^e}}`); the other non-ASCII characters
(ł, ø, ß, symbols) go through pylatexenc's table, the maintained one (bibtexparser's encoding
middleware wraps the same encoder). `$...$` that is really math (`$L_\\infty$`) stays math; a lone `$`
(`$35 million`) is escaped. A word is protected when it has a capital past its first letter
(LLMs, GPT, iPhone) or is a lower-case version (v2.1.0): only those are braced (`{GPT}-4`),
never the whole title; the same spans become `<span class="nocase">` in CSL-JSON.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from pylatexenc.latexencode import UnicodeToLatexEncoder

# Runs of letters and digits, dots inside kept: "GPT-4" is two tokens, "LLMs" and "v2.1.0" one.
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
# In ASCII text only a capital after a letter, digit or dot, or a digit, can make a token need
# protection: most titles have neither and are not split into tokens at all. The pattern starts at
# a capital or a digit (a title has few, and the regex engine skips to them in C); the look-behinds
# then drop a capital that opens the text or follows anything but a letter, digit or dot.
_MAY_NEED_PROTECTION = re.compile(r"[A-Z0-9](?<![^A-Za-z0-9.][A-Z])(?<!^[A-Z])")
# $...$ hugging its content, with a TeX marker inside or a lone symbol ($n$): math, kept as is.
_MATH = re.compile(r"\$(?=\S)([^$]{1,80}?)(?<=\S)\$")
_MATH_MARKER = re.compile(r"[\\_^{}]|^[A-Za-z]$")
ASCII_SPECIALS = {
    "&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$", "{": r"\{", "}": r"\}",
    "~": r"{\textasciitilde}", "^": r"{\textasciicircum}", "\\": r"{\textbackslash}",
}
# Typographic punctuation as BibTeX users write it, instead of pylatexenc's \text... macros.
PUNCTUATION = {"\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''"}
# Combining marks -> accent commands; letter commands always take a braced argument.
ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u", "\u0307": ".",
    "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0323": "d", "\u0327": "c", "\u0328": "k",
    "\u0331": "b", "\u0326": "textcommabelow",
}


def accented_letter(char: str) -> str | None:
    """An ASCII letter with accents, one command per level: {\\~{\\^e}}; None for anything else.

    Preferred to pylatexenc's table, which lacks stacked accents and maps some letters wrong
    (U+0170 as an acute instead of a double acute), and writes {\\'\\i} where pandoc reads a dotless i.
    """
    base, *marks = unicodedata.normalize("NFD", char)
    if not base.isascii() or not marks or any(m not in ACCENTS for m in marks):
        return None
    text = base
    for mark in marks:
        command = ACCENTS[mark]
        text = f"\\{command}{text}" if not command.isalpha() and len(text) == 1 else f"\\{command}{{{text}}}"
    return "{" + text + "}"


_ENCODER = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",
    unknown_char_policy=lambda char: char,
    unknown_char_warning=False,
)


@functools.lru_cache(maxsize=1 << 16)  # title words recur
def needs_protection(token: str) -> bool:
    """A capital past the first letter (LLMs, GPT, iPhone), or a lower-case version-like token (v2.1.0)."""
    return any(c.isupper() for c in token[1:]) or (token[0].islower() and any(c.isdigit() for c in token))


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token a re-casing style must leave alone, left to right."""
    if text.isascii() and _MAY_NEED_PROTECTION.search(text) is None:
        return []
    return [m.span() for m in _TOKEN.finditer(text) if needs_protection(m.group())]


def math_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every `$...$` that is really math, dollars included."""
    if "$" not in text:  # most text: a scan in C instead of the regex machinery
        return []
    return [m.span() for m in _MATH.finditer(text) if _MATH_MARKER.search(m.group(1))]


_SPECIAL = re.compile("[" + re.escape("".join(ASCII_SPECIALS)) + "]")
# TeX reads `--`, `---`, ``` `` ``` and `''` as one dash or quote, and `!`` and `?`` as ¡ and ¿, so a
# text's own pair is kept apart by an empty group (pandoc writes `-\/-` for the same reason): it reads
# back as the text. In the ASCII dialect typographic dashes and quotes become those same characters.
_LITERAL_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=[`!?])(?=`)|(?<=')(?=')")
_LIGATURE_KINDS = ("-\u2013\u2014", "`\u2018\u201c", "'\u2019\u201d")
_KIND_OF = {char: kind for kind in _LIGATURE_KINDS for char in kind}
# An opening quote also joins a `!` or `?` before it.
_JOINED_BEFORE = {char: _KIND_OF[char] + "!?" for char in _LIGATURE_KINDS[1]}
_LIGATURE_PUNCTUATION = frozenset(char for kind in _LIGATURE_KINDS for char in kind[1:])
_WRITTEN_LIGATURE = re.compile("|".join(f"(?<=[{kind}])(?=[{kind}])" for kind in _LIGATURE_KINDS)
                               + f"|(?<=[!?])(?=[{_LIGATURE_KINDS[1]}])")
_ASCII_BYTES = bytes(range(128))


def _special_match(match: re.Match) -> str:
    return ASCII_SPECIALS[match.group()]


def escape_plain(text: str, ascii_only: bool = True) -> str:
    """Text with no math: LaTeX specials escaped; non-ASCII as LaTeX when `ascii_only`."""
    found = None
    if not text.isascii():  # ASCII text is NFC already (the flag is known without a scan)
        if ascii_only:  # its distinct non-ASCII characters are needed below anyway
            found = non_ascii_chars(text)
        if found is None or not all(map(nfc_inert, found)):
            text = unicodedata.normalize("NFC", text)
            found = None
    # Ten scans in C (`in`, written out: a generator costs more than the scans) beat one pass of the
    # regex, and most text has no special.
    if ("\\" in text or "{" in text or "}" in text or "$" in text or "&" in text or "%" in text or "#" in text
            or "_" in text or "~" in text or "^" in text):
        text = _SPECIAL.sub(_special_match, text)
    # A one-character `in` is a memchr; the two-character search runs only where its character occurs.
    if ("-" in text and "--" in text or "'" in text and "''" in text
            or "`" in text and ("``" in text or "!`" in text or "?`" in text)):
        text = _LITERAL_LIGATURE.sub("{}", text)
    if not ascii_only or text.isascii():
        return text
    if found is None:
        found = non_ascii_chars(text)
    if not found.isdisjoint(_LIGATURE_PUNCTUATION) and touches_its_kind(text, found):
        text = _WRITTEN_LIGATURE.sub("{}", text)
    if any(unicodedata.combining(c) for c in found):
        return _ENCODER.unicode_to_latex("".join(PUNCTUATION.get(c) or accented_letter(c) or c for c in text))
    # pylatexenc walks every character in Python; a letter with no mark after it encodes the same
    # alone, so each distinct non-ASCII character goes through it once (7x faster on a 10k export).
    # Their LaTeX is ASCII, so replacing one never touches another.
    for char in found:
        text = text.replace(char, latex_char(char))
    return text


def non_ascii_chars(text: str) -> set[str]:
    """The distinct non-ASCII characters of `text`, all found in C: its UTF-8 bytes without the ASCII ones.
    (Escaping adds only ASCII, so the set found before escaping is the set after it.)"""
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


# Composition pairs whose second character is a starter (ccc 0) have it among marks (Mn, Mc) or
# letters of their own scripts (Lo: Hangul vowel and final jamo); see the test over every code point.
_MAY_COMPOSE_AFTER = frozenset({"Mn", "Mc", "Me", "Lo"})


@functools.lru_cache(maxsize=4096)
def nfc_inert(char: str) -> bool:
    """True when NFC leaves `char` as it is wherever it stands: it is its own NFC, never reordered
    (combining class 0) and never the second character of a composition. A text whose non-ASCII
    characters are all inert is NFC: the one scan of the text escape_plain needs anyway replaces NFC's."""
    return (unicodedata.combining(char) == 0 and unicodedata.category(char) not in _MAY_COMPOSE_AFTER
            and unicodedata.normalize("NFC", char) == char)


def touches_its_kind(text: str, found: set[str]) -> bool:
    """True when a typographic dash or quote of `text` (its non-ASCII characters are `found`) stands
    next to a character TeX would join it with once written in ASCII; each one is found in C (a regex
    over every position of a long abstract costs ten times more)."""
    for char in _LIGATURE_PUNCTUATION.intersection(found):
        kind = _KIND_OF[char]
        before = _JOINED_BEFORE.get(char, kind)
        at = text.find(char)
        while at != -1:
            if at and text[at - 1] in before or at + 1 < len(text) and text[at + 1] in kind:
                return True
            at = text.find(char, at + 1)
    return False


# For the pieces that recur (gaps between words, name parts, venues); a text met once (a title,
# an abstract) is escaped without a cache to look up and fill.
recurring_escape = functools.lru_cache(maxsize=1 << 16)(escape_plain)


@functools.lru_cache(maxsize=4096)
def latex_char(char: str) -> str:
    """One non-ASCII character as LaTeX: typographic punctuation, rebuilt accents, else pylatexenc."""
    if "\ufb00" <= char <= "\ufb06":  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ: TeX fonts ligate the plain letters themselves
        return unicodedata.normalize("NFKC", char)
    return _ENCODER.unicode_to_latex(PUNCTUATION.get(char) or accented_letter(char) or char)


def latex_text(text: str, ascii_only: bool = True, protect: bool = False) -> str:
    """Text as a BibTeX value body: math kept, the rest escaped, protected words braced if asked."""
    if "$" not in text:  # no math
        if not protect or (text.isascii() and _MAY_NEED_PROTECTION.search(text) is None):
            return escape_plain(text, ascii_only)
        if text.isascii():
            return protected_ascii_text(text)
    return latex_text_by_spans(text, ascii_only, protect)


# latex_text for values many entries share (venues, publishers, pages): remembered.
recurring_latex_text = functools.lru_cache(maxsize=1 << 16)(latex_text)


def protected_ascii_text(text: str) -> str:
    """latex_text(text, protect=True) for ASCII text without `$`, token by token in C.

    ASCII is escaped character by character, so the gaps between tokens can be escaped apart; a
    token (letters, digits, dots) has nothing to escape, only braces when it needs protection."""
    parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, ..., token, gap
    parts[1::2] = map(protected_token, parts[1::2])
    parts[::2] = map(recurring_escape, parts[::2])
    return "".join(parts)


@functools.lru_cache(maxsize=1 << 16)  # title words recur
def protected_token(token: str) -> str:
    """A token braced when a re-casing style must leave it alone."""
    return "{" + token + "}" if needs_protection(token) else token


def latex_text_by_spans(text: str, ascii_only: bool = True, protect: bool = False) -> str:
    """latex_text for any text: math and protected spans found, the text between them escaped."""
    spans = [(s, e, "math") for s, e in math_spans(text)]
    if protect:
        spans += [(s, e, "word") for s, e in protected_spans(text) if not any(a <= s < b for a, b, _ in spans)]
    if not spans:
        return escape_plain(text, ascii_only)
    out, last = [], 0
    for start, end, kind in sorted(spans):
        out.append(recurring_escape(text[last:start], ascii_only))
        piece = text[start:end]
        out.append(piece if kind == "math" else "{" + recurring_escape(piece, ascii_only) + "}")
        last = end
    out.append(recurring_escape(text[last:], ascii_only))
    return "".join(out)
