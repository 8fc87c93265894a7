"""Write files whole or not at all: a temp file in the same folder, then os.replace.

Temp files are named `.NAME.PID.RANDOM.tmp` beside their target. SIGKILL gives a writer no
chance to remove its temp file, so every write first removes NAME's temp files whose writer
process is gone; a live writer's file is never touched, so two exports to one path do not
disturb each other and the last os.replace wins whole. Several files (output and lock) are
all staged before the first is replaced. A symlinked target is written through, not replaced.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable


def write_text_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step; on any failure the old file is untouched
    and no temp file is left behind."""
    write_texts_atomically([(path, text)])


def write_texts_atomically(files: Iterable[tuple[Path, str]]) -> None:
    """Write every (path, text): all temp files are written and synced before any target is
    replaced, so a failure while writing changes none of them. OSError names the target path."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            target = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
            staged.append((stage(target, text), target))
        for temp_name, target in staged:
            os.replace(temp_name, target)
            sync_folder(target)
    except BaseException:
        for temp_name, _ in staged:
            Path(temp_name).unlink(missing_ok=True)
        raise


def stage(target: Path, text: str) -> str:
    """A synced temp file beside `target` holding `text`, with the target's permissions."""
    folder = folder_of(target)
    remove_stale_temp_files(target)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(target)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
    except BaseException as error:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, str(target)) from None
        raise
    return temp_name


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Remove the temp files of `target` left by writers that no longer run; return them."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.[^.]+\.tmp$")
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder_of(target)):
            match = pattern.match(entry.name)
            if match and not process_is_running(int(match.group(1))):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def process_is_running(pid: int) -> bool:
    """True when a process with this id exists on this host (owned by anyone)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, ValueError):
        return False
    return True


def folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def sync_folder(path: Path) -> None:
    """Make the rename durable; some filesystems refuse to sync a folder, which is harmless."""
    with contextlib.suppress(OSError):
        handle = os.open(folder_of(path), os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
