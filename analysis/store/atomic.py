"""Atomic writes: the one way the workbook writes a file.

Every output (cache files, snapshots, figures, executed notebooks, pages, manifests) is written
to a temporary file in the target folder and moved into place with :func:`os.replace`, so a
reader sees either the old file or the new one, never a truncated one. Temporary files are named
``.<name>.<random>.tmp`` (papermill's scratch copy of a notebook ``.<name>.<pid>.tmp.ipynb``); a
process killed mid-write leaves at most such a file, which :func:`remove_stale` deletes.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_file", "check_writable", "is_temporary", "remove_stale", "write_atomic"]

_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file handle whose contents replace ``path`` when the block ends without error.

    The folder is created when missing; the file gets the usual permissions (``0o666`` less the
    umask; :func:`tempfile.mkstemp` alone would give ``0o600``). On an error the temporary file
    is removed and ``path`` is left as it was. A write that fails (a read-only folder, a full
    disk) raises the :class:`OSError` of its cause with ``filename`` set to ``path``, never to the
    temporary file's name.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_SUFFIX)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno is not None and exc.filename in (None, tmp):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` atomically; returns ``path`` as a Path."""
    with atomic_file(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def is_temporary(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a temporary file of :func:`atomic_file`."""
    name = Path(path).name
    return name.startswith(".") and (name.endswith(_SUFFIX) or f"{_SUFFIX}." in name)


def remove_stale(folder: str | os.PathLike, *, older_than: float = 0.0) -> int:
    """Delete the temporary files of :func:`atomic_file` in ``folder`` (not below it) last
    modified more than ``older_than`` seconds ago; returns how many were deleted."""
    removed = 0
    limit = time.time() - older_than
    for path in Path(folder).glob(f".*{_SUFFIX}*"):
        if not is_temporary(path):
            continue
        try:
            if path.stat().st_mtime <= limit:
                path.unlink()
                removed += 1
        except OSError:  # gone already, or being written by another process
            pass
    return removed


def check_writable(*folders: str | os.PathLike) -> None:
    """Create each folder and write (then delete) a small file in it, so that a read-only or
    full folder is found before any work; raises the :class:`OSError` of the cause with
    ``filename`` set to the folder."""
    for folder in map(Path, folders):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # a name of this process's own: two batches probing one folder at once must not
            # delete each other's probe (the second unlink failed: "No such file")
            write_atomic(folder / f".workbook-probe-{os.getpid()}", b"probe\n").unlink(
                missing_ok=True)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(folder)) from None
