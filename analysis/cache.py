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

On top of the per-report files, :func:`analysis.corpus.load_corpus` keeps one *snapshot* of a
whole corpus: its seven tables (:data:`SNAPSHOT_TABLES`: reports, problems, entries and the four
annotation tables), one Parquet file each under ``snapshots/<slot>/<key>.<table>.parquet``,
written and checked the same way. Its key (:func:`snapshot_key`) hashes every report file's
path and content (:func:`file_digests`), the source of the package, the knowledge files, the
versions and the user files. When it matches, reloading an unchanged corpus reads and hashes the
files and then reads seven files, with no segmenting and no per-report look-ups. When it does
not (a report changed or was added, or a file is damaged), the corpus is built the long way,
where the per-report files still spare every unchanged report its annotation, and a new
snapshot replaces the old one of the same folder (its *slot*, :func:`snapshot_slot`).
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
    "SNAPSHOT_TABLES",
    "TABLES",
    "AnnotationCache",
    "default_cache_dir",
    "file_digests",
    "fingerprint",
    "frame_of",
    "key_of",
    "report_key",
    "resolve_cache",
    "snapshot_key",
    "snapshot_slot",
]

#: The annotation tables, in the order of :func:`analysis.annotate.annotate`'s result.
TABLES = ("sentences", "tokens", "mentions", "frames")
#: Bump when the layout of the cache files changes.
FORMAT = b"annotation-cache/1"
_PACKAGE = Path(__file__).resolve().parent
_META_KEY = b"workbook.cache_key"
_META_TABLE = b"workbook.table"


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


def _statements(nodes: Iterable[ast.AST]) -> Iterable[ast.AST]:
    """Every statement under ``nodes``, nested ones too (imports are statements: walking the
    statements alone, not every expression as :func:`ast.walk` does, is several times faster)."""
    for node in nodes:
        yield node
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _statements(getattr(node, name, None) or ())


def _imported_modules(source: bytes) -> set[str]:
    """Names of the ``analysis`` modules that a module's source imports (anywhere in it)."""
    names: set[str] = set()
    for node in _statements(ast.parse(source).body):
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


def _code_files(roots: tuple[str, ...] = ("annotate", "cache")) -> list[Path]:
    """``annotate.py``, this module and every package module they import, transitively (or the
    closure of the modules ``roots``)."""
    return list(_closure(_stamp(sorted(_PACKAGE.rglob("*.py"))), roots))


@lru_cache(maxsize=4)
def _closure(stamp: tuple, roots: tuple[str, ...] = ("annotate", "cache")) -> tuple[Path, ...]:
    todo, seen = list(roots), {}
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

    def snapshot_path(self, slot: str, key: str, table: str) -> Path:
        """The file of one table of a corpus snapshot."""
        return self.folder / "snapshots" / slot / f"{key}.{table}.parquet"

    def load_snapshot(self, slot: str, key: str) -> dict[str, object] | None:
        """The tables (``pyarrow.Table``, :data:`SNAPSHOT_TABLES`) of the snapshot ``key`` of
        ``slot``; None when any is missing or does not read back whole (checksums, key)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables: dict[str, object] = {}
        for name in SNAPSHOT_TABLES:
            try:  # ParquetFile, not read_table: no pyarrow.dataset to import, no globbing
                table = pq.ParquetFile(self.snapshot_path(slot, key, name),
                                       page_checksum_verification=True).read()
            except (OSError, ValueError, TypeError, KeyError, pa.ArrowException):
                return None
            meta = table.schema.metadata or {}
            if meta.get(_META_KEY) != key.encode() or meta.get(_META_TABLE) != name.encode():
                return None
            tables[name] = table.replace_schema_metadata(
                {k: v for k, v in meta.items() if k not in (_META_KEY, _META_TABLE)})
        return tables

    def store_snapshot(self, slot: str, key: str, tables: Mapping[str, object]) -> None:
        """Write a snapshot (every file atomically, with page checksums and its key), then delete
        the older snapshots of ``slot`` (and temporary files left by a crash an hour ago)."""
        import time

        import pyarrow.parquet as pq

        folder = self.snapshot_path(slot, key, "-").parent
        folder.mkdir(parents=True, exist_ok=True)
        for name in SNAPSHOT_TABLES:
            table = tables[name]
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META_KEY: key,
                                                   _META_TABLE: name})
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{key}.{name}.", suffix=".tmp")
            try:  # dictionary-encoded, uncompressed: the fastest to read back (tokens: 2x snappy)
                with os.fdopen(fd, "wb") as fh:
                    pq.write_table(table, fh, compression="none", write_page_checksum=True)
                os.replace(tmp, self.snapshot_path(slot, key, name))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        for path in folder.iterdir():
            if path.name.startswith(key + "."):
                continue
            try:
                if path.suffix == ".parquet" or path.stat().st_mtime < time.time() - 3600:
                    path.unlink()
            except OSError:  # gone already, or being written by another process
                pass

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


# --- corpus snapshots ----------------------------------------------------------------------------

#: The tables of a corpus snapshot: everything :func:`analysis.corpus.load_corpus` builds.
SNAPSHOT_TABLES = ("reports", "problems", "entries", *TABLES)
#: Bump when the layout of the snapshot files changes.
SNAPSHOT_FORMAT = b"corpus-snapshot/1"


def file_digests(paths: Iterable[Path], *, max_bytes: int) -> list[tuple[str, str]] | None:
    """``(path, "sha256:<hex>")`` for each file, in order (``"size:<n>"`` for a file larger than
    ``max_bytes``, which the reader refuses unread); None when a file cannot be read."""
    out = []
    for path in paths:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                out.append((str(path), f"size:{size}"))
            else:
                out.append((str(path), "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError:
            return None
    return out


def snapshot_key(files: list[tuple[str, str]], **options: object) -> str:
    """Hex digest keying the snapshot of a whole corpus: the report files (path and content, from
    :func:`file_digests`), the source of every module of the package, the knowledge files, the
    versions of :func:`fingerprint`, and the user files ``options`` (``name=path``, their
    contents).

    Every module, not only those reading, segmenting and annotating import: hashing them all
    costs a millisecond where following the imports costs tens (the reload of a small corpus
    takes little more), and an edit elsewhere only sends the next load the long way once, where
    the per-report files still spare every report its annotation."""
    digest = hashlib.sha256(SNAPSHOT_FORMAT + b"\n" + _versions())
    digest.update(_hash_files(_stamp(sorted(_PACKAGE.rglob("*.py")))).encode())
    digest.update(_hash_files(_stamp(_knowledge_files())).encode())
    for name in sorted(options):
        digest.update(_user_part(name, options[name]))
    digest.update(json.dumps(files, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def snapshot_slot(folder: str | os.PathLike, **options: object) -> str:
    """The name under which the snapshot of one folder (read with these options) is kept: a new
    snapshot of the same folder replaces the previous one."""
    text = json.dumps([os.path.abspath(folder), {k: None if v is None else os.fspath(v)
                                                 if isinstance(v, str | os.PathLike) else repr(v)
                                                 for k, v in sorted(options.items())}])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def snapshot_tables(corpus: object, problems: Iterable[object]) -> dict[str, object]:
    """The tables of a snapshot (``pyarrow.Table``) of a ``Corpus`` and its ``Problem`` list."""
    import pyarrow as pa

    problems = list(problems)
    tables = {"problems": pa.table({
        "path": pa.array([p.path for p in problems], pa.string()),
        "line": pa.array([p.line for p in problems], pa.int64()),
        "severity": pa.array([p.severity for p in problems], pa.string()),
        "message": pa.array([p.message for p in problems], pa.string()),
    })}
    for name in SNAPSHOT_TABLES:
        if name != "problems":
            tables[name] = pa.Table.from_pandas(getattr(corpus, name), preserve_index=False)
    return tables


def frame_of(table: object) -> pd.DataFrame:
    """``table`` (pyarrow) as pandas, with list columns as Python lists (not numpy arrays)."""
    import numpy as np
    import pyarrow as pa

    lists = [f.name for f in table.schema if pa.types.is_list(f.type) or pa.types.is_large_list(f.type)]
    frame = table.drop_columns(lists).to_pandas() if lists else table.to_pandas()
    for name in lists:
        values = np.empty(table.num_rows, dtype=object)
        for i, value in enumerate(table.column(name).to_pylist()):
            values[i] = value
        frame.insert(table.schema.get_field_index(name), name, values)
    return frame

