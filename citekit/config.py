"""A project's citekit settings: citekit.toml, or [tool.citekit] in pyproject.toml.

The nearest folder (from the start folder upwards) holding either file decides; citekit.toml
wins when both exist. Paths in the file are relative to the file's folder; flags given on the
command line override the file (`Config.override`). Every key is checked against SETTINGS: an
unknown key or a wrong type is a one-line BadInput naming file:line, never silently ignored.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable

from citekit.diagnostics import BadInput, read_failure
from citekit.formats import DEFAULT_FORMAT, FORMATS, format_for_suffix
from citekit.key_formula import DEFAULT_FORMULA, parse_formula
from citekit.model import SourceSpan

MARKUPS = ("text", "html", "markdown")
LOCK_NAME = "citekit.lock"


@dataclass(frozen=True)
class Config:
    """Everything an export or a check needs; defaults are what `citekit export` does bare."""

    sources: tuple[Path, ...] = ()
    output: Path | None = None
    format: str | None = None  # None: from the output's suffix, else bibtex
    style: str = "apa"
    locale: str = "en-US"
    to: str = "text"
    highlight: str | None = None
    key_formula: str = DEFAULT_FORMULA
    lockfile: Path | None = None  # None: citekit.lock beside the config file (or the output)
    use_lock: bool = True
    layout: str | None = None
    strict: bool = False
    path: Path | None = None  # the file these settings came from; None when there is none

    def format_name(self) -> str:
        """The output format: as given, else the one the output's suffix selects, else bibtex."""
        by_suffix = format_for_suffix(self.output.name) if self.output is not None else None
        return self.format or by_suffix or DEFAULT_FORMAT

    def lock_path(self) -> Path | None:
        """Where the lock lives: as configured, else beside the config file, else beside the
        output file; None when locking is off or the output goes to stdout with no config."""
        if not self.use_lock:
            return None
        if self.lockfile is not None:
            return self.lockfile
        if self.path is not None:
            return self.path.parent / LOCK_NAME
        if self.output is not None:
            return self.output.parent / LOCK_NAME
        return None

    def override(self, **flags: Any) -> Config:
        """These settings with every flag that was given (not None, not empty) taking over."""
        given = {name: value for name, value in flags.items() if value is not None and value != ()}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        if "sources" in given:
            given["sources"] = tuple(Path(s) for s in given["sources"])
        for name in ("output", "lockfile"):
            if name in given:
                given[name] = Path(given[name])
        return replace(self, **given)


def text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def choice(options: tuple[str, ...]) -> Callable[[Any], str | None]:
    return lambda value: value if value in options else None


def path_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return value
    return None


def lockfile(value: Any) -> str | bool | None:
    if value is False or (isinstance(value, str) and value):
        return value
    return None


def flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def formula(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    parse_formula(value)  # BadInput says what is wrong; load_config adds the place
    return value


# setting → (parser returning None when the value is unusable, what a usable value looks like)
SETTINGS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "sources": (path_list, "a list of file or folder paths"),
    "output": (text, "a file path"),
    "format": (choice(FORMATS), "one of " + ", ".join(FORMATS)),
    "style": (text, "a CSL style name or .csl path"),
    "locale": (text, "a CSL locale such as en-US"),
    "to": (choice(MARKUPS), "one of " + ", ".join(MARKUPS)),
    "highlight": (text, "a person's name"),
    "key_formula": (formula, "a key formula such as \"auth.lower + shorttitle(3,3) + year\""),
    "lockfile": (lockfile, "a file path, or false for no lock"),
    "layout": (text, "a reader layout name"),
    "strict": (flag, "true or false"),
}


def find_config(start: Path) -> tuple[Path, str] | None:
    """The nearest citekit.toml, or pyproject.toml with a [tool.citekit] table, from `start` up;
    with the table's header as it appears ("" for citekit.toml)."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / "citekit.toml").is_file():
            return candidate / "citekit.toml", ""
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and re.search(r"(?m)^\s*\[\s*tool\s*\.\s*citekit\s*[\].]", read(pyproject)):
            return pyproject, "tool.citekit"
    return None


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read configuration ({read_failure(error)})", path=path.as_posix(), code="bad-config")


def load_config(start: Path) -> Config:
    """Settings from the nearest configuration file above `start`, or the defaults when there is
    none. BadInput naming file:line for invalid TOML, an unknown key or a wrong value."""
    found = find_config(start)
    if found is None:
        return Config()
    path, table_name = found
    content = read(path)
    shown = path.as_posix()
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as error:
        place = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = int(place.group(1)) if place else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise BadInput(f"configuration is not valid TOML: {message}", SourceSpan(shown, line, line), code="bad-config")
    if table_name:
        data = data["tool"]["citekit"]
    lines = setting_lines(content, table_name)
    values: dict[str, Any] = {}
    for key, raw in data.items():
        name = key.replace("-", "_")
        line = lines.get(key, 1)
        place = SourceSpan(shown, line, line)
        if name not in SETTINGS:
            raise BadInput(f"unknown setting {key!r} in [{table_name or 'citekit.toml'}] (known: {', '.join(SETTINGS)})", place, code="bad-config")
        parse, expected = SETTINGS[name]
        try:
            value = parse(raw)
        except BadInput as error:
            raise BadInput(f"{key}: {error.diagnostic.message}", place, code="bad-config") from None
        if value is None:
            raise BadInput(f"{key} must be {expected}, not {toml_text(raw)}", place, code="bad-config")
        values[name] = value
    return settings_to_config(values, path)


def toml_text(value: Any) -> str:
    """A value as TOML writes it, for messages: `[1, {a = 2}]`, `1979-05-27`, `true`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_text(v)}" for k, v in value.items()) + "}"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def settings_to_config(values: dict[str, Any], path: Path) -> Config:
    """A Config from checked settings; paths made relative to the file's folder."""
    root = path.parent
    if "sources" in values:
        values["sources"] = tuple(root / s for s in values["sources"])
    if "output" in values:
        values["output"] = root / values["output"]
    if "lockfile" in values:
        lock = values.pop("lockfile")
        values["use_lock"] = lock is not False
        if lock is not False:
            values["lockfile"] = root / lock
    return Config(**values, path=path)


def setting_lines(content: str, table_name: str) -> dict[str, int]:
    """Each key of the settings table → its 1-based line."""
    found: dict[str, int] = {}
    current = ""
    for number, line in enumerate(content.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header and not line.lstrip().startswith("[["):
            current = re.sub(r"\s*\.\s*", ".", header.group(1))
            prefix = table_name + "." if table_name else ""
            if current.startswith(prefix) and current != table_name:
                found.setdefault(current[len(prefix):].split(".")[0], number)
            continue
        key = re.match(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=", line)
        if key and current == table_name:
            found.setdefault(key.group(1).strip('"'), number)
    return found
