"""The examples in examples/, run the way their READMEs say, on a copy beside a copy of the seeds.

The commands come from the README's ```sh blocks (`uv run citekit` becomes this environment's
citekit), so a README that stops working fails here. Each build must be clean through the real
client: LaTeX without warnings or undefined citations, pandoc without warnings.
"""
from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clients import require_pandoc, require_program

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CITEKIT = Path(sys.executable).parent / "citekit"
TEX_PACKAGES = "texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber texlive-fonts-recommended lmodern"


def ignored_by_gitignore(folder: str, names: list[str]) -> set[str]:
    """The names a folder's own .gitignore leaves out of git (what a fresh clone lacks)."""
    gitignore = Path(folder) / ".gitignore"
    if not gitignore.exists():
        return set()
    patterns = [line.strip() for line in gitignore.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return {name for name in names if any(fnmatch.fnmatch(name, pattern) for pattern in patterns)}


@pytest.fixture
def clone(tmp_path) -> Path:
    """examples/ and seeds/ copied as a fresh clone has them (nothing generated), outside the repository."""
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=ignored_by_gitignore)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path


def readme_blocks(folder: Path, language: str = "sh") -> list[list[str]]:
    """The lines of each ```LANGUAGE block of the folder's README, in order."""
    text = (folder / "README.md").read_text(encoding="utf-8")
    return [block.strip("\n").splitlines() for block in re.findall(rf"^```{language}\n(.*?)^```$", text, re.M | re.S)]


def run_lines(lines: list[str], folder: Path, path_first: Path | None = None) -> list[subprocess.CompletedProcess]:
    """Run each README line with bash in `folder`; every one must exit 0."""
    env = dict(os.environ)
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env['PATH']}"
    done = []
    for line in lines:
        command = line.replace("uv run citekit", f'"{CITEKIT}"')
        result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{line}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        done.append(result)
    return done


def cited_keys(tex: str) -> set[str]:
    return {key.strip() for group in re.findall(r"\\cite[tp]?\*?(?:\[[^\]]*\])*\{([^}]+)\}", tex) for key in group.split(",")}


def assert_clean_latex_log(log: str) -> None:
    assert re.findall(r"^! .*", log, re.M) == []
    assert re.findall(r"^.*Warning.*$", log, re.M) == []  # LaTeX, natbib, biblatex: none at all
    assert re.findall(r"^Missing character.*", log, re.M) == []


def test_latex_paper_with_natbib_and_bibtex(clone):
    for program in ("pdflatex", "bibtex"):
        require_program(program, TEX_PACKAGES)
    paper = clone / "examples" / "latex-paper"
    run_lines(readme_blocks(paper)[0], paper)
    blg = (paper / "main.blg").read_text(encoding="latin-1")
    assert "Warning--" not in blg and "error message" not in blg, blg
    assert_clean_latex_log((paper / "main.log").read_text(encoding="latin-1"))
    bbl = (paper / "main.bbl").read_text(encoding="latin-1")
    keys = cited_keys((paper / "body.tex").read_text(encoding="utf-8"))
    assert len(keys) == 13
    assert set(re.findall(r"\\bibitem\[[^\]]*\]\{([^}]+)\}", bbl)) == keys


def test_latex_paper_with_biblatex_and_biber(clone):
    for program in ("pdflatex", "biber"):
        require_program(program, TEX_PACKAGES)
    paper = clone / "examples" / "latex-paper"
    run_lines(readme_blocks(paper)[1], paper)
    blg = (paper / "main-biblatex.blg").read_text(encoding="utf-8")
    assert re.findall(r"> (WARN|ERROR) - .*", blg) == []
    assert_clean_latex_log((paper / "main-biblatex.log").read_text(encoding="utf-8"))
    bbl = (paper / "main-biblatex.bbl").read_text(encoding="utf-8")
    assert set(re.findall(r"\\entry\{([^}]+)\}", bbl)) == cited_keys((paper / "body.tex").read_text(encoding="utf-8"))
    assert "Mindermann" in bbl and "Sören" in bbl  # UTF-8 straight through biber


def test_the_latex_readme_shows_the_export_it_documents(clone):
    paper = clone / "examples" / "latex-paper"
    run_lines(["uv run citekit export -q"], paper)
    shown = readme_blocks(paper, "bibtex")[0]
    # "  ..." in the README stands for fields left out (the abstract)
    pattern = "".join(r"(?:  .*\n)*" if line == "  ..." else re.escape(line) + r"\n" for line in shown)
    assert re.search("^" + pattern, (paper / "refs.bib").read_text(encoding="utf-8"), re.M), pattern


def test_pandoc_renders_the_markdown_paper_from_csl_json(clone):
    pandoc = Path(require_pandoc())
    paper = clone / "examples" / "pandoc"
    runs = run_lines(readme_blocks(paper)[0], paper, path_first=pandoc.parent)
    assert all("WARNING" not in r.stderr for r in runs), [r.stderr for r in runs]  # e.g. "citation x not found"
    text = " ".join((paper / "paper.txt").read_text(encoding="utf-8").split())
    assert "???" not in text and "@" not in text
    items = {i["id"]: i for i in json.loads((paper / "refs.json").read_text(encoding="utf-8"))}
    cited = set(re.findall(r"@([A-Za-z0-9]+)", (paper / "paper.md").read_text(encoding="utf-8")))
    assert len(cited) == 11 and cited <= set(items)
    references = text.split("References", 1)[1]
    for key in cited:
        title = re.sub(r"<[^>]+>", "", items[key]["title"])
        assert " ".join(title.split()).casefold() in references.casefold(), key
    assert "Lukošiūtė, K." in references  # a repaired seed name reaches the reader intact
    assert "(Ganguli et al., 2023, Section 3)" in text  # a locator
    assert "<title>Alignment of Language Models: A Short Reading List</title>" in (paper / "paper.html").read_text(encoding="utf-8")


def test_the_pandoc_readme_output_is_what_pandoc_printed(clone):
    pandoc = Path(require_pandoc())
    paper = clone / "examples" / "pandoc"
    run_lines(readme_blocks(paper)[0], paper, path_first=pandoc.parent)
    rendered = (paper / "paper.txt").read_text(encoding="utf-8")
    for block in readme_blocks(paper, "text")[:2]:
        for part in "\n".join(block).split("\n...\n"):
            assert part.strip("\n.") in rendered, part


def readme_text_parts(folder: Path, index: int) -> list[str]:
    """The pieces of the INDEXth ```text block of a README, split where it shows `...`."""
    block = "\n".join(readme_blocks(folder, "text")[index])
    return [part.strip("\n") for part in block.split("\n...\n") if part.strip("\n")]


def citekit(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CITEKIT), *args], cwd=folder, capture_output=True, text=True, timeout=600)


# The work the pre-commit README's feed gains when it is scraped again (listing-feed layout).
NEW_FEED_ENTRY = """CLDec 15, 2022
Constitutional AI: Harmlessness from AI FeedbackYuntao Bai, Saurav Kadavath, Sandipan Kundu et al. · anthropic
As AI systems become more capable, we would like to enlist their help to supervise other AIs.
"""


def test_the_pre_commit_config_uses_hooks_citekit_defines(clone):
    import yaml

    defined = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config_path = clone / "examples" / "pre-commit" / ".pre-commit-config.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert used == {"citekit-check"} and used <= defined
    assert "# - id: citekit-export" in config_path.read_text(encoding="utf-8") and "citekit-export" in defined
    valid = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config_path)], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr


def test_the_committed_pre_commit_example_is_up_to_date(clone):
    project = clone / "examples" / "pre-commit"
    checked = citekit(project, "check")
    assert checked.returncode == 0, f"run `citekit export` in examples/pre-commit and commit the result:\n{checked.stdout}"
    assert checked.stdout == "refs.bib is up to date (4 citations).\n"


def test_the_pre_commit_readme_scenarios_happen_as_shown(clone):
    project = clone / "examples" / "pre-commit"
    feed = project / "refs" / "feed.txt"
    feed.write_text(NEW_FEED_ENTRY + feed.read_text(encoding="utf-8"), encoding="utf-8")
    drift = citekit(project, "check")
    assert drift.returncode == 1
    hook_lines = ("citekit check....", "- hook id:", "- exit code:")
    for part in readme_text_parts(project, 0):
        part = "\n".join(line for line in part.splitlines() if not line.startswith(hook_lines)).strip("\n")
        assert part in drift.stdout, part
    assert drift.stdout.rstrip("\n").endswith("Fix: citekit export")
    assert citekit(project, "export", "-q").returncode == 0
    assert citekit(project, "check").returncode == 0

    before = (project / "refs.bib").read_text(encoding="utf-8")
    feed.write_text(feed.read_text(encoding="utf-8").replace("In-context Learning and Induction HeadsCatherine",
                                                             "In-Context Learning and Induction HeadsCatherine"), encoding="utf-8")
    reworded = citekit(project, "check")
    assert reworded.returncode == 1 and readme_text_parts(project, 2)[0] in reworded.stdout
    assert citekit(project, "export", "-q").returncode == 0
    after = (project / "refs.bib").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    shown = readme_text_parts(project, 3)[0].splitlines()
    assert changed == [(shown[2][1:], shown[3][1:])]  # the one title line, key kept by the lock
    assert shown[0][1:] in after


def test_the_zotero_readme_shows_the_ris_citekit_writes(clone):
    folder = clone / "examples" / "zotero"
    runs = run_lines(readme_blocks(folder)[0], folder)
    assert runs[0].stderr.splitlines()[-1] == readme_blocks(folder, "text")[0][0]
    ris = (folder / "library.ris").read_text(encoding="utf-8")
    records = readme_blocks(folder, "ris")
    assert len(records) == 3
    for record in records:
        assert "\n".join(record) + "\n" in ris
    # RIS keeps what Zotero's other importers lose (see the README's table)
    assert "AU  - van der Maaten, Laurens\n" in ris and "AU  - Steele, Guy L., Jr.\n" in ris
    assert "AU  - OpenAI\n" in ris and "AU  - others" not in ris


def readme_pairs(text: str) -> list[tuple[list[str], list[str]]]:
    """(command lines, output lines) for each ```sh block directly followed by a ```text block."""
    blocks = list(re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.M | re.S))
    return [(first[2].strip("\n").splitlines(), second[2].strip("\n").splitlines())
            for first, second in zip(blocks, blocks[1:])
            if first[1] == "sh" and second[1] == "text" and not text[first.end():second.start()].strip()]


def assert_shown_lines_printed(shown: list[str], printed: str) -> None:
    """Each line the README shows was printed; `...` stands for lines left out, a trailing
    ` ...` for the rest of a line."""
    lines = printed.splitlines()
    for line in shown:
        if line == "...":
            continue
        if line.endswith(" ..."):
            assert any(p.startswith(line[:-4]) for p in lines), line
        else:
            assert line in lines, line


def test_the_readme_opens_with_exactly_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("\n## ", 1)[0]
    assert re.findall(r"^```(\w*)\n(.*?)^```$", first_screen, re.M | re.S) == [
        ("sh", "pip install uv && uv run citekit export --format bibtex\nuv run pytest\n")]


def test_the_readme_shows_what_its_commands_print(tmp_path):
    """Every command block the README follows with output is run, and that output was printed."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=ignored_by_gitignore)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pairs = [(commands, shown) for commands, shown in readme_pairs(text) if not any("pip install" in c for c in commands)]
    assert len(pairs) >= 6
    for commands, shown in pairs:
        script = "\n".join(commands).replace("uv run citekit", f'"{CITEKIT}"').replace("uv run python", f'"{sys.executable}"')
        done = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{script}\n{done.stderr[-2000:]}"
        assert_shown_lines_printed(shown, done.stdout + done.stderr)
    # The summary under "What citekit does" is what the first command prints on stderr.
    summary_block = re.search(r"^```text\n(seeds/.*?)^```$", text, re.M | re.S)[1].strip("\n").splitlines()
    export = subprocess.run([str(CITEKIT), "export", "--format", "bibtex"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert_shown_lines_printed(summary_block, export.stderr)
