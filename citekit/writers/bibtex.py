"""The `bibtex` and `biblatex` writers: one entry per citation, fields in field_map's order.

The dialects differ in data, not layout. BibTeX: LaTeX-escaped ASCII, `year` + `month` macro,
`journal`, `eprint` + `archivePrefix` + `primaryClass`, names as `von Last, Jr, First`.
biblatex: UTF-8, EDTF `date` (none without a year: see `date_fields`), `journaltitle`, `eprinttype`/`eprintclass`, `pubstate`, and the extended name format
when a name has a particle or suffix. Organisations are braced, truncated lists end in
`and others`. The layout is bibtexparser's (two-space indent, one blank line between entries),
so parsing our file with bibtexparser and writing it back gives the same bytes.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Sequence

from citekit.model import Citation, PartialDate, Person, Work
from citekit.writers.field_map import FIELDS, PREPRINT, VERBATIM_BIBTEX, EntryType, entry_type_for, is_arxiv
from citekit.writers.latex_text import latex_text, recurring_latex_text

# Page ranges take BibTeX's en dash (`436--444`) whatever dash the source printed.
PAGE_RANGE_DASH = re.compile(r"(?<=\w)\s*(?:-+|\u2013|\u2014)\s*(?=\w)")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
INDENT = "  "
REMEMBERED_NAMES = 1 << 16


@dataclass(frozen=True, eq=False)  # two of them, told apart (and hashed) by identity
class Dialect:
    """What differs between BibTeX and biblatex output."""

    name: str
    ascii_only: bool
    # id(person) -> its name in this dialect, and the person, kept so that its id is not reused.
    names: dict[int, str] = field(default_factory=dict, repr=False)
    people: dict[int, Person] = field(default_factory=dict, repr=False)
    # (year, month, day) -> the date's fields: a few hundred dates serve every entry.
    dates: dict[tuple, tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False)
    # A Work mapping's key -> (place in field_map.FIELDS, this dialect's field name), for the rows
    # of that mapping with a field in this dialect.
    extra_rows: dict[str, tuple[int, str]] = field(default_factory=dict, repr=False)
    identifier_rows: dict[str, tuple[int, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for place, row in enumerate(FIELDS):
            name = getattr(row, self.name)  # the row's field name in this dialect
            rows = {"extra": self.extra_rows, "identifiers": self.identifier_rows}.get(row.mapping)
            if name and rows is not None:
                rows[row.name] = (place, name)


BIBTEX = Dialect("bibtex", ascii_only=True)
BIBLATEX = Dialect("biblatex", ascii_only=False)


def braced_if_needed(text: str) -> str:
    """A name part braced when BibTeX would otherwise split it (a comma or a lone `and`)."""
    return "{" + text + "}" if "," in text or " and " in f" {text.lower()} " else text


@functools.lru_cache(maxsize=1 << 16)  # family and given names recur across people
def name_part(part: str, ascii_only: bool) -> str:
    """One part of a name, escaped, and braced when BibTeX would split it."""
    return braced_if_needed(latex_text(part, ascii_only))


def bibtex_name(person: Person, dialect: Dialect) -> str:
    """One name: `{Org}`; `von Last, Jr, First`; biblatex's `family=..., prefix=...` for particles."""
    ascii_only = dialect.ascii_only
    if person.literal is not None:
        return "{" + latex_text(person.literal, ascii_only) + "}"
    family = person.family or person.given or ""
    given = person.given if person.family else None
    non_dropping, dropping = person.non_dropping_particle, person.dropping_particle
    particle = f"{non_dropping} {dropping}" if non_dropping and dropping else non_dropping or dropping or ""
    if dialect is BIBLATEX and (particle or person.suffix):
        parts = [f"family={{{latex_text(family, False)}}}"]
        if given:
            parts.append(f"given={{{latex_text(given, False)}}}")
        if particle:
            parts.append(f"prefix={{{latex_text(particle, False)}}}")
        if person.suffix:
            parts.append(f"suffix={{{latex_text(person.suffix, False)}}}")
        if particle:
            parts.append("useprefix=" + ("true" if person.non_dropping_particle else "false"))
        return ", ".join(parts)
    family_text = "{" + latex_text(family, ascii_only) + "}" if splits_as_particle(family) else name_part(family, ascii_only)
    last = " ".join(filter(None, (name_part(particle, ascii_only), family_text))) if particle else family_text
    if person.suffix:
        return f"{last}, {name_part(person.suffix, ascii_only)}, {name_part(given or '', ascii_only)}".rstrip()
    return f"{last}, {name_part(given, ascii_only)}" if given else last


def splits_as_particle(family: str) -> bool:
    """True when BibTeX would read part of `family` as a particle: a word before its last one opens
    with a lower-case letter (`della Valle`, `A µ B`, `Dupont-de Vries`: BibTeX splits words at
    hyphens too), so the family must be written in braces."""
    # Most families are one word of letters: no word before the last, known without splitting.
    return not family.isalpha() and opens_lower_before_last_word(family)


def opens_lower_before_last_word(family: str) -> bool:
    """splits_as_particle's general path: the family split into words as BibTeX splits them."""
    words = FAMILY_WORD_BREAK.split(family)
    return any(first_letter(word).islower() for word in words[:-1])


FAMILY_WORD_BREAK = re.compile(r"[\s-]+")


def first_letter(word: str) -> str:
    """The first letter of `word` ("" when it has none): the one whose case BibTeX reads."""
    return next((char for char in word if char.isalpha()), "")


def remembered_name(person: Person, dialect: Dialect) -> str:
    """bibtex_name, remembered by the person object's id."""
    name = dialect.names.get(id(person))
    if name is None:
        if len(dialect.names) >= REMEMBERED_NAMES:
            dialect.names.clear()
            dialect.people.clear()
        dialect.people[id(person)] = person
        name = dialect.names[id(person)] = bibtex_name(person, dialect)
    return name


def name_list(work: Work, dialect: Dialect) -> str | None:
    """The author field's value: names joined by `and`, `and others` when the list is truncated."""
    # The same person objects come back on every paper they wrote: looking their names up by id
    # runs in C, where bibtex_name's cache would hash and compare each dataclass in Python.
    names = [*map(dialect.names.get, map(id, work.authors))]
    if None in names:  # only the people not seen before go through bibtex_name
        names = [name if name is not None else remembered_name(p, dialect) for name, p in zip(names, work.authors)]
    if work.authors_truncated and names:
        names.append("others")
    return "{" + " and ".join(names) + "}" if names else None


def date_fields(work: Work, dialect: Dialect) -> tuple[tuple[str, str], ...]:
    """fields_of_date for the work's date, remembered by the date's parts."""
    date = work.issued
    if date is None:
        return ()
    parts = DATE_PARTS(date)
    fields = dialect.dates.get(parts)
    if fields is None:
        fields = dialect.dates[parts] = tuple(fields_of_date(date, dialect))
    return fields


DATE_PARTS = attrgetter("year", "month", "day")


def fields_of_date(date: PartialDate, dialect: Dialect) -> list[tuple[str, str]]:
    """`year` + `month` macro (BibTeX) or an EDTF `date` (biblatex); nothing for an unknown date."""
    if date.year is None and date.month is None:
        return []
    if dialect is BIBLATEX:
        # biber takes XXXX-MM-DD silently but drops month and day, and authoryear prints "()":
        # without a year, no date (one "missing date" warning, and "n.d." in print).
        return [("date", "{" + date.iso() + "}")] if date.year is not None else []
    fields = [("year", f"{{{date.year}}}")] if date.year is not None else []
    if date.month:
        fields.append(("month", MONTHS[date.month - 1]))
    return fields


def arxiv_fields(work: Work, kind: EntryType, dialect: Dialect) -> list[tuple[str, str]]:
    """Where an arXiv preprint lives: eprint fields when its id is known, else `howpublished`."""
    if kind is not PREPRINT or not is_arxiv(work):
        return []
    arxiv_id = work.identifiers.get("arxiv")
    if not arxiv_id:  # the category still says where it was listed, and lets the entry read back as arXiv
        category_field = "eprintclass" if dialect is BIBLATEX else "primaryClass"
        return [("howpublished", "{arXiv}")] + ([(category_field, "{" + work.category + "}")] if work.category else [])
    fields = [("eprint", "{" + arxiv_id + "}")]
    if dialect is BIBLATEX:
        fields.append(("eprinttype", "{arxiv}"))
        return fields + ([("eprintclass", "{" + work.category + "}")] if work.category else [])
    # biber maps archivePrefix/primaryClass to eprinttype/eprintclass only when those are absent.
    fields.append(("archivePrefix", "{arXiv}"))
    return fields + ([("primaryClass", "{" + work.category + "}")] if work.category else [])


def plain_values(work: Work, dialect: Dialect) -> list[tuple[tuple[int, str], str]]:
    """((place in FIELDS, field name), field_map.work_value) of each row of FIELDS with a value in the
    work and a field in the dialect, in FIELDS order, but the abstract (entry_fields writes it last).
    Found from the work's own few extras and identifiers, not by asking every row."""
    found = []
    for mapping, rows in ((work.extra, dialect.extra_rows), (work.identifiers, dialect.identifier_rows)):
        for name, value in mapping.items():
            place = rows.get(name)
            # field_map.clean_value, written out: this runs for every value of every work written.
            if place is not None and isinstance(value, str) and (value := value.strip()):
                found.append((place, value))
    found.sort()  # places are unique, so values are never compared
    return found


def entry_type_name(work: Work, kind: EntryType, dialect: Dialect) -> str:
    """The entry type; a biblatex @online needs a url, doi or eprint, so without one it is @misc."""
    if dialect is BIBTEX:
        return kind.bibtex
    locator = any(work.identifiers.get(k) for k in ("url", "doi", "arxiv"))
    return kind.biblatex if kind.biblatex != "online" or locator else "misc"


def entry_fields(citation: Citation, dialect: Dialect) -> tuple[str, list[tuple[str, str]]]:
    """(entry type, [(field, value with its braces)]) for one citation, in a fixed order."""
    work = citation.work
    kind = entry_type_for(work)
    ascii_only = dialect.ascii_only
    fields: list[tuple[str, str]] = []
    authors = name_list(work, dialect)
    if authors:
        fields.append(("author", authors))
    if work.title:
        fields.append(("title", f"{{{latex_text(work.title, ascii_only, True)}}}"))
    container = kind.container_bibtex if dialect is BIBTEX else kind.container_biblatex
    if container and work.container_title:
        fields.append((container, f"{{{recurring_latex_text(work.container_title, ascii_only, True)}}}"))
    fields += date_fields(work, dialect)
    for (_, name), value in plain_values(work, dialect):
        if name == "pages":
            text = "--".join(recurring_latex_text(part, ascii_only) for part in PAGE_RANGE_DASH.split(value))
        else:
            text = value if name in VERBATIM_BIBTEX else recurring_latex_text(value, ascii_only)
        fields.append((name, "{" + text + "}"))
    if kind is PREPRINT:  # the only kind with arXiv fields
        fields += arxiv_fields(work, kind, dialect)
    if dialect is BIBLATEX and kind is PREPRINT:
        fields.append(("pubstate", "{prepublished}"))
    if work.abstract:
        fields.append(("abstract", f"{{{latex_text(work.abstract, ascii_only)}}}"))
    return entry_type_name(work, kind, dialect), fields


def entry_parts(entry_type: str, key: str, fields: list[tuple[str, str]]) -> tuple[str, str, str]:
    """One entry in bibtexparser's layout, in three parts to be joined: `@type{key,`, the indented
    `name = value` lines, `}`. (Joined once with every other entry, the text is copied once.)"""
    if not fields:
        return f"@{entry_type}{{{key},\n", "", "}\n"
    return f"@{entry_type}{{{key},\n{INDENT}", f",\n{INDENT}".join(map(" = ".join, fields)), "\n}\n"


def write_entries(citations: Sequence[Citation], dialect: Dialect) -> str:
    """Every citation as an entry, sorted by key, one blank line between entries."""
    parts: list[str] = []
    for citation in sorted(citations, key=attrgetter("key")):
        entry_type, fields = entry_fields(citation, dialect)
        parts += entry_parts(entry_type, citation.key, fields)
        parts.append("\n")
    return "".join(parts[:-1])


def write_bibtex(citations: Sequence[Citation], options=None) -> str:
    """The citations as a BibTeX file (LaTeX-escaped ASCII, natbib-ready)."""
    return write_entries(citations, BIBTEX)


def write_biblatex(citations: Sequence[Citation], options=None) -> str:
    """The citations as a biblatex file for biber (UTF-8)."""
    return write_entries(citations, BIBLATEX)
