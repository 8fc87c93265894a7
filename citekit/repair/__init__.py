"""Repair: each SourceRecord -> one RepairedRecord, every change a RepairStep or a Diagnostic.

Per record, in order: split a glued title from its byline, parse names by the record's
`authors_format`, repair encoding (title, abstract, each name part, so a lost-byte guess is
pinned to one part), read the head (category letters, printed date, `Code` flag), then copy
structured fields. Names seen in any record are evidence for splitting glued lines; they are
gathered first, so a record's repair never depends on the order of the records.
"""
from __future__ import annotations

import functools
from dataclasses import fields as dataclass_fields, replace
from operator import attrgetter
from typing import Callable, Mapping, Sequence

from citekit.diagnostics import info, warning
from citekit.model import Diagnostic, PartialDate, Person, RepairedRecord, RepairStep, SourceRecord, UncertainName
from citekit.progress import Track, passthrough
from citekit.repair.categories import categories_for_letters, category_for_letters
from citekit.repair.dates import parse_printed_date
from citekit.repair.encoding import TextRepair, all_clean, is_clean, repair_text
from citekit.repair.glued_fields import NameEvidence, split_glued, trailing_names
from citekit.repair.heads import parse_head
from citekit.repair.flat_lists import parse_byline_or_pairs, parse_flat_list
from citekit.repair.names import NameList, parse_given_family, split_byline_tail
from citekit.repair.plain import IDENTIFIER_FIELDS, OWN_FIELDS, repair_plain

NAME_PARTS = tuple(f.name for f in dataclass_fields(Person))
NAME_VALUES = attrgetter(*NAME_PARTS)


def repair_records(records: Sequence[SourceRecord], track: Track = passthrough) -> tuple[list[RepairedRecord], list[Diagnostic]]:
    """One RepairedRecord per input record, in input order, with every repair and drop reported.

    The result for a record does not depend on the order of `records`. `track` may show progress.
    """
    # The same names, author lists and texts recur across records: each is parsed and repaired once per run.
    fix = RunRepairs()
    parse = functools.lru_cache(maxsize=None)(parse_author_text)
    # Only a glued title line (parse_names gives None) consults the evidence; gathering it repairs every person.
    parsed = None
    if any(record.fields.get("title_authors") for record in records):
        parsed = [parse_names(record, parse) for record in records]
        evidence = collect_name_evidence(records, parsed, fix)
    else:
        evidence = NameEvidence()
    repaired: list[RepairedRecord] = []
    diagnostics: list[Diagnostic] = []
    for index, record in enumerate(track(records, "Repairing")):
        result = repair_plain(record, fix)
        if result is None:
            names = parsed[index] if parsed is not None else parse_names(record, parse)
            result, found = repair_record(record, names, evidence, fix)
            diagnostics.extend(found)
        repaired.append(result)
    return repaired, diagnostics


class RunRepairs:
    """repair_text over one run, each distinct text (and each distinct person's name parts) repaired once."""

    def __init__(self) -> None:
        self.texts: dict[str, TextRepair] = {}
        self.people: dict[Person, tuple[tuple[str, str, TextRepair], ...]] = {}
        # Readers share Person objects between records: found again by id (hashed in C, a Person's
        # hash is Python). Each is kept in `seen`, so no id is reused by another object during the run.
        self.by_id: dict[int, tuple[tuple[str, str, TextRepair], ...]] = {}
        self.seen: list[Person] = []
        # Ids of the people in `seen` whose name parts repair leaves as they are.
        self.unchanged_people: set[int] = set()

    def __call__(self, text: str) -> TextRepair:
        result = self.texts.get(text)
        if result is None:
            result = self.texts[text] = repair_text(text)
        return result

    def person(self, person: Person) -> tuple[tuple[str, str, TextRepair], ...]:
        """(part, printed value, repair) for each name part the repair changed or guessed."""
        if all_clean(filter(None, NAME_VALUES(person))):  # most names: one check instead of one per part
            return ()
        found = self.people.get(person)
        if found is None:
            found = self.people[person] = self.part_repairs(person)
        return found

    def part_repairs(self, person: Person) -> tuple[tuple[str, str, TextRepair], ...]:
        """`person`'s general path: each name part repaired on its own."""
        return tuple((part, value, result) for part in NAME_PARTS if (value := getattr(person, part))
                     for result in (self(value),) if result.text != value or result.pattern is not None)

    def for_people(self, people: Sequence[Person]) -> list[tuple[tuple[str, str, TextRepair], ...]]:
        """`person` for each of `people`, in order (most are known by the second time they are seen)."""
        found = list(map(self.by_id.get, map(id, people)))
        if None in found:
            for index, repairs in enumerate(found):
                if repairs is None:
                    person = people[index]
                    found[index] = self.by_id[id(person)] = repairs = self.person(person)
                    self.seen.append(person)
                    if not repairs:
                        self.unchanged_people.add(id(person))
        return found

    def people_unchanged(self, people: Sequence[Person]) -> bool:
        """True when repair changes and guesses no name part of `people`."""
        return self.unchanged_people.issuperset(map(id, people)) or not any(self.for_people(people))

    def all_unchanged(self, texts: Sequence[str]) -> bool:
        """True when repair changes and guesses none of `texts`."""
        if all_clean(texts):  # most records' texts: one check instead of one per text
            return True
        for text in texts:
            if is_clean(text):  # most are: no need to hash and keep them
                continue
            result = self(text)
            if result.text != text or result.pattern is not None:
                return False
        return True

    def repaired_person(self, person: Person) -> Person:
        """`person` with every name part repaired."""
        changes = {part: result.text for part, value, result in self.person(person) if result.text != value}
        return replace(person, **changes) if changes else person


def parse_names(record: SourceRecord, parse: Callable[[str, str], NameList] | None = None) -> NameList | None:
    """The record's authors by its `authors_format`; None for a feed's glued line (split later).

    `parse` (format, text) -> NameList may be a cached parse_author_text."""
    authors = record.fields.get("authors")
    if record.fields.get("title_authors"):
        return None
    if record.authors_format == "structured":
        return NameList(record.people, record.people_truncated)
    if authors and record.authors_format in ("family-given-flat", "given-family"):
        return (parse or parse_author_text)(record.authors_format, authors)
    return NameList()


def parse_author_text(authors_format: str, authors: str) -> NameList:
    """An author field printed as text: a flat "Family, Given" list or a "Given Family" byline."""
    return parse_flat_list(authors) if authors_format == "family-given-flat" else parse_byline_or_pairs(authors)


def collect_name_evidence(records: Sequence[SourceRecord], parsed: Sequence[NameList | None], fix: RunRepairs) -> NameEvidence:
    """Every name printed where it is certain (lists, bylines, bibliographies, feed tails, profile owners),
    raw and repaired."""
    people = {p for names in parsed if names for p in names.people}
    for owner in sorted({r.fields["owner"].strip() for r in records if r.fields.get("owner", "").strip()}):
        people.update(parse_flat_list(owner).people if "," in owner else [parse_given_family(owner)])
    repaired = {fix.repaired_person(p) for p in people}
    lines = {r.fields["title_authors"] for r in records if r.fields.get("title_authors")}
    printed = [name for line in lines for name in trailing_names(line)]
    return NameEvidence.from_people(people | repaired, printed)


class Trail:
    """The steps, diagnostics and guessed name parts gathered while repairing one record."""

    def __init__(self, record: SourceRecord, fix: RunRepairs):
        self.record = record
        self.fix = fix
        self.steps: list[RepairStep] = []
        self.diagnostics: list[Diagnostic] = []
        self.uncertain: list[UncertainName] = []

    def report(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(replace(diagnostic, span=diagnostic.span or self.record.span))

    def text(self, field: str, value: str | None) -> str | None:
        """`value` with its encoding repaired; the change is recorded as a step of `field`."""
        if value is None:
            return None
        result = self.fix(value)
        if result.text == value and result.pattern is None:  # the usual case: nothing to record
            return value or None
        if result.text != value:
            self.steps.append(RepairStep(field, "+".join(result.fixers) or "encoding", value, result.text))
        if result.pattern is not None:
            self.report(warning("guessed-repair", f"{field} {result.text!r} repaired by a guess (bytes were lost)"))
        return result.text or None

    def people(self, people: tuple[Person, ...]) -> tuple[Person, ...]:
        """`people` with each name part's encoding repaired (the same tuple when nothing needed it)."""
        found = self.fix.for_people(people)
        if not any(found):
            return tuple(people)
        return tuple(self.person(index, person, repairs) if repairs else person
                     for index, (person, repairs) in enumerate(zip(people, found)))

    def person(self, index: int, person: Person, repairs: tuple[tuple[str, str, TextRepair], ...]) -> Person:
        """`person` with `repairs` (RunRepairs.person) applied; a guessed part is marked uncertain."""
        changes = {}
        for part, value, result in repairs:
            if result.text != value:
                self.steps.append(RepairStep(f"author[{index}].{part}", "+".join(result.fixers) or "encoding", value, result.text))
                changes[part] = result.text
            if result.pattern is not None:
                self.uncertain.append(UncertainName(index, part, result.pattern))
                self.report(warning("guessed-name", f"name {value!r} repaired by a guess: {result.text!r}"))
        return replace(person, **changes) if changes else person


def repair_record(record: SourceRecord, names: NameList | None, evidence: NameEvidence, fix: RunRepairs) -> tuple[RepairedRecord, list[Diagnostic]]:
    """One record repaired: title, authors, abstract, head, structured fields."""
    trail = Trail(record, fix)
    fields = record.fields
    title = fields.get("title")
    if names is None:
        title, names = split_title_line(fields["title_authors"], evidence, trail)
    trail.steps.extend(names.steps)
    for diagnostic in names.diagnostics:
        trail.report(diagnostic)
    authors = trail.people(names.people)
    category, letters, issued, extra = read_head(fields.get("head"), trail)
    if fields.get("date"):
        issued = read_date(fields["date"], trail)
    if fields.get("arxiv-category"):
        category = fields["arxiv-category"]
    if fields.get("category-letters") and not letters:  # as a bibliography citekit wrote kept them
        letters = fields["category-letters"]
    identifiers = read_other_fields(fields, extra, trail)
    repaired = RepairedRecord(
        source=record,
        title=trail.text("title", title.strip()) if title and title.strip() else None,
        authors=authors,
        authors_truncated=names.truncated,
        issued=issued,
        abstract=trail.text("abstract", fields["abstract"].strip()) if fields.get("abstract", "").strip() else None,
        category=category,
        category_letters=letters,
        csl_type=fields.get("csl_type") or None,
        container_title=trail.text("container-title", fields.get("container-title")),
        affiliations=tuple(trail.text("affiliation", a) or a for a in names.affiliations),
        identifiers=identifiers,
        extra=extra,
        pinned_key=fields.get("citation-key") or None,
        steps=tuple(trail.steps),
        uncertain_names=tuple(trail.uncertain),
    )
    return repaired, trail.diagnostics


def read_other_fields(fields: Mapping[str, str], extra: dict[str, str], trail: Trail) -> dict[str, str]:
    """Add the fields without a home of their own to `extra`, repaired; return the identifiers, stripped."""
    identifiers = {}
    for name, value in fields.items():
        if not value.strip():
            continue
        if name in IDENTIFIER_FIELDS:
            identifiers[IDENTIFIER_FIELDS[name]] = value.strip()
        elif name in OWN_FIELDS:
            continue
        elif "\n" in value:  # a reader may keep a list in one field, one item per line
            extra[name] = "\n".join(trail.text(name, line) or line for line in value.split("\n"))
        else:
            extra[name] = trail.text(name, value) or value
    return identifiers


def split_title_line(line: str, evidence: NameEvidence, trail: Trail) -> tuple[str | None, NameList]:
    """A feed's glued title/byline line -> (title, names). Unsplittable: whole line as title, no authors.

    Keeping no authors rather than the certain later ones keeps the first author's place honest:
    a list without its first author would give the work a wrong first author and key.
    """
    split = split_glued(line, evidence)
    if split is None:
        # Mojibake can hide the split point's shape; the repaired line may show it.
        repaired = trail.fix(line)
        split = split_glued(repaired.text, evidence) if repaired.text != line else None
        if split is not None:
            trail.steps.append(RepairStep("title_authors", "+".join(repaired.fixers) or "encoding", line, repaired.text))
            line = repaired.text
    if split is None:
        core, truncated, affiliations = split_byline_tail(line)
        trail.report(warning("glued-title-unsplit", f"cannot tell where the title ends and the authors begin in {line!r}; "
                             "kept it all as the title, with no authors"))
        return core, NameList(truncated=truncated, affiliations=affiliations)
    trail.steps.append(RepairStep("title", "glued_fields", line, split.title))
    return split.title, parse_byline_or_pairs(split.byline)


def read_head(head: str | None, trail: Trail) -> tuple[str | None, str | None, PartialDate | None, dict[str, str]]:
    """(category, letters as printed, issued, extra) from a feed/card head line."""
    if not head:
        return None, None, None, {}
    parsed = parse_head(head)
    if parsed is None:
        trail.report(warning("unreadable-head", f"head line {head!r} has no category and date; ignored"))
        return None, None, None, {}
    if parsed.issued is None:
        trail.report(warning("unreadable-date", f"head line {head!r} prints no valid date"))
    elif parsed.issued.year is None:
        trail.report(info("date-without-year", f"head line {head!r} prints no year; none is assumed"))
    category = category_for_letters(parsed.letters)
    candidates = categories_for_letters(parsed.letters)
    if len(candidates) > 1:
        trail.report(info("ambiguous-category", f"ambiguous category letters {parsed.letters!r}: "
                          f"{' or '.join(sorted(candidates))}; category left open"))
    elif not candidates:
        trail.report(warning("unknown-category", f"category letters {parsed.letters!r} match no arXiv category"))
    extra = {"code_available": "true"} if parsed.code else {}
    return category, parsed.letters, parsed.issued, extra


def read_date(text: str, trail: Trail) -> PartialDate | None:
    """The PartialDate a structured `date` field prints, or None with a warning."""
    issued = parse_printed_date(text)
    if issued is None:
        trail.report(warning("unreadable-date", f"date {text!r} is not a date citekit can read; left out"))
    return issued
