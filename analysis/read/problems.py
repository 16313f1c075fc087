"""The two records of what went wrong while reading: :class:`ReportError` (a file that cannot
be read) and :class:`Problem` (a row of the ``problems`` table: an error or a warning)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Problem", "ReportError"]


class ReportError(Exception):
    """A report that cannot be read. ``str()`` names the file, the line and what to do."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None, hint: str = ""):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}" + (f" ({hint})" if hint else ""))


@dataclass(frozen=True)
class Problem:
    """A problem met while reading a folder: ``severity`` is "error" (file skipped) or "warning"."""

    path: str
    line: int | None
    severity: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{self.severity}: {where}: {self.message}"
