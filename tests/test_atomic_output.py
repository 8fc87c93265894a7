"""Output is replaced whole or not at all, even when the writer is killed or raced.

SIGKILL leaves the writer no chance to clean up, so "no temp file left behind" means: the
previous output is intact at once, the only leftover is a `.NAME.PID.*.tmp` whose PID is gone,
and the next write to that name removes it. Concurrent writers each stage their own temp file;
readers only ever see one writer's complete text.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from citekit.atomic_write import remove_stale_temp_files, write_text_atomically, write_texts_atomically

CITEKIT = Path(sys.executable).parent / "citekit"
PREVIOUS = "% the previous bibliography\n@misc{previous, title = {Previous}}\n"
WITHOUT_ROOT_POWERS = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
                       "--bounding-set=-dac_override,-dac_read_search"]
# argv: target, text, repeat the text N times, write M times
WRITE_IN_A_CHILD = ("import sys; from pathlib import Path; from citekit.atomic_write import write_text_atomically\n"
                    "for _ in range(int(sys.argv[4])):\n"
                    "    write_text_atomically(Path(sys.argv[1]), sys.argv[2] * int(sys.argv[3]))\n")


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def kill_when_temp_appears(command: list[str], folder: Path, cwd: Path | None = None) -> bool:
    """Run `command`; SIGKILL it the moment a temp file shows up in `folder`. True if it was
    killed mid-write, False if it finished first."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None:
            if any(entry.name.endswith(".tmp") for entry in os.scandir(folder)):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
        return False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def dead_pid() -> int:
    """The id of a process that has just ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_sigkill_while_writing_a_large_file_leaves_the_previous_file_intact(tmp_path):
    target = tmp_path / "out.bib"
    target.write_text(PREVIOUS, encoding="utf-8")
    killed = kill_when_temp_appears(
        [sys.executable, "-c", WRITE_IN_A_CHILD, str(target), "@misc{x, title={" + "y" * 1000 + "}}\n", "200000", "1"],
        tmp_path)

    assert killed, "the 200 MB write finished before the temp file was seen"
    assert target.read_text(encoding="utf-8") == PREVIOUS
    leftovers = temp_files(tmp_path)
    assert all(p.name.startswith(".out.bib.") for p in leftovers)

    write_text_atomically(target, "@misc{next, title = {Next}}\n")
    assert target.read_text(encoding="utf-8") == "@misc{next, title = {Next}}\n"
    assert temp_files(tmp_path) == [], "the next write removes what the killed writer left"


def test_sigkill_during_a_real_export_then_the_next_export_cleans_up(tmp_path):
    sentence = "We revisit sparse attention in long-context transformers. "
    items = [{"id": f"okafor{2020 + i}part{i}", "type": "article-journal", "title": f"Sparse Attention, Part {i}",
              "author": [{"family": "Okafor", "given": "Chidi"}], "issued": {"date-parts": [[2020 + i]]},
              "abstract": sentence * (10 * 1024 * 1024 // len(sentence))} for i in range(2)]
    (tmp_path / "big.json").write_text(json.dumps(items), encoding="utf-8")
    target = tmp_path / "out.bib"
    target.write_text(PREVIOUS, encoding="utf-8")
    command = [str(CITEKIT), "export", "--no-lock", "-o", "out.bib", "big.json"]

    killed = kill_when_temp_appears(command, tmp_path, cwd=tmp_path)
    after_kill = target.read_text(encoding="utf-8")
    if killed:
        assert after_kill == PREVIOUS
    else:  # the export won the race: then it must be whole
        assert after_kill.count("@article{") == 2

    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").count("@article{") == 2
    assert temp_files(tmp_path) == []


def test_stale_temp_files_of_dead_writers_go_live_ones_stay(tmp_path):
    target = tmp_path / "refs.bib"
    stale = tmp_path / f".refs.bib.{dead_pid()}.k3j_9x.tmp"
    live = tmp_path / f".refs.bib.{os.getpid()}.a8b_c1.tmp"  # this test's own process
    other_file = tmp_path / f".notes.bib.{dead_pid()}.zz9.tmp"
    for path in (stale, live, other_file):
        path.write_text("half a bibliography", encoding="utf-8")

    assert remove_stale_temp_files(target) == [stale]
    assert not stale.exists() and live.exists() and other_file.exists()


def test_a_write_that_fails_midway_keeps_the_old_file_and_leaves_nothing(tmp_path):
    target = tmp_path / "out.bib"
    target.write_text(PREVIOUS, encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate cannot be written as UTF-8
        write_text_atomically(target, "@misc{a, title = {fine}}\n" * 10000 + "\udc80")
    assert target.read_text(encoding="utf-8") == PREVIOUS
    assert temp_files(tmp_path) == []


def test_output_and_lock_are_both_staged_before_either_is_replaced(tmp_path):
    output, lock = tmp_path / "out.bib", tmp_path / "missing" / "citekit.lock"
    output.write_text(PREVIOUS, encoding="utf-8")
    with pytest.raises(OSError) as raised:
        write_texts_atomically([(output, "@misc{new}\n"), (lock, "# lock\n")])
    assert raised.value.filename == str(lock)
    assert output.read_text(encoding="utf-8") == PREVIOUS and temp_files(tmp_path) == []


def test_a_symlinked_output_is_written_through_and_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "refs.bib"
    real.write_text(PREVIOUS, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "refs.bib"
    link.symlink_to(real)

    write_text_atomically(link, "@misc{new}\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "@misc{new}\n"
    assert real.stat().st_mode & 0o777 == 0o640


def test_concurrent_writers_never_interleave(tmp_path):
    target = tmp_path / "out.bib"
    target.write_text(PREVIOUS, encoding="utf-8")
    size = 2_000_000
    texts = {letter: letter * size for letter in "abcd"}
    writers = [subprocess.Popen([sys.executable, "-c", WRITE_IN_A_CHILD, str(target), letter, str(size), "5"])
               for letter in texts]
    while any(w.poll() is None for w in writers):
        text = target.read_text(encoding="utf-8")
        assert text == PREVIOUS or text in texts.values(), "a reader saw a mixed or partial file"
    assert all(w.wait() == 0 for w in writers)
    assert target.read_text(encoding="utf-8") in texts.values()
    assert temp_files(tmp_path) == []


def test_two_exports_to_one_path_at_once_leave_one_whole_output(tmp_path):
    fixtures = Path(__file__).parent / "fixtures" / "bad"
    shutil.copyfile(fixtures / "bib-undefined-string.bib", tmp_path / "a.bib")
    shutil.copyfile(fixtures / "ris-without-er.ris", tmp_path / "b.ris")
    alone = {}
    for source in ("a.bib", "b.ris"):
        subprocess.run([str(CITEKIT), "export", "--no-lock", "-q", "-o", f"{source}.out", "-f", "bibtex", source],
                       cwd=tmp_path, check=True, timeout=120)
        alone[source] = (tmp_path / f"{source}.out").read_text(encoding="utf-8")
    runs = [subprocess.Popen([str(CITEKIT), "export", "--no-lock", "-q", "-f", "bibtex", "-o", "out.bib", source],
                             cwd=tmp_path) for source in ("a.bib", "b.ris")]
    assert [r.wait(timeout=120) for r in runs] == [0, 0]
    assert (tmp_path / "out.bib").read_text(encoding="utf-8") in alone.values()
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0,
                    reason="running as root, where a read-only folder does not stop writing, and setpriv is missing")
def test_export_whose_lock_cannot_be_written_leaves_the_output_unchanged(tmp_path):
    shutil.copyfile(Path(__file__).parent / "fixtures" / "bad" / "ris-without-er.ris", tmp_path / "refs.ris")
    (tmp_path / "out.bib").write_text(PREVIOUS, encoding="utf-8")
    (tmp_path / "locks").mkdir()
    (tmp_path / "locks").chmod(0o555)
    command = [str(CITEKIT), "export", "-o", "out.bib", "--lock", "locks/citekit.lock", "refs.ris"]
    if os.geteuid() == 0:
        command = WITHOUT_ROOT_POWERS + command
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)

    assert done.returncode == 3
    assert done.stderr.splitlines()[-1] == "locks/citekit.lock: error: cannot write (Permission denied)"
    assert (tmp_path / "out.bib").read_text(encoding="utf-8") == PREVIOUS
    assert temp_files(tmp_path) == []
