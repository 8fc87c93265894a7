"""A BibTeX name's parts with each special character's case read as BibTeX itself reads it.

BibTeX tells a `von` word from a Last or First word by the case of its first letter, and a special
character (a brace group at brace level 0 that opens with a backslash: `{\\"O}`, `{\\v{S}}`, `{\\AE}`)
counts as the case of the first ASCII letter after its command (`\\AE`, `\\OE`, `\\AA`, `\\O`, `\\L`
are upper case, `\\ae`, `\\oe`, `\\aa`, `\\o`, `\\l`, `\\ss`, `\\i`, `\\j` lower), a group with no letter
as not lower. bibtexparser's walk misses three of these: it takes the `~` of `{\\~N}` for a tie,
finds no letter in `{\\AE}` or `{\\v{S}}`, and then reads the next letter outside the group, so
`{\\~N}u{\\~n}ez Garc{\\'\\i}a, Ana` came out with the particle `Ñuñez`. Each special character is
handed to bibtexparser as a stand-in of the same case (`{\\<private-use>A}`), then put back.
"""
from __future__ import annotations

import re

from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts

UPPER_FOREIGN = frozenset({"AE", "OE", "AA", "O", "L"})
LOWER_FOREIGN = frozenset({"ae", "oe", "aa", "o", "l", "ss", "i", "j"})
# A brace group nested up to three deep, or a run without braces, or a stray brace.
LEVEL_ZERO_PIECE = re.compile(r"\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|[^{}]+|[{}]")
COMMAND = re.compile(r"\\([A-Za-z]*)")
ASCII_LETTER = re.compile(r"[A-Za-z]")
# Stand-ins are numbered by private-use characters, which a name never holds (checked); an escaped
# brace (`\\{`) is a brace to the piece regex, not to bibtexparser: such a name keeps bibtexparser's reading.
FIRST_STAND_IN = 0xE000
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
STAND_IN = re.compile(r"\{\\([\ue000-\uf8ff])[Aa]\}")


def name_parts(name: str) -> NameParts:
    """bibtexparser's (first, von, last, jr) words of one name, its special characters' case as BibTeX's."""
    if "{\\" not in name or "\\{" in name or "\\}" in name or PRIVATE_USE.search(name):
        return parse_single_name_into_parts(name, strict=False)
    pieces = LEVEL_ZERO_PIECE.findall(name)
    # A stray or too deeply nested brace (levels not sure), or more stand-ins than private-use characters.
    if "{" in pieces or "}" in pieces or len(pieces) > 0x1900:
        return parse_single_name_into_parts(name, strict=False)
    specials: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.startswith("{\\"):
            pieces[index] = "{\\" + chr(FIRST_STAND_IN + len(specials)) + ("a" if is_lower(piece) else "A") + "}"
            specials.append(piece)
    parts = parse_single_name_into_parts("".join(pieces), strict=False)

    def restore(words: list[str]) -> list[str]:
        return [STAND_IN.sub(lambda m: specials[ord(m.group(1)) - FIRST_STAND_IN], word) for word in words]

    return NameParts(first=restore(parts.first), von=restore(parts.von), last=restore(parts.last), jr=restore(parts.jr))


def is_lower(special: str) -> bool:
    """BibTeX's case of a special character `{\\...}`: its command's if a foreign letter, else its first ASCII letter's."""
    command = COMMAND.match(special, 1)
    name = command.group(1) if command else ""
    if name in UPPER_FOREIGN or name in LOWER_FOREIGN:
        return name in LOWER_FOREIGN
    letter = ASCII_LETTER.search(special, command.end() if command else 1)
    return letter is not None and letter.group().islower()
