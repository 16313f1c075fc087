"""Project settings: ``[tool.workbook]`` in pyproject.toml, read into a frozen dataclass when asked.

Nothing is read at import time. Paths in the settings are relative to the project root, the
nearest folder at or above the working directory whose ``pyproject.toml`` has a
``[tool.workbook]`` table; JupyterLab (cwd = ``notebooks/``) and papermill (cwd = wherever it was
called) therefore resolve the same folders.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

__all__ = ["Settings", "default_jobs", "project_root", "settings"]


@dataclass(frozen=True)
class Settings:
    """Validated workbook settings.

    Attributes
    ----------
    root : Path
        The project root (folder of pyproject.toml).
    reports : Path
        Folder of input reports (``reports_raw``).
    figures : Path
        Folder of regenerated figures (``figures``).
    build : Path
        Folder of executed and rendered notebooks (``build``).
    """

    root: Path
    reports: Path
    figures: Path
    build: Path


_DEFAULTS = {"reports": "reports_raw", "figures": "figures", "build": "build"}


def project_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) whose pyproject.toml has
    ``[tool.workbook]``; ``start`` itself when there is none."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            with candidate.open("rb") as fh:
                if "workbook" in tomllib.load(fh).get("tool", {}):
                    return folder
    return here


def settings(start: str | Path | None = None) -> Settings:
    """Read and validate ``[tool.workbook]``; unknown keys are an error that lists the valid ones."""
    root = project_root(start)
    table: dict = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as fh:
            table = tomllib.load(fh).get("tool", {}).get("workbook", {})
    valid = {f.name for f in fields(Settings)} - {"root"}
    unknown = sorted(set(table) - valid)
    if unknown:
        raise ValueError(
            f"{pyproject}: unknown key(s) {unknown} in [tool.workbook]; valid keys: {sorted(valid)}"
        )
    values = {**_DEFAULTS, **table}
    for key, value in values.items():
        if not isinstance(value, str) or not value:
            raise ValueError(f"{pyproject}: [tool.workbook] {key} must be a non-empty path string")
    return Settings(root=root, **{k: (root / v) for k, v in values.items()})


def default_jobs() -> int:
    """The number of cores this process may use: the default for parallel work."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_context():
    """The multiprocessing context of the workbook's process pools: fork on Linux (workers
    start in milliseconds with the lexicons already built, and scripts need no
    ``if __name__ == "__main__"`` guard); the platform's default elsewhere."""
    import multiprocessing
    import sys

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def release_memory() -> None:
    """Hand the memory freed since the last call back to the system: the blocks Arrow's
    allocator keeps (``release_unused``) and, with glibc, the free pages of the C heap
    (``malloc_trim(0)``, as Dask's workers do). Freed buffers of pickled or concatenated
    tables stay in these pools otherwise: after reading 1,000 reports, about 130 MB."""
    import ctypes
    import sys

    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # another C library (musl): nothing to trim
            pass
