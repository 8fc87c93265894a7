"""Macros.expand's cache of raw values (`month = sep`) against its general path.

A raw value expanded with no macro undefined is kept until the next @string definition, and
expand_entry asks the cache before calling expand. The oracle is expand on a Macros with the same
definitions and an empty cache (the general path): after any sequence of definitions and
expansions both must agree, and a redefinition or an undefined macro must never be answered
from the cache.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.readers.bibtex import parse_entries
from citekit.readers.bibtex_values import Macros

NAMES = ["acl", "ACL", "sep", "Dec", "x"]
RAWS = ["sep", "SEP", "dec", "2020", "acl", "ACL", "x", "nosuch", '"2020"', "{Braced}", 'acl # " 2020"',
        "x # sep", "{a} # {b}", " jan ", "acl#x", '"q" # nosuch']
OPERATIONS = st.lists(st.one_of(st.tuples(st.just("define"), st.sampled_from(NAMES), st.sampled_from(RAWS)),
                                st.tuples(st.just("expand"), st.sampled_from(RAWS))), max_size=30)


def general_expand(macros: Macros, raw: str) -> tuple[str, list[str]]:
    """expand with the same definitions and nothing cached."""
    return Macros(values=dict(macros.values)).expand(raw)


@settings(max_examples=300, deadline=None)
@given(OPERATIONS)
def test_cached_expansions_equal_the_general_path_after_any_definitions(operations):
    macros = Macros()
    for operation in operations:
        if operation[0] == "define":
            expected = general_expand(macros, operation[2])[1]
            assert macros.define(operation[1], operation[2]) == expected
        else:
            raw = operation[1]
            expected = general_expand(macros, raw)
            assert macros.expand(raw) == expected
            assert macros.expand(raw) == expected  # the second time, from the cache if it was kept
            assert raw not in macros.known or (macros.known[raw], []) == expected


def test_an_undefined_macro_is_never_cached_and_a_redefinition_empties_the_cache():
    macros = Macros()
    assert macros.expand("nosuch") == ("nosuch", ["nosuch"])
    assert "nosuch" not in macros.known
    assert macros.expand("sep") == ("September", [])
    assert macros.known == {"sep": "September"}
    assert macros.define("sep", "{Septembre}") == []
    assert macros.known == {}
    assert macros.expand("sep") == ("Septembre", [])


def test_a_file_redefining_a_macro_between_entries_reads_each_with_the_definition_in_force():
    text = ("@string{venue = {Old Venue}}\n"
            "@misc{a,\n  title = {A},\n  note = venue,\n  month = sep\n}\n"
            "@misc{b,\n  title = {B},\n  note = venue,\n  month = sep\n}\n"
            "@string{venue = {New Venue}}\n@string{sep = {Sept.}}\n"
            "@misc{c,\n  title = {C},\n  note = venue,\n  month = sep,\n  year = undefinedmacro\n}\n"
            "@misc{d,\n  title = {D},\n  year = undefinedmacro\n}\n")
    entries, diagnostics = parse_entries(text, "x.bib")
    assert [(e.values["note"] if "note" in e.values else None, e.values.get("month")) for e in entries] == [
        ("Old Venue", "September"), ("Old Venue", "September"), ("New Venue", "Sept."), (None, None)]
    # Each use of the undefined macro is reported at its own line, not answered from the cache.
    assert [(d.code, d.span.first_line) for d in diagnostics] == [("bibtex-undefined-string", 18),
                                                                   ("bibtex-undefined-string", 22)]
