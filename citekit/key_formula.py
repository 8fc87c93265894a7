"""Citation-key formulas: Better BibTeX's syntax (`auth.lower + shorttitle(3,3) + year`) and
JabRef's bracket patterns (`[auth:lower][year]`), parsed once into terms and evaluated per Work.

A formula is alternatives separated by `|` (the first that yields a non-empty key wins), each a
`+`-joined list of terms; a term is a function or a quoted literal followed by `.filter`s. JabRef
patterns are translated into the same terms, so both syntaxes share one evaluator. The supported
functions and filters are the tables FUNCTIONS and FILTERS in key_parts.py; anything else is a
BadInput naming the formula and the position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from citekit.diagnostics import BadInput
from citekit.key_parts import FILTERS, FUNCTIONS, fold_key
from citekit.model import Work

Arg = int | str | bool
DEFAULT_FORMULA = "auth.lower + shorttitle(3,3) + year"  # Better BibTeX's default


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Arg, ...] = ()


@dataclass(frozen=True)
class Term:
    """A function (or a literal when `literal` is not None) and the filters applied to its text."""

    source: Call | None
    literal: str | None
    filters: tuple[Call, ...] = ()


@dataclass(frozen=True)
class Formula:
    text: str
    alternatives: tuple[tuple[Term, ...], ...]

    def evaluate(self, work: Work) -> str:
        """The folded, safe key this formula gives the work ("" when every alternative is empty)."""
        for terms in self.alternatives:
            key = fold_key("".join(evaluate_term(term, work) for term in terms))
            if key:
                return key
        return ""


def evaluate_term(term: Term, work: Work) -> str:
    text = term.literal if term.source is None else FUNCTIONS[term.source.name](work, *term.source.args)
    for step in term.filters:
        text = FILTERS[step.name](text, *step.args)
    return text


def parse_formula(text: str) -> Formula:
    """Parse a BBT formula or a JabRef `[...]` pattern; BadInput with the position when invalid."""
    stripped = text.strip()
    if not stripped:
        raise BadInput("key formula is empty", code="bad-key-formula")
    if stripped.startswith("["):
        return Formula(text, (parse_jabref(stripped),))
    return Formula(text, tuple(Parser(stripped).alternatives()))


TOKEN = re.compile(r"""\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<number>-?\d+)|(?P<string>'[^']*'|"[^"]*")|(?P<punct>[()+|.,=]))""")


class Parser:
    """A small recursive-descent parser over the BBT formula tokens."""

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []
        position = 0
        while position < len(text):
            if text[position:].strip() == "":
                break
            match = TOKEN.match(text, position)
            if not match:
                self.fail(position, f"unexpected character {text[position]!r}")
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind), match.start(kind)))
            position = match.end()
        self.index = 0

    def fail(self, position: int, problem: str):
        raise BadInput(f"key formula {self.text!r}: {problem} at column {position + 1}", code="bad-key-formula")

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.index] if self.index < len(self.tokens) else ("end", "", len(self.text))

    def take(self, kind: str, value: str | None = None) -> str:
        token_kind, token, position = self.peek()
        if token_kind != kind or (value is not None and token != value):
            wanted = repr(value) if value else kind
            self.fail(position, f"expected {wanted}, found {token!r}" if token else f"expected {wanted}, found the end")
        self.index += 1
        return token

    def alternatives(self) -> list[tuple[Term, ...]]:
        found = [self.terms()]
        while self.peek()[1] == "|":
            self.index += 1
            found.append(self.terms())
        if self.peek()[0] != "end":
            self.fail(self.peek()[2], f"unexpected {self.peek()[1]!r}")
        return found

    def terms(self) -> tuple[Term, ...]:
        found = [self.term()]
        while self.peek()[1] == "+":
            self.index += 1
            found.append(self.term())
        return tuple(found)

    def term(self) -> Term:
        kind, token, position = self.peek()
        if kind == "string":
            self.index += 1
            source, literal = None, token[1:-1]
        elif kind == "name":
            source, literal = self.call(FUNCTIONS, "function"), None
        else:
            self.fail(position, f"expected a function or a quoted text, found {token!r}" if token else "expected a term, found the end")
        filters = []
        while self.peek()[1] == ".":
            self.index += 1
            filters.append(self.call(FILTERS, "filter"))
        return Term(source, literal, tuple(filters))

    def call(self, table: dict, what: str) -> Call:
        position = self.peek()[2]
        name = self.take("name")
        if name not in table:
            known = ", ".join(sorted(table))
            self.fail(position, f"unknown {what} {name!r} (known: {known})")
        args: list[Arg] = []
        if self.peek()[1] == "(":
            self.index += 1
            while self.peek()[1] != ")":
                args.append(self.argument())
                if self.peek()[1] == ",":
                    self.index += 1
                elif self.peek()[1] != ")":
                    self.fail(self.peek()[2], "expected ',' or ')'")
            self.index += 1
        return Call(name, tuple(args))

    def argument(self) -> Arg:
        kind, token, position = self.peek()
        if kind == "name" and self.index + 1 < len(self.tokens) and self.tokens[self.index + 1][1] == "=":
            self.fail(position, "named arguments are not supported; pass them by position")
        self.index += 1
        if kind == "number":
            return int(token)
        if kind == "string":
            return token[1:-1]
        if kind == "name" and token in ("true", "false"):
            return token == "true"
        self.fail(position, f"expected a number, a quoted text or true/false, found {token!r}" if token else "expected an argument, found the end")


JABREF_FIELD = re.compile(r"^(?P<name>[A-Za-z.]+?)(?P<n>\d+)?(?:_(?P<m>\d+))?$")
# JabRef field markers → (BBT function, how the marker's numbers become arguments).
JABREF_FIELDS = {
    "auth": "auth", "authors": "authorsn", "authEtAl": "authEtAl", "auth.etal": "authEtal2",
    "auth.auth.ea": "authAuthEa", "authshort": "authshort", "authorLast": "authorLast",
    "authorsAlpha": "authorsAlpha", "authIni": "authIni", "year": "year", "shortyear": "shortyear",
    "month": "month", "title": "title", "shorttitle": "shorttitle", "veryshorttitle": "veryshorttitle",
    "journal": "journal",
}
JABREF_MODIFIERS = {"lower": "lower", "upper": "upper", "abbr": "abbr", "capitalize": "capitalize", "nopunct": "nopunct"}


def parse_jabref(text: str) -> tuple[Term, ...]:
    """`[auth:lower][shorttitle3_3][year]` and literal text between brackets, as terms."""
    terms: list[Term] = []
    position = 0
    for match in re.finditer(r"\[([^\[\]]*)\]", text):
        if match.start() > position:
            terms.append(jabref_literal(text, text[position:match.start()], position))
        terms.append(jabref_marker(text, match.group(1), match.start()))
        position = match.end()
    if position < len(text):
        terms.append(jabref_literal(text, text[position:], position))
    return tuple(terms)


def jabref_literal(pattern: str, literal: str, position: int) -> Term:
    if "[" in literal or "]" in literal:
        raise BadInput(f"key pattern {pattern!r}: unbalanced bracket at column {position + 1 + literal.find('[' if '[' in literal else ']')}", code="bad-key-formula")
    return Term(None, literal)


def jabref_marker(pattern: str, marker: str, position: int) -> Term:
    field, *modifiers = re.split(r":(?![^()]*\))", marker)
    match = JABREF_FIELD.match(field)
    name = match and JABREF_FIELDS.get(match.group("name"))
    if not name:
        known = ", ".join(sorted(JABREF_FIELDS))
        raise BadInput(f"key pattern {pattern!r}: unknown field [{field}] at column {position + 1} (known: {known})", code="bad-key-formula")
    numbers = tuple(int(g) for g in (match.group("n"), match.group("m")) if g is not None)
    filters = []
    for modifier in modifiers:
        if modifier.startswith("(") and modifier.endswith(")"):
            filters.append(Call("default", (modifier[1:-1],)))
        elif modifier in JABREF_MODIFIERS:
            filters.append(Call(JABREF_MODIFIERS[modifier]))
        else:
            known = ", ".join(sorted(JABREF_MODIFIERS)) + ", (default text)"
            raise BadInput(f"key pattern {pattern!r}: unknown modifier :{modifier} at column {position + 1} (known: {known})", code="bad-key-formula")
    return Term(Call(name, numbers), None, tuple(filters))
