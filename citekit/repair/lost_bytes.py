"""UTF-8 that was decoded as TIS-620 / cp874 (Thai): get the bytes back, and list what lost bytes could have been.

A run of Thai characters is turned back into its cp874 bytes and parsed as UTF-8 in which a
continuation byte 0x80-0x9F may be missing (TIS-620 has no character for it, so it was lost).
Each missing byte becomes a Slot: the tuple of characters it could have completed. A run counts
as mojibake only when its bytes parse this way, lost bytes only complete Latin letters, combining
marks or punctuation, and it sits next to Latin text; a text holding any Thai run that does not
parse is genuine Thai and is left alone.
"""
from __future__ import annotations

import itertools
import re
import unicodedata

Slot = tuple[str, ...]  # the candidates for one stretch of text; a 1-tuple is certain

# Thai letters, then the cp874 extras that stand for bytes 0x80-0x9F / 0xA0 when a converter kept them.
# Inside a run, a C1 control is a byte 0x80-0x9F a converter kept (Python's tis-620 codec does), and
# U+FFFD a byte it replaced instead of dropping: known to be lost, one each.
THAI_RUN = re.compile("[\u0e01-\u0e5b][\u0e01-\u0e5b\u20ac\u2026\u2018-\u201d\u2022\u2013\u2014\u00a0\u0080-\u009f\ufffd]*")
MARKED_LOST = -1
EXTRAS = "\u20ac\u2026\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u00a0"
# Lead bytes whose missing continuation can only complete something a Latin text holds.
LOSSY_LEADS = frozenset({0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xCC, 0xE2})
MAX_ALTERNATIVES = 64
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def lost_candidate_ok(char: str) -> bool:
    """True for what a lost byte may complete: a Latin letter, a combining mark, or punctuation/symbols."""
    code = ord(char)
    if 0xC0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF:
        return char.isalpha()
    if 0x300 <= code <= 0x36F:
        return True
    return (0x2010 <= code <= 0x2027 or 0x2030 <= code <= 0x205E or 0x20A0 <= code <= 0x20BF
            or 0x2100 <= code <= 0x214F or 0x2190 <= code <= 0x21FF or 0x2200 <= code <= 0x22FF)


def certain_char_ok(char: str) -> bool:
    """True for a character a complete byte sequence may decode to: anything printable."""
    return unicodedata.category(char) not in ("Cc", "Cf", "Cn", "Co", "Cs")


def sequence_options(data: tuple[int, ...], start: int) -> list[tuple[Slot, int]]:
    """Ways the UTF-8 sequence at `start` can be read: (slot, bytes consumed), lost continuations allowed.

    A MARKED_LOST byte is consumed like a present one but completed like a lost one.
    """
    lead = data[start]
    size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
    if not size:
        return []
    options = []
    for shape in itertools.product((True, False), repeat=size - 1):  # True: the byte is present
        present = data[start + 1:start + 1 + sum(shape)]
        if len(present) < sum(shape) or any(not (0x80 <= b <= 0xBF or b == MARKED_LOST) for b in present):
            continue
        if False in shape and (lead not in LOSSY_LEADS or size == 4):
            continue
        lost = shape.count(False) + present.count(MARKED_LOST)
        chars = set()
        for filler in itertools.product(range(0x80, 0xA0), repeat=lost):
            fill, given, sequence = iter(filler), iter(present), bytearray([lead])
            for keep in shape:
                byte = next(given) if keep else MARKED_LOST
                sequence.append(next(fill) if byte == MARKED_LOST else byte)
            try:
                char = sequence.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if (lost_candidate_ok if lost else certain_char_ok)(char):
                chars.add(char)
        if lost == 2:  # a bare lead with both continuations lost: only a dash or a quote is worth the guess
            chars = {c for c in chars if "\u2010" <= c <= "\u201f"}
        if chars:
            options.append((tuple(sorted(chars)), 1 + len(present)))
    return options


def parse_run(data: tuple[int, ...]) -> list[tuple[Slot, ...]]:
    """Every reading of `data` as UTF-8 with lost continuations, as slot sequences (at most MAX_ALTERNATIVES)."""
    readings: list[tuple[Slot, ...]] = []

    def walk(position: int, slots: tuple[Slot, ...]) -> None:
        if len(readings) >= MAX_ALTERNATIVES:
            return
        if position == len(data):
            readings.append(slots)
            return
        for slot, used in sequence_options(data, position):
            walk(position + used, slots + (slot,))

    walk(0, ())
    return readings


def merge_readings(readings: list[tuple[Slot, ...]]) -> list[Slot]:
    """One slot sequence for a run: itself when there is one reading, else one slot of whole-run strings."""
    if len(readings) == 1:
        return list(readings[0])
    strings = {"".join(parts) for reading in readings for parts in itertools.islice(itertools.product(*reading), 256)}
    return [tuple(sorted(strings))]


def run_slots(run: str) -> list[Slot] | None:
    """The slots a Thai run stands for, or None when its bytes are not damaged UTF-8.

    Trailing cp874 extras (a dash, a quote) that do not fit are given back as genuine punctuation.
    """
    end = len(run)
    while True:
        try:
            data = tuple(MARKED_LOST if c == "\ufffd" else ord(c) if c < "\u00a0" else c.encode("cp874")[0]
                         for c in run[:end])
        except UnicodeEncodeError:
            return None
        readings = parse_run(data)
        if readings:
            slots = merge_readings(readings)
            return slots + [(run[end:],)] if end < len(run) else slots
        if end > 1 and run[end - 1] in EXTRAS + "\ufffd":
            end -= 1
            continue
        return None


def find_damage(text: str) -> list[Slot] | None:
    """`text` as slots when it holds TIS-620 mojibake, else None (no Thai, or genuine Thai)."""
    runs = list(THAI_RUN.finditer(text))
    if not runs:
        return None
    parsed = [run_slots(match.group()) for match in runs]
    if any(slots is None for slots in parsed):
        return None  # genuine Thai somewhere: mojibake and real Thai in one field is not worth the risk
    if not any(next_to_latin(text, match) for match in runs) and len(ASCII_ALNUM.findall(text)) < 4:
        return None
    result: list[Slot] = []
    position = 0
    for match, slots in zip(runs, parsed):
        result.append((text[position:match.start()],))
        result.extend(slots)
        position = match.end()
    result.append((text[position:],))
    return [slot for slot in result if slot != ("",)]


def next_to_latin(text: str, match: re.Match) -> bool:
    """True when the run touches an ASCII letter or digit on either side."""
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return bool(ASCII_ALNUM.match(before) or ASCII_ALNUM.match(after))
