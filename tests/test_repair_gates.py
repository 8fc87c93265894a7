"""The shortcuts repair takes for text no fixer would change give the same repairs as the full path."""
from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import example, given, settings, strategies as st

from citekit.repair import encoding
from citekit.repair.encoding import FIXER_MARKS, NON_ASCII_PAIR, repair_text


def badness_alphabet(every_member: bool = False) -> list[str]:
    """One character (or every character) of each of ftfy's mojibake categories, every character its
    badness regex names literally, and a few ASCII characters of each kind."""
    from ftfy.badness import MOJIBAKE_CATEGORIES

    members = [chr(i) for i in range(0x10000) if not 0xD800 <= i <= 0xDFFF]
    chosen = set()
    for chars in MOJIBAKE_CATEGORIES.values():
        category = [c for c in members if re.fullmatch(f"[{chars}]", c)]
        chosen |= set(category if every_member else category[:1])
    chosen |= set("ÂÃÎÐØÙàâóä√≈‚вЂВГРСβ€ΆΒΓΞΟāŒœ×²³°µ»·´–—ŸŠšž¡éüñ")
    return sorted(chosen | set("aZ., \n1_"))


def gate_passes(text: str) -> bool:
    return FIXER_MARKS.search(text) is None and NON_ASCII_PAIR.search(text) is None


def test_badness_needs_a_non_ascii_pair_or_a_marked_character():
    """Every string of up to two characters of ftfy's badness categories, of three of the badness alphabet, and of five alternating ASCII
    and non-ASCII: where the gate lets a text past the fixers, ftfy's badness check finds nothing."""
    from ftfy.badness import is_bad

    alphabet, every = badness_alphabet(), badness_alphabet(every_member=True)
    others = [c for c in alphabet if not c.isascii()]
    ascii_characters = [c for c in alphabet if c.isascii()]
    texts = ["".join(t) for n in (1, 2) for t in itertools.product(every, repeat=n)]
    texts += ["".join(t) for t in itertools.product(alphabet, repeat=3)]
    texts += ["".join(t) for t in itertools.product(ascii_characters, others, ascii_characters, others[::7], " a")]
    passed = [t for t in texts if gate_passes(t)]
    assert len(passed) > 10_000 and sum(map(is_bad, texts)) > 1000
    assert [t for t in passed if is_bad(t)] == []


def test_badness_marks_are_the_characters_of_ftfys_categories_and_literal_alternatives():
    from ftfy.badness import MOJIBAKE_CATEGORIES

    from citekit.repair.ftfy_gate import BADNESS_MARKS

    categories = ["c1", "bad", "box", "start_punctuation", "end_punctuation", "currency", "numeric", "law", "upper_accented"]
    members = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    expected = {c for c in members for name in categories if re.fullmatch(f"[{MOJIBAKE_CATEGORIES[name]}]", c)}
    assert {c for c in members if BADNESS_MARKS.fullmatch(c)} == expected | set("°ŒœÙЂ")


# One string for each alternative of ftfy's badness regex that holds a literal character.
LITERAL_ALTERNATIVES = ["Œ1", "É°", "Îš", "Ðž", "×²", "ØŠØŸ", "Ù·Ù»", "à²", "√±", "≈°", "‚Äì", "‚âà", "вЂ", "В°В", "ГўВЂВ™x",
                        "Ã\xa0", "aÃ ", "Â ", "a Â “", "β€™", "Β°Β", "ā€"]


def test_every_badness_match_holds_a_badness_mark():
    """Every string of up to two characters of ftfy's categories, of three of the badness alphabet, and
    one for each literal alternative: where ftfy's badness check fires, a badness mark is found."""
    from ftfy.badness import is_bad

    from citekit.repair.ftfy_gate import BADNESS_MARKS

    every = badness_alphabet(every_member=True)
    texts = ["".join(t) for n in (1, 2) for t in itertools.product(every, repeat=n)]
    texts += ["".join(t) for t in itertools.product(badness_alphabet(), repeat=3)] + LITERAL_ALTERNATIVES
    assert all(map(is_bad, LITERAL_ALTERNATIVES)) and sum(map(is_bad, texts)) > 10_000
    assert [t for t in texts if is_bad(t) and not BADNESS_MARKS.search(t)] == []


# Characters that start each fixer: Thai (TIS-620), cp437 box drawing, invisible, controls, C1, and
# letters, punctuation and combining marks genuine text holds.
TEXT_ALPHABET = st.sampled_from(list("ab Zé—’“”×±üñÅ\u0301\u00a0\u00ad\u200b\ufeff\x0b\x85\u0e01\u0e40\u0e48├╝Ã©Â\u0153\t\n"))


TEXTS_ALPHABET_WITH_CP437 = st.one_of(TEXT_ALPHABET, st.sampled_from(list("≥ƒΓ╬▀∙⌐")))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(TEXT_ALPHABET, st.sampled_from(["Müller", "MÃ¼ller", "M├╝ller", "naïve", " — "])),
                max_size=12).map("".join))
@example("Beyond LLMs — a study of × and ± in “quotes”")
@example("Ã© alone")
def test_gate_gives_the_full_path_repair(text):
    """repair_text with the gate equals repair_text with every fixer run."""
    gated = repair_text(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(encoding, "FIXER_MARKS", re.compile(""))  # matches everywhere: no shortcut
        patch.setattr(encoding, "is_clean", lambda text: False)
        full = repair_text(text)
    assert gated == full


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(TEXTS_ALPHABET_WITH_CP437, st.sampled_from(["Müller", "MÃ¼ller", "M├╝ller", " — ", "x ≥ y", "Œuvre"])),
                max_size=12).map("".join))
@example("Beyond LLMs — a study of × and ± in “quotes” with ≥ 3 runs")
@example("x ≥ y")
def test_a_clean_text_is_one_no_fixer_changes(text):
    """is_clean, repair_text's first check, says clean only of a text the fixers leave as it is."""
    if encoding.is_clean(text):
        assert encoding.repair_once(text) == encoding.TextRepair(text, ())


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(list("ab ~\x7f\x1féü—\u0301\ud800\U0001f600") + ["é\u0301", "a b", "ü—"]), max_size=14).map("".join))
@example("\ud83d\ude00")  # a surrogate pair stays two characters
@example("naïve café — déjà vu")
@example("éaé")  # the same character again, apart
@example("aéé")
@example("é a é a é éé")
@example("α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρ σ")  # many: one scan for runs
@example("α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρσ")
def test_characters_stand_alone_as_a_scan_for_runs_tells(text):
    """The characters outside printable ASCII, taken from the UTF-8 bytes, are those of the runs a scan
    finds, and stand_alone's substring searches agree with counting the runs."""
    runs = encoding.OUTSIDE_PRINTABLE_ASCII.findall(text)
    outside = encoding.outside_printable_ascii(text)
    assert outside == "".join(runs)
    assert encoding.stand_alone(text, outside) == (len(runs) == len(outside))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.one_of(TEXT_ALPHABET, st.sampled_from(["Müller", "Þó", " — ", "x ≥ y", "MÃ¼ller"])),
                         max_size=6).map("".join), max_size=4))
@example(["a ", "b"])
@example(["a", " b"])
@example(["é", "é"])
@example(["", "clean"])
def test_texts_are_all_clean_as_each_is(texts):
    """all_clean (one check of the texts joined by spaces) says clean only when is_clean says so of each,
    and says so whenever it does and no text is empty."""
    each = all(map(encoding.is_clean, texts))
    if encoding.all_clean(texts):
        assert each
    if "" not in texts:
        assert encoding.all_clean(texts) == each


def test_a_lone_cp437_only_character_is_clean_next_to_any_ascii():
    """Every cp437-only character (box drawing, Greek, maths) between printable ASCII characters: the
    clean check lets it through, and it is no mojibake to any fixer (a cp437 run needs two characters)."""
    lone = [chr(c) for c in range(0x80, 0x10000) if encoding.CP437_ONLY.fullmatch(chr(c)) and chr(c).isprintable()]
    neighbours = "aZ09 .,-'\"(/_~"
    texts = [f"x{before}{char}{after}y" for char in lone for before in neighbours for after in neighbours]
    assert len(lone) > 300 and all(map(encoding.is_clean, texts))
    assert [text for text in texts if encoding.repair_once(text) != encoding.TextRepair(text, ())] == []


def test_a_lone_character_is_clean_only_where_no_fixer_starts_from_it():
    """Every character of U+0080-U+2FFF and U+FE00-U+FFFF alone between ASCII letters and spaces: where the
    clean check lets the text through, the fixers leave it as it is (a lone 'Â ' is still mojibake, a
    lone Thai letter may be a lost byte)."""
    chars = [chr(c) for c in [*range(0x80, 0x3000), *range(0xFE00, 0x10000)]]
    texts = [f"x{before}{char}{after}y" for char in chars for before in "a " for after in "a "]
    clean = [text for text in texts if encoding.is_clean(text)]
    assert len(clean) > 30_000
    assert [text for text in clean if encoding.repair_once(text) != encoding.TextRepair(text, ())] == []


def test_no_composition_joins_an_ascii_character_and_a_character_that_is_no_combining_mark():
    """is_clean tells a text is in NFC from its lone characters outside ASCII: that holds when every
    canonical pair starting with an ASCII character ends with a combining mark (é = e + U+0301,
    ≮ = < + U+0338), and when a lone character in NFC stays in NFC between ASCII characters."""
    import unicodedata

    pairs = [(code, decomposition) for code in range(0x80, 0x110000)
             if len(decomposition := unicodedata.decomposition(chr(code)).split()) == 2 and not decomposition[0].startswith("<")]
    ascii_first = [(code, second) for code, (first, second) in pairs if int(first, 16) < 0x80]
    assert len(ascii_first) > 300
    assert [code for code, second in ascii_first if not unicodedata.combining(chr(int(second, 16)))] == []
    lone = [chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c <= 0xDFFF and not unicodedata.combining(chr(c))
            and unicodedata.is_normalized("NFC", chr(c))]
    assert [c for c in lone for text in (f"e{c}e", f"<{c}>", f"A{c}") if not unicodedata.is_normalized("NFC", text)] == []


SPACES = st.sampled_from(list("ab é ") + ["  ", "\t", "\n", " \n", "\n ", "\xa0", "\u2003", "\u202f", "\x0c", "\x00",
                                            "\x85", "\u2028", "\x1c", "\u200b"])


@settings(max_examples=400, deadline=None)
@given(st.lists(SPACES, max_size=10).map("".join))
def test_messy_space_is_what_tidy_space_would_change(text):
    assert encoding.has_messy_space(text) == (encoding.tidy_space(text) != text)
