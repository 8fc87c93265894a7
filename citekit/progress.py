"""Progress bars for long runs, drawn only when stderr is a terminal.

Pipes, CI logs, editors and tests get nothing at all (click's own bar would still print its
label once there). The library never draws: a stage accepts a `track` function whose default,
`passthrough`, returns its items untouched, and only cli.py hands it `track_on_terminal`.
"""
from __future__ import annotations

import sys
from typing import Callable, Iterable, Iterator, Sized, TypeVar

import click

T = TypeVar("T")
Track = Callable[[Iterable[T], str], Iterable[T]]

# Below this many items a bar would flash and vanish; not worth the noise.
MIN_ITEMS = 2000


def passthrough(items: Iterable[T], label: str) -> Iterable[T]:
    """The items, unchanged: what library stages use unless the CLI asks for a bar."""
    return items


def track_on_terminal(items: Iterable[T], label: str) -> Iterator[T]:
    """Yield the items; meanwhile draw a bar labelled `label` on stderr if it is a terminal.

    Sized collections shorter than MIN_ITEMS, and any run whose stderr is not a terminal,
    draw nothing."""
    length = len(items) if isinstance(items, Sized) else None
    if not sys.stderr.isatty() or (length is not None and length < MIN_ITEMS):
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar
