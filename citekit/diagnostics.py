"""Diagnostics: the one place that renders them, and the error that stops a whole run.

Damage inside a record travels as a Diagnostic value; damage to a whole input raises
BadInput, which carries its Diagnostic to the CLI (exit 3, nothing written).
"""
from __future__ import annotations

import json

from citekit.model import Diagnostic, Severity, SourceSpan


class BadInput(Exception):
    """The whole input (or configuration) cannot be used; carries a one-line diagnostic."""

    def __init__(self, message: str, span: SourceSpan | None = None, code: str = "bad-input", path: str | None = None):
        super().__init__(message)
        self.diagnostic = Diagnostic(code, Severity.ERROR, message, span)
        self.path = path

    def render(self) -> str:
        if self.diagnostic.span is None and self.path:
            return f"{self.path}: error: {self.diagnostic.message}"
        return render_text(self.diagnostic)


def render_text(diagnostic: Diagnostic) -> str:
    """One line: `file:line: level: message` (or `level: message` without a place)."""
    place = f"{diagnostic.span}: " if diagnostic.span else ""
    return f"{place}{diagnostic.severity.value}: {diagnostic.message}"


def render_json(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> str:
    """All diagnostics as a JSON array, for tools."""
    rows = [
        {
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "file": d.span.path if d.span else None,
            "line": d.span.first_line if d.span else None,
        }
        for d in diagnostics
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def read_failure(error: OSError | UnicodeDecodeError) -> str:
    """Why a file could not be read, in words (no errno, no Python repr)."""
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text: byte 0x{error.object[error.start]:02x} at offset {error.start}"
    return (error.strerror or type(error).__name__).lower()


def warning(code: str, message: str, span: SourceSpan | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, span)


def info(code: str, message: str, span: SourceSpan | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.INFO, message, span)
