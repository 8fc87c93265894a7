"""indented_json writes exactly what json.dumps(value, ensure_ascii=False, indent=2) writes."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from citekit.writers.json_text import indented_json

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                      max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_any_json_value_is_written_as_the_standard_library_writes_it(value):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("label, value", [
    ("empty containers nested", {"a": [], "b": {}, "c": [[], [{}]]}),
    ("a CSL item", {"id": "vaswani2017", "type": "article-journal", "author": [{"family": "Vaswani", "given": "Ashish"}],
                    "issued": {"date-parts": [[2017, 6]]}, "title": "Attention \"Is\" All\u2028You Need\n", "custom": {"truncated": True}}),
    ("a tuple reads as a list", ("x", 1, 2.5, None, False)),
    ("escapes and non-ASCII", ["\x00\x1f\\/\u00e9\U0001f600\ud800"]),
])
def test_cases(label, value):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2), label


def test_a_key_that_is_not_a_string_is_refused():
    with pytest.raises(TypeError):
        indented_json({1: "one"})
