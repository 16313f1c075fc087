"""The reading problems behind a batch: which report files its runs skipped or doubted.

A run reads its ``reports_dir`` (the plan's parameter, else the notebook's default) and a bad
file costs only that file; the pages show the problems in a table. :func:`batch_problems` reads
those folders again (reading only, no annotation: a second or less) so that ``workbook run`` can
print them after its summary and exit 1 when a report was skipped.
"""

from __future__ import annotations

from pathlib import Path

from analysis.read.reports import Problem, read_reports
from analysis.workbook.manifest import RunResult
from analysis.workbook.plan import notebook_parameters

__all__ = ["batch_problems", "format_problems"]


def batch_problems(results: list[RunResult], root: Path) -> list[Problem]:
    """The problems of every reports folder the runs read, each folder once, in folder order."""
    folders: list[Path] = []
    for res in results:
        folder = res.parameters.get("reports_dir")
        if folder is None:
            try:
                folder = notebook_parameters(root / res.notebook).get("reports_dir")
            except (OSError, ValueError, SyntaxError):
                continue
        if isinstance(folder, str):
            path = (root / folder).resolve()
            if path.is_dir() and path not in folders:
                folders.append(path)
    problems: list[Problem] = []
    for folder in folders:
        problems.extend(read_reports(folder)[1])
    return problems


def format_problems(problems: list[Problem], root: Path) -> str:
    """The lines ``workbook run`` prints: one per problem, paths relative to the project."""
    def where(p: Problem) -> str:
        path = Path(p.path)
        try:
            path = path.resolve().relative_to(root)
        except ValueError:
            pass
        return f"{path}:{p.line}" if p.line else str(path)

    skipped = sum(p.severity == "error" for p in problems)
    head = (f"problems reading the reports: {skipped} skipped, "
            f"{len(problems) - skipped} to check")
    return "\n".join([head, *(f"  {where(p)}: {p.severity}: {p.message}" for p in problems)])
