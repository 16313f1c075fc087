"""The per-report cache of annotation tables: Parquet files under ``.cache/annotations/``.

A report's annotation (:func:`analysis.annotate.annotate`) depends only on its entries and on
the code and knowledge that produce annotations. The cache key of a report is therefore the
SHA-256 of

* the report's entries: ``report_id``, then every ``entry_id`` and ``text`` in order;
* the :func:`fingerprint` of the annotator: the package version, the source of
  ``analysis/annotate.py`` and of every ``analysis`` module it imports (followed transitively,
  read with :mod:`ast`), this module, the knowledge files ``analysis/data/*.toml`` and ``*.txt``,
  the contents of the user files passed (gazetteer, frames lexicon), and the versions of Python,
  NLTK, vaderSentiment, regex, pandas and pyarrow.

Each table of a report is one Parquet file ``<key>.<table>.parquet``, written to a temporary
file and moved into place with :func:`os.replace`, so a reader never sees half a file. Files are
written with page checksums and carry their key in the schema metadata; a file that does not
read back (truncated, corrupt, foreign) is a miss, and the report is annotated again and the
file rewritten. Nothing is ever trusted that does not read back whole.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = [
    "TABLES",
    "AnnotationCache",
    "default_cache_dir",
    "fingerprint",
    "key_of",
    "report_key",
    "resolve_cache",
]

#: The annotation tables, in the order of :func:`analysis.annotate.annotate`'s result.
TABLES = ("sentences", "tokens", "mentions", "frames")
#: Bump when the layout of the cache files changes.
FORMAT = b"annotation-cache/1"
_PACKAGE = Path(__file__).resolve().parent
_META_KEY = b"workbook.cache_key"


def default_cache_dir() -> Path:
    """``.cache/annotations`` under the project root (:func:`analysis.config.settings`), or the
    folder named by the environment variable ``WORKBOOK_CACHE_DIR`` when it is set."""
    if os.environ.get("WORKBOOK_CACHE_DIR"):
        return Path(os.environ["WORKBOOK_CACHE_DIR"])
    from analysis.config import settings

    return settings().root / ".cache" / "annotations"


def resolve_cache(cache: str | os.PathLike | bool | None) -> AnnotationCache | None:
    """The cache for a ``cache=`` option: True the project's, a path that folder, False/None none."""
    if cache is None or cache is False:
        return None
    if cache is True:
        return AnnotationCache(default_cache_dir())
    if isinstance(cache, AnnotationCache):
        return cache
    return AnnotationCache(Path(cache))


# --- keys ----------------------------------------------------------------------------------------


def _imported_modules(source: bytes) -> set[str]:
    """Names of the ``analysis`` modules that a module's source imports (anywhere in it)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".", 1)[1] for a in node.names if a.name.startswith("analysis."))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and module.split(".")[0] != "analysis":
                continue
            inner = module.split(".", 1)[1] if node.level == 0 and "." in module else (
                "" if node.level == 0 else module)
            if inner:
                names.add(inner)
            else:  # "from analysis import x": x may be a module; __init__ runs in any case
                names.update({"__init__", *(a.name for a in node.names)})
    return names


def _code_files() -> list[Path]:
    """``annotate.py``, this module and every package module they import, transitively."""
    return list(_closure(_stamp(sorted(_PACKAGE.rglob("*.py")))))


@lru_cache(maxsize=4)
def _closure(stamp: tuple) -> tuple[Path, ...]:
    todo, seen = ["annotate", "cache"], {}
    while todo:
        name = todo.pop()
        path = _PACKAGE / (name.replace(".", "/") + ".py")
        if name in seen or not path.is_file():
            continue
        seen[name] = path
        todo.extend(_imported_modules(path.read_bytes()))
    return tuple(sorted(seen.values()))


def _knowledge_files() -> list[Path]:
    data = _PACKAGE / "data"
    return sorted([*data.glob("*.toml"), *data.glob("*.txt")])


@lru_cache(maxsize=1)
def _versions() -> bytes:
    from importlib import metadata

    parts = [f"python={sys.version_info[0]}.{sys.version_info[1]}"]
    for dist in ("country-report-workbook", "nltk", "vaderSentiment", "regex", "pandas", "pyarrow"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return "\n".join(parts).encode()


def _stamp(paths: Iterable[Path]) -> tuple:
    out = []
    for p in paths:
        st = p.stat()
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


@lru_cache(maxsize=8)
def _hash_files(stamp: tuple) -> str:
    digest = hashlib.sha256()
    for path, _, _ in stamp:
        data = Path(path).read_bytes()
        digest.update(f"{Path(path).name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _user_part(name: str, value: object) -> bytes:
    """What a user option contributes to the key: a file's contents, or a value's repr."""
    if value is None:
        return f"{name}=none\n".encode()
    if isinstance(value, str | os.PathLike):
        path = Path(value)
        if path.is_file():
            return f"{name}=file:".encode() + hashlib.sha256(path.read_bytes()).digest() + b"\n"
        return f"{name}=missing:{os.fspath(value)}\n".encode()
    text = repr(value)
    if " at 0x" in text:
        raise TypeError(f"{name}={text}: pass a file path, or use cache=False, since an object "
                        "without a stable repr cannot key the annotation cache")
    return f"{name}=repr:{text}\n".encode()


def fingerprint(*, gazetteer: object = None, frames_lexicon: object = None) -> str:
    """Hex digest of everything besides a report's entries that its annotation depends on.

    Cheap to call again: the files are re-read only when their modification time or size changes.
    """
    digest = hashlib.sha256(FORMAT + b"\n" + _versions())
    digest.update(_hash_files(_stamp(_code_files())).encode())
    digest.update(_hash_files(_stamp(_knowledge_files())).encode())
    digest.update(_user_part("gazetteer", gazetteer))
    digest.update(_user_part("frames_lexicon", frames_lexicon))
    return digest.hexdigest()


def report_key(report_entries: pd.DataFrame, salt: str) -> str:
    """The cache key of one report: its ``report_id``, ``entry_id`` and ``text`` values and the
    annotator's fingerprint ``salt``, hashed (SHA-256, hex)."""
    return key_of(*(report_entries[c].tolist() for c in ("report_id", "entry_id", "text")), salt)


def key_of(report_ids: list, entry_ids: list, texts: list, salt: str) -> str:
    """:func:`report_key` from the column values (JSON-encoded, so the hash is unambiguous)."""
    payload = json.dumps([salt, report_ids, entry_ids, texts], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


# --- files ---------------------------------------------------------------------------------------


class AnnotationCache:
    """A folder of per-report annotation tables (one Parquet file per table), addressed by key.

    Parameters
    ----------
    folder : where the files live; created on the first write.
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"AnnotationCache({str(self.folder)!r})"

    def path(self, key: str, table: str) -> Path:
        """The file of one table of one report."""
        return self.folder / f"{key}.{table}.parquet"

    def load(self, key: str) -> dict[str, object] | None:
        """The tables (``pyarrow.Table``) stored under ``key``; None when any is missing or
        does not read back whole (that report is then annotated again)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables: dict[str, object] = {}
        for name in TABLES:
            try:  # whole file in memory, no pre-buffering: 4x faster than read_table on small files
                source = pa.BufferReader(self.path(key, name).read_bytes())
                table = pq.ParquetFile(source, pre_buffer=False, page_checksum_verification=True
                                       ).read(use_threads=False)
            except (OSError, ValueError, TypeError, KeyError):  # missing, truncated, corrupt
                return None
            if (table.schema.metadata or {}).get(_META_KEY) != key.encode():
                return None
            tables[name] = table
        return tables

    def store(self, key: str, tables: Mapping[str, object]) -> None:
        """Write the tables of one report atomically (temporary file, then :func:`os.replace`)."""
        import pyarrow.parquet as pq

        self.folder.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            table = tables[name]
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META_KEY: key})
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.{name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pq.write_table(table, fh, write_page_checksum=True)
                os.replace(tmp, self.path(key, name))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def keys(self) -> set[str]:
        """Keys with at least one file in the cache."""
        return {p.name.split(".", 1)[0] for p in self.folder.glob("*.parquet")}

    def prune(self, keep: Iterable[str]) -> int:
        """Delete the files of every key not in ``keep`` (and stray temporary files); returns the
        number of files deleted."""
        keep = set(keep)
        removed = 0
        for path in [*self.folder.glob("*.parquet"), *self.folder.glob(".*.tmp")]:
            if path.name.lstrip(".").split(".", 1)[0] not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
