"""The collector pause around the pipeline: off inside, the caller's state after (also after an error)."""
from __future__ import annotations

import gc

import pytest

from citekit.diagnostics import BadInput
from citekit.gc_pause import paused_collector
from citekit.pipeline import build_citations


def test_collector_is_paused_inside_and_restored_after():
    assert gc.isenabled()
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_stays_off_when_the_caller_turned_it_off():
    gc.disable()
    try:
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_is_restored_when_the_pipeline_fails(tmp_path):
    with pytest.raises(BadInput):
        build_citations([tmp_path / "no-such-file.txt"])
    assert gc.isenabled()
