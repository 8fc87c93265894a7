"""ftfy's encoding repairs, and the gate that spares text ftfy would leave as it is (and ftfy's import).

With ftfy_fixer's config, ftfy changes a text only when its badness regex matches or the text holds a
control character or surrogate its fixers remove. The gate asks that cheaply: the controls by one
character class; the badness regex only when a character every match holds is there, and only
around non-ASCII characters (every match holds one among its first three; ftfy's own search tries
every position of a long abstract). ftfy is imported on its first repair (~30 ms of every run
otherwise); the gate loads its badness regex on its own.
"""
from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path
from typing import Callable

# The controls are ftfy.chardata.CONTROL_CHARS (a test holds them equal), spelled out: clean text never imports ftfy.
FTFY_REMOVES_CHARACTERS = "\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc\ud800-\udfff"
FTFY_REMOVES = re.compile(f"[{FTFY_REMOVES_CHARACTERS}]")
NON_ASCII = re.compile("[^\x00-\x7f]")
# Every match of ftfy's badness regex holds one of these: a character of its categories c1, bad, box,
# start and end punctuation, currency, numeric, law and upper_accented, or a letter one of its literal
# alternatives needs (° Œ œ Ù Ђ); a test holds them to ftfy's. Accented lowercase, Greek or Cyrillic
# letters side by side ("Þórunn", "Dvořák") hold none, so their check needs no regex to be loaded.
BADNESS_MARKS = re.compile(
    "[\u0080-\u009f\u00a1-\u00ac\u00ae-\u00b3\u00b5\u00b6\u00b8-\u00d1\u00d7-\u00d9\u00dc\u00dd\u00f7\u0100\u0102"
    "\u0104\u0106\u010c\u010e\u0110\u0112\u0116\u0118\u011a\u011e\u0122\u012a\u0130\u0136\u0139\u013b\u013d\u0141"
    "\u0143\u0145\u0147\u0152\u0153\u0158\u015a\u015e\u0160\u0162\u0164\u016e\u0170\u0178\u0179\u017b\u017d\u0192"
    "\u02c6\u02c7\u02d8\u02db-\u02dd\u0384\u0385\u0402\u0490\u2018\u201a\u201c-\u201e\u2020-\u2022\u2030\u2039"
    "\u203a\u2044\u20a7\u20ac\u2116\u2122\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261"
    "\u2264\u2265\u2310\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c\u2550-\u256c\u2580\u2584\u2588\u258c"
    "\u2590-\u2593\u25ca\uf8ff\ufffd]"
)
FTFY_STEP_NAMES = {"latin-1": "latin1_mojibake", "sloppy-windows-1252": "cp1252_mojibake", "windows-1252": "cp1252_mojibake",
                   "cp437": "cp437_mojibake", "macroman": "macroman_mojibake", "iso-8859-2": "latin2_mojibake"}


def fix_with_ftfy(text: str) -> tuple[str, list[str]]:
    """ftfy's encoding repairs, named by the encoding it undid (e.g. "cp1252_mojibake")."""
    if not ftfy_would_change(text):
        return text, []
    fixed, steps = ftfy_fixer()(text)
    names = []
    for action, detail in steps or ():
        name = FTFY_STEP_NAMES.get(detail, f"{detail}_mojibake") if action == "encode" else (
            None if action == "decode" else f"ftfy_{detail}")
        if name and name not in names:
            names.append(name)
    return fixed, names


def ftfy_would_change(text: str) -> bool:
    """False only when ftfy (as ftfy_fixer runs it) would return `text` unchanged: no control character or
    surrogate it removes, and no match of its badness regex (the same answer as ftfy's is_bad)."""
    if FTFY_REMOVES.search(text):
        return True
    if BADNESS_MARKS.search(text) is None:
        return False
    badness = badness_regex()
    tried = 0
    for match in NON_ASCII.finditer(text):
        position = match.start()
        for start in range(max(tried, position - 2), position + 1):
            if badness.match(text, start):
                return True
        tried = position + 1
    return False


@functools.cache
def ftfy_fixer() -> Callable[[str], tuple[str, list | None]]:
    """ftfy.fix_and_explain with its quote, width, ligature, HTML and line-break changes off, so that
    titles stay byte-preserved otherwise. ftfy is imported here, on first use (~30 ms of every run
    otherwise, with its codecs, character tables and wcwidth): most runs never repair mojibake."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
        uncurl_quotes=False, fix_line_breaks=False, normalization=None, explain=True,
    )
    return functools.partial(ftfy.fix_and_explain, config=config)


@functools.cache
def badness_regex() -> re.Pattern[str]:
    """ftfy's badness regex (ftfy.badness.BADNESS_RE), which ftfy_would_change needs for a text with
    non-ASCII neighbours and a badness mark ("“Über”"). Its module imports nothing of ftfy, so unless
    ftfy is loaded already it is run on its own: the package's import costs ~25 ms more, for fixers
    that clean text never runs."""
    loaded = sys.modules.get("ftfy.badness")
    if loaded is not None:
        return loaded.BADNESS_RE
    package = importlib.util.find_spec("ftfy")
    assert package is not None and package.submodule_search_locations
    spec = importlib.util.spec_from_file_location("citekit.repair.ftfy_badness",
                                                  Path(package.submodule_search_locations[0]) / "badness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BADNESS_RE
