"""Tell an organisation ("Google DeepMind", "The ATLAS Collaboration") from a person's name.

An organisation is one CSL `literal` and is never split into given and family. The signals are
a table of words organisations use in their names, a table of well-known one-word
organisations, and a leading "The". An all-capitals word is no signal: "Wei ZHANG" is a person.
"""
from __future__ import annotations

import functools

ORGANISATION_WORDS = frozenset(
    (
        "Collaboration", "Consortium", "Workshop", "Team", "Group", "Initiative", "Project", "Institute",
        "Institut", "University", "Universität", "Université", "Universidad", "College", "School",
        "Laboratory", "Laboratories", "Lab", "Labs", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "GmbH", "Corp",
        "Corp.", "Corporation", "Company", "Foundation", "Society", "Association", "Council", "Committee",
        "Commission", "Agency", "Department", "Ministry", "Office", "Organization", "Organisation",
        "Network", "Alliance", "Federation", "Centre", "Center", "Board", "Authority", "Program",
        "Programme", "Partnership", "Coalition", "Working", "Contributors", "Developers", "Community",
        "DeepMind", "AI", "Research", "Academy", "Survey", "Observatory", "Experiment", "Forum", "Library", "Archive",
        "Archives", "Museum", "Hospital",
    )
)

FOLDED_WORDS = frozenset(w.casefold() for w in ORGANISATION_WORDS)

# One-word organisations that no name-shape rule can recognise.
ORGANISATION_NAMES = frozenset(
    w.casefold()
    for w in (
        "OpenAI", "DeepMind", "Anthropic", "Google", "Microsoft", "Meta", "Facebook", "Amazon", "Apple",
        "NVIDIA", "IBM", "Intel", "Baidu", "Alibaba", "Tencent", "Huawei", "HuggingFace", "EleutherAI",
        "BigScience", "CERN", "NASA", "ESA", "WHO", "OECD", "UNESCO", "IEEE", "ACM", "W3C", "IETF",
        "Wikipedia", "Mistral", "Cohere", "xAI",
    )
)

@functools.lru_cache(maxsize=1 << 16)  # names recur across records: judge each spelling once
def looks_like_organisation(text: str) -> bool:
    """True when `text` names an organisation rather than a person (by the tables and shapes above)."""
    words = text.split()
    if not words:
        return False
    if len(words) == 1:
        return words[0].casefold() in ORGANISATION_NAMES or ends_in_ai(words[0])
    if words[0].casefold() == "the":
        return True
    return any(is_organisation_word(w.strip(",;")) for w in words)


def is_organisation_word(word: str) -> bool:
    """A table word; short ones must match their case ("AI" is an organisation word, "Ai" a family)."""
    if word in ORGANISATION_WORDS or word.casefold() in ORGANISATION_NAMES:
        return True
    return len(word) > 3 and word.casefold() in FOLDED_WORDS


def ends_in_ai(word: str) -> bool:
    """`OpenAI`, `StabilityAI`: a capitalised word glued to "AI" (no family name is written so)."""
    return len(word) > 3 and word.endswith("AI") and word[-3].islower() and word[0].isupper()
