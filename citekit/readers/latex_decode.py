"""LaTeX text -> plain Unicode, as pylatexenc reads it, without walking every value through it.

pylatexenc (the decoder bibtexparser's own middleware wraps) is the reference, but it costs
about a millisecond a value. A value is mostly plain text with a few top-level `{...}` groups
(`L{\\'e}a`, `{LLMs}`): a group's text does not depend on what surrounds it, so each distinct
group goes through pylatexenc once and the plain runs between them only need its specials
(`--`, `~`, quotes). Anything else at top level (a command, `$`, `%`) takes the whole value
through pylatexenc. tests/test_latex_decode.py checks both ways agree on generated values.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Generator

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from citekit.printable import is_printable

# BibTeX passes `%` and `&` through as text; to LaTeX they start a comment or a table column.
UNESCAPED_TEXT_CHARACTER = re.compile(r"(?<!\\)([%&])")
# Braces (skipping escaped characters) are all the group splitter needs to look at.
BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.DOTALL)
# Outside groups: what makes a run need the whole decoder.
NEEDS_WHOLE_DECODER = re.compile(r"[\\$%{}]")
# pylatexenc's specials, longest first so `---` is one em dash and `''` one closing quote.
SPECIALS = re.compile(r"---|--|``|''|!`|\?`|~")
# Flat `{...}` groups in text with no other mark pylatexenc reads (no specials once the braces are gone,
# checked apart): pylatexenc only drops the braces, as in `Beyond {LLMs} Language`.
PLAIN_GROUPS = re.compile(r"[^{}\\$%&~]*+(?:\{[^{}\\$%&~]*+\}[^{}\\$%&~]*+)*+")


def make_decoder() -> LatexNodes2Text:
    # Configured as bibtexparser's LatexDecodingMiddleware, but math becomes text ("$\alpha$" -> "α"):
    # the values end in plain-text CSL fields.
    context = get_default_latex_context_db()
    macros = [MacroTextSpec("url", simplify_repl="%s"),
              # pylatexenc gives the modifier letters ˆ and ˜; BibTeX users mean the ASCII characters
              MacroTextSpec("textasciicircum", simplify_repl="^"), MacroTextSpec("textasciitilde", simplify_repl="~")]
    context.add_context_category("citekit", prepend=True, macros=macros)
    return LatexNodes2Text(latex_context=context, math_mode="text", keep_braced_groups=False)


def decoding_worker() -> Generator[tuple[str | None, Exception | None], str, None]:
    """pylatexenc's latex_to_text, run inside this generator: send a text, get (text, None) or (None, error).

    pylatexenc keeps an end-of-stream exception in a cycle with its own frames, and a finished
    frame keeps its callers' frames, with all their locals, alive until the collector runs: the
    reader's whole file and every parsed entry. A suspended generator's frame has no caller, so
    the cycle stops here and what the reader built is freed as soon as it is done with.
    """
    decoder = make_decoder()
    outcome: tuple[str | None, Exception | None] = (None, None)
    while True:
        text = yield outcome
        try:
            outcome = (decoder.latex_to_text(text), None)
        except Exception as error:  # handed to the caller, which decides what a failure means
            outcome = (None, error)


DECODING = decoding_worker()
next(DECODING)


def pylatexenc_text(text: str) -> str:
    """pylatexenc's plain text for `text`; raises what pylatexenc raises."""
    plain, error = DECODING.send(text)
    if error is not None:
        raise error
    return plain


@functools.lru_cache(maxsize=65536)
def decode_latex(text: str) -> str:
    """LaTeX text -> plain Unicode: accents, `\\&`, `--`, braces gone, whitespace collapsed."""
    if not has_latex_marks(text):
        return collapse_space(text)
    if PLAIN_GROUPS.fullmatch(text):
        plain = text.replace("{", "").replace("}", "")
        if not SPECIALS.search(plain):
            return collapse_space(plain)
    plain = decode_by_groups(text)
    if plain is None:
        plain = decode_whole(text)
    return " ".join(plain.replace("\u00a0", " ").split())


def has_latex_marks(text: str) -> bool:
    """True when `text` holds something LaTeX reads as more than its characters; most values do not.

    A one-character `in` is a memchr; a two-character one (`--`) is searched only where its first character occurs."""
    return ("\\" in text or "{" in text or "}" in text or "~" in text or "$" in text or "%" in text
            or "-" in text and "--" in text or "'" in text and "''" in text
            or "`" in text and ("``" in text or "!`" in text or "?`" in text))


def collapse_space(text: str) -> str:
    """`text` with each run of whitespace one space and none at either end (as str.split sees whitespace)."""
    # Printable text holds no whitespace but " ": C-level checks spare a split and join of every word.
    if "  " not in text and text[:1] != " " and text[-1:] != " " and is_printable(text):
        return text
    return " ".join(text.split())


def decode_whole(text: str) -> str:
    """pylatexenc's text for the whole value (braces removed when it cannot read it)."""
    text = UNESCAPED_TEXT_CHARACTER.sub(r"\\\1", text)
    try:
        return pylatexenc_text(text)
    except Exception:  # pylatexenc raises on some malformed input; braces removed is the best left
        return text.replace("{", "").replace("}", "")


def decode_by_groups(text: str) -> str | None:
    """The same text as `decode_whole`, group by group; None when the value needs the whole decoder."""
    pieces: list[str] = []
    depth = 0
    start = 0
    for mark in BRACE_OR_ESCAPE.finditer(text):
        brace = mark.group()
        if brace == "{":
            if depth == 0:
                pieces.append(decode_run(text[start:mark.start()]))
                start = mark.start()
            depth += 1
        elif brace == "}":
            if depth == 0:
                return None
            depth -= 1
            if depth == 0:
                pieces.append(decode_group(text[start:mark.end()]))
                start = mark.end()
        elif depth == 0:
            return None  # a command outside any group may take the next group as its argument
    if depth != 0:
        return None
    pieces.append(decode_run(text[start:]))
    return None if None in pieces else "".join(pieces)  # type: ignore[arg-type]


def decode_run(run: str) -> str | None:
    """Text between groups with its specials replaced; None when it holds more than specials."""
    if NEEDS_WHOLE_DECODER.search(run):
        return None
    return SPECIALS.sub(lambda special: special_text(special.group()), run)


@functools.lru_cache(maxsize=16)
def special_text(special: str) -> str:
    return pylatexenc_text(special)


@functools.lru_cache(maxsize=8192)
def decode_group(group: str) -> str | None:
    """pylatexenc's text for one balanced `{...}` group; None when it cannot read it alone."""
    if "$" in group:  # math may run past the group's end
        return None
    try:
        return pylatexenc_text(UNESCAPED_TEXT_CHARACTER.sub(r"\\\1", group))
    except Exception:
        return None
