"""The values that flow through the pipeline, shared by every stage.

All are frozen dataclasses (FieldChoice an immutable NamedTuple) with no I/O: readers make
SourceRecords, repair makes RepairedRecords, resolve makes Works, keys make Citations. Work is CSL-shaped so that
writers map fields instead of reinterpreting them.
"""
from __future__ import annotations

import dataclasses
import enum
import functools
import operator
from dataclasses import dataclass, field
from typing import Mapping, NamedTuple


def hashed_once(cls: type) -> type:
    """`cls`, a frozen dataclass that is a dict and set key all through the pipeline, with its hash
    computed once per object: the generated __hash__ builds and hashes a tuple of the fields each time.

    The hash is the same; it is kept in `_hash`, which is no field (not compared, printed or pickled)."""
    names = [f.name for f in dataclasses.fields(cls)]
    assert len(names) > 1  # attrgetter of several names gives the tuple the generated __hash__ hashes
    field_values = operator.attrgetter(*names)

    def hash_once(self) -> int:
        value = self._hash
        if value is None:
            value = hash(field_values(self))
            object.__setattr__(self, "_hash", value)
        return value

    def state_without_hash(self) -> dict:  # a str hash differs from process to process
        return {name: value for name, value in self.__dict__.items() if name != "_hash"}

    cls._hash = None  # type: ignore[attr-defined]
    cls.__hash__ = hash_once  # type: ignore[assignment]
    cls.__getstate__ = state_without_hash  # type: ignore[attr-defined]
    return cls


def bound_setattr_init(cls: type) -> type:
    """`cls`, a frozen dataclass built once per record or person, with an __init__ that does what the
    generated one does but binds object.__setattr__ to the new object once: the generated one looks it
    up and calls it unbound for each field, a third of the time of making a 16-field record. The
    generated __init__ stays as `__init__.__wrapped__` (the signature shown), for tests to compare."""
    generated = cls.__init__
    fields = dataclasses.fields(cls)
    assert all(f.init and not f.kw_only for f in fields) and not hasattr(cls, "__post_init__")
    names = [f.name for f in fields]
    # A field with a default factory has a sentinel as its default, as in the generated __init__.
    sentinels = dict(zip(reversed(names), reversed(generated.__defaults__ or ())))
    factories = {f.name: f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING}
    lines = [f"def __init__(self, {', '.join(names)}):", "    set_field = object.__setattr__.__get__(self)"]
    for name in names:
        value = f"factories[{name!r}]() if {name} is sentinels[{name!r}] else {name}" if name in factories else name
        lines.append(f"    set_field({name!r}, {value})")
    namespace: dict = {"factories": factories, "sentinels": sentinels}
    exec("\n".join(lines), namespace)
    init = functools.update_wrapper(namespace["__init__"], generated)
    init.__defaults__ = generated.__defaults__
    cls.__init__ = init  # type: ignore[misc]
    return cls


@hashed_once
@dataclass(frozen=True, order=True)
class SourceSpan:
    """Where a record stands: a path relative to the input root and its 1-based lines."""

    path: str
    first_line: int
    last_line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.first_line}"


@hashed_once
@bound_setattr_init
@dataclass(frozen=True)
class Person:
    """One name as CSL models it; an organisation has only `literal`."""

    family: str | None = None
    given: str | None = None
    non_dropping_particle: str | None = None
    dropping_particle: str | None = None
    suffix: str | None = None
    literal: str | None = None

    @property
    def is_organisation(self) -> bool:
        return self.literal is not None

    def full_family(self) -> str:
        """The family name with its non-dropping particle, as printed ("van der Maaten")."""
        parts = [self.non_dropping_particle, self.family]
        return " ".join(p for p in parts if p) if self.literal is None else self.literal

    def display(self) -> str:
        """A readable 'Family, Given' form for messages and explanations."""
        if self.literal is not None:
            return self.literal
        text = self.full_family()
        if self.given:
            text += ", " + self.given
        if self.suffix:
            text += ", " + self.suffix
        return text


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as printed: any part may be missing. A year is never invented."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def date_parts(self) -> list[int] | None:
        """CSL date-parts when a year is known; None when it is not."""
        if self.year is None:
            return None
        parts = [self.year]
        if self.month is not None:
            parts.append(self.month)
            if self.day is not None:
                parts.append(self.day)
        return parts

    def iso(self) -> str:
        """EDTF-style text: 2022-12-15, 2022-12, 2022, or --04-01 when only month and day are known."""
        if self.year is None:
            if self.month is None:
                return ""
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@bound_setattr_init
@dataclass(frozen=True)
class SourceRecord:
    """One record exactly as a reader found it.

    `fields` holds raw strings under layout-neutral names: title, authors, abstract, date,
    category, affiliations, code, owner, and for bibliographies the source's own field names.
    `people` is filled only by readers whose format already structures names (BibTeX, CSL-JSON, RIS);
    `authors_format` tells repair how to split `fields["authors"]` otherwise.
    """

    span: SourceSpan
    layout: str
    raw_text: str
    fields: Mapping[str, str]
    authors_format: str = "none"  # "family-given-flat" | "given-family" | "structured" | "none"
    people: tuple[Person, ...] = ()
    people_truncated: bool = False


@dataclass(frozen=True)
class RepairStep:
    """One change a fixer made to one field, for `citekit explain`."""

    field: str
    fixer: str
    before: str
    after: str


@dataclass(frozen=True)
class UncertainName:
    """A name part repaired by a guess: `pattern` (a regex) matches every candidate repair."""

    author_index: int
    part: str  # "family" | "given"
    pattern: str


@bound_setattr_init
@dataclass(frozen=True)
class RepairedRecord:
    """A record after every fixer ran: CSL-shaped values plus the trail of repairs."""

    source: SourceRecord
    title: str | None = None
    authors: tuple[Person, ...] = ()
    authors_truncated: bool = False
    issued: PartialDate | None = None
    abstract: str | None = None
    category: str | None = None  # arXiv category, e.g. "cs.CL"; None when unknown or ambiguous
    category_letters: str | None = None  # as printed, e.g. "CL"
    csl_type: str | None = None
    container_title: str | None = None
    affiliations: tuple[str, ...] = ()
    identifiers: Mapping[str, str] = field(default_factory=dict)  # doi, arxiv, url, ...
    extra: Mapping[str, str] = field(default_factory=dict)  # other CSL variables: volume, page, ...
    pinned_key: str | None = None
    steps: tuple[RepairStep, ...] = ()
    uncertain_names: tuple[UncertainName, ...] = ()

    @property
    def span(self) -> SourceSpan:
        return self.source.span


class FieldChoice(NamedTuple):
    """Why a merged field has its value: the records it came from and the rule that chose them.

    A NamedTuple, not a dataclass (the one exception here): read only for explanations, yet made
    for every field of every work, and a tuple is built several times faster (also from C:
    `tuple.__new__(FieldChoice, values)`). Immutable; between FieldChoices, equal and printed as the
    dataclass was."""

    field: str
    from_spans: tuple[SourceSpan, ...]
    rule: str


@bound_setattr_init
@dataclass(frozen=True)
class Work:
    """One paper, merged from every record that describes it."""

    csl_type: str
    title: str
    authors: tuple[Person, ...]
    authors_truncated: bool
    issued: PartialDate | None
    container_title: str | None
    abstract: str | None
    identifiers: Mapping[str, str]
    records: tuple[RepairedRecord, ...]
    choices: tuple[FieldChoice, ...] = ()
    category: str | None = None
    category_letters: str | None = None
    affiliations: tuple[str, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)
    pinned_key: str | None = None

    @property
    def spans(self) -> tuple[SourceSpan, ...]:
        return tuple(sorted(r.span for r in self.records))


@dataclass(frozen=True)
class Citation:
    """A Work with the key it is cited by, and the rule that gave the key."""

    key: str
    work: Work
    key_rule: str


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    """A problem or a repair worth telling, as a value; only the CLI prints it."""

    code: str
    severity: Severity
    message: str
    span: SourceSpan | None = None


@dataclass(frozen=True)
class Outcome:
    """What a build produced: citations sorted by key, and every diagnostic on the way."""

    citations: tuple[Citation, ...]
    diagnostics: tuple[Diagnostic, ...]
