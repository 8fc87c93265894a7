"""is_listed answers a plain word from a set of wordfreq's list, as wordfreq.word_frequency would answer it.

The oracle is wordfreq itself: word_frequency(word, language) >= LISTED_FREQUENCY, on words of
every frequency band of each language's list (in the case and form a lost-byte spelling takes),
on words it does not list, and on text that is not one plain word (digits, apostrophes, hyphens).
"""
from __future__ import annotations

import itertools

import pytest
import wordfreq

from citekit.repair.letter_model import LANGUAGES, LISTED_FREQUENCY, is_listed

# The languages whose lists a lost-byte judgement reads most, and English.
CHECKED = ("pl", "cs", "de", "fr", "tr", "vi", "en")


def words_of_every_band(language: str) -> list[str]:
    """A few words of each frequency bucket of the language's list, first and last of the bucket."""
    buckets = wordfreq.get_frequency_list(language, "best")
    return [word for bucket in buckets if bucket for word in {bucket[0], bucket[-1], bucket[len(bucket) // 2]}]


@pytest.mark.parametrize("language", CHECKED)
def test_listed_words_of_every_band_agree_with_word_frequency(language):
    words = words_of_every_band(language)
    words += [word.capitalize() for word in words[::7]] + [word.upper() for word in words[::11]]
    assert len(words) > 1000
    verdicts = {word: is_listed(word, language) for word in words}
    assert verdicts == {word: wordfreq.word_frequency(word, language) >= LISTED_FREQUENCY for word in words}
    assert sum(verdicts.values()) > 1000


UNLISTED_AND_ODD = ["łukaszewiczówna", "zzqxłę", "müllerß", "çağlayanç", "l'été", "aujourd'hui", "müller-lüdenscheidt",
                    "covid19", "2024", "x86", "Ǆemal", "ﬁnance", "e\u0301te\u0301", "", " ", "a b", "naïve café", "İstanbul"]


@pytest.mark.parametrize("language", CHECKED)
def test_unlisted_and_odd_words_agree_with_word_frequency(language):
    words = UNLISTED_AND_ODD + ["".join(letters) for letters in itertools.product("ąéüłş", "ab", "ćöx")]
    assert {word: is_listed(word, language) for word in words} == {
        word: wordfreq.word_frequency(word, language) >= LISTED_FREQUENCY for word in words}


def test_every_language_of_the_model_is_a_wordfreq_list():
    assert set(LANGUAGES) <= set(wordfreq.available_languages())
