"""BibTeX field values -> text: @string macros, `#` concatenation, LaTeX, brace protection.

bibtexparser splits the file; the values are resolved here because its string middleware
only replaces whole values (not `acl # " 2020"`) and says nothing about undefined macros.
LaTeX is decoded (latex_decode) per value and per name part: names must be split and `{Braced}` words found on the LaTeX
text first, since decoding removes the braces that carry both meanings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from citekit.readers.latex_decode import BRACE_OR_ESCAPE, decode_latex

MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}
# Fields BibTeX tools treat as verbatim: never LaTeX-decoded, only unescaped.
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "pdf", "urlraw", "biburl", "isbn", "issn", "crossref"})
# A group right after a command is its argument (`\emph{X}`, `\"{o}`); `\&` and `\%` take none.
MACRO_ARGUMENT = re.compile(r"\\(?:[A-Za-z]+|[\"'`^~=.])\s*$")
VERBATIM_ESCAPE = re.compile(r"\\([_%&#$~])")
# A title whose braces are all flat, balanced groups, with no backslash anywhere (`Beyond {LLMs} Language`).
FLAT_PLAIN_GROUPS = re.compile(r"[^{}\\]*+(?:\{[^{}\\]*+\}[^{}\\]*+)*+")
GROUP_TEXT = re.compile(r"\{([^{}]*)\}")
KNOWN_VALUES_SIZE = 1 << 12


@dataclass
class Macros:
    """The @string macros defined so far (case-insensitive, later definitions win)."""

    values: dict[str, str] = field(default_factory=dict)
    # Raw values expanded since the last definition with no macro undefined -> their text: a file
    # repeats a few (`month = sep`, `year = 2020`), each otherwise split and looked up again.
    known: dict[str, str] = field(default_factory=dict)

    def define(self, name: str, raw_value: str) -> list[str]:
        """Define `name` from its raw value; return the undefined macros that value used."""
        text, undefined = self.expand(raw_value)
        self.values[name.strip().lower()] = text
        self.known.clear()
        return undefined

    def expand(self, raw_value: str) -> tuple[str, list[str]]:
        """A raw value (`{...}`, `"..."`, number, macro, joined by `#`) -> (LaTeX text, undefined macros)."""
        text = self.known.get(raw_value)
        if text is not None:
            return text, []
        if raw_value[:1] == "{" and raw_value[-1:] == "}" and "#" not in raw_value:
            return raw_value[1:-1], []  # most values: one braced group, nothing to look up
        text, undefined = self.expand_pieces(raw_value)
        if not undefined:
            if len(self.known) >= KNOWN_VALUES_SIZE:
                self.known.clear()
            self.known[raw_value] = text
        return text, undefined

    def expand_pieces(self, raw_value: str) -> tuple[str, list[str]]:
        """expand's general path: each piece joined by `#` read in turn (no cache)."""
        parts: list[str] = []
        undefined: list[str] = []
        for piece in split_concatenation(raw_value):
            if piece[:1] in "{\"" and len(piece) >= 2:
                parts.append(piece[1:-1])
            elif piece.isdigit():
                parts.append(piece)
            elif piece.lower() in self.values:
                parts.append(self.values[piece.lower()])
            elif piece.lower() in MONTH_MACROS:
                parts.append(MONTH_MACROS[piece.lower()])
            else:
                undefined.append(piece)
                parts.append(piece)
        return "".join(parts), undefined


def split_concatenation(raw_value: str) -> list[str]:
    """The pieces of a raw value joined by `#` outside braces and quotes, each stripped."""
    if "#" not in raw_value:
        return [raw_value.strip()] if raw_value.strip() else []
    pieces: list[str] = []
    depth = 0
    in_quotes = False
    start = 0
    for index, char in enumerate(raw_value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == "#" and depth == 0 and not in_quotes:
            pieces.append(raw_value[start:index])
            start = index + 1
    pieces.append(raw_value[start:])
    return [p.strip() for p in pieces if p.strip()]


def decode_verbatim(text: str) -> str:
    """A verbatim field (URL, DOI): `\\url{}` and outer braces removed, `\\_`-style escapes undone."""
    text = text.strip()
    if "\\" not in text and "{" not in text:  # the usual bare URL or DOI: nothing to undo
        return text
    if text.startswith("\\url{") and text.endswith("}"):
        text = text[5:-1]
    while text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    return VERBATIM_ESCAPE.sub(r"\1", text).strip()


def protected_groups(latex: str) -> list[str]:
    """The decoded text of each top-level `{...}` group that protects case.

    `{\\"o}` (an accent) and `\\emph{X}` (a command argument) protect nothing; a group that
    spans the whole title says nothing about which words are names, so it is left out.
    """
    if "{" not in latex:
        return []
    if "\\" not in latex and FLAT_PLAIN_GROUPS.fullmatch(latex):
        # No backslash: no group is an accent or a command's argument, only a lone one can span the title.
        inners = GROUP_TEXT.findall(latex)
        if len(inners) > 1 or latex.strip() != "{" + inners[0] + "}":
            return [text for inner in inners if (text := decode_latex(inner))]
    return protected_groups_by_walk(latex)


def protected_groups_by_walk(latex: str) -> list[str]:
    """protected_groups' general path: every brace and escape looked at in turn."""
    groups: list[str] = []
    depth = 0
    start = 0
    for mark in BRACE_OR_ESCAPE.finditer(latex):  # an escaped brace (`\{`) is one mark, neither brace
        brace = mark.group()
        if brace == "{":
            if depth == 0:
                start = mark.start()
            depth += 1
        elif brace == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                text = protected_text(latex, start, mark.start())
                if text:
                    groups.append(text)
    return groups


def protected_text(latex: str, opening: int, closing: int) -> str | None:
    """The decoded text the top-level group between the braces at `opening` and `closing` protects;
    None for an accent or a command's argument, or a group spanning the whole value."""
    inner = latex[opening + 1:closing]
    if inner.startswith("\\") or MACRO_ARGUMENT.search(latex[:opening]):
        return None
    if latex[:opening].strip() == "" and latex[closing + 1:].strip() == "":
        return None
    return decode_latex(inner)
