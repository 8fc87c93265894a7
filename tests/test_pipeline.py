"""The whole pipeline on the real seeds: every record accounted for, output independent of order."""
import json
from pathlib import Path

from click.testing import CliRunner

from citekit.cli import main
from citekit.pipeline import build_citations

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").iterdir())


def run_export(*args: str) -> str:
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_seed_record_is_in_one_citation_or_one_diagnostic(monkeypatch):
    monkeypatch.chdir(ROOT)
    outcome = build_citations([])
    placed = [r.span for c in outcome.citations for r in c.work.records]
    assert len(placed) == len(set(placed)) == 67
    unresolved = [d for d in outcome.diagnostics if d.code == "unresolvable"]
    assert [str(d.span) for d in unresolved] == ["seeds/001_347a0b179dc52533.txt:10"]
    assert len(outcome.citations) == 40


def test_the_paper_seen_in_four_files_is_one_citation_with_the_fullest_data(monkeypatch):
    monkeypatch.chdir(ROOT)
    items = json.loads(run_export("--format", "csljson"))
    moral = [i for i in items if i["title"] == "The Capacity for Moral Self-Correction in Large Language Models"]
    assert len(moral) == 1
    sources = moral[0]["custom"]["sources"]
    assert [s.split("/")[-1].split("_")[0] for s in sources] == ["000", "001", "003", "004"]
    assert moral[0]["issued"] == {"date-parts": [[2023, 2, 15]]}
    assert len(moral[0]["author"]) > 3 and moral[0]["author"][0] == {"family": "Ganguli", "given": "Deep"}
    assert {"family": "Lukošiūtė", "given": "Kamilė"} in moral[0]["author"]


def test_file_order_on_the_command_line_does_not_change_a_byte(monkeypatch):
    monkeypatch.chdir(ROOT)
    names = [str(p.relative_to(ROOT)) for p in SEEDS]
    forward = run_export("--format", "bibtex", *names)
    backward = run_export("--format", "bibtex", *reversed(names))
    assert forward == backward
    assert forward == run_export("--format", "bibtex")


def test_a_year_is_never_invented_for_a_month_day_date(monkeypatch):
    monkeypatch.chdir(ROOT)
    items = json.loads(run_export("--format", "csljson"))
    mismatch = [i for i in items if i["title"].startswith("Managing the Mismatch")][0]
    assert "issued" not in mismatch or "date-parts" not in mismatch["issued"]


def test_works_without_a_printed_year_are_named_in_diagnostics(monkeypatch):
    monkeypatch.chdir(ROOT)
    outcome = build_citations([])
    yearless = {c.work.title for c in outcome.citations if c.work.issued is None or c.work.issued.year is None}
    named = [d for d in outcome.diagnostics if d.code == "no-year"]
    assert len(yearless) == len(named) == 11
    assert all(any(title in d.message for d in named) for title in yearless)
    assert "Dota 2 with Large Scale Deep Reinforcement Learning" in yearless


def test_the_accounting_check_fails_for_a_record_that_vanished_and_passes_for_a_copy_or_a_report(monkeypatch):
    import dataclasses

    import pytest

    from citekit.model import Diagnostic, Severity
    from citekit.pipeline import account_for_records, read_all

    monkeypatch.chdir(ROOT)
    outcome = build_citations([])
    dropped, *kept = outcome.citations
    copied = dataclasses.replace(dropped, work=dataclasses.replace(dropped.work, records=tuple(
        dataclasses.replace(r, source=dataclasses.replace(r.source)) for r in dropped.work.records)))
    reports = [Diagnostic("test", Severity.WARNING, "reported instead", r.span) for r in dropped.work.records]
    lost = [str(r.span) for r in dropped.work.records]
    placed_records = [r.source for c in outcome.citations for r in c.work.records]
    # The records the works hold themselves (found by identity), and equal ones read again (by span).
    for records in (placed_records, read_all([ROOT / "seeds"])[0]):
        account_for_records(records, outcome.citations, outcome.diagnostics)
        with pytest.raises(AssertionError, match="records lost without a diagnostic") as raised:
            account_for_records(records, kept, outcome.diagnostics)
        assert all(span in str(raised.value) for span in lost)
        account_for_records(records, kept, [*outcome.diagnostics, *reports])
        account_for_records(records, [copied, *kept], outcome.diagnostics)
