"""Measure whole processes (wall time, peak RSS) and describe the machine they ran on.

Peak RSS comes from os.wait4 on the one child, so each figure belongs to that process alone
(RUSAGE_CHILDREN would report the largest child so far instead). Children may write bytecode
caches, as any installed citekit does after its first run, even where PYTHONDONTWRITEBYTECODE
is set for the session: without them every start compiles click from source (~100 ms).
"""
from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Run:
    """One process: wall seconds, peak RSS in MiB, exit status and the tail of its stderr."""

    seconds: float
    peak_rss_mb: float
    status: int
    stderr_tail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 0


def run_process(argv: list[str], cwd: Path, stdout=subprocess.DEVNULL) -> Run:
    """Start argv, wait for it, and return its wall time and its own peak RSS."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL, env=CHILD_ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, "\n".join(tail))


def best_of(argv: list[str], cwd: Path, repeat: int) -> Run:
    """The median-time run of `repeat` after one warm-up run (for short processes)."""
    run_process(argv, cwd)
    return median_run([run_process(argv, cwd) for _ in range(repeat)])


def median_run(runs: list[Run]) -> Run:
    """The run of median time (the lower middle one of an even count); a failed run if any failed,
    so a failure is never hidden behind a good median."""
    failed = [run for run in runs if not run.ok]
    if failed:
        return failed[0]
    median = statistics.median_low([run.seconds for run in runs])
    return next(run for run in runs if run.seconds == median)


def run_phases(python: str, fmt: str, source: Path, cwd: Path, profile: Path | None = None) -> dict:
    """Per-phase seconds and peak RSS from benchmarks/phases.py, run in a fresh process."""
    argv = [python, str(Path(__file__).with_name("phases.py")), fmt, str(source)]
    if profile is not None:
        argv += ["--profile", str(profile)]
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=CHILD_ENV)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(done.stdout)


def command_version(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        return "missing"


def machine(repo: Path, tidy_package: Path) -> dict[str, str]:
    """nproc, memory, CPU model and the versions every figure depends on."""
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = found.group(1).strip() if found else platform.processor() or "?"
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else "?"
    from importlib.metadata import version

    tidy = "missing"
    if tidy_package.exists():
        tidy = json.loads(tidy_package.read_text())["version"]
    return {
        "nproc": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "citekit": f"{version('citekit')} ({command_version(['git', '-C', str(repo), 'rev-parse', '--short', 'HEAD'])})",
        "bibtexparser": version("bibtexparser"),
        "node": command_version(["node", "--version"]),
        "bibtex-tidy": tidy,
    }
