"""`citekit check`: rebuild the bibliography in memory and compare it, and the lock, with what is
committed. Nothing is written.

Exit 0 when both are identical to a fresh export; 1 on drift, with a per-key summary, the unified
diff and the one command that fixes it; 3 when the inputs or settings are unusable. A locked key
whose work left the sources is drift too: the document citing it would break silently.
When the fingerprint export left in citekit.lock still matches (fingerprint.py), nothing changed
since that export and the rebuild is skipped; `--rebuild` forces it.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, replace
from pathlib import Path

from citekit.config import Config
from citekit.diagnostics import BadInput, read_failure
from citekit.drift import compare
from citekit.exit_status import ExitStatus
from citekit.fingerprint import export_fingerprint
from citekit.lockfile import Lock, read_lock, render_lock, render_rows, signed_lock_text, updated_rows
from citekit.model import Outcome
from citekit.progress import Track, passthrough


@dataclass(frozen=True)
class Export:
    """What `citekit export` writes for a configuration: the outcome, the text, the lock text."""

    outcome: Outcome
    text: str
    lock_text: str | None  # None when locking is off


def shown(path: Path) -> str:
    from citekit.inputs import display_path

    return display_path(path)


def read_project_lock(config: Config) -> Lock | None:
    """The configured lock (empty when its file does not exist yet); None when locking is off."""
    path = config.lock_path()
    return None if path is None else read_lock(path, shown(path))


def build_outcome(config: Config, lock: Lock | None, track: Track = passthrough) -> Outcome:
    """The citations an export of these settings holds (keys kept by the lock). BadInput when
    the sources or the key formula are unusable. `track` may show progress."""
    from citekit.pipeline import build_citations

    return build_citations(list(config.sources), layout=config.layout, key_formula=config.key_formula, lock=lock, track=track)


def render_export(config: Config, outcome: Outcome, lock: Lock | None, *, prune_lock: bool = False) -> Export:
    """The text and lock text an export writes for an outcome. BadInput when the format, style or
    locale is unusable."""
    from citekit.writers import WriteOptions

    writer = choose_writer(config)
    options = WriteOptions(style=config.style, locale=config.locale, to=config.to, highlight=config.highlight)
    text = writer.write(outcome.citations, options)
    if lock is None:
        return Export(outcome, text, None)
    vanished = any(d.code == "lock-entry-unmatched" for d in outcome.diagnostics) and not prune_lock
    unsigned = render_rows(updated_rows(outcome.citations, lock, prune=prune_lock))
    if vanished:  # with a vanished work the next check must rebuild, to report it
        return Export(outcome, text, unsigned)
    return Export(outcome, text, signed_lock_text(unsigned, export_fingerprint(config, unsigned, text)))


def unchanged_since_export(config: Config, lock: Lock | None, committed: bytes | None, committed_lock: str | None) -> bool:
    """True when the lock's fingerprint proves a rebuild would give the committed files again."""
    if lock is None or not lock.fingerprint or committed is None or committed_lock != render_lock(lock):
        return False
    return export_fingerprint(config, render_lock(replace(lock, fingerprint="")), committed) == lock.fingerprint


def fix_command(config: Config, prune: bool) -> str:
    """The one command that brings the committed files back in line."""
    words = ["citekit", "export"]
    if config.path is None:
        if config.format:
            words += ["-f", config.format]
        if config.output is not None:
            words += ["-o", shown(config.output)]
        words += [shown(s) for s in config.sources]
    if prune:
        words.append("--prune-lock")
    return " ".join(shlex.quote(w) for w in words)


def without_fingerprint(lock_text: str) -> str:
    return re.sub(r"(?m)^# fingerprint: [0-9a-f]{64}\n", "", lock_text)


def run_check(config: Config, *, rebuild: bool = False) -> tuple[ExitStatus, str]:
    """(exit status, report text) for the committed output and lock against a fresh export.
    Without `rebuild`, a lock fingerprint that still matches everything passes without a rebuild."""
    try:
        if config.output is None:
            raise BadInput("check needs the committed output: set `output` in citekit.toml or pass -o FILE", code="no-output")
        lock = read_project_lock(config)
        committed = read_committed(config.output)
        lock_path = config.lock_path()
        committed_lock = read_committed(lock_path) if lock_path is not None else None
        if not rebuild and unchanged_since_export(config, lock, committed and committed.encode("utf-8"), committed_lock):
            return ExitStatus.OK, f"{shown(config.output)} is up to date ({len(lock.entries)} citations).\n"
        fresh = render_export(config, build_outcome(config, lock), lock)
    except BadInput as error:
        return ExitStatus.BAD_INPUT, error.render() + "\n"
    output_name = shown(config.output)
    sections: list[str] = []
    if committed is None:
        sections.append(f"{output_name} does not exist yet.")
    else:
        drift = compare(committed, fresh.text, choose_writer(config).name, name=output_name)
        if not drift.identical:
            summary = drift.summary()
            sections.append(f"{output_name} has drifted from its sources:" + (f"\n{summary}" if summary else "") + "\n\n" + drift.diff.rstrip("\n"))
    vanished = [d for d in fresh.outcome.diagnostics if d.code == "lock-entry-unmatched"]
    if fresh.lock_text is not None:
        lock_name = shown(lock_path)
        if committed_lock is None:
            sections.append(f"{lock_name} does not exist yet: the exported keys are not locked.")
        else:
            # The fingerprint line is an accelerator, not content: a whitespace edit in a source
            # changes it without changing what the lock says.
            lock_drift = compare(without_fingerprint(committed_lock), without_fingerprint(fresh.lock_text), "lock", name=lock_name)
            if not lock_drift.identical:
                sections.append(f"{lock_name} disagrees with the sources:\n{lock_drift.summary() or lock_drift.diff.rstrip()}")
        if vanished:
            lines = "\n".join(f"  {d.span}: {d.message}" if d.span else f"  {d.message}" for d in vanished)
            sections.append(f"{lock_name} locks keys whose works are gone from the sources:\n{lines}")
    if not sections:
        return ExitStatus.OK, f"{output_name} is up to date ({len(fresh.outcome.citations)} citations).\n"
    sections.append(f"Fix: {fix_command(config, prune=bool(vanished))}")
    return ExitStatus.DRIFT, "\n\n".join(sections) + "\n"


def read_committed(path: Path) -> str | None:
    """The committed file's text exactly as stored, or None when it does not exist."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read the committed file ({read_failure(error)})", path=shown(path), code="bad-output")


def choose_writer(config: Config):
    """The writer named by `format`, else the one the output's suffix selects, else bibtex."""
    from citekit.writers import WRITERS

    name = config.format_name()
    if name not in WRITERS:
        raise BadInput(f"format {name!r} has no writer in this installation (have: {', '.join(WRITERS)})", code="bad-format")
    return WRITERS[name]
