"""Reading report files: the only module that reads inputs.

A report file is a ``.txt`` or ``.md`` text, a web page saved from the browser (``.html``,
``.htm``) or a Word document (``.docx``) (:mod:`analysis.read.formats`): a title line ``Country
Report: <Country> (<Month> <Year>)``, an overview, section headings and one paragraph or more per
summarized publication. This module decodes the bytes (:mod:`analysis.read.encodings`), finds
country and period, blanks site boilerplate, detects how the lines make paragraphs
(:mod:`analysis.read.layout`) and hands the remaining lines, with their line numbers, to
:mod:`analysis.read.segment`.

Errors are :class:`ReportError` naming the file, the line and what to do; :func:`read_reports`
collects them as :class:`Problem` records so that one bad file never costs the others.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.knowledge.boilerplate import boilerplate_patterns
from analysis.read.formats import NOT_READ, READ_SUFFIXES, document
from analysis.read.layout import Layout, detect_layout, ends_sentence
from analysis.read.problems import Problem, ReportError
from analysis.read.titles import FILENAME_RE, YEARS, parse_title, slug

__all__ = [
    "MAX_BYTES",
    "PROBLEM_COLUMNS",
    "REPORT_COLUMNS",
    "Problem",
    "Report",
    "ReportError",
    "attempt_report",
    "collect_reports",
    "problems_table",
    "read_report",
    "read_reports",
    "report_files",
    "reports_table",
]

REPORT_COLUMNS = ["report_id", "country", "period", "title", "path", "sha256", "layout"]
PROBLEM_COLUMNS = ["path", "line", "severity", "message"]


@dataclass(frozen=True)
class Report:
    """One decoded report.

    ``lines`` are the content lines as ``(line_number, text)`` with the title and boilerplate
    removed; blank lines are kept (as empty strings) because they separate paragraphs.
    ``removed`` says what was taken out: ``(line_number, "title" | "boilerplate", why, text)``.
    ``layout`` is how the lines make paragraphs (:data:`analysis.read.layout.LAYOUTS`) and
    ``layout_reason`` why; ``wrap_width``, ``flowed`` and ``spaced`` describe a hard wrap
    (:class:`analysis.read.layout.Layout`).
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
    layout: str = "blank-line"
    layout_reason: str = ""
    wrap_width: int = 0
    flowed: bool = False
    spaced: bool = False

    @property
    def paragraph_layout(self) -> Layout:
        """The layout as :func:`analysis.read.layout.runs` takes it."""
        return Layout(self.layout, self.layout_reason, self.wrap_width, self.flowed, self.spaced)


MAX_BYTES = 20_000_000
#: Short lines (a copied page's menu) that may stand before the title.
_MENU_LINES = 30


def _title(path: Path, raw_lines, patterns, page_title: str | None, web: bool):
    """``(country, period, title, title line)`` from the first line that is not boilerplate
    (or a web page's own title), else from the file name (not for a web page);
    ReportError when none says."""
    furniture = 0
    for number, line in raw_lines:
        if not line.strip():
            continue
        try:
            found = parse_title(line)
        except ValueError as exc:
            raise ReportError(path, str(exc), line=number,
                              hint="correct the title's month and year") from None
        if found:
            return (*found, line.strip(), number)
        if not any(p.fullmatch(line.strip()) for p in patterns):
            # the title comes before the text, after page furniture at most: boilerplate, or
            # a page's menu copied with it (a few short lines that end no sentence)
            furniture += 1
            if furniture > _MENU_LINES or len(line.split()) > 6 or ends_sentence(line):
                break
    if page_title:
        try:
            found = parse_title(page_title)
        except ValueError:
            found = None
        if found:
            return (*found, page_title, None)
    if web:  # a saved page of a country report names it in its title: this page does not
        raise ReportError(path, f"a web page that is not a country report (its title "
                          f"{page_title!r} is not 'Country Report: <Country> (<Month> <Year>)')",
                          line=1, hint="save the page of the country report itself")
    m = FILENAME_RE.match(path.stem.lower())
    if not m or not 1 <= int(m["month"]) <= 12:
        raise ReportError(
            path,
            "no title line 'Country Report: <Country> (<Month> <Year>)' and the file name "
            "does not say the country and period",
            line=1,
            hint=f"add the title line or rename the file to <country>-<yyyy>-<mm>{path.suffix}",
        )
    if int(m["year"]) not in YEARS:
        raise ReportError(path, f"the file name's year {m['year']} is outside "
                          f"{YEARS.start}-{YEARS.stop - 1}", hint="rename the file")
    country = m["country"].replace("-", " ").replace("_", " ").title()
    period = f"{m['year']}-{m['month']}"
    return country, period, f"Country Report: {country} ({period})", None


def read_report(
    path: str | Path, *, boilerplate: str | Path | tuple | None = None, max_bytes: int = MAX_BYTES
) -> Report:
    """Read one report file.

    Parameters
    ----------
    path : path of a report: ``.txt`` or ``.md`` (UTF-8 with or without BOM, UTF-16 with a BOM,
        another encoding with a warning; LF, CRLF or CR line ends), ``.html`` or ``.htm`` (a
        page saved from the browser), ``.docx``.
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
        When the file cannot be read, is empty, binary, of a type not read, a web page that is
        not a country report, or too large, or neither its title nor its file name
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
    doc = document(path, data)
    patterns = boilerplate if isinstance(boilerplate, tuple) else boilerplate_patterns(boilerplate)
    anyone = _any_of(patterns)
    country, period, title, title_line = _title(path, doc.lines, patterns, doc.title,
                                                web=doc.layout == "html")

    lines, removed = [], []
    if title_line is not None:
        removed.append((title_line, "title", "the title line: country and period", title))
    for k, (number, line) in enumerate(doc.lines):
        if number == title_line and line.strip() == title:
            continue
        stripped = line.strip()
        why = None
        if stripped:
            pattern = next((p for p in patterns if p.fullmatch(stripped)), None) if (
                anyone is None or anyone.fullmatch(stripped)) else None
            if pattern is not None:
                why = f"page furniture (pattern {pattern.pattern!r})"
            elif title_line is not None and number < title_line:
                why = "page furniture before the title (a menu copied with the page)"
            elif stripped[:7].casefold() == "country" and _is_title(stripped):
                why = ("the title again" if " ".join(stripped.split()) == " ".join(title.split())
                       else "another report's title (a link to it)")
        if why is not None:
            removed.append((number, "boilerplate", why, stripped))
            line = ""
        lines.append((number, line))
    layout = detect_layout(lines) if doc.layout is None else Layout(doc.layout, doc.reason)
    caveats = list(doc.warnings)
    if not layout.certain:
        caveats.append(Problem(str(path), layout.line, "warning",
                               f"could not tell how the lines make paragraphs ({layout.reason}):"
                               " check the entries with `workbook entries --explain`, or put a "
                               "blank line between paragraphs"))
    return Report(
        report_id=f"{slug(country)}-{period}", country=country, period=period, title=title,
        path=str(path), sha256=hashlib.sha256(data).hexdigest(), lines=tuple(lines),
        warnings=tuple(caveats), removed=tuple(sorted(removed)), layout=layout.name,
        layout_reason=layout.reason, wrap_width=layout.width, flowed=layout.flowed,
        spaced=layout.spaced,
    )


@lru_cache(maxsize=8)
def _any_of(patterns: tuple) -> re.Pattern[str] | None:
    """One pattern that matches a line when any of ``patterns`` does (one C call a line instead
    of one per pattern); None when they cannot be joined (groups that refer to each other)."""
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None


def _is_title(line: str) -> bool:
    """A line that is a country report's title (again, or another's: a related link)."""
    try:
        return parse_title(line) is not None
    except ValueError:
        return False


def report_files(folder: str | Path) -> list[Path]:
    """The report files of a folder, sorted by name: ``.txt``, ``.md``, ``.html``, ``.htm``,
    ``.docx`` (:data:`analysis.read.formats.READ_SUFFIXES`), and documents of the types not read
    (PDF, ``.doc``, images ...), which :func:`read_report` refuses saying which types are read.

    Hidden files, editor backups (``x.txt~``, ``.#x.txt``, ``#x.txt#``, Word's ``~$x.docx``),
    ``README`` files and folders (a saved page's ``_files`` folder) are not reports and are
    ignored without a message; so is any other file (``.DS_Store``, ``notes.csv``).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(folder, "is not a folder", hint="pass the folder that holds the report files")
    wanted = (*READ_SUFFIXES, *NOT_READ)
    return sorted(
        p for p in folder.iterdir()
        if p.suffix.lower() in wanted and not p.name.startswith((".", "~", "#"))
        and p.stem.casefold() != "readme" and not p.is_dir()
    )


def read_reports(
    folder: str | Path, *, boilerplate: str | Path | tuple | None = None, max_bytes: int = MAX_BYTES
) -> tuple[list[Report], list[Problem]]:
    """Read every report of a folder; a bad file becomes a Problem and the others are read.

    Reports are returned sorted by ``(period, report_id)``. Two files giving the same
    ``report_id`` keep the first by file name and report the second as an error.
    """
    return collect_reports(attempt_report(p, boilerplate=boilerplate, max_bytes=max_bytes)
                           for p in report_files(folder))


def attempt_report(path: Path, *, boilerplate: str | Path | tuple | None = None,
                   max_bytes: int = MAX_BYTES) -> Report | Problem:
    """:func:`read_report`, or the Problem (an error) that says why the file cannot be read."""
    try:
        return read_report(path, boilerplate=boilerplate, max_bytes=max_bytes)
    except ReportError as exc:
        message = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return Problem(exc.path, exc.line, "error", message)
    except Exception as exc:  # noqa: BLE001 - one unexpected failure must not cost the others
        return Problem(str(path), None, "error", f"could not be read: {exc!r}")


def collect_reports(attempts: Iterable[Report | Problem]) -> tuple[list[Report], list[Problem]]:
    """The reports of :func:`attempt_report` results in file-name order, sorted by ``(period,
    report_id)``, and the problems in that order (a second file of a ``report_id`` is one)."""
    reports: dict[str, Report] = {}
    problems: list[Problem] = []
    for report in attempts:
        if isinstance(report, Problem):
            problems.append(report)
            continue
        if report.report_id in reports:
            problems.append(Problem(report.path, None, "error", (
                f"same country and period as {reports[report.report_id].path} (report id "
                f"{report.report_id}); skipped: remove or rename one of the two")))
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
