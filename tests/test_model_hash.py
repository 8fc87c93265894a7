"""Person and SourceSpan keep their hash on the object: the same hash, equality, repr and pickles as before."""
from __future__ import annotations

import copy
import dataclasses
import pickle

from citekit.model import Person, SourceSpan

VALUES = [Person("Maaten", "Laurens", "van der"), Person(literal="OpenAI"), Person(), SourceSpan("refs.bib", 3, 9)]


def test_hash_is_the_dataclass_hash_of_the_fields():
    for value in VALUES:
        assert hash(value) == hash(dataclasses.astuple(value)) == hash(value)


def test_a_hashed_value_still_equals_prints_and_sorts_as_an_unhashed_one():
    for value in VALUES:
        twin = dataclasses.replace(value)
        hash(value)
        assert value == twin and repr(value) == repr(twin) and {value: 1}[twin] == 1
    assert sorted([SourceSpan("b", 1, 1), SourceSpan("a", 2, 2)])[0] == SourceSpan("a", 2, 2)


def test_a_changed_copy_has_its_own_hash_and_a_pickle_keeps_no_hash():
    person = Person("Doe", "Jane")
    hash(person)
    changed = dataclasses.replace(person, given="J.")
    assert hash(changed) == hash(("Doe", "J.", None, None, None, None)) != hash(person)
    restored = pickle.loads(pickle.dumps(person))
    assert "_hash" not in vars(restored) and restored == person and hash(restored) == hash(person)
    assert copy.copy(person) == person and [f.name for f in dataclasses.fields(Person)][-1] == "literal"
