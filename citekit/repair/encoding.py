"""Repair a field's text encoding: ftfy first, then our fixers for what it misses, then NFC and whitespace.

ftfy undoes UTF-8 read as Windows-1252 / Latin-1 (also twice), with its quote, width and
ligature changes switched off so titles stay byte-preserved otherwise. Our fixers add UTF-8
read as cp437 and as TIS-620 (Thai), where bytes 0x80-0x9F were lost; a lost byte is chosen by
the plausibility model, the repair is marked uncertain and a regex of every candidate travels
with it. Text that is ASCII, or holds no character mojibake is made of, returns at once.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, NamedTuple

from citekit.printable import PRINTABLE_ASCII, outside_printable_ascii
from citekit.repair.ftfy_gate import FTFY_REMOVES_CHARACTERS, fix_with_ftfy
from citekit.repair.lost_bytes import Slot, find_damage
from citekit.repair.lost_choice import choose_slots

# What mojibake is made of: Latin-1/cp1252 letters and symbols (every UTF-8 continuation byte read
# as cp1252, Latin-1 or cp437 lands here or in box drawing), Thai, box drawing, combining marks (NFD),
# invisible characters, the replacement character, and cp1251's Р/С (leads of Cyrillic read as cp1251).
SUSPICIOUS = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u0300-\u036f"
    "\u0420\u0421\u0e00-\u0e7f\u200b-\u200f\u2013-\u2026\u2030\u2039\u203a\u20a7\u20ac\u2122"
    "\u2310\u2500-\u25a0\ufeff\ufffd]"
)
ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
# Control characters pasted into a field (form feed, NUL, DEL, line separators) print as nothing or
# break LaTeX; they become a space like the other odd spaces.
CONTROL_SPACE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
HORIZONTAL_SPACE = re.compile("[ \t\x00-\x08\x0b-\x1f\x7f\x85\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f]+")
INVISIBLE_CHARACTERS = "\u00ad\u200b\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
CP437_ONLY_CHARACTERS = "\u0192\u0393-\u03c6\u207f\u20a7\u2219-\u2265\u2310-\u2321\u2500-\u25a0"
CP437_RUN = re.compile(f"[\u00a0-\u00ff{CP437_ONLY_CHARACTERS}]{{2,}}")
CP437_ONLY = re.compile(f"[{CP437_ONLY_CHARACTERS}]")
# Every badness match holds two adjacent non-ASCII characters, or one of these (C1 controls, Œ œ Â Ã),
# which match next to ASCII. A text with neither, and with no character another fixer starts from
# (Thai for TIS-620, cp437-only, invisible), is left as it is by every fixer but NFC and whitespace:
# two C-level scans instead of one per fixer and ftfy's per-character loop, for most non-ASCII text.
NON_ASCII_PAIR = re.compile("[^\x00-\x7f][^\x00-\x7f]")
FIXER_MARKS = re.compile(f"[\u0e01-\u0e5b{CP437_ONLY_CHARACTERS}{INVISIBLE_CHARACTERS}{FTFY_REMOVES_CHARACTERS}"
                         "\x80-\x9f\u0152\u0153\u00c2\u00c3]")
# A text with no two neighbouring characters outside printable ASCII is told clean from those few
# characters (C-level passes find them): a cp437-only character alone is no mojibake (cp437 runs and
# ftfy's badness both need a non-ASCII neighbour); one of these still starts a fixer.
OUTSIDE_PRINTABLE_ASCII = re.compile("[^\x20-\x7e][^\x20-\x7e]*")
LONE_FIXER_MARKS = re.compile(f"[\u0e01-\u0e5b{INVISIBLE_CHARACTERS}{FTFY_REMOVES_CHARACTERS}\x80-\x9f\u0152\u0153\u00c2\u00c3]")


class TextRepair(NamedTuple):
    """A repaired text and how it was repaired (a NamedTuple: one is made for every distinct text of a run).

    `pattern` (only when bytes were lost) is a regex that fullmatches every candidate repair, so
    a cleaner sighting elsewhere can settle the guess; `uncertain` says the model chose a lost byte.
    """

    text: str
    fixers: tuple[str, ...]
    pattern: str | None = None
    uncertain: bool = False


TIS620_FIXERS = frozenset({"tis620_mojibake", "tis620_lost_bytes"})


def repair_text(text: str) -> TextRepair:
    """`text` with mojibake undone, NFC, tidy whitespace; unchanged (fixers=()) when nothing looks wrong.

    Genuine Greek, Cyrillic, CJK, Thai and Latin letters are never changed. A repaired text repairs
    to itself: a text one pass changed is passed again until it stands (ftfy may only see mojibake
    once a no-break space has become a space), so exporting citekit's own output changes nothing.
    """
    if is_clean(text):
        return TextRepair(text, ())
    result = repair_once(text)
    for _ in range(2):
        # Text decoded from TIS-620 mojibake is final: another pass would let ftfy misread its letters.
        if not result.fixers or result.fixers[0] in TIS620_FIXERS:
            break
        again = repair_once(result.text)
        if again.text == result.text:
            break
        result = TextRepair(again.text, result.fixers + tuple(f for f in again.fixers if f not in result.fixers),
                            result.pattern or again.pattern, result.uncertain or again.uncertain)
    return result


def is_clean(text: str) -> bool:
    """True only when repair_once leaves `text` as it is with no fixer: tidy printable text, in NFC,
    whose characters outside ASCII stand alone and start no fixer (most titles and abstracts)."""
    if text.isascii():  # printable when deleting the printable bytes leaves nothing (faster than isprintable)
        return (not text.encode().translate(None, PRINTABLE_ASCII) and "  " not in text
                and text[:1] != " " and text[-1:] != " ")
    outside = outside_printable_ascii(text)
    # NFC composes a character with an ASCII neighbour only when it is a combining mark, so lone
    # characters that are no marks and are in NFC themselves leave the whole text in NFC.
    return (outside.isprintable() and LONE_FIXER_MARKS.search(outside) is None
            and "  " not in text and text[0] != " " and text[-1] != " " and stand_alone(text, outside)
            and not any(map(unicodedata.combining, outside)) and unicodedata.is_normalized("NFC", outside))


def all_clean(texts: Iterable[str]) -> bool:
    """True only when each of `texts` is_clean (and, when none is empty, exactly then): one check of the
    texts joined by single spaces, as an edge space of one becomes a double or an edge space there."""
    return is_clean(" ".join(texts))


def stand_alone(text: str, outside: str) -> bool:
    """True when no two of `outside`, the characters of `text` outside printable ASCII in order, are
    neighbours in `text`. Each is found by a search from the one before it (the first such character
    there is it), so a few searches go over the text once; many (Greek, CJK) are told by one scan for runs."""
    if len(outside) < 2:
        return True
    if len(outside) > 16:
        return len(OUTSIDE_PRINTABLE_ASCII.findall(text)) == len(outside)
    at = text.find(outside[0])
    for char in outside[1:]:
        following = text.find(char, at + 1)
        if following == at + 1:
            return False
        at = following
    return True


def repair_once(text: str) -> TextRepair:
    """One pass of repair_text's fixers over `text`."""
    if text.isascii() or not SUSPICIOUS.search(text):
        if not has_messy_space(text):
            return TextRepair(text, ())
        tidy = tidy_space(text)
        return TextRepair(tidy, ("whitespace",) if tidy != text else ())
    fixers: list[str] = []
    current = text
    if FIXER_MARKS.search(text) is None and NON_ASCII_PAIR.search(text) is None:
        return finish_repair(text, fixers)
    # TIS-620 first: ftfy would turn the C1 controls that keep its lost bytes into cp1252 punctuation.
    pattern, uncertain = None, False
    slots = find_damage(current)
    if slots is not None:
        chosen = choose_slots(slots)
        fixers.append("tis620_mojibake" if all(len(slot) == 1 for slot in slots) else "tis620_lost_bytes")
        current = "".join(chosen)
        if any(len(slot) > 1 for slot in slots):
            pattern, uncertain = slots_pattern(slots), True
    # Text just decoded from TIS-620 mojibake is not mojibake of another kind: ftfy could only misread it.
    others = (("invisible_chars", drop_invisible),) if slots is not None else (
        ("ftfy", fix_with_ftfy), ("cp437_mojibake", fix_cp437), ("invisible_chars", drop_invisible))
    for name, fixer in others:
        result, names = fixer(current)
        if result != current:
            fixers.extend(names or [name])
            current = result
    return finish_repair(current, fixers, pattern, uncertain)


def finish_repair(text: str, fixers: list[str], pattern: str | None = None, uncertain: bool = False) -> TextRepair:
    """The repair of `text` after the encoding fixers (`fixers` names those that changed it): NFC, tidy whitespace."""
    for name, fixer in (("nfc", to_nfc), ("whitespace", tidy_space)):
        result = fixer(text)
        if result != text:
            fixers.append(name)
            text = result
    return TextRepair(text, tuple(fixers), pattern, uncertain)


def has_messy_space(text: str) -> bool:
    """True when tidy_space would change the text (plain substring tests: this runs on every field)."""
    if text.isprintable():  # then its only whitespace is " " (see is_tidy_line)
        return "  " in text or text[:1] == " " or text[-1:] == " "
    return ("\t" in text or "  " in text or " \n" in text or "\n " in text or text[:1].isspace()
            or text[-1:].isspace() or not text.isascii() and ODD_SPACE.search(text) is not None
            or CONTROL_SPACE.search(text) is not None)


def fix_cp437(text: str) -> tuple[str, list[str]]:
    """UTF-8 read as cp437 (M├╝ller): runs with a cp437-only character whose bytes are valid UTF-8."""

    def undo(match: re.Match) -> str:
        run = match.group()
        if not CP437_ONLY.search(run):
            return run
        try:
            return run.encode("cp437").decode("utf-8")
        except UnicodeError:
            return run

    if not CP437_ONLY.search(text):  # every repaired run holds one; a plain search is cheaper than the run scan
        return text, []
    fixed = CP437_RUN.sub(undo, text)
    return fixed, ["cp437_mojibake"] if fixed != text else []


def drop_invisible(text: str) -> tuple[str, list[str]]:
    """Soft hyphens, zero-width spaces and stray BOMs removed: invisible in print, harmful in keys and matching."""
    fixed = INVISIBLE.sub("", text)
    return fixed, ["invisible_chars"] if fixed != text else []


def to_nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_tidy_line(text: str) -> bool:
    """True when `text` is one line whose only whitespace is single inner spaces.

    Printable text holds no whitespace but " " (line breaks, tabs, NBSPs are Cc/Z*), so a few
    C-level checks replace a whitespace split of a long abstract."""
    return text.isprintable() and "  " not in text and not text[:1].isspace() and not text[-1:].isspace()


def tidy_space(text: str) -> str:
    """Tabs, NBSPs, control characters and runs of spaces become one space; lines and the text are stripped."""
    if is_tidy_line(text):
        return text
    lines = (HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def attach_marks(slots: list[Slot]) -> list[Slot]:
    """Slots in which a lost combining mark carries its base letter, so NFC composes them as the text does."""
    result: list[Slot] = []
    for slot in slots:
        marks = len(slot) > 1 and all(unicodedata.category(o[:1]).startswith("M") for o in slot)
        if marks and result and len(result[-1]) == 1 and result[-1][0]:
            base = result[-1][0]
            result[-1] = (base[:-1],)
            slot = tuple(base[-1] + option for option in slot)
        result.append(slot)
    return [slot for slot in result if slot != ("",)]


def slots_pattern(slots: list[Slot]) -> str:
    """A regex fullmatching every way of filling the slots, in NFC with tidy whitespace."""
    slots = attach_marks(slots)
    parts: list[str] = []
    for index, slot in enumerate(slots):
        options = sorted({to_nfc(option) for option in slot}, key=lambda o: (-len(o), o))
        if len(options) == 1:
            text = options[0]
            text = HORIZONTAL_SPACE.sub(" ", text)
            if index == 0:
                text = text.lstrip()
            if index == len(slots) - 1:
                text = text.rstrip()
            parts.append(re.escape(text))
        elif all(len(o) == 1 for o in options):
            parts.append("[" + "".join(re.escape(o) for o in options) + "]")
        else:
            parts.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
    return "".join(parts)
