"""Settings from citekit.toml or [tool.citekit]: found upwards, paths relative to the file,
flags on top, and every mistake a one-line error naming file:line."""
from __future__ import annotations

from pathlib import Path

import pytest

from citekit.config import Config, load_config
from citekit.diagnostics import BadInput
from citekit.key_formula import DEFAULT_FORMULA


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_citekit_toml_settings_resolve_against_its_folder(tmp_path):
    write(tmp_path, "paper/citekit.toml", """\
# the bibliography of my thesis
sources = ["refs/profile.txt", "refs/feed.txt"]
output = "build/refs.bib"
format = "biblatex"
key-formula = "[auth:lower][year]"
lockfile = "keys.lock"
""")
    (tmp_path / "paper/chapters").mkdir()
    config = load_config(tmp_path / "paper/chapters")
    root = (tmp_path / "paper").resolve()
    assert config.sources == (root / "refs/profile.txt", root / "refs/feed.txt")
    assert config.output == root / "build/refs.bib"
    assert config.format == "biblatex" and config.key_formula == "[auth:lower][year]"
    assert config.lock_path() == root / "keys.lock"
    assert config.path == root / "citekit.toml"


def test_pyproject_tool_citekit_table(tmp_path):
    write(tmp_path, "pyproject.toml", """\
[project]
name = "thesis"

[tool.citekit]
sources = "refs"
output = "refs.json"

[tool.ruff]
line-length = 100
""")
    config = load_config(tmp_path)
    assert config.sources == (tmp_path.resolve() / "refs",)
    assert config.format is None and config.key_formula == DEFAULT_FORMULA
    assert config.lock_path() == tmp_path.resolve() / "citekit.lock"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path, "citekit.toml", 'output = "refs.bib"\n')
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(tmp_path / "sub").output == tmp_path.resolve() / "refs.bib"


def test_citekit_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path, "citekit.toml", 'output = "a.bib"\n')
    write(tmp_path, "pyproject.toml", '[tool.citekit]\noutput = "b.bib"\n')
    assert load_config(tmp_path).output.name == "a.bib"


def test_no_configuration_gives_the_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config == Config()
    assert config.lock_path() is None
    assert config.override(output="out/refs.bib").lock_path() == Path("out/citekit.lock")


def test_flags_override_the_file_and_unset_flags_do_not(tmp_path):
    write(tmp_path, "citekit.toml", 'sources = ["a.txt"]\noutput = "refs.bib"\nstyle = "ieee"\n')
    config = load_config(tmp_path).override(sources=(), output=None, style="apa", format="csljson", use_lock=False)
    assert config.sources == (tmp_path.resolve() / "a.txt",)
    assert config.output == tmp_path.resolve() / "refs.bib"
    assert config.style == "apa" and config.format == "csljson"
    assert config.lock_path() is None


def test_lockfile_false_turns_locking_off(tmp_path):
    write(tmp_path, "citekit.toml", "lockfile = false\n")
    assert load_config(tmp_path).lock_path() is None


BAD = [
    {"label": "unknown key in citekit.toml", "file": "citekit.toml",
     "text": 'sources = ["a.txt"]\n\noutptu = "refs.bib"\n', "line": 3, "says": "unknown setting 'outptu'"},
    {"label": "unknown key in [tool.citekit]", "file": "pyproject.toml",
     "text": '[project]\nname = "x"\n\n[tool.citekit]\noutput = "refs.bib"\nkeyformula = "auth"\n', "line": 6, "says": "unknown setting 'keyformula'"},
    {"label": "a sub-table is not a setting", "file": "citekit.toml",
     "text": 'output = "refs.bib"\n\n[styles]\ndefault = "apa"\n', "line": 3, "says": "unknown setting 'styles'"},
    {"label": "unknown format", "file": "citekit.toml",
     "text": 'format = "endnote"\n', "line": 1, "says": "format must be one of bibtex, biblatex, csljson, ris, bibliography"},
    {"label": "sources given as a number", "file": "citekit.toml",
     "text": "sources = 3\n", "line": 1, "says": "sources must be a list of file or folder paths"},
    {"label": "strict given as text", "file": "citekit.toml",
     "text": 'strict = "yes"\n', "line": 1, "says": "strict must be true or false"},
    {"label": "invalid key formula", "file": "citekit.toml",
     "text": 'output = "refs.bib"\nkey_formula = "auth.lowercase + year"\n', "line": 2, "says": "unknown filter 'lowercase'"},
    {"label": "not TOML at all", "file": "citekit.toml",
     "text": 'output = "refs.bib"\nsources = [a.txt]\n', "line": 2, "says": "not valid TOML"},
]


@pytest.mark.parametrize("case", BAD, ids=[c["label"] for c in BAD])
def test_a_bad_setting_is_one_line_naming_file_and_line(tmp_path, case):
    path = write(tmp_path, case["file"], case["text"])
    with pytest.raises(BadInput) as raised:
        load_config(tmp_path)
    rendered = raised.value.render()
    assert rendered.startswith(f"{path.resolve().as_posix()}:{case['line']}: error: ")
    assert case["says"] in rendered
    assert "\n" not in rendered
