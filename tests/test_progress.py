"""Progress bars: silent unless stderr is a terminal, and never change what is iterated."""
from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from citekit import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pipe_gets_no_output_and_every_item(capsys):
    items = list(range(5000))
    assert list(progress.track_on_terminal(items, "Repairing")) == items
    assert capsys.readouterr().err == ""


def test_a_terminal_gets_a_labelled_bar_and_every_item(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    items = list(range(5000))
    assert list(progress.track_on_terminal(items, "Repairing")) == items
    assert "Repairing" in screen.getvalue()


def test_a_short_list_draws_nothing_even_on_a_terminal(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    assert list(progress.track_on_terminal([1, 2, 3], "Reading")) == [1, 2, 3]
    assert screen.getvalue() == ""


def test_passthrough_returns_the_same_object():
    items = [1, 2]
    assert progress.passthrough(items, "Reading") is items


def test_the_pipeline_reports_its_long_stages_and_loses_nothing(monkeypatch):
    from citekit.pipeline import build_citations

    monkeypatch.chdir(Path(__file__).parent.parent)
    seen: dict[str, int] = {}

    def recording(items, label):
        items = list(items)
        seen[label] = len(items)
        return items

    tracked = build_citations([], track=recording)
    assert seen == {"Reading": 5, "Repairing": 68, "Merging": 40}  # seed files, records, works (one record is unresolvable)
    assert tracked == build_citations([])


def test_export_on_a_terminal_draws_bars_and_writes_the_same_file(tmp_path):
    items = [{"id": f"w{n}", "type": "article-journal", "title": f"Scaling study number {n}",
              "author": [{"family": f"Author{n % 97}", "given": "Ann"}], "issued": {"date-parts": [[2000 + n % 25]]}}
             for n in range(2500)]
    (tmp_path / "library.json").write_text(json.dumps(items), encoding="utf-8")
    command = [sys.executable, "-m", "citekit", "export", "-o", "out.bib", "library.json"]
    primary, secondary = pty.openpty()
    with subprocess.Popen(command, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=secondary) as process:
        os.close(secondary)
        screen = read_all(primary)
    assert process.returncode == 0
    assert "Repairing" in screen and "Merging" in screen and "2500/2500" in screen
    on_terminal = (tmp_path / "out.bib").read_bytes()
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=120)
    assert done.returncode == 0 and "Repairing" not in done.stderr.decode()
    assert (tmp_path / "out.bib").read_bytes() == on_terminal


def read_all(descriptor: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(descriptor)
    return b"".join(chunks).decode("utf-8", "replace")
