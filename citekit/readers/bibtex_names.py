"""BibTeX / biblatex name lists -> Person tuples, split on the LaTeX text before decoding.

The three BibTeX forms (`First von Last`, `von Last, First`, `von Last, Jr, First`) go
through bibtexparser's splitter, with special characters' case read as BibTeX reads it
(bibtex_name_case); a name wholly in braces (`{OpenAI}`) is an organisation; `and others`
marks a truncated list. biblatex's extended form (`family=..., given=...,
prefix=..., useprefix=true`) is read key by key: with useprefix=true the prefix is printed
before the family name (a non-dropping particle), otherwise it drops (biblatex's default).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bibtexparser.middlewares.names import split_multiple_persons_names

from citekit.model import Person
from citekit.readers.bibtex_name_case import name_parts
from citekit.readers.latex_decode import decode_latex

# ` and ` between names, as bibtexparser's splitter finds it outside braces.
AND = re.compile(r"[ \r\n\t]+[aA][nN][dD][ \r\n\t]++(?!})")  # a `}` next ends nothing
AND_KEPT = re.compile(f"({AND.pattern})")  # splits into name, separator, name, ...
# Where bibtexparser's character walk treats a backslash in ways a regex split cannot follow: a
# backslash after a space or a letter of "and", or before one of those or a brace (found from the backslash).
UNUSUAL_ESCAPE = re.compile(r"\\(?:(?<=[\saAnNdD]\\)|[\s{}aAnNdD])")
# Where, in text with no tab or line break, AND.split and str.split(" and ") differ: a double space,
# or an ` and ` in another case or before a `}`.
ODD_AND = re.compile(r" (?: |(?!and [^}])[aA][nN][dD] )")
BRACE = re.compile(r"[{}]")
# A `{` followed, before any other brace, by a space or by another `{`: only then can a space, and
# so an ` and `, stand inside braces (groups such as `L{\'e}a` hold none).
SPACE_OR_NESTING_IN_GROUP = re.compile(r"\{[^{}\s]*+[{\s]")
# `Family, Given Names` with one family word and nothing bibtexparser's walk treats specially
# (escapes outside braces, `~` in the family, another comma): the most common form, read without the
# walk. Flat groups such as `L{\'e}a` may appear: with no space, `~`, comma or escaped brace inside, a
# group splits no word, and a special character's case decides nothing in a one-word family.
FLAT_GROUP = r"\{(?:[^{}\s~,\\]++|\\[^{}\s~,\\])*+\}"
# Runs of plain characters are taken whole (`++` inside): one character per alternation costs 2x.
SIMPLE_NAME = re.compile(rf"((?:[^ ~\r\n\t,{{}}\\]++|{FLAT_GROUP})++)[ ~\r\n\t]*,((?:[^,{{}}\\]++|{FLAT_GROUP})*+)")
NAME_SPACE = re.compile(r"[ ~\r\n\t]+")
EXTENDED_NAME = re.compile(r"^\s*(?:family|given|prefix|suffix|useprefix|giveni|familyi)\s*=", re.IGNORECASE)


@dataclass
class NameListResult:
    """The people of one name field, whether it ended in `and others`, and names that made no person."""

    people: tuple[Person, ...] = ()
    truncated: bool = False
    problems: list[str] = field(default_factory=list)


class PeopleOfNames(dict[str, Person | None]):
    """read_name's answer for each name text, cached, but None for `others` (which is no person).

    The same people recur on every paper they wrote: a dict's own `__getitem__` answers a name
    seen before from C, with no Python call (an lru_cache keeps its use order on every hit);
    it is emptied when full instead.
    """

    def __missing__(self, name: str) -> Person | None:
        if len(self) >= PEOPLE_CACHE_SIZE:
            self.clear()
        person = self[name] = None if name.strip().lower() == "others" else read_name(name)
        return person


PEOPLE_CACHE_SIZE = 1 << 16
PEOPLE_OF_NAMES = PeopleOfNames()


def read_names(latex: str) -> NameListResult:
    """Split a name field's LaTeX text on ` and ` and read each name; never drops one silently."""
    names = split_names(latex)
    # The usual list, every name a person: any `others` or unreadable name is None here and takes
    # the list to the general path, which reports it.
    found = tuple(filter(None, map(PEOPLE_OF_NAMES.__getitem__, names)))
    if len(found) == len(names):
        return NameListResult(found)
    return read_names_one_by_one(names)


def read_names_one_by_one(names: list[str]) -> NameListResult:
    """The general path of read_names: each split name read in turn, `others` and unreadable names reported."""
    people: list[Person] = []
    problems: list[str] = []
    truncated = False
    for index, name in enumerate(names):
        if name.strip().lower() == "others":
            truncated = True
            if index != len(names) - 1:
                problems.append("'others' before the end of the name list")
            continue
        person = PEOPLE_OF_NAMES[name]  # read_name's answer: `others` is handled above
        if person is None:
            problems.append(f"name {name!r} has no family name; left out")
        else:
            people.append(person)
    return NameListResult(tuple(people), truncated, problems)


def split_names(latex: str) -> list[str]:
    """The names of a name field, exactly as bibtexparser's `split_multiple_persons_names` gives them.

    Its walk visits every character in Python; a regex finds the same ` and `s, skipping those
    inside braces, for all but unusual escapes (tests/test_reader_bibtex.py compares the two). Braces
    matter only when a group holds a space or another group.
    """
    stripped = latex.strip(" \r\n\t")
    if UNUSUAL_ESCAPE.search(stripped):
        return split_multiple_persons_names(latex)
    if not stripped:
        return []
    if "{" not in stripped or not SPACE_OR_NESTING_IN_GROUP.search(stripped):
        return split_on_and(stripped)
    pieces = AND_KEPT.split(stripped)
    names: list[str] = []
    name = pieces[0]
    for index in range(1, len(pieces), 2):
        if "{" in name and brace_depth(name) > 0:  # the ` and ` is inside braces: part of this name
            name += pieces[index] + pieces[index + 1]
        else:
            names.append(name)
            name = pieces[index + 1]
    names.append(name)
    return names


def split_on_and(text: str) -> list[str]:
    """`AND.split(text)`; by str.split when every separator is a plain ` and ` (3x faster)."""
    if "\t" in text or "\n" in text or "\r" in text or ODD_AND.search(text):
        return AND.split(text)
    return text.split(" and ")


def brace_depth(text: str) -> int:
    """How many braces are open at the end of `text` (a stray `}` closes nothing)."""
    depth = 0
    for brace in BRACE.findall(text):
        depth = depth + 1 if brace == "{" else max(0, depth - 1)
    return depth


def read_name(name: str) -> Person | None:
    """One BibTeX or biblatex name -> Person; None when nothing of a name is left (not cached: see PEOPLE_OF_NAMES)."""
    stripped = name.strip()
    # `=` and a leading `{` are looked for first: most names have neither, and `in` costs less than a match.
    if "=" in stripped and EXTENDED_NAME.match(stripped):
        return read_extended_name(stripped)
    if stripped[:1] == "{" and is_single_group(stripped):
        literal = decode_latex(stripped[1:-1])
        return Person(literal=literal) if literal else None
    simple = SIMPLE_NAME.fullmatch(stripped)
    if simple:
        family = decode_latex(simple.group(1))
        given_words = NAME_SPACE.split(simple.group(2).strip(" ~\r\n\t"))
        return Person(family=family, given=decode_part(given_words)) if family else None
    parts = name_parts(stripped)
    family = decode_part(parts.last)
    if not family:
        return None
    return Person(
        family=family,
        given=decode_part(parts.first),
        non_dropping_particle=decode_part(parts.von),
        suffix=decode_part(parts.jr),
    )


def read_extended_name(name: str) -> Person | None:
    """biblatex `family=Maaten, given=Laurens, prefix=van der, useprefix=true` -> Person."""
    values: dict[str, str] = {}
    for item in split_top_level(name, ","):
        key, _, value = item.partition("=")
        value = value.strip()
        if value.startswith("{") and value.endswith("}"):
            value = value[1:-1]
        values[key.strip().lower()] = value
    family = decode_latex(values.get("family", ""))
    if not family:
        return None
    prefix = decode_latex(values.get("prefix", "")) or None
    printed_prefix = values.get("useprefix", "false").strip().lower() == "true"
    return Person(
        family=family,
        given=decode_latex(values.get("given", "")) or None,
        non_dropping_particle=prefix if printed_prefix else None,
        dropping_particle=None if printed_prefix else prefix,
        suffix=decode_latex(values.get("suffix", "")) or None,
    )


def decode_part(words: list[str]) -> str | None:
    text = decode_latex(" ".join(words))
    return text or None


def is_single_group(text: str) -> bool:
    """True when `text` is one `{...}` group (an organisation), not `{\\"O}zt{\\"u}rk`."""
    if not (text.startswith("{") and text.endswith("}")) or text.startswith("{\\"):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(text) - 1:
            return False
    return True


def split_top_level(text: str, separator: str) -> list[str]:
    """`text` split on `separator` outside braces."""
    pieces: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == separator and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p for p in pieces if p.strip()]
