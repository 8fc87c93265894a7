"""The hooks in .pre-commit-hooks.yaml, used the way a user's project uses them: pre-commit clones
this checkout at its HEAD commit, installs citekit into its own environment and runs the hooks."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
PROJECT = Path(__file__).parent / "fixtures" / "keys" / "project"


def run(folder: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=timeout, env=env)


def head_commit() -> str:
    done = subprocess.run(["git", "-C", str(CHECKOUT), "rev-parse", "HEAD"], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip("this checkout is not a git repository; pre-commit needs a commit to clone")
    shown = subprocess.run(["git", "-C", str(CHECKOUT), "show", "HEAD:.pre-commit-hooks.yaml"], capture_output=True)
    if shown.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return done.stdout.strip()


def pre_commit(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return run(folder, sys.executable, "-m", "pre_commit", *args)


@pytest.fixture(scope="module")
def paper(tmp_path_factory) -> Path:
    """A LaTeX-style project in git: sources, citekit.toml, an exported refs.bib and citekit.lock,
    and a .pre-commit-config.yaml that points at this checkout's HEAD."""
    folder = tmp_path_factory.mktemp("precommit") / "paper"
    shutil.copytree(PROJECT, folder)
    exported = run(folder, sys.executable, "-m", "citekit", "export", "-q")
    assert exported.returncode == 0, exported.stderr
    (folder / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {CHECKOUT.as_posix()}\n"
        f"    rev: {head_commit()}\n"
        "    hooks:\n"
        "      - id: citekit-check\n", encoding="utf-8")
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "paper"]):
        assert run(folder, *command).returncode == 0
    installed = pre_commit(folder, "install-hooks")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return folder


def test_the_check_hook_passes_on_a_fresh_export(paper):
    done = pre_commit(paper, "run", "citekit-check", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "citekit check" in done.stdout and "Passed" in done.stdout


def test_a_commit_with_an_edited_source_is_refused_until_exported(paper):
    feed = paper / "refs/feed.txt"
    feed.write_text(feed.read_text(encoding="utf-8").replace("Induction HeadsCatherine", "Induction HeadCatherine"), encoding="utf-8")
    assert pre_commit(paper, "install").returncode == 0
    run(paper, "git", "add", "refs/feed.txt")
    refused = run(paper, "git", "commit", "-m", "fix a title")
    said = refused.stdout + refused.stderr  # git hooks print where git sends them
    assert refused.returncode != 0
    assert "citekit check" in said and "Failed" in said
    assert "~ olssonIncontextLearningInduction2022: title changed" in said
    assert "+  title = {In-context Learning and Induction Head},\n" in said
    assert "Fix: citekit export" in said
    # The fix the hook names, with the key kept by the lock.
    assert run(paper, sys.executable, "-m", "citekit", "export", "-q").returncode == 0
    assert "@misc{olssonIncontextLearningInduction2022," in (paper / "refs.bib").read_text(encoding="utf-8")
    run(paper, "git", "add", "refs.bib", "citekit.lock")
    accepted = run(paper, "git", "commit", "-m", "fix a title")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr


def test_the_export_hook_rewrites_the_output(paper):
    (paper / ".pre-commit-config.yaml").write_text(
        (paper / ".pre-commit-config.yaml").read_text(encoding="utf-8") + "      - id: citekit-export\n", encoding="utf-8")
    feed = paper / "refs/feed.txt"
    feed.write_text(feed.read_text(encoding="utf-8").replace("Harmlessness from AI FeedbackYuntao", "Harmlessness From AI FeedbackYuntao"), encoding="utf-8")
    rewritten = pre_commit(paper, "run", "citekit-export", "--all-files")
    assert rewritten.returncode == 1  # pre-commit fails a hook that changed files, so the user looks
    assert "files were modified by this hook" in rewritten.stdout
    assert "Harmlessness From {AI} Feedback" in (paper / "refs.bib").read_text(encoding="utf-8")
    assert pre_commit(paper, "run", "citekit-check", "--all-files").returncode == 0
