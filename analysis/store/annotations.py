"""The per-report store of annotation tables: Parquet files under ``.cache/annotations/``.

A report's annotation (:func:`analysis.annotate.report.annotate`) depends only on its entries
and on the code and knowledge that produce annotations. The cache key of a report is therefore
the SHA-256 of

* the report's entries: ``report_id``, then every ``entry_id`` and ``text`` in order;
* the annotator's salt (:func:`annotator_salt`): the code fingerprint of the annotator
  (:func:`analysis.store.fingerprint.code_digest` of :data:`~analysis.store.fingerprint.ANNOTATOR`:
  its modules, every package module they import, the library versions) and the digest of the
  knowledge it uses (gazetteer, frame lexicon, tone lexicon and tone model, shipped and user
  files).

Each table of a report is one Parquet file ``<key>.<table>.parquet``, written atomically
(:mod:`analysis.store.atomic`). Files are written with page checksums and carry their key in the
schema metadata; a file that does not read back (truncated, corrupt, foreign) is a miss, and the
report is annotated again and the file rewritten. Nothing is trusted that does not read back
whole. A whole corpus is kept besides, as a snapshot (:mod:`analysis.store.snapshot`).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.store.atomic import atomic_file, is_temporary
from analysis.store.fingerprint import ANNOTATOR, code_digest

__all__ = [
    "TABLES",
    "AnnotationCache",
    "CacheWarning",
    "annotator_salt",
    "default_cache_dir",
    "key_of",
    "report_key",
    "resolve_cache",
]

#: The annotation tables, in the order of :func:`analysis.annotate.report.annotate`'s result.
#: The tables annotation stores per report. The tokens table is not among them: it is built from
#: the entries when first read (:attr:`analysis.corpus.Corpus.tokens`), which costs less than
#: storing, shipping and reading it back (it is 20 times the rows of the sentences).
TABLES = ("sentences", "mentions", "frames")
#: Bump when the layout of the cache files changes.
FORMAT = "annotation-cache/3"  # 3: lean parts (ids dictionary-encoded, int32, no sentence text)
META_KEY = b"workbook.cache_key"


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


def annotator_salt(knowledge: Any) -> str:
    """Everything besides a report's entries that its annotation depends on, hashed: the
    annotator's code fingerprint and ``knowledge.digest("gazetteer", "frames", "tone",
    "tone_model")``."""
    parts = knowledge.digest("gazetteer", "frames", "tone", "tone_model")
    payload = f"{FORMAT}\n{code_digest(ANNOTATOR)}\n{parts}"
    return hashlib.sha256(payload.encode()).hexdigest()


def report_key(report_entries: pd.DataFrame, salt: str) -> str:
    """The cache key of one report: its ``report_id``, ``entry_id`` and ``text`` values and the
    annotator's ``salt``, hashed (SHA-256, hex)."""
    return key_of(*(report_entries[c].tolist() for c in ("report_id", "entry_id", "text")), salt)


def key_of(report_ids: list, entry_ids: list, texts: list, salt: str) -> str:
    """:func:`report_key` from the column values (JSON-encoded, so the hash is unambiguous)."""
    payload = json.dumps([salt, report_ids, entry_ids, texts], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


class CacheWarning(UserWarning):
    """The annotation cache could not be written; the corpus is built all the same."""


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # gone already
        return float("inf")


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
            if (table.schema.metadata or {}).get(META_KEY) != key.encode():
                return None
            tables[name] = table
        return tables

    def store(self, key: str, tables: Mapping[str, object]) -> bool:
        """Write the tables of one report, each file atomically; returns whether they were.

        Two processes may store the same report at once: each file is replaced whole, by one
        or the other's identical copy. A cache that cannot be written (read-only, full) costs
        only speed: nothing is stored, a :class:`CacheWarning` says why, and False is returned.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name in TABLES:
            table = tables[name]
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), META_KEY: key})
            try:
                with atomic_file(self.path(key, name)) as handle:
                    pq.write_table(table, handle, write_page_checksum=True)
            except (OSError, pa.ArrowException) as exc:
                why = getattr(exc, "strerror", None) or type(exc).__name__
                warnings.warn(f"{self.folder}: the annotation cache cannot be written ({why}); "
                              "annotating without it", CacheWarning, stacklevel=2)
                return False
        return True

    def keys(self) -> set[str]:
        """Keys with at least one file in the cache."""
        return {p.name.split(".", 1)[0] for p in self.folder.glob("*.parquet")}

    def prune(self, keep: Iterable[str], *, older_than: float = 0.0) -> int:
        """Delete the files of every key not in ``keep`` (and stray temporary files last written
        more than ``older_than`` seconds ago: give an hour when other processes may be writing);
        returns the number of files deleted."""
        keep = set(keep)
        removed = 0
        limit = time.time() - older_than
        temporary = [p for p in self.folder.glob(".*") if is_temporary(p) and _mtime(p) <= limit]
        for path in [*self.folder.glob("*.parquet"), *temporary]:
            if path.name.lstrip(".").split(".", 1)[0] not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
