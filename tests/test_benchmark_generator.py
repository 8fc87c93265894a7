"""The benchmark generator: seeded, deterministic, and its files read back with every record.

A small size keeps this fast; the benchmark timings themselves live in benchmarks/run.py,
never in the test suite.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from citekit.diagnostics import Severity

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SIZE = 400
LAYOUT_OF_PREFIX = {
    "profile-list": "profile_list",
    "abstract-list": "abstract_list",
    "listing-feed": "listing_feed",
    "profile-card": "profile_card",
}


def load(name: str):
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = load("generate")
layouts = load("layouts")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("bench") / "a"
    return folder, generate.generate(folder, seed=7, size=SIZE)


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_writes_the_same_bytes_and_another_seed_does_not(generated, tmp_path):
    folder, _ = generated
    generate.generate(tmp_path / "again", seed=7, size=SIZE)
    generate.generate(tmp_path / "other", seed=8, size=SIZE)
    assert file_bytes(tmp_path / "again") == file_bytes(folder)
    assert file_bytes(tmp_path / "other") != file_bytes(folder)


def test_size_counts_records_across_all_four_layouts(generated):
    _, manifest = generated
    assert manifest["scraped_records"] == SIZE
    assert sum(manifest["scraped_files"].values()) == SIZE
    prefixes = {name.rsplit("-", 1)[0] for name in manifest["scraped_files"]}
    assert prefixes == set(LAYOUT_OF_PREFIX)
    assert manifest["library_entries"] == SIZE


def test_every_scraped_file_is_read_by_its_layout_reader_with_every_record(generated):
    from citekit.readers import read_source

    folder, manifest = generated
    for name, expected in manifest["scraped_files"].items():
        records, diagnostics = read_source(folder / "scraped" / name, name)
        assert {r.layout for r in records} == {LAYOUT_OF_PREFIX[name.rsplit("-", 1)[0]]}, name
        assert len(records) == expected, name
        assert [d for d in diagnostics if d.severity is not Severity.INFO] == [], name


@pytest.mark.parametrize("relative, reader", [("bib/library.bib", "bibtex"), ("csl/library.json", "csl_json")])
def test_library_files_are_read_with_every_entry(generated, relative, reader):
    from citekit import readers

    if reader not in readers.READERS:
        pytest.skip(f"citekit has no {reader} reader registered yet")
    folder, manifest = generated
    records, diagnostics = readers.read_source(folder / relative, relative)
    assert len(records) == manifest["library_entries"]
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []


def test_papers_in_several_sources_carry_the_same_abstract(generated):
    folder, _ = generated
    abstracts = [line.removeprefix("Abstract:") for p in (folder / "scraped").glob("abstract-list-*.txt")
                 for line in p.read_text(encoding="utf-8").split("\n")]
    others = "\n".join(p.read_text(encoding="utf-8") for p in (folder / "scraped").glob("*.txt") if not p.name.startswith("abstract"))
    # An abstract-only record would be unresolvable; the generator never writes one.
    assert abstracts and all(a in others for a in abstracts)


@pytest.mark.parametrize(
    "case",
    [
        # Spellings observed in the seeds' profile lists: UTF-8 read as TIS-620, bytes 0x80-0x9F lost.
        {"label": "o-umlaut keeps both bytes", "clean": "Sören", "damaged": "Sรถren"},
        {"label": "e-dot loses its second byte", "clean": "Lukošiūtė", "damaged": "Lukoลกiลซtฤ"},
        {"label": "l-stroke loses its second byte", "clean": "Przemysław", "damaged": "Przemysลaw"},
        {"label": "ASCII is untouched", "clean": "Kaplan", "damaged": "Kaplan"},
    ],
    ids=lambda case: case["label"],
)
def test_tis620_damage_matches_what_scrapers_produce(case):
    assert layouts.tis620_mojibake(case["clean"]) == case["damaged"]


def test_cp1252_damage_is_the_classic_double_encoding():
    assert layouts.cp1252_mojibake("Hörsch, José") == "HÃ¶rsch, JosÃ©"


def test_feed_records_are_head_glued_line_abstract_triples(generated):
    from citekit.readers.base import is_head_line

    folder, _ = generated
    lines = (folder / "scraped" / "listing-feed-0001.txt").read_text(encoding="utf-8").split("\n")
    assert len(lines) % 3 == 0
    assert all(is_head_line(head) for head in lines[0::3])
    glued = lines[1::3]
    assert any(" et al. · " in line for line in glued)
    assert not any(is_head_line(line) for line in glued + lines[2::3])
