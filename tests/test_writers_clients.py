"""Our output through the real clients: bibtex + natbib, biber + biblatex, pandoc, bibtexparser.

Each check runs on the hand-written works (fixtures/writers) and on the seeds' citations. The
only warning allowed is the one per work without a year (bibtex "empty year", biber "missing
date"); every key must reach the .bbl, with no LaTeX error, undefined citation or lost character.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from citekit.writers import WRITERS
from clients import require_pandoc, require_program
from writer_cases import citations

TEX_PACKAGES = "texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber texlive-fonts-recommended lmodern"
PREAMBLE = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{url}
\tracinglostchars=2
"""


@pytest.fixture(scope="module", params=["hand-written works", "seeds"])
def cited(request):
    if request.param == "seeds":
        from citekit.pipeline import build_citations  # the whole pipeline: only the seeds' cases need it

        return list(build_citations([]).citations)
    return citations()


def yearless(cited) -> set[str]:
    return {c.key for c in cited if c.work.issued is None or c.work.issued.year is None}


def latex_run(folder: Path, job: str) -> str:
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", job + ".tex"], cwd=folder,
                   capture_output=True, timeout=300)
    return (folder / f"{job}.log").read_text(encoding="utf-8", errors="replace")


def assert_clean_latex(log: str, bbl: str, keys: set[str], entry: str) -> None:
    assert re.findall(r"^! .*", log, re.M) == []
    assert re.findall(r"Citation `[^']+' .*undefined", log) == []
    assert re.findall(r"^Missing character.*", log, re.M) == []
    assert set(re.findall(entry, bbl)) == keys


def test_bibtex_natbib_plainnat_compiles_with_only_empty_year_warnings(cited, tmp_path):
    for program in ("pdflatex", "bibtex"):
        require_program(program, TEX_PACKAGES)
    (tmp_path / "refs.bib").write_text(WRITERS["bibtex"].write(cited, None), encoding="utf-8")
    cites = " ".join(f"\\cite{{{c.key}}}" for c in cited)
    (tmp_path / "doc.tex").write_text(PREAMBLE + "\\usepackage{natbib}\n\\begin{document}\n" + cites
                                      + "\n\\bibliographystyle{plainnat}\n\\bibliography{refs}\n\\end{document}\n")
    latex_run(tmp_path, "doc")
    run = subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True, timeout=120)
    latex_run(tmp_path, "doc")
    log = latex_run(tmp_path, "doc")
    blg = (tmp_path / "doc.blg").read_text(encoding="latin-1")
    assert run.returncode < 2, blg  # 2 and above: errors (some builds exit 1 on warnings)
    warnings = re.findall(r"^Warning--(.*)", blg, re.M)
    assert sorted(warnings) == sorted(f"empty year in {key}" for key in yearless(cited))
    assert "error message" not in blg
    bbl = (tmp_path / "doc.bbl").read_text(encoding="latin-1")
    assert_clean_latex(log, bbl, {c.key for c in cited}, r"\\bibitem\[[^\]]*\]\{([^}]+)\}")


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_biber_validates_the_data_model_with_only_missing_date_warnings(cited, dialect, tmp_path):
    for program in ("pdflatex", "biber"):
        require_program(program, TEX_PACKAGES)
    (tmp_path / "refs.bib").write_text(WRITERS[dialect].write(cited, None), encoding="utf-8")
    cites = " ".join(f"\\cite{{{c.key}}}" for c in cited)
    (tmp_path / "doc.tex").write_text(PREAMBLE + "\\usepackage[backend=biber,style=authoryear]{biblatex}\n"
                                      "\\addbibresource{refs.bib}\n\\begin{document}\n" + cites
                                      + "\n\\printbibliography\n\\end{document}\n")
    latex_run(tmp_path, "doc")
    run = subprocess.run(["biber", "--validate-datamodel", "doc"], cwd=tmp_path, capture_output=True, timeout=300)
    assert run.returncode == 0, run.stdout.decode()[-2000:]
    latex_run(tmp_path, "doc")
    log = latex_run(tmp_path, "doc")
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8")
    assert re.findall(r"> ERROR - (.*)", blg) == []
    expected = sorted(f"Datamodel: Entry '{key}' (refs.bib): Missing mandatory field - one of 'date, year' must be defined"
                      for key in yearless(cited))
    assert sorted(re.findall(r"> WARN - (.*)", blg)) == expected
    reported = re.findall(r"Package biblatex Warning: Biber reported the following issues\s*\(biblatex\)\s*with '([^']+)'", log)
    assert sorted(reported) == sorted(yearless(cited))
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert_clean_latex(log, bbl, {c.key for c in cited}, r"\\entry\{([^}]+)\}")


def pandoc_read(pandoc: str, path: Path, reader: str) -> dict[str, dict]:
    out = subprocess.run([pandoc, "-f", reader, "-t", "csljson", str(path)], capture_output=True, timeout=120, check=True)
    return {item["id"]: item for item in json.loads(out.stdout)}


def comparable(item: dict, truncated: bool, with_day: bool) -> tuple:
    """What both readings must agree on: title text, names (particle kind aside), year-month(-day)."""
    title = re.sub(r"<[^>]+>", "", item.get("title", "")).casefold()
    names = [{k: v for k, v in n.items() if k in ("family", "given", "suffix", "literal")}
             | {"particle": n.get("non-dropping-particle") or n.get("dropping-particle")} for n in item.get("author", [])]
    if truncated and names and names[-1].get("literal") == "others":
        names = names[:-1]  # pandoc's reading of "and others"
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    return title, names, parts[:3] if with_day else parts[:2]


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_pandoc_reads_our_bib_and_our_csljson_alike(cited, dialect, tmp_path):
    pandoc = require_pandoc()
    (tmp_path / "refs.bib").write_text(WRITERS[dialect].write(cited, None), encoding="utf-8")
    (tmp_path / "refs.json").write_text(WRITERS["csljson"].write(cited, None), encoding="utf-8")
    from_bib = pandoc_read(pandoc, tmp_path / "refs.bib", dialect)
    from_json = pandoc_read(pandoc, tmp_path / "refs.json", "csljson")
    assert set(from_bib) == set(from_json) == {c.key for c in cited}
    for c in cited:
        # BibTeX has no day; biblatex's date keeps it.
        with_day = dialect == "biblatex"
        assert comparable(from_bib[c.key], c.work.authors_truncated, with_day) == comparable(
            from_json[c.key], c.work.authors_truncated, with_day), c.key
