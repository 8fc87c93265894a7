"""Progress bars: silent unless stderr is a terminal, and never change what is iterated."""
from __future__ import annotations

import io

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
