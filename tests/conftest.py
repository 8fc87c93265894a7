"""Shared pytest options: `--update-golden` rewrites golden files instead of comparing them.

Under CI the property tests draw the same examples on every run (hypothesis's `derandomize`), so a
run's verdict depends on the code alone; a developer's run draws new ones each time and keeps the
failures it finds in `.hypothesis/` for the next run.
"""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (a person reads the diff before committing)",
    )
