"""Every writer's output for the hand-written works, compared with goldens a person has read.

Rewrite with `pytest --update-golden` and read the diff before committing it.
"""
from __future__ import annotations

import pytest

from citekit.writers import WRITERS
from writer_cases import FIXTURES, citations

GOLDENS = {"bibtex": "bibtex.bib", "biblatex": "biblatex.bib", "csljson": "csl.json", "ris": "ris"}


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_output_matches_the_golden(name, request):
    golden = FIXTURES / f"works-like-the-seeds.expected.{GOLDENS[name]}"
    text = WRITERS[name].write(citations(), None)
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
