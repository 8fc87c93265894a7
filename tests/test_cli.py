"""The command line as a user meets it: help texts, diagnostics on stderr (colour, -q, -v, JSON,
the summary line), where the output goes (-o -, suffix-chosen formats), --version, completion.

Exports run on the bundled seeds from an empty folder, so no citekit.toml applies.
"""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit import __version__
from citekit.cli import main
from citekit.pipeline import read_all

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the environment's scripts, `citekit` among them
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SUMMARY = re.compile(r"^(\d+) records → (\d+) citations, (\d+) names repaired(, (\d+) records? unresolved \((.+)\))?$")
COMMANDS = [[], ["export"], ["check"], ["explain"], ["styles"]]


@pytest.fixture
def empty_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, env: dict | None = None):
    return CliRunner(env=env).invoke(main, list(args), prog_name="citekit", catch_exceptions=False)


def help_text(command: list[str]) -> str:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    return result.stdout


def examples(text: str) -> list[str]:
    """The command lines under `Example:` in a help text, comments removed."""
    block = text.split("Example:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(["citekit", *c]))
def test_help_starts_with_one_line_of_purpose_and_shows_an_example(command):
    text = help_text(command)
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("Usage: citekit")
    purpose = paragraphs[1].strip()
    assert "\n" not in purpose and purpose.endswith("."), purpose
    shown = examples(text)
    assert shown and all(line.startswith("citekit ") for line in shown)


def test_every_example_in_the_help_runs(tmp_path):
    """Each example line, run by a shell in a project folder holding the seeds, exits 0."""
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "citekit.toml").write_text('sources = ["seeds"]\noutput = "refs.bib"\n', encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    lines = [line for command in COMMANDS for line in examples(help_text(command))]
    assert len(lines) >= 8
    for line in lines:
        done = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{line}\n{done.stderr}"
        assert done.stdout or (tmp_path / "refs.bib").exists(), line


def test_the_summary_line_closes_the_report_and_accounts_for_every_record(empty_folder):
    result = invoke("export")
    assert result.exit_code == 0
    last = result.stderr.splitlines()[-1]
    found = SUMMARY.match(last)
    assert found, last
    records, citations = int(found[1]), int(found[2])
    assert records == len(read_all([])[0])  # every record the readers saw
    assert citations == len(re.findall(r"^@", result.stdout, re.M))
    # the seeds' one abstract-only record that matches no title is named with its place
    assert found[5] == "1" and found[6] == "seeds/001_347a0b179dc52533.txt:10"
    assert int(found[3]) > 0  # the seeds' mojibake names (Sรถren -> Sören) are repairs


def test_plain_text_when_stderr_is_not_a_terminal(empty_folder):
    result = invoke("export")
    assert "warning:" in result.stderr
    assert not ANSI.search(result.stderr)


def run_on_a_terminal(args: list[str], cwd: Path, extra_env: dict[str, str]) -> str:
    """stderr of `citekit ARGS` when stderr is a pseudo-terminal (stdout goes to a pipe)."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | extra_env
    process = subprocess.Popen([str(BIN / "citekit"), *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.communicate(timeout=300)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_colour_on_a_terminal_and_never_with_no_color(tmp_path):
    coloured = run_on_a_terminal(["export"], tmp_path, {})
    assert "\x1b[33m" in coloured  # warnings in yellow
    assert "\x1b[1m" in coloured and "records →" in coloured  # the summary in bold
    plain = run_on_a_terminal(["export"], tmp_path, {"NO_COLOR": "1"})
    assert "warning:" in plain and not ANSI.search(plain)


def test_quiet_shows_errors_only(empty_folder):
    clean = invoke("export", "-q")
    assert clean.exit_code == 0 and clean.stderr == "" and clean.stdout.startswith("@")
    missing = invoke("export", "-q", "no-such-list.txt")
    assert missing.exit_code == 3
    assert missing.stderr == "no-such-list.txt: error: no such file or folder\n"


def test_verbose_shows_every_repair(empty_folder):
    plain = invoke("export").stderr
    verbose = invoke("export", "-v").stderr
    assert "info:" not in plain and "info:" in verbose
    # a seed name in UTF-8 read as TIS-620, and the repair that undid it, at the record's line
    assert re.search(r"^seeds/000_b3375cc62fb1cf79\.txt:\d+: info: author\[\d+\]\.given repaired by tis620_mojibake: 'Sรถren' -> 'Sören'$",
                     verbose, re.M)
    assert SUMMARY.match(verbose.splitlines()[-1])


def test_quiet_and_verbose_together_is_a_usage_error(empty_folder):
    result = invoke("export", "-q", "-v")
    assert result.exit_code == 2 and "contradict" in result.stderr


def test_json_diagnostics_for_tools(empty_folder):
    result = invoke("export", "--diagnostics", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stderr)  # the whole of stderr: no summary line mixed in
    assert rows and all(set(row) == {"code", "severity", "message", "file", "line"} for row in rows)
    assert {"code": "unresolvable", "severity": "warning", "file": "seeds/001_347a0b179dc52533.txt", "line": 10} \
        .items() <= next(r for r in rows if r["code"] == "unresolvable").items()


@pytest.mark.parametrize("output, starts", [
    ("refs.bib", "@misc{"),
    ("refs.json", "[\n  {\n"),
    ("refs.ris", "TY  - "),
], ids=["bib is bibtex", "json is csl-json", "ris is ris"])
def test_the_output_suffix_chooses_the_format(empty_folder, output, starts):
    result = invoke("export", "-q", "-o", output)
    assert result.exit_code == 0 and result.stdout == ""
    text = (empty_folder / output).read_text(encoding="utf-8")
    assert text.startswith(starts)
    if output.endswith(".json"):
        assert all("citation-key" in item for item in json.loads(text))
    assert (empty_folder / "citekit.lock").exists()  # keys locked beside the output


def test_format_flag_wins_over_the_suffix(empty_folder):
    assert invoke("export", "-q", "-f", "biblatex", "-o", "refs.bib").exit_code == 0
    text = (empty_folder / "refs.bib").read_text(encoding="utf-8")
    assert "  date = {" in text and "  year = {" not in text


def test_dash_means_stdout_and_writes_no_file(empty_folder):
    result = invoke("export", "-q", "-f", "csljson", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)
    assert list(empty_folder.iterdir()) == []  # no file named '-', no lock


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"citekit, version {__version__}\n"


def test_shell_completion_as_documented(tmp_path):
    env = {**os.environ, "_CITEKIT_COMPLETE": "bash_source"}
    script = subprocess.run([str(BIN / "citekit")], env=env, capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "complete -o nosort -F _citekit_completion citekit" in script.stdout
    env = {**os.environ, "_CITEKIT_COMPLETE": "bash_complete", "COMP_WORDS": "citekit export --format bib", "COMP_CWORD": "3"}
    words = subprocess.run([str(BIN / "citekit")], env=env, capture_output=True, text=True, timeout=60)
    assert words.stdout.split() == ["plain,bibtex", "plain,biblatex", "plain,bibliography"]


def test_style_names_complete():
    env = {**os.environ, "_CITEKIT_COMPLETE": "bash_complete", "COMP_WORDS": "citekit export --style chicago-author-date-1", "COMP_CWORD": "3"}
    words = subprocess.run([str(BIN / "citekit")], env=env, capture_output=True, text=True, timeout=60)
    assert words.stdout.split() == ["plain,chicago-author-date-16th-edition", "plain,chicago-author-date-17th-edition"]


@pytest.mark.parametrize("fmt", ["bibtex", "csljson"])
def test_an_export_process_leaving_early_still_hands_over_every_byte(empty_folder, fmt):
    # As a process, export exits without teardown: its piped stdout and stderr must be flushed first.
    process = subprocess.run([sys.executable, "-m", "citekit", "export", "-f", fmt], capture_output=True, text=True, timeout=120)
    in_process = CliRunner().invoke(main, ["export", "-f", fmt], prog_name="citekit", catch_exceptions=False)
    assert process.returncode == 0
    assert process.stdout == in_process.stdout and len(process.stdout) > 10_000
    assert process.stderr.splitlines()[-1] == in_process.stderr.splitlines()[-1]
    assert SUMMARY.match(process.stderr.splitlines()[-1])
