"""bibtexparser's blocks for BibTeX text, found by compiled regexes instead of its Python walk.

bibtexparser 2's Splitter steps from mark to mark (`{ } " , =`, newlines, `@type{`) in Python, most of
a large file's read time. The regexes here follow its rules at C speed: a backslash hides the mark
after it, braces nest (to MAX_DEPTH), braces inside quotes do not count, `{"}` inside quotes is not a
quote, a newline after a backslash is not counted as a line. They run on a shadow of the text where
every other character is `a`, so plain text is one fast run; possessive repeats keep them from
backtracking into another reading. A stretch they are not sure of (a broken or `(`-delimited block,
deeper nesting) goes to the Splitter itself, from the last block start at a line's start to the next:
bibtexparser starts a block there whatever came before, so it stays the authority. An entry comes
as an EntryBlock (its field names and raw values, no bibtexparser objects), the Splitter's too.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Container

from bibtexparser.model import (Block, DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ExplicitComment,
                                ImplicitComment, ParsingFailedBlock, Preamble, String)
from bibtexparser.splitter import Splitter

MAX_DEPTH = 8
# The characters bibtexparser's marks are made of, as themselves; every other one becomes `a`.
# Its `@type{` marks are found on the text itself (they need `\w`), so `@` only guards keys here.
_SHADOW = bytes(c if chr(c) in '{}",=@\\' else ord("a") for c in range(256))
# A backslash hides the one character after it from bibtexparser's marks (its `(?<!\\)`), even
# another backslash's: in `\\{` the brace is hidden, so a backslash eats a following non-backslash.
_ESCAPED = rb"\\[^\\]?+"


def _among_text(tokens: bytes) -> bytes:
    """Plain text (`a` runs) and any of `tokens` (none starting with `a`), in any order. Unrolled as
    `a*+(?:(?:tokens)a*+)*+`, the loop turns once per token, where `(?:a+|tokens)*+` turns for each
    run too: a fourth fewer instructions in FIELD.findall over a Zotero-like file."""
    return rb"a*+(?:(?:" + tokens + rb")a*+)*+"


def _braced(depth: int) -> bytes:
    """`{...}` nested up to `depth` levels; quotes and commas inside braces are plain text."""
    tokens = rb"[^{}\\a]|" + _ESCAPED + (b"|" + _braced(depth - 1) if depth > 1 else b"")
    return rb"\{" + _among_text(tokens) + rb"\}"


_BRACED = _braced(MAX_DEPTH)
# Inside quotes only an unescaped `"` matters, unless it sits in `{"}` with text after the `}`.
_QUOTED = b'"' + _among_text(rb'[^"\\a]|' + _ESCAPED + rb'|(?<=\{)"(?=\}.)') + b'"'
# A field value up to its `,` or the entry's `}`: plain text, quoted strings, brace groups.
_VALUE = _among_text(_BRACED + rb"|[=@]|" + _ESCAPED + b"|" + _QUOTED)
# An entry, field or @string key: text before its `,` / `=` with no mark in it (and no `@` at all).
_KEY = _among_text(_ESCAPED)
_BODY = _among_text(rb"[^{}\\a]|" + _ESCAPED + b"|" + _BRACED)

BLOCK_START = re.compile(r"@\w*[ \t]*(?=[{(])")
HIDDEN_NEWLINE = re.compile(rb"\\\n")
ENTRY_KEY = re.compile(b"(" + _KEY + b")[,}]")
# One field (key, value, `,` or `}`), or the entry's end after a last comma (key text, then `}`),
# or any other character (something this scanner cannot read).
FIELD = re.compile(b"(" + _KEY + b")(?:=(" + _VALUE + rb")([,}])|\})|(.)", re.DOTALL)
STRING = re.compile(rb"\{(" + _KEY + b")=(" + _BODY + rb")\}", re.DOTALL)
DELIMITED = re.compile(rb"\{(" + _BODY + rb")\}", re.DOTALL)
ENTRY = re.compile(rb"\{" + _KEY + rb"(?:\}|,(?>" + _KEY + b"=" + _VALUE + rb",)*+(?>" + _KEY + b"=" + _VALUE
                   + rb")?+" + _KEY + rb"\})", re.DOTALL)


class EntryBlock:
    """An entry as bibtexparser's Splitter reads it, in what parse_entries needs: its type (lower-cased),
    key, first line (bibtexparser's, from 0), raw text and the line its raw text ends on (first line
    + newlines in it), its field names (as written) and values, both stripped, in file order.
    Field lines are found only when asked for (a warning about one field).

    A value is its raw text, except one the scanner saw to start with `{` and end with `}` (most
    are): that is the text inside those two braces, so the reader copies it once. `unbraced` holds
    the indices of the raw ones (all of a Splitter's entry)."""

    __slots__ = ("entry_type", "key", "start_line", "raw", "last_line", "names", "values", "unbraced", "_lines")

    def __init__(self, entry_type: str, key: str, start_line: int, raw: str, last_line: int, names: list[str],
                 values: list[str], unbraced: Container[int], lines: list[int] | Callable[[], list[int]]):
        self.entry_type, self.key, self.start_line = entry_type, key, start_line
        self.raw, self.last_line = raw, last_line
        self.names, self.values, self.unbraced, self._lines = names, values, unbraced, lines

    def raw_values(self) -> list[str]:
        """Each field's raw value, stripped, as bibtexparser gives it."""
        unbraced = self.unbraced
        return [value if index in unbraced else "{" + value + "}" for index, value in enumerate(self.values)]

    def field_lines(self) -> list[int]:
        """Each field's line (its `=`'s, bibtexparser's count from 0), in the order of `names`."""
        if callable(self._lines):
            self._lines = self._lines()
        return self._lines

    def repeated(self) -> set[str]:
        """The field names given more than once, as written (bibtexparser's duplicate keys)."""
        names = self.names
        if len(set(names)) == len(names):
            return set()
        return {name for index, name in enumerate(names) if name in names[:index]}


def entry_block(block: Block) -> Block | EntryBlock:
    """A block of bibtexparser's Splitter as scan_blocks gives it: an entry (with repeated fields or not)
    as an EntryBlock, a duplicate-key wrapper (a Library's) as the block it wraps, any other block as it is."""
    if type(block) is DuplicateBlockKeyBlock:
        block = block.ignore_error_block
    if isinstance(block, DuplicateFieldKeyBlock):
        block = block.ignore_error_block
    if not isinstance(block, Entry):
        return block
    fields, raw = block.fields, block.raw
    return EntryBlock(block.entry_type, block.key, block.start_line, raw, block.start_line + raw.rstrip().count("\n"),
                      [field.key for field in fields], [field.value for field in fields], range(len(fields)),
                      [field.start_line for field in fields])


class _Text:
    """The text, its shadow, and a line counter that counts as bibtexparser does.

    bibtexparser prepends a newline to the text it splits; positions here are the text's own, and its
    start counts as a line's start as that newline makes it."""

    def __init__(self, text: str):
        self.text = text
        # One byte per character, so positions agree; newlines are counted here (memchr speed).
        self.ascii = text.encode("ascii", "replace")
        self.shadow = self.ascii.translate(_SHADOW)
        # The regex jumps from backslash to backslash (rare): three times faster than `in` here.
        self.hidden_newlines = HIDDEN_NEWLINE.search(self.ascii) is not None
        self.line_pos, self.line = 0, 0
        # Field keys as written (`\n  title `) -> stripped: a file repeats a few dozen of them.
        self.names: dict[bytes, str] = {}

    def line_at(self, pos: int) -> int:
        """bibtexparser's line at `pos` (counted from 0), for `pos` only moving on."""
        self.line += self.newlines(self.line_pos, pos)
        self.line_pos = pos
        return self.line

    def newlines(self, start: int, end: int) -> int:
        """Newlines bibtexparser counts in text[start:end]: not one right after a backslash."""
        count = self.ascii.count(b"\n", start, end)
        if self.hidden_newlines:
            count -= self.ascii.count(b"\\\n", max(start - 1, 0), end)
        return count


def scan_blocks(text: str) -> list[Block | EntryBlock]:
    """The blocks bibtexparser's Splitter gives for `text`, in order, each with its line and raw text,
    as `entry_block` turns them (an entry is an EntryBlock).

    A stretch the regexes are not sure of is split by the Splitter itself (its log lines are the
    caller's to silence).
    """
    scan = _Text(text)
    marks = list(BLOCK_START.finditer(text))
    starts = [mark.start() for mark in marks] + [len(text)]
    # bibtexparser aborts the block around a block start at a line's start; each mark is looked at once.
    at_line_start = [_at_line_start(text, at) for at in starts[:-1]] + [True]
    blocks: list[Block | EntryBlock] = []
    comment_start, comment_line = 0, 0
    # The last block start at a line's start (the text's start at first): bibtexparser starts a
    # block there whatever came before, so it can split the text from there on its own.
    sync_index, sync_pos, sync_line = 0, 0, 0
    i = 0
    while i < len(marks):
        at, opener = marks[i].span()
        gap = text[comment_start:at]
        if gap and not gap.isspace():
            blocks.append(_implicit_comment(gap, comment_line))
        line = scan.line_at(at)
        if at_line_start[i]:
            sync_index, sync_pos, sync_line = len(blocks), at, line
        # The block ends before the next block start at a line's start (bibtexparser aborts it there),
        # and mostly before the next block start at all.
        stop = at_line_start.index(True, i + 1)
        block = _block(scan, marks[i].group().lower(), at, opener, starts[i + 1], starts[stop], line) \
            if text[opener] == "{" else None
        if block is None:
            split = _split(text, sync_pos, sync_line, marks[stop] if stop < len(marks) else None)
            if split is None:
                return _split(text, 0, 0, None) or []
            del blocks[sync_index:]
            blocks.extend(split)
            comment_start = starts[stop]
            i = stop
        else:
            blocks.append(block)
            comment_start = at + len(block.raw)
            i += 1
            while starts[i] < comment_start:  # a block start inside the block
                i += 1
        # Mostly an entry's end, where its last line was counted already.
        comment_line = scan.line_at(comment_start) if comment_start != scan.line_pos else scan.line
    gap = text[comment_start:]
    if gap and not gap.isspace():
        blocks.append(_implicit_comment(gap, comment_line))
    return blocks


def _at_line_start(text: str, pos: int) -> bool:
    """bibtexparser's test for a block start that aborts the block around it: only spaces before it on its line."""
    return pos == 0 or text[pos - 1] == "\n" or not text[text.rfind("\n", 0, pos) + 1:pos].strip()


class SplitterAtLine(Splitter):
    """bibtexparser's Splitter for a stretch of a text that starts at line `line` (it counts from 0)."""

    def __init__(self, bibstr: str, line: int):
        super().__init__(bibstr)
        self._current_line = line - 1  # as Splitter.__init__ sets it, less the newline it prepends
        self._reset_block_status(current_char_index=0)


def _split(text: str, start: int, line: int, stop: re.Match | None) -> list[Block | EntryBlock] | None:
    """bibtexparser's own blocks from `start` (a block start at a line's start, or the text's start, at
    line `line`) up to the block start `stop` at a line's start, or to the end; None if unsure."""
    # It reads through `stop`'s delimiter, so that a block broken before `stop` ends there as in the
    # whole text; the block opened at `stop` (broken by the cut) is dropped.
    end = stop.end() + 1 if stop is not None else len(text)
    library = SplitterAtLine(text[start:end], line).split()
    blocks = list(map(entry_block, library.blocks))
    if stop is None:
        return blocks
    if not blocks or type(blocks[-1]) is not ParsingFailedBlock or not blocks[-1].raw.startswith(stop.group()):
        return None
    return blocks[:-1]


def _block(scan: _Text, kind: str, at: int, opener: int, limit: int, hard_limit: int,
           line: int) -> Block | EntryBlock | None:
    """The `{`-delimited block whose start mark (`@type`, lower-cased) is at `at`, at line `line`; None if unsure.

    The block must end before `hard_limit`, and mostly ends before `limit` (the next block start).
    """
    text, shadow = scan.text, scan.shadow
    if kind.startswith(("@comment", "@preamble")):
        match = DELIMITED.match(shadow, opener, hard_limit)
        if match is None:
            return None
        body, raw = text[opener + 1:match.end() - 1], text[at:match.end()]
        return ExplicitComment(body.strip(), line, raw) if kind.startswith("@comment") else Preamble(body, line, raw)
    if kind.startswith("@string"):
        match = STRING.match(shadow, opener, hard_limit)
        if match is None:
            return None
        key, value = text[match.start(1):match.end(1)], text[match.start(2):match.end(2)]
        return String(key.strip(), value.strip(), line, text[at:match.end()])
    head = ENTRY_KEY.match(shadow, opener + 1)
    if head is None:
        return None
    key_end = head.end(1)
    names: list[str] = []
    values: list[str] = []
    unbraced: list[int] = []
    end = key_end + 1
    if shadow[key_end] == 0x2C:  # `,`: fields follow (else `}`, an entry with a key and no fields)
        end = _fields(scan, key_end + 1, limit, names, values, unbraced)
        if end is None and hard_limit > limit:  # a block start inside it: bound it by its own end instead
            match = ENTRY.match(shadow, opener, hard_limit + 1)
            names.clear()
            values.clear()
            unbraced.clear()
            limit = match.end() if match else limit
            end = match and _fields(scan, key_end + 1, limit, names, values, unbraced)
        if end is None:
            return None
    lines = functools.partial(_field_lines, scan, at, key_end + 1, limit, line, len(names))
    # The line counter passes the entry anyway; it skips newlines after a backslash, which the raw text has.
    last_line = scan.line_at(end) if not scan.hidden_newlines else line + text.count("\n", at, end)
    return EntryBlock(kind[1:].strip(), text[opener + 1:key_end].strip(), line, text[at:end], last_line, names, values,
                      unbraced, lines)


def _fields(scan: _Text, pos: int, limit: int, names: list[str], values: list[str], unbraced: list[int]) -> int | None:
    """Read fields from `pos` (after the key's comma) into `names`, `values` and `unbraced` (as EntryBlock
    holds them); the entry's end.

    None if the entry does not end before `limit`, or holds what this scanner cannot read.
    """
    text, shadow, ascii, seen_names = scan.text, scan.shadow, scan.ascii, scan.names
    # endpos one past the limit: `{"}` needs a character after its `}` to stay a quote.
    for key, value, separator, other in FIELD.findall(shadow, pos, limit + 1):
        key_end = pos + len(key)
        if not separator:  # the entry's end, if only spaces come before its `}`
            return None if other or text[pos:key_end].strip() else key_end + 1
        written = ascii[pos:key_end]
        name = seen_names.get(written)
        if name is None:
            name = text[pos:key_end].strip()
            if b"?" not in written:  # else it may stand for any character the ASCII shadow replaced
                seen_names[written] = name
        names.append(name)
        pos = key_end + len(value) + 2
        # The value's first and last characters past one space before it and one newline after it
        # (` {...},` and a last field's ` {...}\n}`): with a brace at each, its stripped raw text is `{...}`.
        first = key_end + 1 + (ascii[key_end + 1] == 0x20)
        last = pos - 2 - (ascii[pos - 2] == 0x0A)
        if shadow[first] == 0x7B and shadow[last] == 0x7D:
            values.append(text[first + 1:last])
        else:
            unbraced.append(len(values))
            values.append(text[key_end + 1:pos - 1].strip())
        if separator == b"}":
            return pos
    return None


def _field_lines(scan: _Text, at: int, pos: int, limit: int, line: int, count: int) -> list[int]:
    """The lines of the `count` fields `_fields` read from `pos` within `limit`, each its `=`'s, for the
    entry at `at` (line `line`)."""
    line += scan.newlines(at, pos)
    lines = []
    for key, value, _, _ in FIELD.findall(scan.shadow, pos, limit + 1)[:count]:
        key_end = pos + len(key)
        line += scan.newlines(pos, key_end)
        lines.append(line)
        pos = key_end + len(value) + 2
        line += scan.newlines(key_end, pos)
    return lines


def _implicit_comment(comment: str, start_line: int) -> ImplicitComment:
    """Text between blocks (not only spaces) as bibtexparser keeps it: stripped, its line that of its first text."""
    stripped = comment.lstrip()
    leading_newlines = comment.count("\n", 0, len(comment) - len(stripped))
    stripped = stripped.rstrip()
    return ImplicitComment(start_line=start_line + leading_newlines, raw=stripped, comment=stripped)
