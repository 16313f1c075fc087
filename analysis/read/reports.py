"""Reading report files: the only module that reads inputs.

A report file is plain text: a title line ``Country Report: <Country> (<Month> <Year>)``, an
overview, section headings and one paragraph or more per summarized publication. This module
decodes the bytes, finds country and period, drops site boilerplate and hands the remaining lines,
with their line numbers, to :mod:`analysis.segment`.

Errors are :class:`ReportError` naming the file, the line and what to do; :func:`read_reports`
collects them as :class:`Problem` records so that one bad file never costs the others.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.knowledge.boilerplate import boilerplate_patterns
from analysis.read.titles import FILENAME_RE, YEARS, parse_title, slug

__all__ = [
    "MAX_BYTES",
    "PROBLEM_COLUMNS",
    "REPORT_COLUMNS",
    "Problem",
    "Report",
    "ReportError",
    "problems_table",
    "read_report",
    "read_reports",
    "report_files",
    "reports_table",
]

REPORT_COLUMNS = ["report_id", "country", "period", "title", "path", "sha256"]
PROBLEM_COLUMNS = ["path", "line", "severity", "message"]

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


@dataclass(frozen=True)
class Report:
    """One decoded report.

    ``lines`` are the content lines as ``(line_number, text)`` with the title and boilerplate
    removed; blank lines are kept (as empty strings) because they separate paragraphs.
    ``removed`` says what was taken out: ``(line_number, "title" | "boilerplate", why, text)``.
    """

    report_id: str
    country: str
    period: str
    title: str
    path: str
    sha256: str
    lines: tuple[tuple[int, str], ...]
    warnings: tuple[Problem, ...] = field(default=())
    removed: tuple[tuple[int, str, str, str], ...] = field(default=())


MAX_BYTES = 20_000_000
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<\?xml)", re.IGNORECASE)


def _decode(path: Path, data: bytes) -> tuple[str, list[Problem]]:
    """Text of a report file, LF line ends, BOM removed, with any caveat as a warning."""
    if not data.strip():
        raise ReportError(path, "the file is empty or holds only whitespace",
                          hint="remove it or save the report text into it")
    if b"\x00" in data[:65536]:
        raise ReportError(path, "a binary file, not a text report",
                          hint="remove it from the reports folder or export the report as .txt")
    if _HTML_START.match(data[:2048]):
        raise ReportError(path, "an HTML page saved from a browser, not a text report", line=1,
                          hint="copy the article's text into a .txt file (or save the page as 'Text')")
    warnings: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
        warnings.append(Problem(str(path), line, "warning",
                                f"not UTF-8 (byte 0x{data[exc.start]:02x}); read as {encoding}: "
                                "re-save the file as UTF-8 to be sure of its characters"))
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def read_report(
    path: str | Path, *, boilerplate: str | Path | tuple | None = None, max_bytes: int = MAX_BYTES
) -> Report:
    """Read one report file.

    Parameters
    ----------
    path : path of a ``.txt`` report (UTF-8 with or without BOM, LF or CRLF line ends).
    boilerplate : a user TOML file of extra boilerplate line patterns, or the compiled patterns
        (``Knowledge.boilerplate``); None: the shipped ones.
    max_bytes : larger files are refused (a report is tens of kilobytes; 20 MB by default).

    Returns
    -------
    Report
        ``report_id`` is ``<country-slug>-<yyyy>-<mm>`` (for example ``russia-2024-03``).

    Raises
    ------
    ReportError
        When the file cannot be read, is empty, binary, an HTML page or too large, or neither its title nor its file name
        (``<country>-<yyyy>-<mm>.txt``) gives country and period.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReportError(
                path, f"{size / 1e6:.0f} MB is larger than the {max_bytes / 1e6:.0f} MB limit for one report",
                hint="split it into one file per report, or raise the limit with max_bytes=",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(path, f"cannot be read: {exc.strerror}",
                          hint="check that the file exists and that you may read it") from None
    text, caveats = _decode(path, data)
    raw_lines = text.split("\n")
    patterns = boilerplate if isinstance(boilerplate, tuple) else boilerplate_patterns(boilerplate)

    country = period = title = None
    title_line = None
    for number, line in enumerate(raw_lines, start=1):
        if not line.strip():
            continue
        try:
            found = parse_title(line)
        except ValueError as exc:
            raise ReportError(path, str(exc), line=number,
                              hint="correct the title's month and year") from None
        if found:
            country, period = found
            title, title_line = line.strip(), number
            break
        if not any(p.fullmatch(line.strip()) for p in patterns):
            break  # the title comes before the text, after page furniture at most

    if country is None:
        m = FILENAME_RE.match(path.stem.lower())
        if not m or not 1 <= int(m["month"]) <= 12:
            raise ReportError(
                path,
                "no title line 'Country Report: <Country> (<Month> <Year>)' and the file name "
                "does not say the country and period",
                line=1,
                hint="add the title line or rename the file to <country>-<yyyy>-<mm>.txt",
            )
        if int(m["year"]) not in YEARS:
            raise ReportError(path, f"the file name's year {m['year']} is outside "
                              f"{YEARS.start}-{YEARS.stop - 1}", hint="rename the file")
        country = m["country"].replace("-", " ").replace("_", " ").title()
        period = f"{m['year']}-{m['month']}"
        title = f"Country Report: {country} ({period})"

    lines, removed = [], []
    if title_line is not None:
        removed.append((title_line, "title", "the title line: country and period", title))
    for number, line in enumerate(raw_lines, start=1):
        if number == title_line:
            continue
        pattern = next((p for p in patterns if p.fullmatch(line.strip())), None) \
            if line.strip() else None
        if pattern is not None:
            removed.append((number, "boilerplate", f"page furniture (pattern {pattern.pattern!r})",
                            line.strip()))
            line = ""
        lines.append((number, line))
    return Report(
        report_id=f"{slug(country)}-{period}",
        country=country,
        period=period,
        title=title,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        lines=tuple(lines),
        warnings=tuple(caveats),
        removed=tuple(sorted(removed)),
    )


def report_files(folder: str | Path) -> list[Path]:
    """The report files of a folder: ``*.txt`` not hidden, sorted by name.

    Other files (``README.md``, ``.DS_Store``, editor backups such as ``x.txt~``, ``.#x.txt`` or
    ``#x.txt#``) are not reports and are ignored without a message.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(folder, "is not a folder", hint="pass the folder that holds the report .txt files")
    return sorted(
        p for p in folder.glob("*.txt") if not p.name.startswith((".", "~", "#")) and not p.is_dir()
    )


def read_reports(
    folder: str | Path, *, boilerplate: str | Path | tuple | None = None, max_bytes: int = MAX_BYTES
) -> tuple[list[Report], list[Problem]]:
    """Read every report of a folder; a bad file becomes a Problem and the others are read.

    Reports are returned sorted by ``(period, report_id)``. Two files giving the same
    ``report_id`` keep the first by file name and report the second as an error.
    """
    reports: dict[str, Report] = {}
    problems: list[Problem] = []
    for path in report_files(folder):
        try:
            report = read_report(path, boilerplate=boilerplate, max_bytes=max_bytes)
        except ReportError as exc:
            message = exc.message + (f" ({exc.hint})" if exc.hint else "")
            problems.append(Problem(exc.path, exc.line, "error", message))
            continue
        except Exception as exc:  # noqa: BLE001 - one unexpected failure must not cost the others
            problems.append(Problem(str(path), None, "error", f"could not be read: {exc!r}"))
            continue
        if report.report_id in reports:
            first = reports[report.report_id].path
            problems.append(
                Problem(str(path), None, "error",
                        f"same country and period as {first} (report id {report.report_id}); "
                        "skipped: remove or rename one of the two")
            )
            continue
        reports[report.report_id] = report
        problems.extend(report.warnings)
    ordered = sorted(reports.values(), key=lambda r: (r.period, r.report_id))
    return ordered, problems


def reports_table(reports: list[Report]) -> pd.DataFrame:
    """The ``reports`` table: one row per report, in the order given (``read_reports`` sorts
    them by period then report_id)."""
    rows = [{c: getattr(r, c) for c in REPORT_COLUMNS} for r in reports]
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """The ``problems`` table: path, line, severity ("error": the file was skipped; "warning"),
    message; one row per problem, in the order met."""
    rows = [{"path": p.path, "line": p.line, "severity": p.severity, "message": p.message}
            for p in problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
