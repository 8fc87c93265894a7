"""How plausible a word is in each Latin-script language: letter trigrams from wordfreq's word lists.

Built lazily, once per process, only when a lost byte has to be guessed (about two seconds for
all languages). A word's score is its smoothed trigram log-probability with word boundaries,
plus a bonus when the word itself is among the language's common words (names included).
"""
from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from dataclasses import dataclass

import wordfreq

# Latin-script languages wordfreq lists, diacritic-rich ones first; English absorbs plain ASCII words.
LANGUAGES = ("pl", "cs", "sk", "lt", "lv", "hu", "ro", "tr", "sl", "sh", "de", "fr", "es", "pt", "it",
             "ca", "nl", "sv", "da", "nb", "fi", "is", "vi", "en")
WORDS_PER_LANGUAGE = 30000
DICTIONARY_BONUS = 6.0  # nats: a listed word beats a merely well-formed one
WEIGHTS = (0.6, 0.3, 0.09, 0.01)  # trigram, bigram, unigram, uniform


@dataclass(frozen=True)
class LetterModel:
    """Letter trigram counts of one language's common words, and the words themselves."""

    language: str
    trigrams: Counter
    bigrams: Counter
    contexts2: Counter  # counts of the two-letter history of each trigram
    contexts1: Counter  # counts of the one-letter history of each bigram
    unigrams: Counter
    total: int
    words: frozenset[str]

    def log_probability(self, word: str) -> float:
        """log P(word) under the interpolated trigram model, with ^ and $ as boundaries."""
        padded = "^^" + word + "$"
        score = 0.0
        uniform = 1.0 / 200
        w3, w2, w1, w0 = WEIGHTS
        for i in range(2, len(padded)):
            history, char = padded[i - 2:i], padded[i]
            p3 = self.trigrams[history + char] / self.contexts2[history] if self.contexts2[history] else 0.0
            p2 = self.bigrams[history[1] + char] / self.contexts1[history[1]] if self.contexts1[history[1]] else 0.0
            p1 = self.unigrams[char] / self.total
            score += math.log(w3 * p3 + w2 * p2 + w1 * p1 + w0 * uniform)
        return score

    def score(self, word: str) -> float:
        """Plausibility of a lowercase NFC word: log-probability, plus a bonus when listed."""
        return self.log_probability(word) + (DICTIONARY_BONUS if word in self.words else 0.0)


@functools.cache
def letter_model(language: str) -> LetterModel:
    """The model of one language, built from its WORDS_PER_LANGUAGE most frequent alphabetic words."""
    words = [w for w in itertools.islice(wordfreq.iter_wordlist(language, "best"), WORDS_PER_LANGUAGE) if w.isalpha()]
    text = "  ".join("^^" + w + "$" for w in words)
    trigrams = Counter(text[i:i + 3] for i in range(len(text) - 2))
    trigrams = Counter({k: v for k, v in trigrams.items() if " " not in k})
    bigrams = Counter({k: v for k, v in Counter(text[i:i + 2] for i in range(len(text) - 1)).items() if " " not in k})
    contexts2 = Counter()
    for key, count in trigrams.items():
        contexts2[key[:2]] += count
    contexts1 = Counter()
    for key, count in bigrams.items():
        contexts1[key[0]] += count
    unigrams = Counter(c for c in text if c not in " ^")
    return LetterModel(language, trigrams, bigrams, contexts2, contexts1, unigrams, sum(unigrams.values()),
                       frozenset(words))


def all_models() -> tuple[LetterModel, ...]:
    """Every language's model (built on first use)."""
    return tuple(letter_model(language) for language in LANGUAGES)
