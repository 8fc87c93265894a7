"""Time citekit on generated inputs against references measured in the same run.

    uv run python benchmarks/run.py [--sizes 1000,10000,100000] [--tidy-sizes 1000,10000]
                                    [--repeat 3] [--profile DIR] [--no-results]

Whole processes are timed from outside (wall time, the child's own peak RSS), up to 10k records
as the median of --repeat runs taken round-robin (the machine is shared); phases are
timed inside one process per size through the library's entry points (benchmarks/phases.py).
Growth per 10x is (time at 10n / time at n) / 10: 1.0 is linear. The tables replace the
measured section of benchmarks/RESULTS.md unless --no-results is given.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from compile_check import bibtex_verdict  # noqa: E402
import report  # noqa: E402
from measure import Run, best_of, machine, median_run, run_phases, run_process  # noqa: E402

TIDY = HERE / "node_modules" / "bibtex-tidy"
TIDY_VERSION = "1.14.0"
TIDY_FLAGS = ["--sort", "--duplicates", "--escape", "--sort-fields"]
REPEAT_UP_TO = 10_000  # sizes timed --repeat times (median); larger ones once
CHECK_PROJECT_RECORDS = 2150  # about 1,000 works once records describing the same paper merge


def ensure_data(size: int, seed: int) -> Path:
    """The generated inputs for `size`, written first when missing or from another seed."""
    folder = generate.DATA / str(size)
    manifest = folder / "manifest.json"
    if not manifest.exists() or f'"seed": {seed},' not in manifest.read_text():
        print(f"generating {size} records ...", file=sys.stderr)
        generate.generate(folder, seed, size)
    return folder


def ensure_bibtex_tidy() -> Path | None:
    """bibtex-tidy's CLI script, installed into benchmarks/node_modules with npm when missing."""
    script = TIDY / "bin" / "bibtex-tidy"
    if not script.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--prefix", str(HERE), "--no-save", "--no-audit", "--no-fund",
                        f"bibtex-tidy@{TIDY_VERSION}"], check=False, capture_output=True)
    return script if script.exists() and shutil.which("node") else None


def citekit_command() -> list[str]:
    script = Path(sys.executable).with_name("citekit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "citekit"]


def check_project(citekit: list[str], seed: int, work: Path) -> tuple[Path, list[str]] | None:
    """A project with a committed bibliography fresh from export, so `check` finds no drift."""
    project = work / "check-project"
    generate.generate(project / "data", seed, CHECK_PROJECT_RECORDS, library=False)
    export = run_process([*citekit, "export", "--format", "bibtex", "-o", "refs.bib", "data/scraped"], project)
    if not export.ok:
        return None
    # Without --format: the fingerprint covers the settings as resolved (refs.bib means bibtex).
    return project, [*citekit, "check", "-o", "refs.bib", "data/scraped"]


def process_cases(citekit: list[str], python: str, tidy: Path | None, rel: Path, out: Path) -> dict[str, list[str]]:
    """The whole processes timed at one size, by name, writing into `out`."""
    cases = {
        "export scraped → bibtex": [*citekit, "export", "-q", "--format", "bibtex", "-o", str(out / "scraped-bib" / "s.bib"), str(rel / "scraped")],
        "export scraped → csljson": [*citekit, "export", "-q", "--format", "csljson", "-o", str(out / "scraped-json" / "s.json"), str(rel / "scraped")],
        "export .bib → bibtex": [*citekit, "export", "-q", "--format", "bibtex", "-o", str(out / "bib-bib" / "b.bib"), str(rel / "bib" / "library.bib")],
        "ref: bibtexparser parse + write": [python, str(HERE / "bibtexparser_roundtrip.py"), str(rel / "bib" / "library.bib"), str(out / "p.bib")],
    }
    if tidy is not None:
        cases["ref: bibtex-tidy " + " ".join(TIDY_FLAGS)] = ["node", str(tidy), str(rel / "bib" / "library.bib"), "--output", str(out / "t.bib"), *TIDY_FLAGS]
    return cases


def measure_all(args: argparse.Namespace, work: Path) -> dict:
    citekit = citekit_command()
    python = sys.executable
    results: dict = {"process": {}, "phases": {}, "single": {}, "compiles": {}, "repeat": args.repeat}
    tidy = ensure_bibtex_tidy()
    for size in args.sizes:
        data = ensure_data(size, args.seed)
        rel = data.relative_to(REPO)
        repeats = args.repeat if size <= REPEAT_UP_TO else 1
        runs: dict[str, list[Run]] = {}
        # Round-robin, so a busy spell on the shared machine falls on every tool alike.
        for attempt in range(repeats):
            # Each export in a folder of its own: a first export, with no citekit.lock from another run.
            out = work / str(size) / str(attempt)
            for folder in ("scraped-bib", "scraped-json", "bib-bib"):
                (out / folder).mkdir(parents=True)
            for name, argv in process_cases(citekit, python, tidy if size in args.tidy_sizes else None, rel, out).items():
                print(f"{name} @ {size} ({attempt + 1}/{repeats}) ...", file=sys.stderr)
                runs.setdefault(name, []).append(run_process(argv, REPO))
        for name, tries in runs.items():
            results["process"].setdefault(name, {})[size] = median_run(tries)
        if tidy is not None and size in args.tidy_sizes:
            results["compiles"][size] = {"citekit": bibtex_verdict(out / "bib-bib" / "b.bib"), "bibtex-tidy": bibtex_verdict(out / "t.bib")}
        print(f"phases @ {size} ...", file=sys.stderr)
        profile = args.profile / f"scraped-{size}.prof" if args.profile else None
        results["phases"][size] = run_phases(python, "bibtex", rel / "scraped", REPO, profile)
    results["single"]["citekit --help (median of 11)"] = best_of([*citekit, "--help"], REPO, 11)
    results["single"]["python -c pass (interpreter floor, median of 11)"] = best_of([python, "-c", "pass"], REPO, 11)
    project = check_project(citekit, args.seed, work)
    if project is None:
        results["single"]["citekit check, unchanged ~1k-work project"] = Run(0.0, 0.0, -1, "export for the project failed")
    else:
        folder, argv = project
        results["single"]["citekit check, unchanged ~1k-work project (median of 5)"] = best_of(argv, folder, 5)
    return results


def parse_sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000, 100000])
    parser.add_argument("--tidy-sizes", type=parse_sizes, default=[1000, 10000],
                        help="sizes at which to run bibtex-tidy (it needs ~18 s and 1 GB at 10k)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3,
                        help=f"whole-process runs per case up to {REPEAT_UP_TO:,} records; the median is reported")
    parser.add_argument("--profile", type=Path, help="also write cProfile stats of each phase run here")
    parser.add_argument("--no-results", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="citekit-bench-") as tmp:
        results = measure_all(args, Path(tmp))
    text = report.render(results, machine(REPO, TIDY / "package.json"), args.sizes)
    print(text)
    if not args.no_results:
        report.update_results(HERE / "RESULTS.md", text)


if __name__ == "__main__":
    main()
