"""Run citeproc-js (npm "citeproc", pinned in package-lock.json) on CSL-JSON items from Python.

`npm ci` installs it on first use; the locales are citeproc-py's own files, so both engines
read the very same style and locale XML.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import citeproc

HERE = Path(__file__).parent
LOCALES = Path(citeproc.__file__).parent / "data" / "locales"


def citeprocjs_available() -> bool:
    """True when node and npm exist (citeproc itself is installed on demand)."""
    return shutil.which("node") is not None and shutil.which("npm") is not None


def install_citeprocjs() -> None:
    """`npm ci` in this folder unless node_modules/citeproc is already there."""
    if not (HERE / "node_modules" / "citeproc").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, capture_output=True)


def render_with_citeprocjs(items: list[dict], style_path: Path, locale: str = "en-US", fmt: str = "text") -> dict:
    """{"version", "entries": [{"id", "text"}], "problems", "elapsed_ms"} from citeproc-js."""
    install_citeprocjs()
    request = {"style": style_path.read_text(encoding="utf-8"), "locales_dir": str(LOCALES), "lang": locale,
               "format": fmt, "items": items}
    done = subprocess.run(["node", str(HERE / "render.mjs")], input=json.dumps(request), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)
