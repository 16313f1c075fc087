"""The code fingerprint: one digest of the package code that made a result.

:func:`code_digest` hashes the source of some ``analysis`` modules and of every package module
they import, followed transitively (read with :mod:`ast`, so nothing is imported), with every
package ``__init__.py`` on the way, plus the versions of Python and of the libraries whose
behaviour enters the results. The annotation cache keys a report with the fingerprint of the
annotator (:data:`ANNOTATOR`); the notebook batch keys a run with the fingerprint of the whole
package (``code_digest()``, every module, the shipped data files and templates too). Files are
re-read only when their modification time or size changes, so asking again is cheap.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

__all__ = ["ANNOTATOR", "code_digest", "code_files", "file_stamps", "hash_files", "versions"]

PACKAGE = Path(__file__).resolve().parents[1]
#: The modules whose closure makes a report's annotation (and the cache that stores it).
ANNOTATOR = ("annotate.report", "store.annotations")
#: Distributions whose versions are part of every fingerprint.
DISTRIBUTIONS = ("country-report-workbook", "nltk", "vaderSentiment", "regex", "pandas", "pyarrow")


def _statements(nodes: Iterable[ast.AST]) -> Iterable[ast.AST]:
    """Every statement under ``nodes``, nested ones too (imports are statements: walking the
    statements alone, not every expression as :func:`ast.walk` does, is several times faster)."""
    for node in nodes:
        yield node
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _statements(getattr(node, name, None) or ())


def _imported_modules(source: bytes) -> set[str]:
    """Dotted names (below ``analysis``) of the modules a module's source imports, anywhere."""
    names: set[str] = set()
    for node in _statements(ast.parse(source).body):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".", 1)[1] for a in node.names if a.name.startswith("analysis."))
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            module = node.module or ""
            if module.split(".")[0] != "analysis":
                continue
            inner = module.split(".", 1)[1] if "." in module else ""
            # "from analysis.x import y": y may be a module of package x
            names.update({inner, *(f"{inner}.{a.name}" if inner else a.name for a in node.names)})
    return {n for n in names if n}


def _files_of(name: str) -> list[Path]:
    """The file of module ``name`` (``a.b`` -> ``a/b.py`` or ``a/b/__init__.py``) and the
    ``__init__.py`` of every package above it, those that exist."""
    parts = name.split(".")
    found = [PACKAGE / "__init__.py"]
    for k in range(1, len(parts) + 1):
        found.append(PACKAGE.joinpath(*parts[:k], "__init__.py"))
    found.append(PACKAGE.joinpath(*parts[:-1], parts[-1] + ".py"))
    return [p for p in found if p.is_file()]


@lru_cache(maxsize=8)
def _closure(stamp: tuple, roots: tuple[str, ...]) -> tuple[Path, ...]:
    todo, seen, done = list(roots), set(), set()
    while todo:
        name = todo.pop()
        if name in done:
            continue
        done.add(name)
        for path in _files_of(name):
            if path not in seen:
                seen.add(path)
                todo.extend(_imported_modules(path.read_bytes()))
    return tuple(sorted(seen))


def code_files(roots: Iterable[str] | None = None) -> list[Path]:
    """The package files a fingerprint covers: for ``roots`` (dotted module names below
    ``analysis``, e.g. ``"annotate.report"``) their import closure; for None every file of the
    package (modules, shipped data files, templates; no caches)."""
    every = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    if roots is None:
        return every
    return list(_closure(file_stamps(p for p in every if p.suffix == ".py"), tuple(roots)))


def file_stamps(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """``(path, mtime_ns, size)`` of each file: the cache key under which a digest is reused."""
    out = []
    for p in paths:
        st = p.stat()
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


@lru_cache(maxsize=16)
def hash_files(stamp: tuple) -> str:
    """SHA-256 (hex) of the files of a :func:`file_stamps` tuple: each file's path relative to
    the package, its length and its bytes."""
    digest = hashlib.sha256()
    for path, _, _ in stamp:
        data = Path(path).read_bytes()
        name = Path(path).relative_to(PACKAGE).as_posix() if Path(path).is_relative_to(PACKAGE) \
            else Path(path).name
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def versions() -> bytes:
    """The Python version and the versions of :data:`DISTRIBUTIONS`, one per line."""
    from importlib import metadata

    parts = [f"python={sys.version_info[0]}.{sys.version_info[1]}"]
    for dist in DISTRIBUTIONS:
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return "\n".join(parts).encode()


def code_digest(roots: Iterable[str] | None = None) -> str:
    """SHA-256 (hex) of :func:`code_files` for ``roots`` and of :func:`versions`."""
    digest = hashlib.sha256(versions())
    digest.update(hash_files(file_stamps(code_files(roots))).encode())
    return digest.hexdigest()
