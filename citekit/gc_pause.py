"""The pipeline (read, repair, resolve, keys) runs with Python's cyclic garbage collector paused.

Its phases allocate millions of small objects that form no reference cycles (names, keys, records);
each automatic collection of the oldest generation re-scans everything alive, about a fifth of
the CPU time of those phases at 100k records. Memory is still freed by reference counting; the
collector's previous state is restored when the phase ends, so callers see no difference.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_collector() -> Iterator[None]:
    """Within the block (or the decorated function) the cyclic collector does not run; its state is restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
