"""RunRepairs.person's shortcut (a name whose parts, joined by spaces, make a clean text needs nothing) gives
what repairing each part on its own gives, on generated names and on every name of the real files."""
from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings, strategies as st

from citekit.diagnostics import BadInput
from citekit.model import Person
from citekit.pipeline import read_all
from citekit.repair import RunRepairs, parse_names

FIXTURES = Path(__file__).parent / "fixtures"
REAL_FILES = sorted([*FIXTURES.glob("bib/*.bib"), *FIXTURES.glob("csljson/*.json"), *FIXTURES.glob("ris/*.ris"),
                     *FIXTURES.glob("repair/*.txt"), *(Path(__file__).parent.parent / "seeds").glob("*.txt")])

# Pieces of clean names and what makes a part need repair: edge and double spaces, tabs, controls,
# mojibake, lost bytes (Thai), decomposed accents, invisible characters, lone accented letters side by side.
PIECES = ["Lee", "Ann", "van der", "Jr.", "Þórunn", "Dvořák", "Müller", "O'Neil", "李", " ", "  ", "\t", "\x0b",
          "MÃ¼ller", "M├╝ller", "e\u0301", "\u00a0", "\u200b", "\u0e40\u0e21", "Œ", "é", ""]
PARTS = st.one_of(st.none(), st.lists(st.sampled_from(PIECES), max_size=4).map("".join))


def assert_shortcut_agrees(person: Person) -> None:
    assert RunRepairs().person(person) == RunRepairs().part_repairs(person)


@settings(max_examples=800, deadline=None)
@given(st.builds(Person, PARTS, PARTS, PARTS, PARTS, PARTS, PARTS))
@example(Person("Lee ", "Ann"))  # an edge space inside the joined text
@example(Person(" Lee", "Ann"))
@example(Person("Lee", "Ann", literal=""))
@example(Person("Ã", "©"))  # a character that starts a fixer on its own
@example(Person("Lé", "éA"))  # accented letters at the parts' edges stay apart when joined
def test_a_name_repairs_as_its_parts_repair(person):
    assert_shortcut_agrees(person)


def test_every_name_of_the_real_files_repairs_as_its_parts_repair():
    people = set()
    for path in REAL_FILES:
        try:
            records = read_all([path])[0]
        except BadInput:
            continue
        for record in records:
            names = parse_names(record)
            people.update(names.people if names else ())
    assert len(people) > 100
    for person in people:
        assert_shortcut_agrees(person)
    assert sum(1 for person in people if RunRepairs().part_repairs(person)) > 0, "the files hold names to repair"
