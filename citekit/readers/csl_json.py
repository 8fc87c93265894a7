"""CSL-JSON files (Zotero, Better BibTeX, pandoc, citeproc) -> one SourceRecord per item.

The file is an array of items or `{"items": [...]}`; anything else, or invalid JSON, stops
the file with its line and column. Each item is decoded in place (json.raw_decode) so its
span is its real lines. Names keep their CSL parts; `citation-key`, or an `id` that reads
as a key (not a Zotero URI or a number), is the user's pinned key. Items that are not
objects are reported and skipped; name variables other than `author` are not carried yet.
"""
from __future__ import annotations

import bisect
import json
import re
from typing import Any

from citekit.diagnostics import BadInput, info, warning
from citekit.model import Diagnostic, Person, SourceRecord, SourceSpan
from citekit.readers.base import Reader
from citekit.readers.identifiers import arxiv_category, settle_identifiers

LAYOUT = "csl_json"
# CSL 1.0.2 string and number variables citekit carries as they are.
VARIABLES = frozenset("""
abstract annote archive archive_collection archive_location archive-place authority call-number chapter-number
collection-number collection-title container-title container-title-short dimensions division DOI edition event
event-title event-place genre ISBN ISSN issue jurisdiction keyword language license medium note number
number-of-pages number-of-volumes original-publisher original-publisher-place original-title page page-first part
part-title PMCID PMID printing publisher publisher-place references reviewed-genre reviewed-title scale section
source status supplement title title-short URL version volume volume-title
""".split())
TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection dataset
document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview legal_case legislation
manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical
personal_communication post post-weblog regulation report review review-book software song speech standard thesis
treaty webpage
""".split())
NAME_PARTS = {"family": "family", "given": "given", "non-dropping-particle": "non_dropping_particle",
              "dropping-particle": "dropping_particle", "suffix": "suffix", "literal": "literal"}
KEY_SHAPE = re.compile(r"^[A-Za-z][\w:.+\-]*$")
NOTE_KEY = re.compile(r"^\s*Citation Key:\s*(\S+)\s*$", re.MULTILINE | re.IGNORECASE)
ARXIV_PLACES = ("number", "URL", "DOI", "note", "archive_location", "container-title")
WHITESPACE = re.compile(r"\s*")
JSON_KINDS = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
              bool: "true or false", type(None): "null"}
NEWLINE = re.compile("\n")
# CSL rich text a writer added to keep words from re-casing; the text is the title, the markup is not.
NOCASE_SPAN = re.compile(r'<span class="nocase">((?:(?!<span).)*?)</span>', re.DOTALL)


def sniff(text: str, path: str) -> float:
    """High for JSON-shaped text (`[` or `{` first) with a .json suffix or CSL item keys."""
    head = text.lstrip()[:1]
    if head not in ("[", "{"):
        return 0.0
    if path.lower().endswith(".json"):
        return 0.95
    return 0.85 if '"title"' in text and '"type"' in text else 0.3


def read(text: str, path: str) -> tuple[list[SourceRecord], list[Diagnostic]]:
    """One record per item, in file order; BadInput for invalid JSON or a top level with no item list."""
    records: list[SourceRecord] = []
    diagnostics: list[Diagnostic] = []
    newlines = [match.start() for match in NEWLINE.finditer(text)]
    for start, end, item in locate_items(text, path):
        span = SourceSpan(path, bisect.bisect_left(newlines, start) + 1, bisect.bisect_left(newlines, end - 1) + 1)
        if not isinstance(item, dict):
            diagnostics.append(warning("csl-json-not-an-item", f"array element is {JSON_KINDS[type(item)]}, not an item; skipped", span))
            continue
        records.append(make_record(item, text[start:end], span, diagnostics))
    return records, diagnostics


def locate_items(text: str, path: str) -> list[tuple[int, int, Any]]:
    """(start, end, value) of each item, decoded where it stands so every item knows its lines."""
    decoder = json.JSONDecoder()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
                       SourceSpan(path, error.lineno, error.lineno), code="bad-csl-json") from None
    position = skip_space(text, 0)
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        position = find_member(text, decoder, position, "items")
    elif not isinstance(document, list):
        raise BadInput(f"CSL-JSON must be an array of items or {{\"items\": [...]}}, not {JSON_KINDS[type(document)]}",
                       path=path, code="bad-csl-json")
    located = []
    position = skip_space(text, position + 1)  # past "["
    while text[position] != "]":
        value, end = decoder.raw_decode(text, position)
        located.append((position, end, value))
        position = skip_space(text, end)
        if text[position] == ",":
            position = skip_space(text, position + 1)
    return located


def find_member(text: str, decoder: json.JSONDecoder, position: int, name: str) -> int:
    """The offset of member `name`'s value in the object at `position` (the text is valid JSON)."""
    position = skip_space(text, position + 1)
    while True:
        key, position = decoder.raw_decode(text, position)
        position = skip_space(text, skip_space(text, position) + 1)  # past ":"
        if key == name:
            return position
        _, position = decoder.raw_decode(text, position)
        position = skip_space(text, skip_space(text, position) + 1)  # past ","


def json_text(value: Any) -> str:
    """A value as the file wrote it (JSON), for messages."""
    return json.dumps(value, ensure_ascii=False)


def skip_space(text: str, position: int) -> int:
    return WHITESPACE.match(text, position).end()  # type: ignore[union-attr]


def make_record(item: dict[str, Any], raw: str, span: SourceSpan, diagnostics: list[Diagnostic]) -> SourceRecord:
    fields: dict[str, str] = {}
    for name, value in item.items():
        if name in VARIABLES and isinstance(value, (str, int, float)) and str(value).strip():
            fields[name] = " ".join(str(value).split()) if name not in ("abstract", "note") else str(value).strip()
    while "title" in fields and NOCASE_SPAN.search(fields["title"]):  # innermost first: spans may nest
        fields["title"] = NOCASE_SPAN.sub(r"\1", fields["title"])
    kind = item.get("type")
    if kind in TYPES:
        fields["csl_type"] = kind
    else:
        diagnostics.append(warning("csl-json-type", "item has no type; left open" if kind is None else
                                   f"type {json_text(kind)} is not a CSL type; left open", span))
    key = pinned_key(item)
    if key:
        fields["citation-key"] = key
    elif item.get("id") is not None:
        diagnostics.append(info("csl-json-id", f"id {json_text(item['id'])} is not a citation key; not pinned", span))
    read_identifiers(fields, span, diagnostics)
    date = read_issued(item.get("issued"), span, diagnostics)
    if date:
        fields["date"] = date
    people, truncated = read_people(item.get("author"), span, diagnostics)
    # citekit's own `custom` block: what CSL has no variable for, read back so an export round-trips.
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    truncated = truncated or custom.get("authors_truncated") is True
    category = arxiv_category(custom["arxiv_category"]) if isinstance(custom.get("arxiv_category"), str) else None
    if category and "arxiv-category" not in fields:
        fields["arxiv-category"] = category
    letters = custom.get("category_letters")
    if isinstance(letters, str) and re.fullmatch(r"[A-Z][A-Z.\-]{0,12}", letters):
        fields["category-letters"] = letters
    return SourceRecord(span, LAYOUT, raw, fields, authors_format="structured", people=people, people_truncated=truncated)


def pinned_key(item: dict[str, Any]) -> str | None:
    """`citation-key`, an `id` shaped like a key, or Better BibTeX's `Citation Key:` note line."""
    given = item.get("citation-key")
    if isinstance(given, str) and given.strip() and not re.search(r"[\s,{}]", given.strip()):
        return given.strip()  # named a key outright: any shape BibTeX accepts (citekit's own 2019abc)
    candidate = item.get("id")
    if isinstance(candidate, str) and KEY_SHAPE.match(candidate.strip()):
        return candidate.strip()
    note = item.get("note")
    match = NOTE_KEY.search(note) if isinstance(note, str) else None
    return match.group(1) if match else None


def read_identifiers(fields: dict[str, str], span: SourceSpan, diagnostics: list[Diagnostic]) -> None:
    settle_identifiers(fields, [fields.get(place) for place in ARXIV_PLACES], span, diagnostics, "csl-json-doi", "DOI")


def read_issued(issued: Any, span: SourceSpan, diagnostics: list[Diagnostic]) -> str | None:
    """EDTF text from `date-parts` (first of a range), `raw`, `literal` or an EDTF string."""
    if issued is None:
        return None
    if isinstance(issued, str):
        return issued.strip() or None
    if isinstance(issued, dict) and isinstance(issued.get("date-parts"), list) and issued["date-parts"]:
        parts = issued["date-parts"][0]
        try:
            numbers = [int(str(p).strip()) for p in parts][:3] if isinstance(parts, list) else []
        except ValueError:
            numbers = []
        if numbers:
            return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])
    if isinstance(issued, dict):
        for name in ("raw", "literal"):
            if isinstance(issued.get(name), str) and issued[name].strip():
                return issued[name].strip()
    diagnostics.append(warning("csl-json-date", f"issued {json.dumps(issued)} has no readable date; left out", span))
    return None


def read_people(names: Any, span: SourceSpan, diagnostics: list[Diagnostic]) -> tuple[tuple[Person, ...], bool]:
    """Persons from a CSL name array; `others` / `et al.` as the last family marks truncation."""
    if names is None:
        return (), False
    if not isinstance(names, list):
        diagnostics.append(warning("csl-json-name", "author is not a list of names; left out", span))
        return (), False
    people: list[Person] = []
    truncated = False
    for name in names:
        if not isinstance(name, dict):
            diagnostics.append(warning("csl-json-name", f"author {json_text(name)} is not a name object; left out", span))
            continue
        parts = {NAME_PARTS[k]: " ".join(str(v).split()) for k, v in name.items() if k in NAME_PARTS and str(v).strip()}
        if (parts.get("family") or parts.get("literal") or "").lower() in ("others", "et al.", "et al"):
            truncated = True
        elif "literal" in parts:
            people.append(Person(literal=parts["literal"]))
        elif parts.get("family"):
            people.append(Person(**parts))
        else:
            diagnostics.append(warning("csl-json-name", f"author {json_text(name)} has no family name; left out", span))
    return tuple(people), truncated


READER = Reader(LAYOUT, sniff, read)
