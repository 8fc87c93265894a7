"""Name parts as BibTeX splits them: citekit reads each name of a fixture as BibTeX itself does,
and writes each family so that BibTeX and citekit read it back whole.

BibTeX (tests/fixtures/names/name-parts.bst prints each author's von, last, first and jr parts) is
the oracle; the named cases below were read off its output, so they run without TeX too.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from clients import require_program
from citekit.model import Citation, PartialDate, Person, RepairedRecord, SourceRecord, SourceSpan, Work
from citekit.readers.bibtex_names import read_names
from citekit.readers.latex_decode import decode_latex
from citekit.writers import WRITERS, WriteOptions

FIXTURES = Path(__file__).parent / "fixtures" / "names"
FORMS = FIXTURES / "bibtex-name-forms.bib"
# BibTeX reads a name of lower-case words only as von + last, with no first name; citekit keeps
# bibtexparser's reading (given + family), which is what names such as "danah boyd" mean.
LOWER_CASE_WORDS_ONLY = "lower-case-words-only"


def bibtex_parts(tmp_path: Path) -> list[tuple[str, tuple[str | None, ...]]]:
    """(entry key, (von, last, first, jr) decoded) for each author of FORMS, in order, as BibTeX splits them."""
    bibtex = require_program("bibtex", "TeX Live's bibtex (apt-get install texlive-binaries)")
    for name in ("bibtex-name-forms.bib", "name-parts.bst"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "names.aux").write_text("\\citation{*}\n\\bibdata{bibtex-name-forms}\n\\bibstyle{name-parts}\n")
    run = subprocess.run([bibtex, "names"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout
    rows = [line.split("|") for line in (tmp_path / "names.bbl").read_text().splitlines()]
    return [(key, tuple(decode_latex(part) or None for part in parts)) for key, *parts in rows]


def citekit_parts() -> list[tuple[str, tuple[str | None, ...]]]:
    """(entry key, (particle, family, given, suffix)) for each author of FORMS as citekit reads it."""
    from citekit.readers.bibtex import read

    records, _ = read(FORMS.read_text(), "bibtex-name-forms.bib")
    return [(record.fields["citation-key"], (p.non_dropping_particle, p.family or p.literal, p.given, p.suffix))
            for record in records for p in record.people]


def test_each_name_is_split_as_bibtex_splits_it(tmp_path):
    expected, found = bibtex_parts(tmp_path), citekit_parts()
    assert [key for key, _ in found] == [key for key, _ in expected]
    differing = [(key, ours, theirs) for (key, ours), (_, theirs) in zip(found, expected) if ours != theirs]
    assert [key for key, _, _ in differing] == [LOWER_CASE_WORDS_ONLY] * 2
    for _, (particle, family, given, _), (von, last, first, _) in differing:
        assert (particle, first) == (None, None) and (given, family) == (von, last)


NAMED_CASES = [
    {"label": "a tilde accent opens the first of two family words",
     "name": "{\\~N}u{\\~n}ez Garc{\\'\\i}a, Ana", "person": Person(family="Ñuñez García", given="Ana")},
    {"label": "an accented capital then an accented small letter, as citekit writes Ãà",
     "name": "{\\~A}{\\`a} {\\^A} A, Bob", "person": Person(family="Ãà Â A", given="Bob")},
    {"label": "a tilde-accented first name before a particle",
     "name": "{\\~N}ico de {\\~n}uble Ortega",
     "person": Person(family="Ortega", given="Ñico", non_dropping_particle="de ñuble")},
    {"label": "an upper-case foreign letter opens the first name",
     "name": "{\\AE}lfric of Eynsham", "person": Person(family="Eynsham", given="Ælfric", non_dropping_particle="of")},
    {"label": "a lower-case foreign letter opens a particle",
     "name": "{\\o}stby Hansen, Per", "person": Person(family="Hansen", given="Per", non_dropping_particle="østby")},
    {"label": "an accent whose letter is braced again",
     "name": "{\\v{S}}ediv{\\'y} Nov{\\'a}k, Jan", "person": Person(family="Šedivý Novák", given="Jan")},
    {"label": "an accented small letter opens a particle as before",
     "name": "Charles {\\'e}mile Zola", "person": Person(family="Zola", given="Charles", non_dropping_particle="émile")},
]


@pytest.mark.parametrize("case", NAMED_CASES, ids=[c["label"] for c in NAMED_CASES])
def test_special_characters_decide_a_words_case_as_in_bibtex(case):
    assert read_names(case["name"]).people == (case["person"],)


def test_a_family_name_opening_with_an_accented_capital_reads_back_whole():
    person = Person(family="Ãà Â A", given="Bob")
    work = Work("article", "A Title", (person,), False, PartialDate(2020), None, None, {},
                (RepairedRecord(SourceRecord(SourceSpan("generated.txt", 1, 1), "test", "", {})),))
    written = WRITERS["bibtex"].write([Citation("a2020", work, "formula")], WriteOptions())
    author = next(line for line in written.splitlines() if line.strip().startswith("author"))
    assert read_names(author.split("{", 1)[1].rsplit("}", 1)[0]).people == (person,)


# Families with a lower-case word before their last (found by the round-trip property test: `A µ A`
# came back as prefix `A µ`), which BibTeX would split into a particle and a shorter family.
INNER_LOWER_CASE_FAMILIES = ["A µ A", "Garcia de la Vega", "della Valle", "Dupont-de Vries", "bin-Laden"]


def written_people(dialect: str) -> list[str]:
    """The author field of an entry holding each of INNER_LOWER_CASE_FAMILIES, as `dialect` writes it."""
    people = tuple(Person(family=family, given="Ana") for family in INNER_LOWER_CASE_FAMILIES)
    work = Work("article", "A Title", people, False, PartialDate(2020), None, None, {},
                (RepairedRecord(SourceRecord(SourceSpan("generated.txt", 1, 1), "test", "", {})),))
    return WRITERS[dialect].write([Citation("a2020", work, "formula")], WriteOptions())


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_a_family_with_an_inner_lower_case_word_reads_back_whole(dialect):
    author = next(line for line in written_people(dialect).splitlines() if line.strip().startswith("author"))
    people = read_names(author.split("{", 1)[1].rsplit("}", 1)[0]).people
    assert [(p.family, p.non_dropping_particle) for p in people] == [(f, None) for f in INNER_LOWER_CASE_FAMILIES]


def test_bibtex_reads_each_written_family_whole(tmp_path):
    bibtex = require_program("bibtex", "TeX Live's bibtex (apt-get install texlive-binaries)")
    shutil.copy(FIXTURES / "name-parts.bst", tmp_path)
    (tmp_path / "written.bib").write_text(written_people("bibtex"), encoding="ascii")
    (tmp_path / "written.aux").write_text("\\citation{*}\n\\bibdata{written}\n\\bibstyle{name-parts}\n")
    run = subprocess.run([bibtex, "written"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout
    rows = [line.split("|")[1:] for line in (tmp_path / "written.bbl").read_text().splitlines()]
    assert [(von, decode_latex(last)) for von, last, _, _ in rows] == [("", f) for f in INNER_LOWER_CASE_FAMILIES]
