"""The model classes made in bulk build their objects with bound_setattr_init's __init__: each call gives
what the dataclass-generated __init__ (kept as __init__.__wrapped__) gives, fails where it fails, and
leaves the object frozen."""
from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from citekit.model import PartialDate, Person, RepairedRecord, RepairStep, SourceRecord, SourceSpan, UncertainName, Work

SPAN = SourceSpan("refs.bib", 3, 9)
RECORD = SourceRecord(SPAN, "bibtex", "@article{x, title={T}}", {"title": "T"}, "structured", (Person("Lee", "Ann"),))
REPAIRED = RepairedRecord(RECORD, "T", (Person("Lee", "Ann"),), issued=PartialDate(2020))

CALLS = [
    {"label": "person with every part by keyword", "cls": Person,
     "args": (), "kwargs": {"family": "Maaten", "given": "Laurens", "non_dropping_particle": "van der", "suffix": "Jr."}},
    {"label": "person positional, rest defaulted", "cls": Person, "args": ("Maaten", "Laurens"), "kwargs": {}},
    {"label": "organisation", "cls": Person, "args": (), "kwargs": {"literal": "OpenAI"}},
    {"label": "empty person", "cls": Person, "args": (), "kwargs": {}},
    {"label": "source record as the BibTeX reader makes it", "cls": SourceRecord,
     "args": (SPAN, "bibtex", "@article{x}", {"title": "T"}), "kwargs": {"authors_format": "structured", "people": (Person("Lee"),)}},
    {"label": "source record with defaults", "cls": SourceRecord, "args": (SPAN, "abstract_list", "raw", {}), "kwargs": {}},
    {"label": "repaired record positional, as repair_plain makes it", "cls": RepairedRecord,
     "args": (RECORD, "T", (), False, PartialDate(2020), "Abstract.", None, None, "article-journal", "Journal", (),
              {"doi": "10.1/x"}, {"volume": "3"}, "lee2020", (), ()), "kwargs": {}},
    {"label": "repaired record by keyword, factories left to default", "cls": RepairedRecord,
     "args": (RECORD,), "kwargs": {"title": "T", "steps": (RepairStep("title", "nfc", "a", "b"),),
                                   "uncertain_names": (UncertainName(0, "family", "L[eé]e"),)}},
    {"label": "work with every field", "cls": Work,
     "args": ("article-journal", "T", (Person("Lee"),), False, PartialDate(2020, 5), "J", "A", {"doi": "10.1/x"}, (REPAIRED,)),
     "kwargs": {"category": "cs.CL", "extra": {"volume": "3"}, "pinned_key": "lee2020"}},
    {"label": "work with defaults", "cls": Work,
     "args": ("book", "T", (), True, None, None, None, {}, (REPAIRED,)), "kwargs": {}},
]


def generated(cls, *args, **kwargs):
    """An object built by the dataclass-generated __init__."""
    made = cls.__new__(cls)
    cls.__init__.__wrapped__(made, *args, **kwargs)
    return made


@pytest.mark.parametrize("call", CALLS, ids=[c["label"] for c in CALLS])
def test_an_object_is_built_as_the_generated_init_builds_it(call):
    cls, args, kwargs = call["cls"], call["args"], call["kwargs"]
    made, expected = cls(*args, **kwargs), generated(cls, *args, **kwargs)
    assert repr(made) == repr(expected) and made == expected
    assert vars(made) == vars(expected) and list(vars(made)) == list(vars(expected))
    assert pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.__setattr__(dataclasses.fields(cls)[0].name, None)


@pytest.mark.parametrize("cls", [Person, SourceRecord, RepairedRecord, Work])
def test_signature_and_wrong_calls_are_the_generated_ones(cls):
    assert cls.__init__ is not cls.__init__.__wrapped__
    assert inspect.signature(cls.__init__) == inspect.signature(cls.__init__.__wrapped__)
    names = [f.name for f in dataclasses.fields(cls)]
    for args, kwargs in [((None,) * (len(names) + 1), {}), ((), {"no_such_field": 1}), ((None,), {names[0]: None})]:
        with pytest.raises(TypeError) as ours:
            cls(*args, **kwargs)
        with pytest.raises(TypeError) as theirs:
            generated(cls, *args, **kwargs)
        assert str(ours.value) == str(theirs.value)


def test_each_object_gets_its_own_default_mappings():
    first, second = RepairedRecord(RECORD), RepairedRecord(RECORD)
    assert first.identifiers == {} and first.identifiers is not second.identifiers and first.extra is not second.extra
    work = Work("book", "T", (), False, None, None, None, {}, ())
    assert work.extra == {} and work.extra is not Work("book", "T", (), False, None, None, None, {}, ()).extra
