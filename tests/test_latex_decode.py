"""The group-by-group LaTeX decoder gives exactly pylatexenc's text for the whole value.

Values are drawn from the pieces real .bib files are made of (accent groups, protected words,
dashes, quotes, ties, `\\&`, bare `&` and `%`, math, commands outside groups, unbalanced braces);
whenever the fast path answers, it must agree with decoding the whole value.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from citekit.readers.latex_decode import decode_by_groups, decode_latex, decode_whole, has_latex_marks

PIECES = [
    "a", "Z", " ", "  ", "\n", "é", "{", "}", "{\\'e}", '{\\"o}', "{\\c c}", "{\\l}", "{\\ss}", "\\'e", '\\"{o}',
    "{LLMs}", "{{GPT}}", "-", "--", "---", "~", "`", "``", "'", "''", "!`", "?`", "&", "\\&", "%", "\\%",
    "$", "$\\alpha$", "{$x_1$}", "\\emph{", "\\url{", "\\\\", "{\\&}", "{ }", "{}", "#", "^", "_", ".", ",",
]
VALUES = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_groups_decode_as_the_whole_value_does(value):
    fast = decode_by_groups(value)
    if fast is not None:
        assert " ".join(fast.split()) == " ".join(decode_whole(value).split())


# Characters that mark LaTeX only in some company (`--`, ``` `` ```, `!``), and plain ones.
UNMARKED_PIECES = ["a", "Z", " ", "\n", "é", "-", "`", "'", "!", "?", "&", "#", "^", "_", ".", ",", '"', "*", "@"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(UNMARKED_PIECES), max_size=14).map("".join))
@example("Hola !`amigo")
def test_a_value_without_latex_marks_reads_as_its_own_text(value):
    """has_latex_marks lets a value skip decoding only when pylatexenc would read it as it stands."""
    assume(not has_latex_marks(value))
    assert " ".join(decode_whole(value).split()) == " ".join(value.split())


# Flat groups of plain text, and what could make them need more: specials inside a group or across
# its braces (`-{}-`), pylatexenc's marks, nesting, a no-break space, non-ASCII letters.
PLAIN_GROUP_PIECES = ["Beyond", " ", "{LLMs}", "{RL}", "{}", "{ }", "{a b}", "-", "{-}", "`", "'", "!", "?", "{!}",
                      "{`}", "\u00a0", "東京", "é", "#", "^", "_", '"', "{", "}", "{{x}}", "~", "&", "%", "$", "\\"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PLAIN_GROUP_PIECES), max_size=12).map("".join))
@example("Beyond {LLMs} Language")
@example("a-{}-b and {`}{`}quoted{'}'")
def test_text_with_plain_groups_decodes_as_the_whole_value_does(value):
    """decode_latex's shortcut for flat plain groups (braces dropped) gives pylatexenc's text."""
    assume(has_latex_marks(value))
    assert decode_latex.__wrapped__(value) == " ".join(decode_whole(value).split())


@pytest.mark.parametrize("label, latex, expected", [
    ("accent groups inside a name", "L{\\'e}a Gonz{\\'a}lez", "Léa González"),
    ("a special letter group before more letters", "{\\l}aw", "ław"),
    ("a protected acronym beside dashes", "{LLMs}---a survey -- part~2", "LLMs—a survey – part 2"),
    ("TeX quotes around a phrase", "``Attention'' {is} all", "“Attention” is all"),
    ("a bare ampersand is the character, not a table column", "AT&T {Labs}", "AT&T Labs"),
    ("a bare percent is text, not a comment", "50% of {GPUs}", "50% of GPUs"),
    ("a command outside any group", "\\emph{Deep} learning", "Deep learning"),
    ("math becomes text", "{$\\alpha$}-tests", "α-tests"),
    ("unbalanced braces lose the braces", "Open {brace", "Open brace"),
    ("Spanish opening marks typed as TeX ligatures", "!`Hola! ?`Qu{\\'e}?", "¡Hola! ¿Qué?"),
    ("the same with no other markup in the value", "!`Hola!", "¡Hola!"),
])
def test_values_decode_to_the_text_a_reader_sees(label, latex, expected):
    assert decode_latex(latex) == expected, label
