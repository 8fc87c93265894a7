"""Bold the profile owner's name in a rendered bibliography, whatever the style does with names.

CSL cannot single out one person, so the adapter marks the owner's family name with two
private-use characters after sorting (sort keys stay clean), lets the style render, then
widens the mark over the given name or initials beside it, in whichever order the style put
them ("Bai, Y." / "Y. Bai" / "Bai Y"), and writes it as bold for the output format.
Matching ignores case and accents; given names must agree on their initials when both exist.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from citeproc.source import Name, Reference

from citekit.writers.bibliography_formats import OUTPUTS

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
MARKED = re.compile(f"{MARK_OPEN}(.*?){MARK_CLOSE}", re.S)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True)
class OwnerName:
    """The person to highlight: a family name and, when known, given names."""

    family: str
    given: str = ""

    @classmethod
    def parse(cls, text: str) -> "OwnerName":
        """Read "Family, Given" or "Given Family" (the last word is the family name)."""
        if "," in text:
            family, given = (part.strip() for part in text.split(",", 1))
        else:
            words = text.split()
            family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
        return cls(family, given)

    def matches(self, name: Name) -> bool:
        """Same family name (particles included or not); given names agree on initials."""
        given, family, dropping, non_dropping, suffix = name.parts()
        families = {_fold(family or "")}
        families.add(_fold(" ".join(p for p in (dropping, non_dropping, family) if p)))
        if _fold(self.family) not in families:
            return False
        mine, theirs = _initials(self.given), _initials(given or "")
        return not mine or not theirs or mine.startswith(theirs) or theirs.startswith(mine)

    def given_pattern(self) -> str:
        """A regex for the given names as a style may print them: full, initials, with or without dots."""
        parts = [p for p in re.split(r"[\s.\-]+", self.given) if p]
        pieces = [re.escape(p[0]) + f"(?:{re.escape(p[1:])})?" + r"\.?" for p in parts]
        return r"[\s\-\u00a0\u2009]*".join(pieces)


def _initials(given: str) -> str:
    return "".join(p[0] for p in re.split(r"[\s.\-]+", _fold(given)) if p)


def mark_owner(references: Iterable[Reference], owner: OwnerName) -> None:
    """Wrap the owner's family name (or literal) in markers in every author list."""
    for reference in references:
        for name in reference.get("author", []):
            if owner.matches(name):
                field = "literal" if "literal" in name else "family"
                name[field] = f"{MARK_OPEN}{name[field]}{MARK_CLOSE}"


def finish_highlight(text: str, owner: OwnerName | None, output: str) -> str:
    """Turn the markers into bold for `output` (html, markdown); plain text just loses them."""
    if owner is None or MARK_OPEN not in text:
        return text
    bold = OUTPUTS[output].bold if output != "text" else (lambda t: t)
    given = owner.given_pattern()
    if given:
        family = f"{MARK_OPEN}[^{MARK_CLOSE}]*{MARK_CLOSE}"
        before = rf"(?<![\w.])(?:{given})[\s\u00a0]+{family}"
        after = rf"{family}(?:,?[\s\u00a0]*(?:{given})(?![\w]))?"
        text = re.sub(f"{before}|{after}", lambda m: bold(m.group(0)), text, flags=re.I)
    else:
        text = MARKED.sub(lambda m: bold(m.group(0)), text)
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
