"""citekit.lock: every exported key and the identity of the work it names, so a key never
changes under the user once it has been exported.

The file is a small TOML document that citekit writes itself: one `[key]` table per key, sorted
case-insensitively, fields in a fixed order, so a diff in git shows exactly which keys came and
went. An identity is what survives edits to a work: its DOI and arXiv id, its normalised title,
first author's family name and year. Reading is strict (a corrupt lock is a one-line BadInput
with file:line); rendering what was read gives the same bytes back.
"""
from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Iterable, NamedTuple

from anyascii import anyascii

from citekit.diagnostics import BadInput, read_failure
from citekit.key_parts import family
from citekit.model import Citation, SourceSpan, Work
from citekit.printable import is_printable

HEADER = (
    "# citekit.lock: the citation keys citekit has exported and the work each one names.\n"
    "# Commit this file. A key listed here never changes; delete its entry to let citekit re-key it.\n"
)


class Identity(NamedTuple):
    """What names a work across edits; empty strings / None where the work has no such part.
    A named tuple: one is built per work on every export, and a tuple is built in C."""

    doi: str = ""
    arxiv: str = ""
    title: str = ""
    author: str = ""
    year: int | None = None


FIELDS = Identity._fields  # a table's fields, in the order they are written


@dataclass(frozen=True)
class LockEntry:
    key: str
    identity: Identity
    line: int = field(default=0, compare=False)  # where the entry's header stands in the lock file


@dataclass(frozen=True)
class Lock:
    """The keys of a lock file, sorted; `path` names the file in diagnostics and key rules."""

    entries: tuple[LockEntry, ...] = ()
    path: str = "citekit.lock"
    fingerprint: str = ""  # of the export that wrote it (see fingerprint.py); "" when unknown

    def keys(self) -> set[str]:
        return {entry.key for entry in self.entries}


ARXIV_VERSION = re.compile(r"v\d+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


# anyascii gives ASCII: its letters lower-cased and its digits stay, every other byte is a space
# (a table of bytes: str.translate would look each character up in a dict).
_WORD_BYTES = bytes(ord(chr(b).lower()) if chr(b).isalnum() and b < 128 else 0x20 for b in range(256))


def normalise_text(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: what two spellings of a title share."""
    return " ".join(anyascii(text or "").encode("ascii").translate(_WORD_BYTES).decode("ascii").split())


# First authors recur, titles do not: only the former are remembered.
recurring_normalised = functools.lru_cache(maxsize=1 << 16)(normalise_text)


# The suffix order (keys.py) and the lock written after the export both need every work's identity.
# A Work holds dicts, so it cannot key a dict itself: identities are remembered by the work's id,
# next to the work, which keeps that id from being reused while it is remembered.
_IDENTITIES: dict[int, tuple[Work, Identity]] = {}
REMEMBERED_IDENTITIES = 1 << 17


def without_version(arxiv_id: str) -> str:
    """An arXiv id without its version suffix (v3)."""
    return ARXIV_VERSION.sub("", arxiv_id) if "v" in arxiv_id else arxiv_id


def work_identity(work: Work) -> Identity:
    """The identity a lock stores for a work: identifiers, normalised title, first author, year."""
    known = _IDENTITIES.get(id(work))
    if known is not None and known[0] is work:
        return known[1]
    identifiers = work.identifiers
    identity = Identity(
        (identifiers.get("doi") or "").strip().lower(),
        without_version((identifiers.get("arxiv") or "").strip().lower()),
        normalise_text(work.title),
        recurring_normalised(family(work.authors[0])) if work.authors else "",
        work.issued.year if work.issued else None,
    )
    if len(_IDENTITIES) >= REMEMBERED_IDENTITIES:
        _IDENTITIES.clear()
    _IDENTITIES[id(work)] = (work, identity)
    return identity


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, the rest as is."""
    if text.isprintable() and '"' not in text and "\\" not in text:  # three C scans beat one regex
        return '"' + text + '"'
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", escaped) + '"'


def lock_key_text(key: str) -> str:
    """A TOML table name: bare when it can be, quoted otherwise."""
    return key if BARE_KEY.fullmatch(key) else toml_string(key)


def signed_lock_text(unsigned: str, fingerprint: str) -> str:
    """The text render_lock gives for an unsigned lock's text once it carries `fingerprint`."""
    assert unsigned.startswith(HEADER) and not unsigned[len(HEADER):].startswith("# fingerprint:")
    return HEADER + f"# fingerprint: {fingerprint}\n" + unsigned[len(HEADER):]


def lock_order(key: str) -> tuple[str, str]:
    """Where a key stands in a lock: case-insensitively, then by its exact spelling."""
    return key.casefold(), key


def render_lock(entries: Lock | Iterable[Citation]) -> str:
    """The lock file text for a Lock or for exported citations: sorted, one table per key."""
    if isinstance(entries, Lock):
        rows = [(entry.key, entry.identity) for entry in entries.entries]
        return render_rows(rows, entries.fingerprint)
    return render_rows([(c.key, work_identity(c.work)) for c in entries])


def render_rows(rows: list[tuple[str, Identity]], fingerprint: str = "") -> str:
    """The lock file text for (key, identity) rows, in any order: sorted, one table per key."""
    ordered = sorted(rows, key=row_order)
    head = HEADER + (f"# fingerprint: {fingerprint}\n" if fingerprint else "")
    return head + (plain_tables(ordered) or "".join(map(table_text, ordered)))


def table_text(row: tuple[str, Identity]) -> str:
    """One row's `[key]` table: its fields in FIELDS order, the empty ones left out."""
    key, (doi, arxiv, title, author, year) = row
    lines = [f"\n[{lock_key_text(key)}]\n"]
    if doi:
        lines.append(f"doi = {toml_string(doi)}\n")
    if arxiv:
        lines.append(f"arxiv = {toml_string(arxiv)}\n")
    if title:
        lines.append(f"title = {toml_string(title)}\n")
    if author:
        lines.append(f"author = {toml_string(author)}\n")
    if year:
        lines.append(f"year = {year}\n")
    return "".join(lines)


def plain_tables(ordered: list[tuple[str, Identity]]) -> str | None:
    """What table_text writes for these rows when no string of theirs needs escaping (normalised
    identities never do); None otherwise, or without rows. Built in C: each row is formatted by
    the template of the fields it has."""
    if not ordered:
        return None
    keys, identities = zip(*ordered)
    columns = list(zip(*identities))
    texts = "".join(map("".join, columns[:4]))
    if '"' in texts or "\\" in texts or not is_printable(texts):
        return None
    if not BARE_KEYS.fullmatch("\n".join(keys)):
        keys = map(lock_key_text, keys)
    templates = map(PLAIN_TABLES.__getitem__, zip(*(map(bool, column) for column in columns)))
    return "".join(map(str.format, templates, keys, *columns))


BARE_KEYS = re.compile(r"[A-Za-z0-9_-]+(?:\n[A-Za-z0-9_-]+)*")


def plain_table_template(present: tuple[bool, ...]) -> str:
    """str.format's template of a table with these fields `present` (in FIELDS order), strings quoted as they are."""
    lines = ["\n[{0}]\n"]
    for n, (name, there) in enumerate(zip(FIELDS, present), 1):
        if there:
            lines.append(f"{name} = {{{n}}}\n" if name == "year" else f'{name} = "{{{n}}}"\n')
    return "".join(lines)


PLAIN_TABLES = {present: plain_table_template(present) for present in product((False, True), repeat=len(FIELDS))}


def row_order(row: tuple[str, Identity]) -> tuple[str, str]:
    """lock_order of a row's key."""
    key = row[0]
    return key.casefold(), key


def updated_rows(citations: Iterable[Citation], previous: Lock | None, *, prune: bool = False) -> list[tuple[str, Identity]]:
    """(key, identity) of the lock after an export, unsorted: every exported key with its work's
    current identity, plus the previous entries no work matched any more, unless `prune` drops them."""
    rows = [(c.key, work_identity(c.work)) for c in citations]
    if previous is not None and not prune and previous.entries:
        used = {key.casefold() for key, _ in rows}
        rows += [(e.key, e.identity) for e in previous.entries if e.key.casefold() not in used]
    return rows


def updated_lock(citations: Iterable[Citation], previous: Lock | None, *, prune: bool = False) -> Lock:
    """The lock after an export (see updated_rows), sorted."""
    rows = sorted(updated_rows(citations, previous, prune=prune), key=lambda row: lock_order(row[0]))
    path = previous.path if previous is not None else "citekit.lock"
    return Lock(tuple(LockEntry(key, identity) for key, identity in rows), path)


def read_lock(path: Path, shown: str | None = None) -> Lock:
    """The lock at `path` (an empty Lock when the file does not exist). BadInput with file:line
    when it is not valid TOML, has an unknown field, a wrong type, or a key twice."""
    shown = shown or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Lock((), shown)
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read the lock file ({read_failure(error)}); fix or delete it to re-key", path=shown, code="bad-lock")
    return parse_lock(text, shown)


def parse_lock(text: str, shown: str = "citekit.lock") -> Lock:
    """Parse lock text; see read_lock."""
    return written_lock(text, shown) or parse_toml_lock(text, shown)


# One table as render_lock writes it: a key, bare or quoted, then its fields in FIELDS order,
# strings with nothing escaped and no character table_lines (str.splitlines) takes for a line end.
WRITTEN_FINGERPRINT = re.compile(r"# fingerprint: ([0-9a-f]{64})\n")
WRITTEN_STRING = r'"([^"\\\n\x85\u2028\u2029]*)"'
WRITTEN_TABLE = re.compile(
    r"\n\[([A-Za-z0-9_-]+|" + WRITTEN_STRING.replace("(", "(?:") + r")\]\n"
    + "".join(rf"(?:{name} = {WRITTEN_STRING}\n)?" for name in FIELDS[:4])
    + r"(?:year = ([0-9]+)\n)?"
)


def written_lock(text: str, shown: str = "citekit.lock") -> Lock | None:
    """The lock in `text` when it is exactly what render_lock writes (what citekit itself left), read
    by one regex instead of a TOML parser (several times slower on a large lock); None for any other
    text, for parse_toml_lock to read or reject. Rendering what was read must give `text` back, so
    only such text is read here, and it means what TOML reads in it (tested equal)."""
    if not text.startswith(HEADER):
        return None
    start = len(HEADER)
    fingerprint = ""
    signed = WRITTEN_FINGERPRINT.match(text, start)
    if signed:
        fingerprint, start = signed.group(1), signed.end()
    entries: list[LockEntry] = []
    line, counted = 1, 0  # the line of text[counted]
    for match in WRITTEN_TABLE.finditer(text, start):
        key, doi, arxiv, title, author, year = match.groups("")
        line += text.count("\n", counted, match.start()) + 1
        counted = match.start() + 1
        identity = Identity(doi, arxiv, title, author, int(year) if year else None)
        entries.append(LockEntry(key[1:-1] if key[0] == '"' else key, identity, line))
    if len({entry.key.casefold() for entry in entries}) != len(entries):
        return None  # a key twice: parse_toml_lock says where
    # Entries out of lock order render otherwise, so those read here are in order already.
    lock = Lock(tuple(entries), shown, fingerprint)
    return lock if render_lock(lock) == text else None


def parse_toml_lock(text: str, shown: str = "citekit.lock") -> Lock:
    """Parse any lock text as TOML, strictly; see read_lock."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = int(found.group(1)) if found else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise BadInput(f"lock file is not valid TOML: {message}; fix the line or delete the file to re-key",
                       SourceSpan(shown, line, line), code="bad-lock")
    header_lines = table_lines(text)
    entries: list[LockEntry] = []
    seen: dict[str, str] = {}
    for key, table in data.items():
        line = header_lines.get(key, 1)
        place = SourceSpan(shown, line, line)
        if not isinstance(table, dict):
            raise BadInput(f"lock entry {key!r} is not a [table]", place, code="bad-lock")
        if key.casefold() in seen:
            raise BadInput(f"key {key!r} is locked twice (also as {seen[key.casefold()]!r}); keys are unique regardless of case", place, code="bad-lock")
        seen[key.casefold()] = key
        values = {}
        for name, value in table.items():
            if name not in FIELDS:
                raise BadInput(f"lock entry {key!r} has an unknown field {name!r} (known: {', '.join(FIELDS)})", place, code="bad-lock")
            expected = int if name == "year" else str
            if not isinstance(value, expected) or isinstance(value, bool):
                raise BadInput(f"lock entry {key!r}: {name} must be {'a number' if expected is int else 'a string'}", place, code="bad-lock")
            values[name] = value
        entries.append(LockEntry(key, Identity(**values), line))
    found = re.search(r"(?m)^# fingerprint: ([0-9a-f]{64})$", text)
    return Lock(tuple(sorted(entries, key=lambda e: lock_order(e.key))), shown, found.group(1) if found else "")


def table_lines(text: str) -> dict[str, int]:
    """Each table name → the 1-based line of its `[header]`."""
    found = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(r"\s*\[\s*(\"(?:[^\"\\]|\\.)*\"|[A-Za-z0-9_-]+)\s*\]", line)
        if match:
            name = match.group(1)
            found[json.loads(name) if name.startswith('"') else name] = number
    return found
