"""The one error path of ``workbook``: which exception means which exit code, and what is said.

Every command's errors end here (:func:`outcome`), so that a user never sees a raw stack:

====  =====================================================================================
code  meaning
====  =====================================================================================
0     all good
1     a report was skipped (each problem is printed with its file and line), a run failed,
      another run holds the build folder, or an output folder cannot be written
2     bad usage: an unknown option or value, groups that cannot be compared, a pattern that
      cannot be matched; the message names the option and the valid values
3     an unexpected error: a short message and the path of the file the traceback is saved in
====  =====================================================================================
"""

from __future__ import annotations

import errno
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_UNEXPECTED", "EXIT_USAGE", "UsageError",
           "naming_options", "outcome", "save_traceback"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_UNEXPECTED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C

#: What to do about an output folder that cannot be written, by errno.
_OS_HINTS = {
    errno.ENOSPC: "the disk is full: free some space, or write elsewhere (--out, --figures)",
    errno.EDQUOT: "the disk quota is used up: free some space, or write elsewhere",
    errno.EROFS: "the file system is read-only: write elsewhere (--out, --figures)",
    errno.EACCES: "you may not write there: change its permissions, or write elsewhere",
    errno.EPERM: "you may not write there: change its permissions, or write elsewhere",
    errno.ENOENT: "check that the path exists",
    errno.ENOTDIR: "a file stands where a folder is needed: move it, or choose another path",
    errno.EEXIST: "a file stands where a folder is needed: move it, or choose another path",
}


class UsageError(ValueError):
    """A command line that cannot be carried out as given (exit 2). The message names the
    option and what it accepts; ``command`` is the subcommand it belongs to, when known."""

    def __init__(self, message: str, *, command: str | None = None):
        super().__init__(message)
        self.command = command


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _usage_types() -> tuple[type[BaseException], ...]:
    from analysis.measure.groups import GroupError, UnknownValueError
    from analysis.measure.kwic import PatternError
    from analysis.workbook.plan import PlanError

    return (UsageError, UnknownValueError, GroupError, PatternError, PlanError)


def _problem_types() -> tuple[type[BaseException], ...]:
    from analysis.corpus import CorpusError
    from analysis.read.reports import ReportError
    from analysis.workbook.manifest import BuildLocked

    return (CorpusError, ReportError, BuildLocked)


def _os_message(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else ""
    what = exc.strerror or _one_line(exc) or type(exc).__name__
    hint = _OS_HINTS.get(exc.errno or -1)
    text = f"{where}: {what}" if where else what
    return f"{text} ({hint})" if hint else text


def outcome(exc: BaseException, *, argv: list[str] | None = None) -> tuple[int, str | None]:
    """The exit code for ``exc`` and the one line to print (None: print nothing).

    An exception this table does not know is unexpected: its traceback is saved to a file
    (:func:`save_traceback`) and the line names that file.
    """
    if isinstance(exc, BrokenPipeError):  # `workbook entries | head`: the reader has enough
        return EXIT_OK, None
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted"
    if isinstance(exc, _usage_types()):
        return EXIT_USAGE, _one_line(exc)
    if isinstance(exc, _problem_types()):
        return EXIT_PROBLEMS, _one_line(exc)
    if isinstance(exc, OSError) and exc.filename is not None:
        return EXIT_PROBLEMS, _one_line(_os_message(exc))
    path = save_traceback(exc, argv=argv)
    summary = _one_line(f"{type(exc).__name__}: {exc}")
    if len(summary) > 300:
        summary = summary[:299] + "…"
    notes = "; ".join(_one_line(n) for n in getattr(exc, "__notes__", []))
    return EXIT_UNEXPECTED, (f"unexpected error: {summary}" + (f" ({notes})" if notes else "")
                             + f"; the details are saved in {path}: please send that file "
                               "with a note of what you did")


def errors_dir() -> Path:
    """Where tracebacks are saved: ``<build>/.workbook-errors`` of the project, or else a
    ``workbook-errors`` folder in the system's temporary folder."""
    try:
        from analysis.config import settings

        folder = settings().build / ".workbook-errors"
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except Exception:  # noqa: BLE001, S110 - any trouble here must not hide the error being saved
        pass  # the temporary folder, then
    folder = Path(tempfile.gettempdir()) / "workbook-errors"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_traceback(exc: BaseException, *, argv: list[str] | None = None) -> str:
    """Write the traceback of ``exc``, the command line and the versions to
    ``<errors_dir>/<timestamp>-<pid>.txt``; returns the path (relative when under the cwd)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = "".join([
        f"workbook {' '.join(argv if argv is not None else sys.argv[1:])}\n",
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n",
        f"python: {sys.version.split()[0]} on {platform.platform()}\n",
        f"cwd: {os.getcwd()}\n\n",
        *traceback.format_exception(exc),
    ])
    for folder in (None, Path(tempfile.gettempdir())):
        try:
            folder = folder or errors_dir()
            path = folder / f"{stamp}-{os.getpid()}.txt"
            path.write_text(text, encoding="utf-8")
            break
        except OSError:
            continue
    else:  # nowhere to write: the traceback goes to stderr after all
        sys.stderr.write(text)
        return "(no folder could be written: printed above)"
    path = path.resolve()
    return os.path.relpath(path) if path.is_relative_to(Path.cwd().resolve()) else str(path)


def _valid_groups(reports) -> str:
    """The report ids, periods and years a report spec may name, in chronological order."""
    ordered = reports.sort_values(["period", "report_id"], kind="stable")
    ids = ordered["report_id"].astype(str).tolist()
    periods = list(dict.fromkeys(ordered["period"].astype(str)))
    years = list(dict.fromkeys(p[:4] for p in periods))
    return ", ".join([*ids, *(p for p in periods if p not in ids), *years])


def _option_of(args, exc) -> str:
    """The option a measure's :class:`UnknownValueError` is about."""
    if exc.what == "actor":
        return "PATTERN (with --actor)" if args.command == "kwic" else "--actor"
    if exc.what.startswith("grouping"):
        return "--by"
    for name in ("target", "baseline"):
        value = getattr(args, name, None) or ""
        if str(exc.value) in [v.strip() for v in value.split(",")]:
            return f"--{name}"
    return "--baseline/--target"


@contextmanager
def naming_options(args, corpus) -> Iterator[None]:
    """Turn a measure's errors about what the user named into :class:`UsageError` naming the
    option (``--actor``, ``--target`` ...) and its valid values."""
    from analysis.measure.groups import GroupError, UnknownValueError

    try:
        yield
    except UnknownValueError as exc:
        raise UsageError(f"argument {_option_of(args, exc)}: {exc}", command=args.command) from None
    except GroupError as exc:
        raise UsageError(f"arguments --baseline/--target: {exc}; valid values (comma-separated "
                         f"for a group): {_valid_groups(corpus.reports)}",
                         command=args.command) from None
