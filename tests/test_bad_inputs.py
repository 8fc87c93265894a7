"""The bad-inputs corpus through the real CLI: every case in tests/fixtures/bad/cases.json gets
the outcome the reliability policy names.

Damage to one record: exit 0, the record reported at its line (or the rest written without it
being lost), and --strict turns that into exit 3 with nothing written. Damage to a whole input:
one line on stderr, exit 3 (2 for a flag's value), nothing on stdout, and not one byte of the
project folder changed: the previous output and lock survive, no temp file is left behind.
No case may show a traceback or a Python repr.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
from click.testing import CliRunner

from citekit.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
CITEKIT = Path(sys.executable).parent / "citekit"
PREVIOUS_OUTPUT = b"% the bibliography a previous export wrote; a failed export must leave it as it is\n"
# Python showing through: object reprs, OSError text, containers and constants printed by repr().
PYTHON_SHOWING = re.compile(r"Traceback \(most recent|File \"|object at 0x|\[Errno \d+\]|\bdatetime\.\w+\("
                            r"|\{'|\['|\bNone\b|\bTrue\b|\bFalse\b|\bdict\b|\bNoneType\b")
# Root reads any file and writes any folder; these drop exactly those two powers for one run.
WITHOUT_ROOT_POWERS = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
                       "--bounding-set=-dac_override,-dac_read_search"]
TEN_MEGABYTES = 10 * 1024 * 1024


def make_ten_megabyte_line(project: Path) -> None:
    (project / "huge-line.txt").write_text("word, " * (TEN_MEGABYTES // 6), encoding="utf-8")


def make_ten_megabyte_abstract(project: Path) -> None:
    sentence = "We revisit sparse attention in long-context transformers. "
    (project / "huge-abstract.txt").write_text(
        "LGMar 3, 2021\nSparse Attention, RevisitedAnna van der Berg, Chidi Okafor et al. · uva\n"
        + sentence * (TEN_MEGABYTES // len(sentence)) + "\n", encoding="utf-8")


def make_symlink_loop(project: Path) -> None:
    (project / "loop.txt").symlink_to("loop-back.txt")
    (project / "loop-back.txt").symlink_to("loop.txt")


def make_folder_named_refs_bib(project: Path) -> None:
    (project / "refs.bib").mkdir()
    (project / "refs.bib" / "README.md").write_text("Put the exported .bib files here.\n", encoding="utf-8")


def make_unreadable_feed(project: Path) -> None:
    (project / "feed.txt").chmod(0)


def make_folder_named_lock(project: Path) -> None:
    (project / "lockdir").mkdir()


def make_read_only_folder(project: Path) -> None:
    folder = project / "readonly"
    folder.mkdir()
    (folder / "out.bib").write_bytes(PREVIOUS_OUTPUT)
    folder.chmod(0o555)


def make_link_to_refs(project: Path) -> None:
    (project / "link.bib").symlink_to("refs.bib")


def make_folder_named_out(project: Path) -> None:
    (project / "outdir").mkdir()


MAKERS = {
    "ten-megabyte-line": make_ten_megabyte_line,
    "ten-megabyte-abstract": make_ten_megabyte_abstract,
    "symlink-loop": make_symlink_loop,
    "folder-named-refs-bib": make_folder_named_refs_bib,
    "unreadable-feed": make_unreadable_feed,
    "folder-named-lock": make_folder_named_lock,
    "read-only-folder": make_read_only_folder,
    "link-to-refs": make_link_to_refs,
    "folder-named-out": make_folder_named_out,
}


def prepare(case: dict, project: Path) -> None:
    """The case's files in a fresh project folder, beside the output a previous export wrote."""
    project.mkdir(parents=True)
    for name, fixture in case.get("files", {}).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / fixture, project / name)
    (project / "out.bib").write_bytes(PREVIOUS_OUTPUT)
    if "make" in case:
        MAKERS[case["make"]](project)


def snapshot(project: Path) -> dict[str, object]:
    """Every entry under the folder: file bytes, link targets, folders (what 'unchanged' means)."""
    found: dict[str, object] = {}
    for folder, folders, files in os.walk(project):
        for name in folders + files:
            path = Path(folder) / name
            key = path.relative_to(project).as_posix()
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = ("folder", path.stat().st_mode & 0o777)
            else:
                found[key] = ("file", path.stat().st_mode & 0o777, path.read_bytes())
    return found


def run(case: dict, project: Path, args: list[str], monkeypatch) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `citekit ARGS` in the project folder, as the case says."""
    via = case.get("via", "in-process")
    if via == "in-process":
        monkeypatch.chdir(project)
        result = CliRunner().invoke(main, args, env={"CITEKIT_DEBUG": None})
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        return result.exit_code, result.stdout, result.stderr
    command = [str(CITEKIT), *args]
    if via == "subprocess-without-root-powers" and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root, where permissions do not stop reading or writing, and setpriv "
                        "(util-linux) is missing to drop that power")
        command = WITHOUT_ROOT_POWERS + command
    env = {k: v for k, v in os.environ.items() if k != "CITEKIT_DEBUG"}
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=180, env=env)
    return done.returncode, done.stdout, done.stderr


def assert_no_python_showing(stderr: str) -> None:
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        assert not PYTHON_SHOWING.search(line), f"Python leaks into a message: {line}"


def assert_no_temp_files(project: Path) -> None:
    assert sorted(p.name for p in project.rglob("*.tmp")) == []


def expected_line(case: dict, project: Path) -> str | None:
    return case["line"].replace("{project}", project.resolve().as_posix()) if case["line"] else None


def written_entries(path: Path) -> list[str]:
    """The keys of a BibTeX file, which must parse whole."""
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    return [entry.key for entry in library.entries]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_bad_input_gets_the_policy_outcome(case, tmp_path, monkeypatch):
    project = tmp_path / "project"
    prepare(case, project)
    before = snapshot(project)
    status, stdout, stderr = run(case, project, case["args"], monkeypatch)
    lines = stderr.splitlines()
    line = expected_line(case, project)

    assert status == case["exit"], stderr
    assert_no_python_showing(stderr)
    assert_no_temp_files(project)
    if line is not None:
        assert line in lines, stderr
    if status != 0:
        assert stdout == ""
        assert snapshot(project) == before, "a failed export changed the project folder"
        if "Error: " not in line:  # click's own usage errors come with a Usage: hint line
            assert [text for text in lines if ": warning: " not in text] == [line], "one error line"
        return
    assert stdout == ""
    assert len(written_entries(project / "out.bib")) == case["entries"]
    assert (line is not None) == any(": warning: " in text for text in lines), stderr


STRICT_CASES = [c for c in CASES if c["exit"] == 0 and c["line"] and ": warning: " in c["line"]]


@pytest.mark.parametrize("case", STRICT_CASES, ids=[c["label"] for c in STRICT_CASES])
def test_strict_turns_a_damaged_record_into_a_failure_that_writes_nothing(case, tmp_path, monkeypatch):
    project = tmp_path / "project"
    prepare(case, project)
    before = snapshot(project)
    status, stdout, stderr = run(case, project, [*case["args"], "--strict"], monkeypatch)

    assert status == 3, stderr
    assert expected_line(case, project) in stderr.splitlines()
    assert stderr.splitlines()[-1] == "error: warnings present and --strict given; nothing written"
    assert stdout == "" and snapshot(project) == before
    assert_no_python_showing(stderr)


def test_corpus_covers_the_issue_list():
    """The inputs the reliability issue names are all in the corpus (by label words)."""
    labels = " ".join(c["label"] for c in CASES)
    for words in ("cut off", "multi-byte", "NUL", "10 MB line", "missing its abstract", "extra blank line",
                  "card header", "unbalanced braces", "used twice", "undefined @string", "not a list",
                  "no ER", "unreadable", "symbolic link loop", "folder named like", "citekit.lock",
                  "citekit.toml with an unknown key", "unknown style", "folder that does not exist",
                  "read-only folder", "-o pointing at one of the inputs"):
        assert words in labels, words
