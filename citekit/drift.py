"""Compare a committed bibliography with a fresh export: which keys came, went or changed.

Entries are split per format just far enough to name keys and fields (BibTeX/biblatex
`@type{key, field = value}`, CSL-JSON items by id, RIS records by ID, citekit.lock tables); a formatted bibliography
has no keys, so it compares by line. The unified diff is always there and is the authority;
the per-key summary only tells a person where to look.
"""
from __future__ import annotations

import difflib
import json
import re
import tomllib
from dataclasses import dataclass


@dataclass(frozen=True)
class Drift:
    """How the committed text differs from the fresh one; empty when they are identical."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()  # key → the fields that differ
    diff: str = ""

    @property
    def identical(self) -> bool:
        return not self.diff

    def summary(self) -> str:
        """One line per added, removed or changed key."""
        lines = [f"+ {key}: new entry" for key in self.added]
        lines += [f"- {key}: entry no longer exported" for key in self.removed]
        lines += [f"~ {key}: {', '.join(names)} changed" for key, names in self.changed]
        return "\n".join(lines)


def compare(committed: str, fresh: str, fmt: str, *, name: str = "bibliography") -> Drift:
    """The drift from `committed` to `fresh` for output format `fmt`; `name` labels the diff."""
    if committed == fresh:
        return Drift()
    diff = "".join(difflib.unified_diff(
        committed.splitlines(keepends=True), fresh.splitlines(keepends=True),
        fromfile=f"{name} (committed)", tofile=f"{name} (fresh export)",
    ))
    if not diff:  # the same lines, different line endings or a missing final newline
        diff = f"--- {name} (committed)\n+++ {name} (fresh export)\n(line endings or the final newline differ)\n"
    split = ENTRY_SPLITTERS.get(fmt)
    if split is None:
        return Drift(diff=diff)
    old, new = split(committed), split(fresh)
    changed = tuple(
        (key, tuple(sorted(f for f in set(old[key]) | set(new[key]) if old[key].get(f) != new[key].get(f))))
        for key in sorted(old.keys() & new.keys(), key=str.casefold) if old[key] != new[key]
    )
    return Drift(
        added=tuple(sorted(new.keys() - old.keys(), key=str.casefold)),
        removed=tuple(sorted(old.keys() - new.keys(), key=str.casefold)),
        changed=tuple((key, names or ("entry type",)) for key, names in changed),
        diff=diff,
    )


def bibtex_entries(text: str) -> dict[str, dict[str, str]]:
    """key → field → raw value text for each `@type{key, ...}` entry (comments and strings skipped)."""
    entries: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", text):
        kind = match.group(1).lower()
        if kind in ("comment", "string", "preamble"):
            continue
        body = balanced(text, match.end() - 1)
        fields = {"entry type": kind}
        for field in re.finditer(r"(?m)^\s*([\w-]+)\s*=\s*", body):
            fields[field.group(1).lower()] = field_value(body, field.end())
        entries[match.group(2)] = fields
    return entries


def balanced(text: str, comma: int) -> str:
    """The entry body from just after its key up to the brace that closes the entry."""
    depth, position = 1, comma + 1
    while position < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[position], 0)
        position += 1
    return text[comma + 1:position - 1]


def field_value(body: str, start: int) -> str:
    """A field's value text: a braced group, a quoted string, or a bare word/number."""
    if start < len(body) and body[start] == "{":
        return balanced(body, start)
    match = re.match(r'"(?:[^"\\]|\\.)*"|[^,\n]*', body[start:])
    return match.group(0).strip()


def csljson_entries(text: str) -> dict[str, dict[str, str]]:
    try:
        items = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(items, list):
        return {}
    return {
        str(item.get("id")): {k: json.dumps(v, sort_keys=True) for k, v in item.items()}
        for item in items if isinstance(item, dict) and "id" in item
    }


def ris_entries(text: str) -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for record in re.split(r"(?m)^ER\s+-.*$", text):
        tags: dict[str, str] = {}
        for line in record.splitlines():
            match = re.match(r"^([A-Z][A-Z0-9])\s+-\s?(.*)$", line)
            if match:
                tags[match.group(1)] = (tags[match.group(1)] + "\n" if match.group(1) in tags else "") + match.group(2)
        if tags.get("ID"):
            entries[tags["ID"]] = tags
    return entries


def lock_entries(text: str) -> dict[str, dict[str, str]]:
    """key → field → value for each table of a citekit.lock."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}
    return {key: {f: str(v) for f, v in table.items()} for key, table in data.items() if isinstance(table, dict)}


ENTRY_SPLITTERS = {
    "bibtex": bibtex_entries,
    "biblatex": bibtex_entries,
    "csljson": csljson_entries,
    "ris": ris_entries,
    "lock": lock_entries,
}
