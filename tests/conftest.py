"""Shared pytest options: `--update-golden` rewrites golden files instead of comparing them."""


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (a person reads the diff before committing)",
    )
