"""Author text -> tuple[Person]: bylines, particles, suffixes, organisations, `et al.`.

A "Given Family, Given Family et al. · aff" byline is parsed here, with the name tables the
flat "Family, Given" lists (flat_lists.py) share. Names stay as printed: no given/family
swap, no re-ordering of East Asian names; lowercase particles go to CSL's non-dropping
particle (the BibTeX "First von Last" rule), capitalised ones ("Van Rossum") stay in the
family. Every drop or move is reported.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass, replace

from citekit.diagnostics import info, warning
from citekit.model import Diagnostic, Person, RepairStep
from citekit.repair.organisations import looks_like_organisation
from citekit.repair.placeholders import is_placeholder

SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V", "2nd", "3rd", "Jnr", "Snr"})
PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "delle", "dei", "di", "da", "dos", "das", "do",
    "du", "des", "la", "le", "ter", "ten", "te", "op", "zu", "zur", "af", "av", "bin", "ibn", "ben",
    "al", "el", "abu", "st.", "'t",
})
# Capitalised, these open a family ("Van Rossum", "Le Scao"); common given names ("Ben", "Do") are left out.
CAPITALISED_PARTICLES = frozenset({
    "Van", "Von", "Der", "Den", "De", "Del", "Della", "Di", "Da", "Dos", "Das", "Du", "La", "Le",
    "Ter", "Ten", "El", "Al", "Ul", "Abu", "Bin", "Ibn",
})
# The affiliation tail of a byline: " · a, b", also as it reads after UTF-8 mojibake.
AFFILIATION_MARK = re.compile(r"\s+(?:·|Â·|ยท|Ã‚Â·)\s*")
ET_AL_WORDS = r"et\.?\s+al(?:ii|ia)?\.?"
# "… et al.", "…, et al", "… and others", "…, others", "…, ..." at the end of a byline.
ET_AL = re.compile(rf"(?:(?:,\s*|\s+){ET_AL_WORDS}|(?:,\s*|\s+)(?:and|&)\s+others|,\s*others|,?\s*(?:…|\.\.\.))\s*$",
                   re.IGNORECASE)
TRUNCATION_TOKEN = re.compile(rf"^(?:{ET_AL_WORDS}|(?:and\s+|&\s+)?others|…|\.\.\.)$", re.IGNORECASE)
LAST_AND = re.compile(r"\s+(?:and|&)\s+")


@dataclass(frozen=True)
class NameList:
    """Parsed authors with what was done to get them; diagnostics carry no span yet."""

    people: tuple[Person, ...] = ()
    truncated: bool = False
    affiliations: tuple[str, ...] = ()
    steps: tuple[RepairStep, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def split_byline_tail(text: str) -> tuple[str, bool, tuple[str, ...]]:
    """Strip a byline's ` · aff1, aff2` tail and its `et al.`: (names text, truncated, affiliations)."""
    parts = AFFILIATION_MARK.split(text.strip(), maxsplit=1)
    names = parts[0].strip()
    affiliations = tuple(a.strip() for a in parts[1].split(",") if a.strip()) if len(parts) > 1 else ()
    names, count = ET_AL.subn("", names)
    return names.strip().rstrip(","), bool(count), affiliations


def parse_byline(text: str) -> NameList:
    """A "Given Family, Given Family et al. · aff" byline -> people, truncation flag, affiliations."""
    names, truncated, affiliations = split_byline_tail(text)
    people: list[Person] = []
    diagnostics: list[Diagnostic] = []
    for segment in byline_segments(names):
        if is_placeholder(segment):
            diagnostics.append(warning("placeholder-author", f"author {segment!r} is a placeholder, not a name; dropped"))
        elif segment in SUFFIXES and people and not people[-1].literal and not people[-1].suffix:
            people[-1] = replace(people[-1], suffix=segment)
        else:
            people.append(parse_given_family(segment))
    return NameList(tuple(people), truncated, affiliations, diagnostics=tuple(diagnostics + particle_notes(people)))


def byline_segments(names: str) -> list[str]:
    """Comma-separated names, with a final "X and Y" / "and Y" split when both sides read as names."""
    segments = [s.strip() for s in names.split(",")] if names else []
    out: list[str] = []
    for segment in segments:
        segment = re.sub(r"^(?:and|&)\s+", "", segment)
        pieces = LAST_AND.split(segment)
        # "Bill and Melinda Gates Foundation", "Society for Science and the Public" stay whole.
        if len(pieces) > 1 and all(len(p.split()) >= 2 and p[:1].isupper() for p in pieces):
            out.extend(pieces)
        else:
            out.append(segment)
    return out


@functools.lru_cache(maxsize=1 << 16)  # names recur across records: judge each spelling once
def parse_given_family(text: str) -> Person:
    """One "Given [particles] Family [Suffix]" name; one word or an organisation -> literal."""
    words = text.split()
    if len(words) <= 1 or looks_like_organisation(text):
        return Person(literal=" ".join(words) or None)
    suffix = None
    if words[-1] in SUFFIXES and len(words) > 2:
        suffix = words.pop()
    start = next((i for i in range(1, len(words) - 1) if words[i] in PARTICLES), None)
    if start is not None:
        end = start
        while end < len(words) - 1 and words[end] in PARTICLES:
            end += 1
        return Person(family=" ".join(words[end:]), given=" ".join(words[:start]),
                      non_dropping_particle=" ".join(words[start:end]), suffix=suffix)
    start = len(words) - 1
    while start > 1 and words[start - 1] in CAPITALISED_PARTICLES:
        start -= 1
    return Person(family=" ".join(words[start:]), given=" ".join(words[:start]), suffix=suffix)


def has_stranded_particle(person: Person) -> bool:
    """True for `Showk, Sheer El`: a given name ending in a capitalised particle-like word."""
    words = (person.given or "").split()
    return len(words) > 1 and words[-1] in CAPITALISED_PARTICLES and person.family is not None


def particle_notes(people: list[Person]) -> list[Diagnostic]:
    """An info note per name whose given name ends in a particle-like word (kept as printed)."""
    return [
        info("stranded-particle", f"author {p.display()!r}: given name ends in {p.given.split()[-1]!r}, "
             "which may belong to the family name; kept as printed")
        for p in people if has_stranded_particle(p)
    ]
