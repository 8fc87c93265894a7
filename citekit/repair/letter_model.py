"""How plausible a word is in each Latin-script language, from letter 5-grams of wordfreq's word lists.

Counting 100,000 words per language at run time takes seconds, so the counts are precomputed
(`python -m citekit.repair.letter_model` rebuilds them from the installed wordfreq) and kept only
for grams holding a non-ASCII letter, plus their contexts: every candidate for a lost byte is a
non-ASCII letter, so only windows touching one can tell candidates or languages apart. A language
file is read only when a word's letters could belong to that language.
"""
from __future__ import annotations

import functools
import gzip
import itertools
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "letter_grams"
# Latin-script languages wordfreq lists; English is there to claim plain English words.
LANGUAGES = ("pl", "cs", "sk", "lt", "lv", "hu", "ro", "tr", "sl", "sh", "de", "fr", "es", "pt", "it",
             "ca", "nl", "sv", "da", "nb", "fi", "is", "vi", "en")
ORDER = 5
WORDS_PER_LANGUAGE = 100_000
MIN_COUNT = 2
ALPHABET_MIN_COUNT = 30  # a letter seen in fewer words is a loanword's, not the language's
WEIGHTS = (0.001, 0.05, 0.1, 0.2, 0.3, 0.35)  # uniform, then 1-gram ... 5-gram
UNIFORM = 1.0 / 300
DICTIONARY_BONUS = 6.0  # nats: a listed word beats a merely well-formed one
LISTED_FREQUENCY = 1e-8


@dataclass(frozen=True)
class LetterModel:
    """One language's counts of letter grams (with ^ and $ as word edges); "" counts all letters."""

    language: str
    counts: dict[str, int]

    def gram_score(self, word: str) -> float:
        """Log-plausibility from letter grams, summed over the positions near the word's non-ASCII letters."""
        padded = "^" + word + "$"
        total = 0.0
        for i in range(1, len(padded)):
            if padded[max(0, i - ORDER + 1):i + 1].isascii():
                continue
            p = WEIGHTS[0] * UNIFORM
            for k in range(1, min(ORDER, i + 1) + 1):
                gram = padded[i - k + 1:i + 1]
                if gram.isascii():
                    continue
                context = self.counts.get(gram[:-1], 0)
                if context:
                    p += WEIGHTS[k] * self.counts.get(gram, 0) / context
            total += math.log(p)
        return total


@functools.lru_cache(maxsize=65536)
def is_listed(word: str, language: str) -> bool:
    """True when wordfreq lists the word in that language (names of its people included)."""
    import wordfreq  # loaded only when a lost byte is being judged

    tokens = wordfreq.lossy_tokenize(word, language)
    if len(tokens) == 1 and tokens[0].isalpha():  # one word without digits: its frequency is its bucket's
        return tokens[0] in listed_words(language)
    return wordfreq.word_frequency(word, language) >= LISTED_FREQUENCY


@functools.cache
def listed_words(language: str) -> frozenset[str]:
    """The words of wordfreq's list for `language` in the buckets at LISTED_FREQUENCY or above.

    A set of the buckets is built in C; wordfreq's own frequency dict, which word_frequency
    builds on its first call, is filled word by word (~0.2 s for each language's list)."""
    import wordfreq

    buckets = wordfreq.get_frequency_list(language, "best")
    return frozenset().union(*(bucket for index, bucket in enumerate(buckets)
                               if wordfreq.cB_to_freq(-index) >= LISTED_FREQUENCY))


@functools.cache
def alphabets() -> dict[str, str]:
    """Each language's non-ASCII letters (seen in at least ALPHABET_MIN_COUNT of its words)."""
    return json.loads((DATA / "alphabets.json").read_text(encoding="utf-8"))


@functools.cache
def letter_model(language: str) -> LetterModel:
    """The model of one language, read from its precomputed counts."""
    with gzip.open(DATA / f"{language}.json.gz", "rt", encoding="utf-8") as stream:
        return LetterModel(language, json.load(stream))


def count_grams(language: str) -> tuple[dict[str, int], str]:
    """(kept gram counts, alphabet) of a language's most frequent alphabetic words in wordfreq."""
    import wordfreq  # only the rebuild needs it

    grams: Counter = Counter()
    letters: Counter = Counter()
    for word in itertools.islice(wordfreq.iter_wordlist(language, "best"), WORDS_PER_LANGUAGE):
        if not word.isalpha():
            continue
        letters.update(set(c for c in word if not c.isascii()))
        padded = "^" + word + "$"
        grams[""] += len(padded) - 1
        for i in range(len(padded)):
            for k in range(1, min(ORDER, i + 1) + 1):
                grams[padded[i - k + 1:i + 1]] += 1
    kept = {g: c for g, c in grams.items() if c >= MIN_COUNT and not g.isascii()}
    kept.update({g[:-1]: grams[g[:-1]] for g in list(kept)})
    alphabet = "".join(sorted(c for c, n in letters.items() if n >= ALPHABET_MIN_COUNT))
    return dict(sorted(kept.items())), alphabet


def rebuild() -> None:
    """Recount every language from the installed wordfreq and rewrite the data files."""
    DATA.mkdir(parents=True, exist_ok=True)
    found = {}
    for language in LANGUAGES:
        counts, found[language] = count_grams(language)
        raw = json.dumps(counts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        (DATA / f"{language}.json.gz").write_bytes(gzip.compress(raw, mtime=0))
    (DATA / "alphabets.json").write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    rebuild()
