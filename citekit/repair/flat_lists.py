"""A flat "Family, Given, Family, Given" author list -> people, pairs re-synchronised after damage.

Scrapers flatten structured names into one comma list, so pairing is by position, and
damage shifts it: placeholders (`OpenAI, null, :, null, Berner, Christopher`), lone suffixes,
organisations with no given name. Each token is walked once; where a one-word organisation
name could also be a family name (OpenAI / Michael Apple), the reading that leaves the rest of
the list better paired wins. Every dropped or moved token is reported.
"""
from __future__ import annotations

from dataclasses import replace

from citekit.diagnostics import info, warning
from citekit.model import Diagnostic, Person, RepairStep
from citekit.repair.names import (
    PARTICLES, SUFFIXES, TRUNCATION_TOKEN, NameList, parse_byline, particle_notes, split_byline_tail,
)
from citekit.repair.organisations import looks_like_organisation
from citekit.repair.placeholders import is_placeholder


def parse_flat_list(text: str) -> NameList:
    """People from a flat list; a placeholder in the family slot is dropped and pairing restarts
    after it, a name whose given is a placeholder is one literal (organisation or mononym), a lone
    suffix joins the person before it, a trailing `et al.` marks the list truncated."""
    tokens = [t.strip() for t in text.split(",")]
    truncated = bool(tokens) and bool(TRUNCATION_TOKEN.match(tokens[-1]))
    if truncated:
        tokens.pop()
    people: list[Person] = []
    steps: list[RepairStep] = []
    diagnostics: list[Diagnostic] = []
    for action in walk(tokens)[0]:
        kind, token = action[0], action[1]
        if kind == "drop":
            diagnostics.append(warning("placeholder-author", f"author list token {token!r} is a placeholder, not a name; dropped"))
        elif kind == "suffix":
            people[-1] = replace(people[-1], suffix=token)
            diagnostics.append(info("lone-suffix", f"suffix {token!r} attached to {people[-1].display()!r}"))
        elif kind == "alone":
            people.append(Person(literal=token))
            if action[2] is not None:
                diagnostics.append(warning("placeholder-author", f"given name {action[2]!r} of {token!r} is a placeholder; "
                                           f"{token!r} kept as one name"))
            elif not looks_like_organisation(token):
                diagnostics.append(warning("unpaired-name", f"author list token {token!r} has no given name; kept as one name"))
        else:
            people.append(person_from_pair(token, action[2], len(people), steps, suffix=action[3]))
    return NameList(tuple(people), truncated, steps=tuple(steps), diagnostics=tuple(diagnostics + particle_notes(people)))


def parse_byline_or_pairs(text: str) -> NameList:
    """A "Given Family" byline, or a flat "Family, Given" list printed where a byline belongs.

    The flat reading is taken when the list has an even number of comma segments and most of
    them are single words ("Bowman, Samuel R., Hyun, Jeeyoon"), which a byline never has.
    """
    names, truncated, affiliations = split_byline_tail(text)
    segments = [s.strip() for s in names.split(",")] if names else []
    single = [s for s in segments if len(s.split()) == 1 and not looks_like_organisation(s) and not is_placeholder(s)]
    if len(segments) < 2 or len(segments) % 2 or len(single) * 2 <= len(segments):
        return parse_byline(text)
    flat = parse_flat_list(names)
    note = info("flat-byline", "author line reads as \"Family, Given\" pairs, not \"Given Family\" names; paired")
    return replace(flat, truncated=truncated or flat.truncated, affiliations=affiliations,
                   diagnostics=(note, *flat.diagnostics))


def walk(tokens: list[str], decide: bool = True, after_person: bool = False) -> tuple[list[tuple], float]:
    """The pairing of `tokens` as actions, and its cost (how badly the list pairs up).

    Actions: ("drop", token), ("suffix", token), ("alone", token, placeholder-or-None),
    ("pair", family, given, suffix-or-None). With `decide` False a one-word organisation is
    simply paired (used to cost the rest of a list without branching again); `after_person`
    says the tokens follow a person who may still take a lone suffix.
    """
    actions: list[tuple] = []
    cost = 0.0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        last = actions[-1] if actions else None
        if is_placeholder(token):
            actions.append(("drop", token))
            i += 1
        elif token in SUFFIXES and (last[0] == "pair" and not last[3] if last else after_person):
            actions.append(("suffix", token))
            i += 1
        elif following is None:
            actions.append(("alone", token, None))
            cost += 0 if looks_like_organisation(token) else 1
            i += 1
        elif is_placeholder(following):
            actions.append(("alone", token, following))
            cost += 0 if looks_like_organisation(token) else 0.5  # a mononym is rarer than a shift
            i += 2
        elif looks_like_organisation(token) and (len(token.split()) > 1 or (decide and stands_alone(tokens, i))):
            actions.append(("alone", token, None))
            i += 1
        elif following in SUFFIXES and i + 2 < len(tokens) and not is_placeholder(tokens[i + 2]):
            # BibTeX's "Family, Jr., Given" order.
            actions.append(("pair", token, tokens[i + 2], following))
            cost += pair_cost(token, tokens[i + 2])
            i += 3
        else:
            actions.append(("pair", token, following, None))
            cost += pair_cost(token, following)
            i += 2
    return actions, cost


def pair_cost(family: str, given: str) -> float:
    # An organisation or a suffix in the given slot is a sure sign of shifted pairing; an
    # organisation as a family is only odd.
    shifted = looks_like_organisation(given) or given in SUFFIXES
    return (1.0 if shifted else 0.0) + (0.5 if looks_like_organisation(family) else 0.0)


def stands_alone(tokens: list[str], i: int) -> bool:
    """Whether the one-word organisation at `i` (OpenAI, or Michael Apple's family) is an author of
    its own: only when the rest of the list pairs up better that way."""
    alone = walk(tokens[i + 1:], decide=False)[1]
    paired = pair_cost(tokens[i], tokens[i + 1]) + walk(tokens[i + 2:], decide=False, after_person=True)[1]
    return alone < paired


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
        steps.append(RepairStep(f"author[{index}]", "particle_in_given", f"{family}, {given}",
                                f"{particle} {family}, {' '.join(given_words[:tail])}"))
        given_words = given_words[:tail]
    return Person(family=" ".join(family_words[lead:]), given=" ".join(given_words) or None,
                  non_dropping_particle=particle, suffix=suffix)
