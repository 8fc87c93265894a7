"""repair_text on damaged and on genuine text; cases live in tests/fixtures/encoding/."""
from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from citekit.repair.encoding import repair_text
from citekit.resolve.people import pattern_start

FIXTURES = Path(__file__).parent / "fixtures" / "encoding"
SEEDS = Path(__file__).parent.parent / "seeds"


def lines_of(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")]


def damaged_in_transit(text: str) -> str:
    """UTF-8 bytes 0x80-0x9F dropped (TIS-620 has no character for them), the rest read as cp874."""
    return bytes(b for b in text.encode("utf-8") if not 0x80 <= b <= 0x9F).decode("cp874")


FIXER_CASES = json.loads((FIXTURES / "fixer-cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", FIXER_CASES, ids=[c["label"] for c in FIXER_CASES])
def test_fixer_repairs_its_damage(case):
    result = repair_text(case["damaged"])
    assert result.text == case["expect"]
    assert case["fixer"] in result.fixers


@pytest.mark.parametrize("text", lines_of("genuine-text.txt"))
def test_genuine_text_is_left_alone(text):
    result = repair_text(text)
    assert result == type(result)(text, ())


@pytest.mark.parametrize("name", lines_of("lost-byte-names.txt"))
def test_lost_byte_is_recovered_by_the_letter_model(name):
    damaged = damaged_in_transit(name)
    assert damaged != name
    result = repair_text(damaged)
    assert result.text == name
    assert result.uncertain and "tis620_lost_bytes" in result.fixers
    assert re.fullmatch(result.pattern, name)


@pytest.mark.parametrize("name", lines_of("lost-byte-ambiguous.txt"))
def test_undecided_lost_byte_keeps_a_candidate_and_a_pattern_of_all(name):
    result = repair_text(damaged_in_transit(name))
    assert result.uncertain
    assert re.fullmatch(result.pattern, name), "the true name must be among the candidates"
    assert re.fullmatch(result.pattern, result.text)
    assert not re.search("[\u0e00-\u0e7f]", result.text)


SEED_NAMES = [
    # (damaged as printed in seed 000, expected) — the seed's own damage, judged by the model.
    ("Sรถren", "Sören", False),
    ("Noemรญ", "Noemí", False),
    ("Pondรฉ", "Pondé", False),
    ("Jรณzefowicz", "Józefowicz", False),
    ("Lukoลกiลซtฤ", "Lukošiūtė", True),
    ("Kamilฤ", "Kamilė", True),
    ("Dฤbiak", "Dębiak", True),
    ("Przemysลaw", "Przemysław", True),
]


@pytest.mark.parametrize("damaged,expect,lost", SEED_NAMES, ids=[e for _, e, _ in SEED_NAMES])
def test_seed_names(damaged, expect, lost):
    assert damaged in (SEEDS / "000_b3375cc62fb1cf79.txt").read_text(encoding="utf-8")
    result = repair_text(damaged)
    assert result.text == expect
    assert result.uncertain is lost
    assert (result.pattern is not None) is lost
    if lost:
        assert re.fullmatch(result.pattern, expect)


def test_every_name_part_of_the_damaged_seed_is_repaired():
    text = (SEEDS / "000_b3375cc62fb1cf79.txt").read_text(encoding="utf-8")
    parts = {p.strip() for line in text.split("\n") for p in line.split(",") if re.search("[\u0e00-\u0e7f]", p)}
    assert len(parts) >= 8
    for part in parts:
        repaired = repair_text(part).text
        assert not re.search("[\u0e00-\u0e7f]", repaired), part
        assert repaired == unicodedata.normalize("NFC", repaired)


def test_cleaner_sighting_in_another_seed_matches_the_pattern():
    clean = (SEEDS / "003_40361f2208cb66e1.txt").read_text(encoding="utf-8")
    assert "Kamilė Lukošiūtė" in clean
    assert re.fullmatch(repair_text("Lukoลกiลซtฤ").pattern, "Lukošiūtė")
    assert re.fullmatch(repair_text("Kamilฤ").pattern, "Kamilė")


def test_lost_combining_mark_of_nfd_text_composes():
    result = repair_text(damaged_in_transit("Jose\u0301 Garci\u0301a"))
    assert result.text == "José García"
    assert re.fullmatch(result.pattern, "José García")


def test_certain_repair_has_no_pattern():
    result = repair_text(damaged_in_transit("Dušan Žižek"))
    assert (result.text, result.pattern, result.uncertain) == ("Dušan Žižek", None, False)


def test_ascii_fast_path_names_no_fixer():
    assert repair_text("Attention Is All You Need") == repair_text("Attention Is All You Need")
    assert repair_text("Attention Is All You Need").fixers == ()


def test_word_lists_are_loaded_only_when_a_byte_was_lost():
    script = (
        "import sys\n"
        "from citekit.repair.encoding import repair_text\n"
        "for t in ['Müller', 'MÃ¼ller', 'Sรถren', 'ภาษาไทย', 'Παπαδόπουλος', 'plain ascii']:\n"
        "    repair_text(t)\n"
        "assert 'wordfreq' not in sys.modules\n"
        "repair_text('Kamilฤ')\n"
        "assert 'wordfreq' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_ftfy_is_imported_only_when_a_text_may_be_mojibake():
    """Clean text, also with accented letters side by side (which ftfy's badness regex must judge),
    leaves the ftfy package unimported; mojibake imports it and is repaired."""
    script = (
        "import sys\n"
        "from citekit.repair.encoding import repair_text\n"
        "for t in ['Þórunn Dvořák', 'Müller', 'Παπαδόπουλος', 'São Paulo–Rio', 'plain ascii']:\n"
        "    assert repair_text(t).text == t\n"
        "assert not [m for m in sys.modules if m.startswith(('ftfy', 'wcwidth'))], sys.modules.keys()\n"
        "assert repair_text('MÃ¼ller').text == 'Müller'\n"
        "assert 'ftfy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_badness_regex_run_on_its_own_is_ftfys():
    """The regex loaded from ftfy/badness.py alone (in a process without ftfy) is ftfy.badness.BADNESS_RE."""
    script = (
        "import sys\n"
        "from citekit.repair.ftfy_gate import badness_regex\n"
        "alone = badness_regex()\n"
        "assert 'ftfy' not in sys.modules\n"
        "from ftfy.badness import BADNESS_RE\n"
        "assert (alone.pattern, alone.flags) == (BADNESS_RE.pattern, BADNESS_RE.flags)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_controls_ftfy_removes_are_spelled_out_as_ftfy_lists_them():
    from ftfy.chardata import CONTROL_CHARS

    from citekit.repair.ftfy_gate import FTFY_REMOVES

    removed = {code for code in range(0x110000) if FTFY_REMOVES.fullmatch(chr(code))}
    assert removed == set(CONTROL_CHARS) | set(range(0xD800, 0xE000))


LATIN_NAME_LETTERS = "aąbcćčdďeęėěēfgğhiīįjklłmnńňņoóőprřsśšştťuūůűųvwyzźżžAĄBCĆČDĘĖĒGĞIĪKLŁMNŃOPRŘSŚŠŞTUŪVZŹŻŽ"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("BDKLMPSTWZ"), st.text(LATIN_NAME_LETTERS, min_size=1, max_size=10)),
                min_size=1, max_size=3))
def test_pattern_always_matches_the_true_text(words):
    """Whatever the model picks, the regex fullmatches the undamaged text. Each word starts with an
    ASCII capital: damage with no Latin letter beside it is, by design, not taken for mojibake."""
    original = " ".join(first + rest for first, rest in words)
    result = repair_text(damaged_in_transit(original))
    if result.pattern is None:
        assert result.text == original
    else:
        assert re.fullmatch(result.pattern, original)
        assert re.fullmatch(result.pattern, result.text)
        start = pattern_start(result.pattern)  # what people.py blocks clean sightings by
        assert start is None or original.startswith(start) and result.text.startswith(start)


CONVERTERS = [
    # How a converter may treat the bytes TIS-620 has no character for.
    {"label": "kept as C1 controls (Python's tis-620 codec)", "decode": lambda b: b.decode("tis-620", "replace"), "certain": True},
    {"label": "replaced by U+FFFD", "decode": lambda b: b.decode("cp874", "replace").replace("\u20ac", "\ufffd"), "certain": False},
    {"label": "kept as cp874 punctuation where cp874 has some", "decode": lambda b: b.decode("cp874", "replace"), "certain": None},
]


@pytest.mark.parametrize("converter", CONVERTERS, ids=[c["label"] for c in CONVERTERS])
@pytest.mark.parametrize("name", ["Wałęsa", "Kęstutis Žemaitė", "Ørsted’s “test”", "Ionuț Mărgineanu"])
def test_other_converters_of_the_same_damage(converter, name):
    result = repair_text(converter["decode"](name.encode("utf-8")))
    assert result.text == name
    if converter["certain"] is not None:
        assert result.uncertain is not converter["certain"]
    if result.pattern:
        assert re.fullmatch(result.pattern, name)


def badness_alphabet() -> list[str]:
    """One character of each of ftfy's mojibake categories, the characters its badness regex names
    one by one, and ASCII of each kind the regex looks at (letters, punctuation, spaces, digits)."""
    from ftfy.badness import MOJIBAKE_CATEGORIES

    members = [chr(i) for i in range(0x10000) if not 0xD800 <= i <= 0xDFFF]
    chosen = {next(c for c in members if re.fullmatch(f"[{chars}]", c)) for chars in MOJIBAKE_CATEGORIES.values()}
    chosen |= set("ÂÃÎÐØÙàâóä√≈‚вЂВГРСβ€ΆΒΓΞΟāŒœ×²³°µ»·´–—ŸŠšž¡")
    return sorted(chosen | set("aZ., \n1_"))


def test_ftfy_is_skipped_only_where_its_badness_check_finds_nothing():
    """Every string of up to three characters of ftfy's badness alphabet (and of four starting with
    two ASCII characters): the gate before ftfy
    says 'changes' exactly when ftfy's is_bad does (matches start up to two characters before
    the non-ASCII character they hold)."""
    from ftfy.badness import is_bad

    from citekit.repair.ftfy_gate import ftfy_would_change

    alphabet = badness_alphabet()
    ascii_letters = [c for c in alphabet if c.isascii()]
    texts = ["".join(t) for n in (1, 2, 3) for t in itertools.product(alphabet, repeat=n)]
    texts += ["".join(t) for t in itertools.product(ascii_letters, ascii_letters, alphabet, alphabet)]
    disagree = [t for t in texts if ftfy_would_change(t) != is_bad(t)]
    assert sum(map(is_bad, texts)) > 1000
    assert disagree == []


@pytest.mark.parametrize("text", ["plain\x0bvertical tab é", "zero\u206awidth é", "bom\ufeff in é", "object \ufffc é", "lone \ud800 surrogate é"])
def test_ftfy_is_not_skipped_for_controls_it_removes(text):
    from citekit.repair.ftfy_gate import ftfy_fixer, ftfy_would_change

    assert ftfy_fixer()(text).text != text
    assert ftfy_would_change(text)


def test_ftfy_gate_agrees_with_ftfy_on_real_text():
    """On the damaged fixture texts, the genuine ones and every seed line, the gate says 'changes'
    exactly when ftfy's badness check fires or ftfy changes the text."""
    from ftfy.badness import is_bad

    from citekit.repair.ftfy_gate import ftfy_fixer, ftfy_would_change

    lines = {line for path in SEEDS.glob("*.txt") for line in path.read_text(encoding="utf-8", errors="replace").split("\n")}
    lines |= {case["damaged"] for case in FIXER_CASES} | set(lines_of("genuine-text.txt"))
    verdicts = {line: is_bad(line) or ftfy_fixer()(line).text != line for line in lines}
    assert sum(verdicts.values()) >= 5, "the fixtures hold mojibake ftfy repairs"
    assert {line: ftfy_would_change(line) for line in lines} == verdicts


PATTERN_STARTS = [
    {"label": "plain text first", "pattern": "Drago[łń]", "start": "D"},
    {"label": "escaped space first", "pattern": "\\ x[ab]", "start": " "},
    {"label": "escaped dot first", "pattern": "\\.[ab]", "start": "."},
    {"label": "lost letter first", "pattern": "[ŁŃ]ukasz", "start": None},
    {"label": "lost letters of several lengths first", "pattern": "(?:ab|c)d", "start": None},
    {"label": "empty", "pattern": "", "start": None},
]


@pytest.mark.parametrize("case", PATTERN_STARTS, ids=[c["label"] for c in PATTERN_STARTS])
def test_pattern_start_is_the_first_character_of_every_match(case):
    assert pattern_start(case["pattern"]) == case["start"]


HORIZONTAL = set(" \t\x7f\x85\u00a0\u2028\u2029\u202f\u205f") | {chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x2000, 0x200B)}


def tidy_by_hand(text: str) -> str:
    """tidy_space's promise, character by character: horizontal space runs -> one space, lines and text stripped."""
    lines = []
    for line in text.split("\n"):
        out: list[str] = []
        for ch in line:
            if ch in HORIZONTAL:
                if not out or out[-1] != " ":
                    out.append(" ")
            else:
                out.append(ch)
        lines.append("".join(out).strip())
    return "\n".join(lines).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(" \t\n\x0b\x1c\x85\u00a0\u2003\u2028\u3000\u1680aé-", max_size=10))
@example("a ")
@example(" a")
@example("a\u3000")
@example("a\u3000\nb")
@example("a  b")
@example("\na")
def test_tidy_space_keeps_its_promise_on_every_kind_of_space(text):
    from citekit.repair.encoding import tidy_space

    assert tidy_space(text) == tidy_by_hand(text)


@pytest.mark.parametrize("label, text", [
    # ftfy sees MacRoman mojibake only once the no-break space has become a plain space
    ("no-break space before mojibake", "0\u00a0Àª"),
    ("seed-like title with a no-break space", "Learning\u00a0to Rank with Ã©lan"),
    ("clean text", "Grüße aus Köln"),
])
def test_a_repaired_text_repairs_to_itself(label, text):
    once = repair_text(text).text
    assert repair_text(once).text == once, label


def test_a_text_repaired_from_tis620_is_not_passed_to_ftfy_again():
    # Found by the property above: a second pass let ftfy read the repaired "ĄŁŹ" as mojibake of a Hangul letter.
    original = "BŽ BpĄŁŹ"
    result = repair_text(damaged_in_transit(original))
    assert result.fixers[0] == "tis620_lost_bytes"
    assert "ftfy" not in "+".join(result.fixers)
    assert re.fullmatch(result.pattern, original) and re.fullmatch(result.pattern, result.text)
