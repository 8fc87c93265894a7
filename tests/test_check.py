"""`citekit check` end to end on a small project: passes right after export, fails on drift with
a readable report, keeps keys through source edits, never writes."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).parent / "fixtures" / "keys" / "project"


def citekit(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "citekit", *args], cwd=folder, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "paper"
    shutil.copytree(PROJECT, folder)
    done = citekit(folder, "export", "-q")
    assert done.returncode == 0, done.stderr
    return folder


def keys(folder: Path) -> list[str]:
    import re

    return re.findall(r"(?m)^@\w+\{([^,]+),", (folder / "refs.bib").read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_check_passes_right_after_export_and_writes_nothing(project):
    before = snapshot(project)
    done = citekit(project, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "refs.bib is up to date (6 citations).\n"
    assert snapshot(project) == before


def test_a_source_edit_is_drift_with_a_readable_report_and_the_fix_keeps_every_key(project):
    old_keys = keys(project)
    assert "vaswaniAttentionAllYou2017" in old_keys
    edit(project / "refs/feed.txt", "Attention Is All You NeedAshish", "Attention Is Everything You NeedAshish")
    before = snapshot(project)
    done = citekit(project, "check")
    assert done.returncode == 1
    report = done.stdout
    assert report.startswith("refs.bib has drifted from its sources:\n~ vaswaniAttentionAllYou2017: title changed\n")
    assert "--- refs.bib (committed)\n+++ refs.bib (fresh export)\n" in report
    assert "-  title = {Attention Is All You Need},\n+  title = {Attention Is Everything You Need},\n" in report
    assert "citekit.lock disagrees with the sources:\n~ vaswaniAttentionAllYou2017: title changed" in report
    assert report.endswith("Fix: citekit export\n")
    assert snapshot(project) == before
    assert citekit(project, "export", "-q").returncode == 0
    assert keys(project) == old_keys  # the formula now says vaswaniAttentionEverythingYou2017; the lock wins
    assert citekit(project, "check").returncode == 0


def test_a_new_work_is_drift_until_exported(project):
    with (project / "refs/profile.txt").open("a", encoding="utf-8") as stream:
        stream.write("Compositional Explanations of Neurons\nMu, Jesse, Andreas, Jacob\n"
                     "We describe a procedure for explaining neurons in deep representations by identifying compositional logical concepts.\n")
    done = citekit(project, "check")
    assert done.returncode == 1
    assert "+ muCompositionalExplanationsNeurons: new entry" in done.stdout
    assert "citekit.lock disagrees with the sources:\n+ muCompositionalExplanationsNeurons: new entry" in done.stdout
    assert citekit(project, "export", "-q").returncode == 0
    assert citekit(project, "check").returncode == 0


def test_a_vanished_work_fails_until_the_lock_is_pruned(project):
    text = (project / "refs/profile.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    (project / "refs/profile.txt").write_text("".join(text[:4]), encoding="utf-8")  # owner + Gist Tokens only
    done = citekit(project, "check")
    assert done.returncode == 1
    assert "- muEmergentCommunicationGeneralizations: entry no longer exported" in done.stdout
    assert "citekit.lock locks keys whose works are gone from the sources:\n  citekit.lock:" in done.stdout
    assert done.stdout.endswith("Fix: citekit export --prune-lock\n")
    exported = citekit(project, "export")
    assert "matches no work in the sources; kept in the lock (pass --prune-lock to drop it)" in exported.stderr
    assert citekit(project, "check").returncode == 1
    assert citekit(project, "export", "-q", "--prune-lock").returncode == 0
    assert citekit(project, "check").returncode == 0
    assert "muEmergentCommunicationGeneralizations" not in (project / "citekit.lock").read_text(encoding="utf-8")


def test_a_missing_lock_or_output_is_drift(project):
    (project / "citekit.lock").unlink()
    done = citekit(project, "check")
    assert done.returncode == 1 and "citekit.lock does not exist yet" in done.stdout
    (project / "refs.bib").unlink()
    done = citekit(project, "check")
    assert done.returncode == 1 and "refs.bib does not exist yet." in done.stdout


def test_bad_settings_exit_3_with_one_line(project):
    (project / "citekit.toml").write_text('sources = ["refs"]\noutput = "refs.bib"\nkey_formula = "auth +"\n', encoding="utf-8")
    done = citekit(project, "check")
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "citekit.toml:3: error: key_formula: key formula 'auth +'" in done.stderr


def test_a_corrupt_lock_exits_3(project):
    edit(project / "citekit.lock", 'author = "bai"', 'author = "bai')
    done = citekit(project, "check")
    assert done.returncode == 3 and done.stderr.startswith("citekit.lock:7: error: lock file is not valid TOML")


def test_without_a_config_the_fix_command_repeats_the_flags(tmp_path):
    shutil.copytree(PROJECT / "refs", tmp_path / "refs")
    assert citekit(tmp_path, "export", "-q", "-f", "csljson", "-o", "refs.json", "refs/feed.txt").returncode == 0
    assert (tmp_path / "citekit.lock").exists()
    assert citekit(tmp_path, "check", "-f", "csljson", "-o", "refs.json", "refs/feed.txt").returncode == 0
    done = citekit(tmp_path, "check", "-f", "csljson", "-o", "refs.json", "refs/feed.txt", "refs/profile.txt")
    assert done.returncode == 1
    assert done.stdout.endswith("Fix: citekit export -f csljson -o refs.json refs/feed.txt refs/profile.txt\n")


def test_an_unchanged_project_passes_without_rebuilding(project):
    probe = ("import sys; from pathlib import Path; from citekit.config import load_config; from citekit.check import run_check;"
             "status, text = run_check(load_config(Path.cwd())); print(int(status), 'citekit.pipeline' in sys.modules, text, end='')")
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, timeout=60)
    assert done.stdout == "0 False refs.bib is up to date (6 citations).\n", done.stderr
    rebuilt = citekit(project, "check", "--rebuild")
    assert rebuilt.returncode == 0 and rebuilt.stdout == done.stdout[len("0 False "):]


def test_a_whitespace_edit_in_a_source_rebuilds_and_still_passes(project):
    with (project / "refs/profile.txt").open("a", encoding="utf-8") as stream:
        stream.write("\n\n")
    done = citekit(project, "check")
    assert done.returncode == 0, done.stdout


def test_a_hand_edited_output_is_drift_even_with_a_matching_lock(project):
    edit(project / "refs.bib", "title = {Attention Is All You Need}", "title = {Attention is all you need}")
    done = citekit(project, "check")
    assert done.returncode == 1
    assert "~ vaswaniAttentionAllYou2017: title changed" in done.stdout
    assert "citekit.lock" not in done.stdout.split("Fix:")[0]


CHECK_WITHOUT_REBUILD = (
    "import sys; from citekit.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit as done:\n    print(done.code, 'citekit.pipeline' in sys.modules)\n"
)


@pytest.mark.parametrize("label, export_flags, check_flags, rebuilds", [
    ("the format chosen by the suffix equals the same format given", ["-f", "bibtex", "-o", "refs.bib"], ["-o", "refs.bib"], False),
    ("a style does not shape BibTeX", ["-o", "refs.bib", "--style", "ieee"], ["-o", "refs.bib"], False),
    ("a style shapes a formatted bibliography", ["-f", "bibliography", "--style", "ieee", "-o", "refs.txt"],
     ["-f", "bibliography", "-o", "refs.txt"], True),
])
def test_check_skips_the_rebuild_only_when_the_resolved_settings_match(tmp_path, label, export_flags, check_flags, rebuilds):
    shutil.copytree(PROJECT / "refs", tmp_path / "refs")
    assert citekit(tmp_path, "export", "-q", *export_flags, "refs/feed.txt").returncode == 0
    done = subprocess.run([sys.executable, "-c", CHECK_WITHOUT_REBUILD, "check", *check_flags, "refs/feed.txt"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == ("1 True" if rebuilds else "0 False"), label


def test_dependency_versions_are_read_as_importlib_metadata_reads_them():
    from importlib import metadata

    from citekit.fingerprint import DEPENDENCIES, installed_versions

    names = (*DEPENDENCIES, "click", "Click", "citeproc_py", "no-such-distribution")
    found = installed_versions(names)
    assert found == {name: metadata.version(name) for name in names if name != "no-such-distribution"}
