"""Find the real clients tests run our output through (TeX, biber, pandoc, node).

A missing client skips the test with its reason when the `CI` variable is unset, and fails it
when `CI` is set: CI must run every client check.
"""
from __future__ import annotations

import os
import shutil

import pytest


def missing(reason: str) -> None:
    """Skip (local run) or fail (CI) because a client is missing."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so client checks must run)")
    pytest.skip(reason)


def require_program(name: str, install: str) -> str:
    """The program's path; skip or fail when it is not on PATH. `install` says how to get it."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} not found; install {install}")
    return path


def require_pandoc() -> str:
    """pandoc from pypandoc-binary (the dev group), else pandoc on PATH."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return require_program("pandoc", "the dev group (pypandoc-binary) or pandoc")
