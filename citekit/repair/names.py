"""Author text -> tuple[Person]: pairing, particles, suffixes, organisations, `et al.`.

Two printed shapes: a flat "Family, Given, Family, Given" list (pairs re-synchronised around
placeholders, lone suffixes and organisations) and a "Given Family, Given Family et al. · aff"
byline. Names stay as printed: no given/family swap, no re-ordering of East Asian names;
lowercase particles go to CSL's non-dropping particle (the BibTeX "First von Last" rule),
capitalised ones ("Van Rossum") stay in the family. Every drop or move is reported.
"""
from __future__ import annotations

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


def parse_flat_list(text: str) -> NameList:
    """A flat "Family, Given, Family, Given" list -> people, pairs re-synchronised after damage.

    A placeholder in the family slot is dropped and the pair restarts at the next token; a name
    whose given is a placeholder is an organisation or mononym (literal); a lone suffix joins
    the person before it; an organisation-looking family takes no given.
    """
    tokens = [t.strip() for t in text.split(",")]
    truncated = bool(tokens) and bool(TRUNCATION_TOKEN.match(tokens[-1]))
    if truncated:
        tokens.pop()
    people: list[Person] = []
    steps: list[RepairStep] = []
    diagnostics: list[Diagnostic] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if is_placeholder(token):
            diagnostics.append(warning("placeholder-author", f"author list token {token!r} is a placeholder, not a name; dropped"))
            i += 1
        elif token in SUFFIXES and people and not people[-1].literal and not people[-1].suffix:
            people[-1] = replace(people[-1], suffix=token)
            diagnostics.append(info("lone-suffix", f"suffix {token!r} attached to {people[-1].display()!r}"))
            i += 1
        elif following is None or organisation_stands_alone(tokens, i):
            people.append(Person(literal=token))
            if not looks_like_organisation(token):
                diagnostics.append(warning("unpaired-name", f"last author list token {token!r} has no given name; kept as one name"))
            i += 1
        elif is_placeholder(following):
            people.append(Person(literal=token))
            diagnostics.append(warning("placeholder-author", f"given name {following!r} of {token!r} is a placeholder; {token!r} kept as one name"))
            i += 2
        elif following in SUFFIXES and i + 2 < len(tokens) and not is_placeholder(tokens[i + 2]):
            # BibTeX's "Family, Jr., Given" order.
            people.append(person_from_pair(token, tokens[i + 2], len(people), steps, suffix=following))
            i += 3
        else:
            people.append(person_from_pair(token, following, len(people), steps))
            i += 2
    return NameList(tuple(people), truncated, steps=tuple(steps), diagnostics=tuple(diagnostics + particle_notes(people)))


def organisation_stands_alone(tokens: list[str], i: int) -> bool:
    """Whether the organisation-looking token at `i` is an author of its own, with no given name.

    A one-word organisation name is also a family name (Michael Apple), so it stands alone only
    when the names after it still pair up.
    """
    token = tokens[i]
    if not looks_like_organisation(token):
        return False
    if len(token.split()) > 1:
        return True
    rest = [t for t in tokens[i + 1:] if not is_placeholder(t) and t not in SUFFIXES]
    return len(rest) % 2 == 0


def person_from_pair(family: str, given: str, index: int, steps: list[RepairStep], suffix: str | None = None) -> Person:
    """A person from a family token and a given token: suffix out of the family, particles split."""
    family_words = family.split()
    if len(family_words) > 1 and family_words[-1] in SUFFIXES and suffix is None:
        suffix = family_words.pop()
        steps.append(RepairStep(f"author[{index}]", "suffix_in_family", family, f"{' '.join(family_words)}, {suffix}"))
    lead = 0
    while lead < len(family_words) - 1 and family_words[lead] in PARTICLES:
        lead += 1
    particle = " ".join(family_words[:lead]) or None
    given_words = given.split()
    tail = len(given_words)
    while tail > 1 and given_words[tail - 1] in PARTICLES:
        tail -= 1
    if tail < len(given_words) and particle is None:
        particle = " ".join(given_words[tail:])
        steps.append(RepairStep(f"author[{index}]", "particle_in_given", f"{family}, {given}", f"{particle} {family}, {' '.join(given_words[:tail])}"))
        given_words = given_words[:tail]
    return Person(family=" ".join(family_words[lead:]), given=" ".join(given_words) or None,
                  non_dropping_particle=particle, suffix=suffix)


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
