"""Citations for writer tests, built from hand-written works like the seeds' (fixtures/writers)."""
from __future__ import annotations

import json
from pathlib import Path

from citekit.model import Citation, PartialDate, Person, RepairedRecord, SourceRecord, SourceSpan, Work

FIXTURES = Path(__file__).parent / "fixtures" / "writers"


def record_at(source: str) -> RepairedRecord:
    """A repaired record that only knows where it stands ("path:line")."""
    path, line = source.rsplit(":", 1)
    span = SourceSpan(path, int(line), int(line))
    return RepairedRecord(source=SourceRecord(span=span, layout="test", raw_text="", fields={}))


def work_from(data: dict) -> Work:
    """A Work from the fixture's plain JSON."""
    issued = data.get("issued")
    return Work(
        csl_type=data.get("csl_type", "article"),
        title=data["title"],
        authors=tuple(Person(**p) for p in data.get("authors", ())),
        authors_truncated=data.get("authors_truncated", False),
        issued=PartialDate(**issued) if issued else None,
        container_title=data.get("container_title"),
        abstract=data.get("abstract"),
        identifiers=data.get("identifiers", {}),
        records=tuple(record_at(s) for s in data["sources"]),
        category=data.get("category"),
        category_letters=data.get("category_letters"),
        affiliations=tuple(data.get("affiliations", ())),
        extra=data.get("extra", {}),
    )


def load_cases(name: str = "works-like-the-seeds.json") -> list[dict]:
    """The fixture's cases, each with its `label`, `key` and built `citation`."""
    cases = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    for case in cases:
        case["citation"] = Citation(case["key"], work_from(case["work"]), "formula")
    return cases


def citations(name: str = "works-like-the-seeds.json") -> list[Citation]:
    """The fixture's citations sorted by key, as the pipeline hands them to writers."""
    return sorted((c["citation"] for c in load_cases(name)), key=lambda c: c.key)
