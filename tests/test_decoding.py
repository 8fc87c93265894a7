"""decode_source on files as users have them: BOMs, UTF-16, CRLF, Windows-1252, cut, binary, empty."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from citekit.diagnostics import BadInput
from citekit.model import Severity
from citekit.readers.decoding import decode_source

FILES = Path(__file__).parent / "fixtures" / "encoding" / "files"
SEEDS = Path(__file__).parent.parent / "seeds"
BODY = ("Nowak, Anna\nÜber die Größe neuronaler Netze\nMüller, Jörg, Nowak, Anna, Dvořák, Jiří\n"
        "Wir untersuchen, wie groß ein Modell sein muss.\n")
ASCII_BODY = BODY.replace("Ü", "U").replace("ö", "o").replace("ř", "r").replace("ß", "ss").replace("í", "i").replace("ü", "u")
CP1252_BODY = BODY.replace("ř", "r").replace("Dvořák", "Dvorak")

DECODED = [
    {"label": "UTF-8 with BOM and CRLF", "file": "profile-list-utf8-bom-crlf.txt", "text": BODY,
     "codes": ["bom-removed"]},
    {"label": "UTF-16 little-endian with BOM", "file": "profile-list-utf16le-bom.txt", "text": BODY,
     "codes": ["bom-removed"]},
    {"label": "UTF-16 big-endian with BOM", "file": "profile-list-utf16be-bom.txt", "text": BODY,
     "codes": ["bom-removed"]},
    {"label": "UTF-16 little-endian without BOM", "file": "profile-list-utf16le-no-bom.txt", "text": ASCII_BODY,
     "codes": ["utf16-without-bom"]},
    {"label": "whole file in Windows-1252", "file": "profile-list-windows-1252.txt", "text": CP1252_BODY,
     "codes": ["not-utf8"]},
    {"label": "old Mac CR line ends", "file": "profile-list-old-mac-cr.txt", "text": BODY, "codes": []},
    {"label": "one pasted Windows-1252 line in a UTF-8 file", "file": "profile-list-one-line-windows-1252.txt",
     "text": CP1252_BODY, "codes": ["not-utf8"]},
    {"label": "file cut inside its last character", "file": "profile-list-cut-inside-last-character.txt",
     "text": "Nowak, Anna\nTitel\nNowak, Anna\nSchön, Jiř", "codes": ["cut-character"]},
    {"label": "UTF-8 that lost its bytes 0x80-0x9F in transit is kept byte for byte",
     "file": "profile-list-utf8-lost-bytes.txt",
     "text": "Nowak, Anna\nThe modelโs โbeliefsโ โ a study\nDฤbiak, Przemysลaw, Mindermann, Sรถren, Lukoลกiลซtฤ, Kamilฤ\n"
             "We ask whether models know what they know.\n", "codes": ["utf8-lost-bytes"]},
    {"label": "Windows-1252 capitals are not taken for lost bytes", "file": "profile-list-windows-1252-capitals.txt",
     "text": "Nilsson, Åsa\nÄrger im Labor\nNilsson, Åsa, Ægidius, Ærø\nEin Abstract.\n", "codes": ["not-utf8"]},
]

REFUSED = [
    {"label": "NUL bytes that are not UTF-16", "file": "binary-with-nul-bytes.txt", "code": "binary-file"},
    {"label": "a PDF saved as .txt", "file": "pdf-saved-as-txt.txt", "code": "binary-file"},
    {"label": "only whitespace", "file": "only-whitespace.txt", "code": "empty-file"},
    {"label": "zero bytes", "file": "empty.txt", "code": "empty-file"},
    {"label": "bytes undefined in UTF-8 and Windows-1252", "file": "not-any-known-encoding.txt", "code": "undecodable-file"},
    {"label": "missing file", "file": "no-such-file.txt", "code": "missing-file"},
]


@pytest.mark.parametrize("case", DECODED, ids=[c["label"] for c in DECODED])
def test_decodes(case):
    text, diagnostics = decode_source(FILES / case["file"], "refs/" + case["file"])
    assert text == case["text"]
    assert [d.code for d in diagnostics] == case["codes"]
    assert "\r" not in text and "\ufeff" not in text
    for diagnostic in diagnostics:
        assert diagnostic.span is not None and diagnostic.span.path == "refs/" + case["file"]


@pytest.mark.parametrize("case", REFUSED, ids=[c["label"] for c in REFUSED])
def test_refuses_with_one_line_and_a_remedy(case):
    with pytest.raises(BadInput) as raised:
        decode_source(FILES / case["file"], "refs/" + case["file"])
    error = raised.value
    assert error.diagnostic.code == case["code"]
    assert error.diagnostic.severity is Severity.ERROR
    rendered = error.render()
    assert rendered.startswith("refs/" + case["file"] + ": error: ")
    assert "\n" not in rendered and ";" in rendered  # "what is wrong; what to do"


def test_windows_1252_warning_names_the_line():
    _, diagnostics = decode_source(FILES / "profile-list-one-line-windows-1252.txt", "x.txt")
    assert diagnostics[0].span.first_line == 3 and "line(s) 3" in diagnostics[0].message
    assert diagnostics[0].severity is Severity.WARNING


def test_directory(tmp_path):
    with pytest.raises(BadInput) as raised:
        decode_source(tmp_path, "refs")
    assert raised.value.diagnostic.code == "not-a-file"


def test_symlink_loop(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(BadInput) as raised:
        decode_source(loop, "loop.txt")
    assert raised.value.diagnostic.code == "symlink-loop"


def test_unreadable_file(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Nowak, Anna\n", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it does for a normal user
        def refuse(self):
            raise PermissionError(13, "Permission denied", str(self))
        monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(BadInput) as raised:
        decode_source(locked, "locked.txt")
    assert raised.value.diagnostic.code == "unreadable-file"
    assert "chmod" in str(raised.value)


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seeds_decode_without_diagnostics(seed):
    text, diagnostics = decode_source(SEEDS / seed, seed)
    assert diagnostics == []
    assert text == (SEEDS / seed).read_bytes().decode("utf-8").replace("\r\n", "\n")


def test_mojibake_is_not_repaired_here():
    text, _ = decode_source(SEEDS / "000_b3375cc62fb1cf79.txt", "000.txt")
    assert "Lukoลกiลซtฤ" in text


def test_lost_bytes_file_is_repaired_by_repair_text():
    from citekit.repair.encoding import repair_text

    text, _ = decode_source(FILES / "profile-list-utf8-lost-bytes.txt", "x.txt")
    lines = text.split("\n")
    assert repair_text(lines[1]).text == "The model’s “beliefs” – a study"
    names = [repair_text(part).text for part in lines[2].split(", ")]
    assert names == ["Dębiak", "Przemysław", "Mindermann", "Sören", "Lukošiūtė", "Kamilė"]
