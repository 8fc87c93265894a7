"""Split a feed line whose title is glued to its first author: "…They KnowSaurav Kadavath, …".

Titles hold commas, colons, digits, acronyms and CamelCase, so neither "first lower→Upper" nor
"split on commas" works. Instead: the byline's comma segments are read from the right while
they are plainly names; the first segment that is not holds the glue, and a split point there
is a capital after a non-space whose remainder reads as "Given Family". A name seen elsewhere in
the inputs (NameEvidence) settles ties; when no single split point remains, the answer is None.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from citekit.model import Person
from citekit.repair.names import CAPITALISED_PARTICLES, PARTICLES, SUFFIXES, split_byline_tail
from citekit.repair.organisations import looks_like_organisation

# "J.", "J.R.", "J.-P." or up to three bare capitals ("JR"); not "AIJ.", the end of an acronym.
INITIALS = re.compile(r"^(?:(?:[A-Z]\.-?)+|[A-Z]{1,3})$")
DOTLESS_INITIALS = re.compile(r"^[A-Z]+$")


def name_key(text: str) -> str:
    """How names are compared: NFC, case-folded, without periods, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).casefold().replace(".", " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class NameEvidence:
    """Names seen anywhere in the inputs, as "given family" keys (literals as printed)."""

    keys: frozenset[str] = frozenset()

    @classmethod
    def from_people(cls, people: Iterable[Person], printed: Iterable[str] = ()) -> NameEvidence:
        """Evidence from parsed people and from names printed in "Given Family" order."""
        keys = {name_key(p.literal) if p.literal else name_key(f"{p.given or ''} {p.full_family()}") for p in people}
        keys.update(name_key(text) for text in printed)
        return cls(frozenset(k for k in keys if k))

    def knows(self, text: str) -> bool:
        return name_key(text) in self.keys


@dataclass(frozen=True)
class GluedSplit:
    """A glued line split into its title and its byline (names, `et al.`, ` · affiliations`)."""

    title: str
    byline: str
    rule: str  # why this split point: "only split point" or "name seen elsewhere"


def split_glued(line: str, known_names: NameEvidence = NameEvidence()) -> GluedSplit | None:
    """Split a title glued to its author list. Return None when no split point is certain.

    A split inside a segment that could itself be a whole name with an inner capital
    ("DeAndre Jordan", "WorldJohn Smith") is weak: a later author may look like that. It is
    taken only if it is the one split found in the line.
    """
    line = line.strip()
    core_length = len(split_byline_tail(line)[0])
    weak: list[tuple[int, tuple[int, str]]] = []
    for start, segment in reversed(comma_segments(line[:core_length])):
        if known_names.knows(segment):
            continue
        # "Some TitleOpenAI" reads as a plain name (a CamelCase family), so evidence goes first.
        cut = known_split(segment, split_points(segment), known_names)
        if cut is None and is_plain_name(segment):
            continue
        if cut is None:
            cut = choose_split(segment, known_names)
            if cut is not None and is_plain_name(segment, inner_capitals=True):
                weak.append((start, cut))
                continue
        if cut is not None:
            # With a weak split to the right, either could be the glue.
            return None if weak else make_split(line, start, cut)
        # A segment that splits more than one way is the glue, not an organisation author.
        if any(is_plain_name(segment[i:]) for i in split_points(segment)):
            break
        if not (is_organisation_author(segment) or is_mononym(segment)):
            break
    return make_split(line, *weak[0]) if len(weak) == 1 else None


def make_split(line: str, start: int, cut: tuple[int, str]) -> GluedSplit | None:
    point, rule = cut
    title = line[: start + point].rstrip()
    return GluedSplit(title, line[start + point:].strip(), rule) if title else None


def trailing_names(line: str) -> list[str]:
    """The segments at the end of a glued line that are plainly names (certain authors)."""
    core = split_byline_tail(line)[0]
    names = []
    for _, segment in reversed(comma_segments(core)):
        if not is_plain_name(segment):
            break
        names.append(segment)
    return names[::-1]


def comma_segments(text: str) -> list[tuple[int, str]]:
    """(offset, stripped segment) for each comma-separated piece of `text`."""
    out, offset = [], 0
    for piece in text.split(","):
        lead = len(piece) - len(piece.lstrip())
        out.append((offset + lead, piece.strip()))
        offset += len(piece) + 1
    return out


def split_points(segment: str) -> list[int]:
    """Offsets in `segment` where a capital follows a non-space character (where glue can be).

    Not after a hyphen or apostrophe: "Jean-Baptiste", "O'Hara" are one name, and titles do
    not end in either.
    """
    return [i for i in range(1, len(segment)) if segment[i].isupper() and not segment[i - 1].isspace()
            and segment[i - 1] not in "-'’"]


def choose_split(segment: str, known: NameEvidence) -> tuple[int, str] | None:
    """The one split point of a glued segment, preferring a name seen elsewhere; None if unsure."""
    glued = split_points(segment)
    spaced = [i for i in range(1, len(segment)) if segment[i - 1].isspace() and segment[i].isupper()]
    seen = [i for i in glued + spaced if known.knows(segment[i:])]
    if seen:
        return known_split(segment, seen, known)
    # A remainder opening with dotless initials is more often the tail of an acronym ("A|I Methods",
    # "Q&|A Methods") than a byline, which prints initials with dots.
    shaped = [i for i in glued if is_plain_name(segment[i:]) and not DOTLESS_INITIALS.match(segment[i:].split()[0])]
    # Organisations are often CamelCase ("BigScience Workshop"), so any glue point may start
    # one: only a single organisation-shaped remainder in the whole segment is trusted.
    # A point inside an acronym ("A|I Research") starts no organisation.
    organisations = [i for i in glued if not segment[i - 1].isupper() and is_organisation_author(segment[i:])]
    if len(shaped) == 1 and not organisations:
        return shaped[0], "only split point"
    if len(organisations) == 1 and not shaped:
        return organisations[0], "only split point"
    return None


def known_split(segment: str, points: list[int], known: NameEvidence) -> tuple[int, str] | None:
    """The one point among `points` whose remainder is a name seen elsewhere, else None."""
    seen = [i for i in points if known.knows(segment[i:])]
    return (seen[0], "name seen elsewhere") if len(seen) == 1 else None


def is_plain_name(text: str, inner_capitals: bool = False) -> bool:
    """ "Given [Given] [particles] Family [Suffix]": 2-6 words, given words without inner capitals
    (unless `inner_capitals`, for names like "DeAndre Jordan")."""
    given_word = is_family_word if inner_capitals else is_given_word
    words = text.split()
    if words and words[-1] in SUFFIXES:
        words = words[:-1]
    if not 2 <= len(words) <= 6 or (looks_like_organisation(text) and not inner_capitals):
        return False
    if not given_word(words[0]) or not is_family_word(words[-1]):
        return False
    in_family = False
    for word in words[1:-1]:
        if word in PARTICLES or word in CAPITALISED_PARTICLES:
            in_family = True
        elif not (is_family_word(word) if in_family else given_word(word)):
            return False
    return True


def is_mononym(text: str) -> bool:
    """One capitalised word with no glue point in it ("Plato"): a byline's one-word author."""
    return len(text.split()) == 1 and is_family_word(text) and not split_points(text)


def is_organisation_author(text: str) -> bool:
    """An organisation's name of capitalised words ("Google DeepMind", "The ATLAS Collaboration")."""
    words = text.split()
    return (1 <= len(words) <= 8 and looks_like_organisation(text)
            and all(is_family_word(w) or w.casefold() in {"of", "for", "and", "the", "on", "in"} for w in words))


def is_given_word(word: str) -> bool:
    """A capitalised word or initials, no inner capitals; parts after a hyphen may be lowercase ("Ming-wei")."""
    if INITIALS.match(word):
        return True
    first, *rest = word.split("-")
    return is_capitalised(first) and all(is_capitalised(p) or (p.isalpha() and p.islower()) for p in rest)


def is_capitalised(part: str) -> bool:
    if not part or not starts_upper(part[0]):
        return False
    return all(is_name_char(ch) and not ch.isupper() for ch in part[1:])


def is_family_word(word: str) -> bool:
    """A family word: a particle, or capital-first letters (CamelCase, hyphens, apostrophes allowed)."""
    if word in PARTICLES:
        return True
    return starts_upper(word[0]) and all(is_name_char(ch) or ch in "-." for ch in word)


def starts_upper(ch: str) -> bool:
    # Uncased letters count: mojibake of an accented capital reads as such (Thai letters).
    return ch.isupper() or (ch.isalpha() and not ch.islower())


def is_name_char(ch: str) -> bool:
    # U+FFFD stands for a byte lost in transit: still a letter of the name.
    return ch.isalpha() or unicodedata.category(ch).startswith("M") or ch in "'’\ufffd"
