"""Choose what each lost byte was: case and composition rules first, then the letter model, or punctuation context.

Letters: after a lowercase letter only lowercase fits; a combining mark must compose with its
base. The rest is judged per word by every language's letter model; a word's language is pulled
towards the language the whole text favours, so "Przemysław" helps "Dębiak" in the same field.
Punctuation (a lost quote or dash) is chosen by what surrounds it.
"""
from __future__ import annotations

import itertools
import math
import unicodedata

from citekit.repair.letter_model import DICTIONARY_BONUS, LANGUAGES, LetterModel, alphabets, is_listed, letter_model
from citekit.repair.lost_bytes import Slot

EXHAUSTIVE = 256
RANKED = 4  # spellings per language worth a dictionary look-up
DICTIONARY_LANGUAGES = 4  # languages per word whose word list is consulted
TEXT_PULL = 0.15  # share of a language's deficit over the whole text charged to each word
UNFIT = 10.0  # penalty, in the text's total, for a word a language cannot spell
ASCII = frozenset(chr(i) for i in range(128))
# Preferred punctuation by context, most likely first; the first one among the candidates wins.
PUNCTUATION_BY_CONTEXT = {
    "digit-digit": "\u2013\u2012\u2010\u2014",
    "apostrophe": "\u2019\u2010\u2014\u2013",
    "dash": "\u2014\u2013\u2010\u2019",
    "space-space": "\u2013\u2014\u2022\u2026",
    "open": "\u201c\u2018\u2013\u2014",
    "close": "\u201d\u2019\u2026\u2014\u2013",
}
# What follows an apostrophe inside a word: English contractions and possessives.
CONTRACTION_ENDINGS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})


def is_letter(option: str) -> bool:
    return all(c.isalpha() or unicodedata.category(c).startswith("M") for c in option)


def choose_slots(slots: list[Slot]) -> list[str]:
    """One string per slot: the certain ones as they are, a lost byte by rules and the letter model."""
    units = explode(slots)
    narrowed = list(units)
    for i, unit in enumerate(units):  # left to right: a narrowed lost letter is context for the next
        if len(unit) > 1:
            narrowed[i] = narrow(narrowed, i)
    chosen = [unit[0] for unit in narrowed]
    for i, unit in enumerate(narrowed):
        if len(unit) > 1 and not all(is_letter(o) for o in unit):
            chosen[i] = choose_punctuation(unit, units, i)
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
    """The character before (step -1) or after (+1) a unit; for a lost letter whose candidates share
    a case, one of them stands in; "" at an edge or when unknown."""
    j = index + step
    if not 0 <= j < len(units):
        return ""
    unit = units[j]
    if len(unit) == 1 or all(o.isalpha() for o in unit) and len({o.islower() for o in unit}) == 1:
        return unit[0]
    return ""


def narrow(units: list[Slot], index: int) -> Slot:
    """A lost letter's candidates that fit its case and base letter (all of them when none fit)."""
    unit = units[index]
    before, after = neighbour(units, index, -1), neighbour(units, index, +1)
    if all(unicodedata.category(o[0]).startswith("M") for o in unit):
        kept = tuple(o for o in unit if before and len(unicodedata.normalize("NFC", before + o)) == 1)
        return kept or unit
    if not all(is_letter(o) for o in unit):
        return unit
    want = wanted_case(units, index, before, after)
    kept = tuple(o for o in unit if want is None or (o.islower() if want == "lower" else o.isupper()))
    return kept or unit


def wanted_case(units: list[Slot], index: int, before: str, after: str) -> str | None:
    """The case a lost letter must have, from its neighbours; None when they do not tell.

    Inside a word it follows the letters around it. At a word's start it is a capital (names and
    titled words), unless the previous word is a lowercase word with diacritics: then the text is a
    sentence in a language that has lowercase words starting with such letters.
    """
    if before.islower():
        return "lower"
    if before.isupper():
        all_caps = after.isupper() or not after.isalpha() and mostly_capitals(units)
        return "upper" if all_caps else "lower"
    if not after.isalpha():
        return None
    previous = word_around(units, index, -1, skip=1)
    if previous and previous[0].islower() and not previous.isascii():
        return "lower"
    return "upper"


def mostly_capitals(units: list[Slot]) -> bool:
    """True when the text's certain letters are mostly capitals (an all-caps name)."""
    letters = [u[0] for u in units if len(u) == 1 and u[0].isalpha()]
    return sum(c.isupper() for c in letters) > len(letters) / 2


def word_around(units: list[Slot], index: int, step: int, skip: int = 0) -> str:
    """The letters next to a unit in one direction (step -1 or +1), read in text order.

    With skip=1 the unit's own word is passed over first and the neighbouring word is returned.
    """
    letters: list[str] = []
    j = index + step
    while 0 <= j < len(units) and skip:
        if not units[j][0].isalpha():
            skip -= 1
            while 0 <= j < len(units) and not units[j][0].isalpha():
                j += step
            continue
        j += step
    while 0 <= j < len(units) and units[j][0].isalpha():
        letters.append(units[j][0])
        j += step
    return "".join(letters if step > 0 else reversed(letters))


def choose_punctuation(unit: Slot, units: list[Slot], index: int) -> str:
    """A lost quote or dash chosen by what surrounds it."""
    before, after = neighbour(units, index, -1), neighbour(units, index, +1)
    for preferred in PUNCTUATION_BY_CONTEXT[punctuation_context(units, index, before, after)]:
        if preferred in unit:
            return preferred
    return unit[0]


def punctuation_context(units: list[Slot], index: int, before: str, after: str) -> str:
    """Where a lost punctuation mark stands: between digits, inside a word, between spaces, opening or closing."""
    tight_before, tight_after = before.isalnum(), after.isalnum()
    if before.isdigit() and after.isdigit():
        return "digit-digit"
    if tight_before and tight_after:
        left, right = word_around(units, index, -1), word_around(units, index, +1)
        elision = len(left) == 1 or left.lower() == "qu"
        return "apostrophe" if elision or right.lower() in CONTRACTION_ENDINGS else "dash"
    if not tight_before and not tight_after and before in " " and after in " ":
        return "space-space"
    if before in " ([" and tight_after:
        return "open"
    return "close"


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
    """For each word (a list of units), the spelling the letter models find most plausible.

    A language judges only spellings whose non-ASCII letters are all in its alphabet; a word no
    language can spell is judged by every language on every spelling.
    """
    per_word = []  # per word: {language: (score, spelling)}
    for word in words:
        ranked = {}
        for language, alphabet in alphabets().items():
            found = ranked_spellings(letter_model(language), word, frozenset(alphabet))
            if found:
                ranked[language] = found
        if not ranked:
            ranked = {language: ranked_spellings(letter_model(language), word, None) for language in LANGUAGES}
        lost = any(len(unit) > 1 for unit in word)
        per_word.append(with_dictionary(ranked) if lost else {k: v[0] for k, v in ranked.items()})
    totals = {language: sum(best[language][0] if language in best else min(s for s, _ in best.values()) - UNFIT
                            for best in per_word) for language in set().union(*per_word)}
    leader = max(totals.values())
    return [max(best.items(), key=lambda item: (item[1][0] + TEXT_PULL * (totals[item[0]] - leader), item[0]))[1][1]
            for best in per_word]


def with_dictionary(ranked: dict[str, list[tuple[float, tuple[str, ...]]]]) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Each language's best (score, spelling) once listed words get their bonus.

    Only spellings the bonus could still lift to the top are looked up, so wordfreq loads the
    lists of the few competitive languages, not all of them.
    """
    order = sorted(ranked, key=lambda language: -ranked[language][0][0])
    leader = ranked[order[0]][0][0]
    best = {}
    for language, spellings in ranked.items():
        top = spellings[0][0]
        contender = language in order[:DICTIONARY_LANGUAGES] and top >= leader - DICTIONARY_BONUS
        scored = [(score + (DICTIONARY_BONUS if contender and score >= top - DICTIONARY_BONUS
                            and is_listed(spelling_key(spelling), language) else 0.0), spelling)
                  for score, spelling in spellings]
        best[language] = max(scored, key=lambda pair: pair[0])
    return best


def spelling_key(spelling: tuple[str, ...]) -> str:
    return unicodedata.normalize("NFC", "".join(spelling)).lower()


def ranked_spellings(model: LetterModel, word: list[Slot], alphabet: frozenset[str] | None) -> list[tuple[float, tuple[str, ...]]]:
    """The word's best few spellings in one language by letter grams, best first; [] when its alphabet cannot spell it.

    Small choices are tried in full; past EXHAUSTIVE spellings, each lost letter is improved in turn
    with the others held (two passes), which keeps a word with many lost bytes fast.
    """
    units = [tuple(o for o in unit if alphabet is None or fits(o, alphabet)) for unit in word]
    if any(not unit for unit in units):
        return []

    def score(spelling: tuple[str, ...]) -> float:
        return model.gram_score(spelling_key(spelling))

    if math.prod(len(unit) for unit in units) <= EXHAUSTIVE:
        scored = sorted(((score(s), s) for s in itertools.product(*units)), key=lambda pair: -pair[0])
        return scored[:RANKED]
    spelling = [unit[0] for unit in units]
    for _ in range(2):
        for i, unit in enumerate(units):
            if len(unit) > 1:
                spelling[i] = max(unit, key=lambda o: score(tuple(spelling[:i] + [o] + spelling[i + 1:])))
    return [(score(tuple(spelling)), tuple(spelling))]


def fits(option: str, alphabet: frozenset[str]) -> bool:
    """True when a letter (or combining mark, judged with its word later) can occur in the alphabet."""
    if unicodedata.category(option[0]).startswith("M"):
        return True
    return all(c in ASCII or c in alphabet for c in option.lower())
