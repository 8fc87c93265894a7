"""Choose what each lost byte was: case and composition rules first, then the letter model, or punctuation context.

Letters: after a lowercase letter only lowercase fits; a combining mark must compose with its
base. The rest is judged per word by every language's letter model; a word's language is pulled
towards the language the whole text favours, so "Przemysław" helps "Dębiak" in the same field.
Punctuation (a lost quote or dash) is chosen by what surrounds it.
"""
from __future__ import annotations

import itertools
import unicodedata

from citekit.repair.letter_model import all_models
from citekit.repair.lost_bytes import Slot

MAX_SPELLINGS = 4096
TEXT_PULL = 0.5  # share of a language's deficit over the whole text charged to each word
# Preferred punctuation by context, most likely first; the first one among the candidates wins.
PUNCTUATION_BY_CONTEXT = {
    "digit-digit": "\u2013\u2012\u2010\u2014",
    "letter-letter": "\u2019\u2010\u2014\u2013",
    "space-space": "\u2013\u2014\u2022\u2026",
    "open": "\u201c\u2018\u2013\u2014",
    "close": "\u201d\u2019\u2026\u2014\u2013",
}


def is_letter(option: str) -> bool:
    return all(c.isalpha() or unicodedata.category(c).startswith("M") for c in option)


def choose_slots(slots: list[Slot]) -> list[str]:
    """One string per slot: the certain ones as they are, a lost byte by rules and the letter model."""
    units = explode(slots)
    narrowed = [narrow(units, i) if len(unit) > 1 else unit for i, unit in enumerate(units)]
    chosen = [unit[0] for unit in narrowed]
    for i, unit in enumerate(narrowed):
        if len(unit) > 1 and not all(is_letter(o) for o in unit):
            chosen[i] = choose_punctuation(unit, units, i, chosen)
    words = letter_words(narrowed)
    if any(any(len(narrowed[i]) > 1 for i in word) for word in words):
        for word, spelling in zip(words, choose_spellings([[narrowed[i] for i in word] for word in words])):
            for i, option in zip(word, spelling):
                chosen[i] = option
    return implode(slots, chosen)


def explode(slots: list[Slot]) -> list[Slot]:
    """Certain slots split into one unit per character; a lost slot stays one unit."""
    return [unit for slot in slots for unit in ([(c,) for c in slot[0]] if len(slot) == 1 else [slot])]


def implode(slots: list[Slot], chosen: list[str]) -> list[str]:
    """The chosen units joined back into one string per slot."""
    result, position = [], 0
    for slot in slots:
        size = len(slot[0]) if len(slot) == 1 else 1
        result.append("".join(chosen[position:position + size]))
        position += size
    return result


def neighbour(units: list[Slot], index: int, step: int) -> str:
    """The nearest certain character before (step -1) or after (+1) a unit; "" at an edge or a lost one."""
    j = index + step
    return units[j][0] if 0 <= j < len(units) and len(units[j]) == 1 else ""


def narrow(units: list[Slot], index: int) -> Slot:
    """A lost letter's candidates that fit its case and base letter (all of them when none fit)."""
    unit = units[index]
    before, after = neighbour(units, index, -1), neighbour(units, index, +1)
    if all(unicodedata.category(o[0]).startswith("M") for o in unit):
        kept = tuple(o for o in unit if before and len(unicodedata.normalize("NFC", before + o)) == 1)
        return kept or unit
    if not all(is_letter(o) for o in unit):
        return unit
    want = wanted_case(units, before, after)
    kept = tuple(o for o in unit if want is None or (o.islower() if want == "lower" else o.isupper()))
    return kept or unit


def wanted_case(units: list[Slot], before: str, after: str) -> str | None:
    """lower after a lowercase letter or inside a capitalised word; upper in an all-caps word or at a
    capitalised word's start (lower there when the text's words start lowercase)."""
    if before.islower():
        return "lower"
    if before.isupper():
        return "upper" if after.isupper() or not after.isalpha() and before_is_caps(units, before) else "lower"
    if after.isupper():
        return "upper"
    if after.islower():
        starts = [units[i + 1][0] for i in range(len(units) - 1)
                  if len(units[i + 1]) == 1 and units[i + 1][0].isalpha() and (i < 0 or not units[i][0].isalpha())]
        lower_starts = sum(1 for s in starts if s.islower())
        return "lower" if starts and lower_starts > len(starts) / 2 else "upper"
    return None


def before_is_caps(units: list[Slot], before: str) -> bool:
    """True when the text's letters are mostly capitals (an all-caps name)."""
    letters = [u[0] for u in units if len(u) == 1 and u[0].isalpha()]
    return sum(c.isupper() for c in letters) > len(letters) / 2


def choose_punctuation(unit: Slot, units: list[Slot], index: int, chosen: list[str]) -> str:
    """A lost quote or dash chosen by what surrounds it."""
    before, after = neighbour(units, index, -1), neighbour(units, index, +1)
    if before.isdigit() and after.isdigit():
        context = "digit-digit"
    elif before.isalpha() and after.isalpha():
        context = "letter-letter"
    elif before in (" ", "") and after in (" ", ""):
        context = "space-space"
    elif before in (" ", "", "(", "["):
        context = "open"
    else:
        context = "close"
    for preferred in PUNCTUATION_BY_CONTEXT[context]:
        if preferred in unit:
            return preferred
    return unit[0]


def letter_words(units: list[Slot]) -> list[list[int]]:
    """Index lists of the words (runs of letter units) that hold a non-ASCII or lost letter."""
    words, current = [], []
    for i, unit in enumerate(units):
        if all(is_letter(o) for o in unit):
            current.append(i)
            continue
        if current:
            words.append(current)
        current = []
    if current:
        words.append(current)
    return [w for w in words if any(len(units[i]) > 1 or not units[i][0].isascii() for i in w)]


def choose_spellings(words: list[list[Slot]]) -> list[tuple[str, ...]]:
    """For each word (a list of units), the spelling the letter models find most plausible."""
    models = all_models()
    per_word = []  # per word: per language (best score, best spelling)
    for word in words:
        spellings = list(itertools.islice(itertools.product(*word), MAX_SPELLINGS))
        keys = [unicodedata.normalize("NFC", "".join(s)).lower() for s in spellings]
        best = []
        for model in models:
            scores = [model.score(k) for k in keys]
            top = max(range(len(scores)), key=lambda j: (scores[j], -j))
            best.append((scores[top], spellings[top]))
        per_word.append(best)
    totals = [sum(word[k][0] for word in per_word) for k in range(len(models))]
    leader = max(totals)
    result = []
    for word in per_word:
        k = max(range(len(models)), key=lambda m: (word[m][0] + TEXT_PULL * (totals[m] - leader), -m))
        result.append(word[k][1])
    return result
