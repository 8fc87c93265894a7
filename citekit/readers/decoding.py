"""Bytes of a source file -> text with LF line ends; a whole-file failure is one BadInput.

UTF-8 is expected (a BOM is dropped); UTF-16/32 need a BOM, or, for UTF-16, the zero-byte rhythm
of mostly-ASCII text; otherwise over 1% NUL bytes is binary, and fewer are removed with a warning
at each line. A line that is UTF-8 short of some continuation bytes (lost in transit) is
kept byte for byte, as Thai-looking mojibake that repair knows how to decode; other lines that
are not UTF-8 are decoded as Windows-1252, line by line, so one pasted line never turns the rest
of a UTF-8 file into mojibake. A file cut inside its last
character keeps everything before that character and says so. Mojibake inside valid text is
left for repair: this module only picks the encoding.
"""
from __future__ import annotations

import codecs
import errno
import re
from pathlib import Path

from citekit.diagnostics import BadInput, info, warning
from citekit.model import Diagnostic, SourceSpan

BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Formats people export by mistake instead of text; named in the error so the remedy is obvious.
MAGIC = ((b"%PDF", "a PDF"), (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, .odt?)"),
         (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
         (b"{\\rtf", "an RTF document"))
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def decode_source(path: Path, display_path: str) -> tuple[str, list[Diagnostic]]:
    """The text of the file at `path`, LF line ends, no BOM, with diagnostics about how it was decoded.

    Raises BadInput (one line, with a remedy) when the path is missing, a directory, unreadable,
    a symlink loop, empty, binary, or not text in UTF-8/16/32 or Windows-1252.
    """
    data = read_bytes(path, display_path)
    text, diagnostics = decode_bytes(data, display_path)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():  # strip() would copy the whole text to say the same
        raise BadInput("file is empty (only whitespace); pass a file with records", path=display_path, code="empty-file")
    return text, diagnostics


def read_bytes(path: Path, display_path: str) -> bytes:
    """The file's bytes; BadInput for every way a path can fail to be a readable file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BadInput("no such file; check the path", path=display_path, code="missing-file") from None
    except IsADirectoryError:
        raise BadInput("is a directory, not a file; pass the files inside it", path=display_path,
                       code="not-a-file") from None
    except PermissionError:
        raise BadInput("permission denied; make the file readable (chmod +r)", path=display_path,
                       code="unreadable-file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise BadInput("symbolic link loop; point the link at a real file", path=display_path,
                           code="symlink-loop") from None
        raise BadInput(f"cannot read the file ({error.strerror or error}); check the path",
                       path=display_path, code="unreadable-file") from None


def decode_bytes(data: bytes, display_path: str) -> tuple[str, list[Diagnostic]]:
    """Decode a file's bytes by the rules in the module docstring (CR/LF left as they are)."""
    at_start = SourceSpan(display_path, 1, 1)
    if not data or data.isspace():
        raise BadInput("file is empty (only whitespace); pass a file with records", path=display_path, code="empty-file")
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            text = decode_strictly(data[len(bom):], codec, name, display_path)
            return text, [info("bom-removed", f"{name} byte-order mark removed", at_start)]
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise BadInput(f"binary file ({kind}); export the list as plain text", path=display_path, code="binary-file")
    stray_nuls: list[Diagnostic] = []
    if b"\x00" in data:
        codec = utf16_without_bom(data)
        if codec is not None:
            text = decode_strictly(data, codec, "UTF-16", display_path)
            return text, [warning("utf16-without-bom", f"decoded as {codec.upper()} (no byte-order mark)", at_start)]
        if data.count(0) * 100 > len(data):
            raise BadInput("binary file (contains NUL bytes); pass a text file", path=display_path, code="binary-file")
        # A few NULs in text are damage to the records holding them, not to the whole file.
        stray_nuls = [warning("nul-removed", "NUL byte(s) removed from this line", SourceSpan(display_path, n, n))
                      for n, line in enumerate(data.split(b"\n"), start=1) if b"\x00" in line]
        data = data.replace(b"\x00", b"")
    controls = len(CONTROL.findall(data[:4096]))
    if controls > 8 and controls * 100 > len(data[:4096]):  # a few pasted control characters are still text
        raise BadInput("binary file (control bytes); pass a text file", path=display_path, code="binary-file")
    text, diagnostics = decode_mixed(data, display_path)
    return text, stray_nuls + diagnostics


def utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/be when the NULs fall on every other byte as in mostly-ASCII UTF-16; else None."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_strictly(data: bytes, codec: str, name: str, display_path: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise BadInput(f"not valid {name} (byte {error.start}); re-save the file as UTF-8",
                       path=display_path, code="undecodable-file") from None


def decode_mixed(data: bytes, display_path: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8 line by line; lines that are not are kept byte for byte (lost continuation bytes) or read
    as Windows-1252, and reported."""
    try:
        return data.decode("utf-8"), []  # the usual case: valid throughout, nothing to look at line by line
    except UnicodeDecodeError:
        pass
    data, cut = drop_cut_character(data)
    diagnostics: list[Diagnostic] = []
    lines = data.split(b"\n")
    if cut:
        last = len(lines)
        diagnostics.append(warning("cut-character", f"file ends inside a UTF-8 character; its {cut} "
                                   "trailing byte(s) were dropped", SourceSpan(display_path, last, last)))
    invalid = {number for number, line in enumerate(lines, start=1) if not is_utf8(line)}
    shapes = [lost_continuations(lines[number - 1]) for number in sorted(invalid)]
    # Lost bytes only when every bad line fits and the file shows whole UTF-8 sequences somewhere:
    # a Windows-1252 "Åsa" also looks like a lead byte that lost its continuation.
    complete = sum(shape or 0 for shape in shapes) + sum(1 for line in lines if not line.isascii() and is_utf8(line))
    lossy = bool(invalid) and all(shape is not None for shape in shapes) and complete > 0
    texts: list[str] = []
    foreign: list[int] = []
    damaged: list[int] = []
    for number, line in enumerate(lines, start=1):
        if number not in invalid:
            texts.append(line.decode("utf-8"))
        elif lossy:
            texts.append(byte_for_byte(line))
            damaged.append(number)
        else:
            try:
                texts.append(line.decode("cp1252"))
            except UnicodeDecodeError as error:
                raise BadInput(f"line {number} is neither UTF-8 nor Windows-1252 (byte {error.start}); "
                               "re-save the file as UTF-8", path=display_path, code="undecodable-file") from None
            foreign.append(number)
    if damaged:
        diagnostics.append(warning("utf8-lost-bytes", f"line(s) {', '.join(map(str, damaged[:10]))} are UTF-8 that "
                                   "lost bytes in transit; kept byte for byte for repair",
                                   SourceSpan(display_path, damaged[0], damaged[0])))
    if foreign:
        text_lines = sum(1 for line in lines if any(b > 0x7F for b in line))
        where = "the whole file" if len(foreign) == text_lines else f"line(s) {', '.join(map(str, foreign[:10]))}"
        more = f" and {len(foreign) - 10} more" if len(foreign) > 10 else ""
        diagnostics.append(warning("not-utf8", f"not UTF-8; {where}{more} decoded as Windows-1252",
                                   SourceSpan(display_path, foreign[0], foreign[0])))
    return "\n".join(texts), diagnostics


def is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def lost_continuations(line: bytes) -> int | None:
    """How many whole multi-byte sequences the line holds, when it is UTF-8 from which continuation
    bytes 0x80-0x9F were dropped; None when it is not.

    Every sequence must start with a lead byte and hold no more continuations than it needs; only
    leads of Latin letters, combining marks and punctuation (C3-C8, CC, E2) may come up short.
    """
    i, complete = 0, 0
    while i < len(line):
        lead = line[i]
        size = 1 if lead < 0x80 else 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        if not size:
            return None
        j = i + 1
        while j < len(line) and j < i + size and 0x80 <= line[j] <= 0xBF:
            j += 1
        if j < i + size and not (0xC3 <= lead <= 0xC8 or lead in (0xCC, 0xE2)):
            return None
        complete += size > 1 and j == i + size
        i = j
    return complete


def byte_for_byte(line: bytes) -> str:
    """One character per byte, as cp874 reads it (0x80-0x9F as C1 controls), for repair to decode again."""
    return "".join(chr(b) if b < 0xA0 else bytes([b]).decode("cp874", "replace") for b in line)


def drop_cut_character(data: bytes) -> tuple[bytes, int]:
    """(data without a UTF-8 sequence cut off at its very end, number of bytes dropped).

    Only an incomplete lead+continuations tail counts; a lone high byte elsewhere is a
    Windows-1252 question for decode_mixed, not a cut.
    """
    tail = data[-3:]
    for size in range(len(tail), 0, -1):
        chunk = data[-size:]
        lead = chunk[0]
        needed = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        if needed > size and all(0x80 <= b <= 0xBF for b in chunk[1:]):
            try:
                data[:-size].decode("utf-8")
            except UnicodeDecodeError:
                return data, 0  # the rest is not UTF-8 either: no cut, just another encoding
            return data[:-size], size
    return data, 0
