"""What the batch remembers of each run: its result, and the key that says whether it changed.

A run's key hashes the notebook's bytes, the parameters in effect (the plan's over the
notebook's defaults), the code fingerprint of the package, and the contents of every input path
parameter (names ending in ``_dir``, ``_file`` or ``_path``; ``figures_dir`` is an output). The
manifest ``<build>/.manifest/<run>.json`` records the result and the key of the last run. One
batch at a time writes to a build folder: :func:`build_lock` holds ``<build>/.workbook.lock``.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.store.atomic import is_temporary
from analysis.workbook.plan import Run, notebook_parameters

__all__ = ["INPUT_SUFFIXES", "LOCK_NAME", "BuildLocked", "RunResult", "build_lock", "files_of",
           "read_json", "run_key"]


#: Parameters whose names end so are input paths: their contents are part of the skip key.
INPUT_SUFFIXES = ("_dir", "_file", "_path")
#: The lock file of a build folder (:func:`build_lock`).
LOCK_NAME = ".workbook.lock"


@dataclass
class RunResult:
    """What happened to one run. ``status`` is ``"ok"``, ``"skipped"`` or ``"failed"``."""

    name: str
    notebook: str
    status: str
    seconds: float
    parameters: dict[str, Any]
    executed: Path | None = None
    html: Path | None = None
    reader: Path | None = None
    figures: list[Path] = field(default_factory=list)
    error: str | None = None


def _digest(paths: Iterable[Path], base: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(base).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def files_of(folder: Path) -> list[Path]:
    """Files under ``folder``, without caches and temporary files of interrupted writes."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not is_temporary(p)
    )


def _content(value: Any, root: Path, cache: dict[Path, str]) -> str | None:
    """Content hash of an input path parameter (file or folder); None when it is not a path."""
    if not isinstance(value, str) or not value:
        return None
    path = (root / value).resolve()
    if path not in cache:
        if path.is_dir():
            cache[path] = _digest(files_of(path), path)
        else:
            cache[path] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
    return cache[path]


def run_key(r: Run, res: RunResult, figures_dir: Path, root: Path, code: str,
         cache: dict[Path, str]) -> dict[str, Any]:
    """The skip key of a run; completes ``res.parameters`` with ``figures_dir`` and ``family``
    (the plan's actor list, for a notebook that declares them).

    Raises OSError, ValueError or SyntaxError, with a message for the summary, when the
    notebook is missing, unreadable, or does not declare a parameter the plan gives it.
    """
    from analysis.workbook.pages import relpath

    if not r.notebook.is_file():
        raise OSError(f"notebook {res.notebook} not found; create it or fix the plan")
    try:
        declared = notebook_parameters(r.notebook)
    except (ValueError, SyntaxError) as exc:
        raise ValueError(f"{res.notebook}: cannot read its parameters cell: {exc}") from exc
    if unknown := sorted(set(r.parameters) - set(declared)):
        raise ValueError(f"unknown parameter(s) {unknown}; the notebook declares {sorted(declared)}")
    if "figures_dir" in declared:
        res.parameters["figures_dir"] = relpath(figures_dir, root)
    if "family" in declared and "family" not in r.parameters:  # the plan's [plan] actors
        res.parameters["family"] = list(r.family)
    params = {**declared, **res.parameters}
    return json.loads(json.dumps({
        "notebook": hashlib.sha256(r.notebook.read_bytes()).hexdigest(),
        "parameters": params,
        "code": code,
        "inputs": {k: _content(v, root, cache) for k, v in sorted(params.items())
                   if k.endswith(INPUT_SUFFIXES) and k != "figures_dir"},
    }, default=str))


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class BuildLocked(RuntimeError):
    """Another ``workbook run`` holds the build folder; the message says which (pid, start
    time, host) and what to do. ``workbook`` exits 1."""


def _holder(path: Path) -> str:
    """Who holds a lock file, in words, from what it records."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return (f"pid {info['pid']} on {info['host']}, started {info['started']}"
                + (f": {info['command']}" if info.get("command") else ""))
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not yet said who it is"


@contextmanager
def build_lock(build: Path, *, wait: float = 0.0, poll: float = 0.2) -> Iterator[Path]:
    """Hold ``<build>/.workbook.lock`` for the block: one batch at a time per build folder.

    The lock is an advisory ``flock`` on the file, which the system releases when the holder
    ends, however it ends (a killed batch leaves no stale lock); the file records the holder's
    pid, host, start time and command line. When another process holds it, this waits up to
    ``wait`` seconds, then raises :class:`BuildLocked` naming the holder.
    """
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock
        yield build / LOCK_NAME
        return
    build.mkdir(parents=True, exist_ok=True)
    path = build / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(
                        f"{build}: another workbook run is writing here ({_holder(path)}); "
                        f"wait for it to finish (or give --wait SECONDS), or write elsewhere "
                        f"with --out") from None
                time.sleep(poll)
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
                "command": " ".join(sys.argv)}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        except OSError as exc:  # a full disk: say which folder
            raise OSError(exc.errno, exc.strerror, str(build)) from None
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
