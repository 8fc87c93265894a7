"""Works built by hand for key and lock tests, shaped as resolve hands them over."""
from __future__ import annotations

from citekit.model import PartialDate, Person, RepairedRecord, SourceRecord, SourceSpan, Work


def person(spec: dict | str) -> Person:
    """'Family, Given' text, or a dict of Person fields."""
    if isinstance(spec, str):
        family, _, given = spec.partition(", ")
        return Person(family=family, given=given or None)
    return Person(**spec)


def work(title: str, authors=(), year: int | None = None, *, month: int | None = None, container: str | None = None,
         doi: str | None = None, arxiv: str | None = None, pinned: str | None = None, path: str = "refs/list.txt",
         line: int = 1) -> Work:
    """A Work with one source record at path:line; `pinned` is a key the record's bibliography gave."""
    identifiers = {k: v for k, v in (("doi", doi), ("arxiv", arxiv)) if v}
    record = RepairedRecord(
        source=SourceRecord(SourceSpan(path, line, line), "bibtex" if pinned else "profile_list", title, {"title": title}),
        title=title, pinned_key=pinned,
    )
    return Work(
        csl_type="article", title=title, authors=tuple(person(a) for a in authors), authors_truncated=False,
        issued=PartialDate(year, month) if year or month else None, container_title=container, abstract=None,
        identifiers=identifiers, records=(record,), pinned_key=pinned,
    )


def from_case(spec: dict) -> Work:
    return work(spec["title"], spec.get("authors", ()), spec.get("year"), container=spec.get("container"))
