"""Corpus snapshots: every table of a whole corpus, reused while no input changed.

:func:`analysis.corpus.load_corpus` wraps the pipeline in a snapshot: the seven tables it builds
(:data:`SNAPSHOT_TABLES`: reports, problems, entries, paragraphs and the three annotation
tables, as the corpus keeps them: ids dictionary-encoded, no sentence or paragraph text; the
tokens table is built from the entries when first read), one Parquet file each under
``snapshots/<slot>/<key>.<table>.parquet`` in the annotation cache's
folder, written atomically with page checksums and their key. The key hashes every report file's
path and content (:func:`file_digests`), the code fingerprint of the whole package, and the
digest of the knowledge. When it matches, reloading an unchanged corpus reads and hashes the
files and then reads seven files, with no segmenting and no per-report look-ups. When it does
not (a report changed or was added, or a file is damaged), the corpus is built the long way,
where the per-report files still spare every unchanged report its annotation, and a new
snapshot replaces the old one of the same folder and knowledge (its *slot*).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.store.annotations import TABLES, AnnotationCache
from analysis.store.atomic import atomic_file
from analysis.store.fingerprint import code_digest

__all__ = ["SNAPSHOT_TABLES", "CorpusSnapshot", "file_digests", "frame_of"]

#: The tables of a corpus snapshot: everything :func:`analysis.corpus.load_corpus` builds.
SNAPSHOT_TABLES = ("reports", "problems", "entries", "paragraphs", *TABLES)
#: Bump when the layout of the snapshot files changes.
SNAPSHOT_FORMAT = "corpus-snapshot/5"  # 4: no tokens table; 5: tables as kept (ids, offsets)
#: Size (bytes, uncompressed) from which a snapshot table is decoded on Arrow's threads.
THREADED_BYTES = 4_000_000
_META_KEY = b"workbook.cache_key"
_META_TABLE = b"workbook.table"


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


def frame_of(table: Any) -> pd.DataFrame:
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


class CorpusSnapshot:
    """The snapshot of one folder of reports read with one knowledge value.

    Build it with :meth:`find`; :meth:`load` gives the tables when the snapshot matches the
    files, :meth:`store` writes them after a load the long way.
    """

    def __init__(self, cache: AnnotationCache, folder: str | os.PathLike,
                 files: list[tuple[str, str]], knowledge: Any, *, max_bytes: int) -> None:
        self.files, self.max_bytes = files, max_bytes
        slot = json.dumps([os.path.abspath(folder), knowledge.files], sort_keys=True)
        self.slot = hashlib.sha256(slot.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        key = json.dumps([SNAPSHOT_FORMAT, code_digest(), knowledge.digest(), files],
                         ensure_ascii=False)
        self.key = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        self.folder = cache.folder / "snapshots" / self.slot

    @classmethod
    def find(cls, cache: AnnotationCache | None, folder: str | os.PathLike, paths: list[Path],
             knowledge: Any, *, max_bytes: int) -> CorpusSnapshot | None:
        """The snapshot for the report files ``paths`` of ``folder``; None without a cache or
        when a file cannot be read (the corpus is then built without one)."""
        files = file_digests(paths, max_bytes=max_bytes) if cache is not None else None
        return None if files is None else cls(cache, folder, files, knowledge, max_bytes=max_bytes)

    def path(self, table: str) -> Path:
        """The file of one table of this snapshot."""
        return self.folder / f"{self.key}.{table}.parquet"

    def load(self) -> dict[str, Any] | None:
        """The tables (``pyarrow.Table``, :data:`SNAPSHOT_TABLES`); None when any is missing or
        does not read back whole (checksums, key)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables: dict[str, Any] = {}
        for name in SNAPSHOT_TABLES:
            try:  # ParquetFile, not read_table: no pyarrow.dataset to import, no globbing
                file = pq.ParquetFile(self.path(name), page_checksum_verification=True)
                # Arrow's thread pool pays for itself on large tables only: on the small ones
                # of a few reports, starting it is most of a reload's time
                size = sum(file.metadata.row_group(i).total_byte_size
                           for i in range(file.metadata.num_row_groups))
                table = file.read(use_threads=size >= THREADED_BYTES)
            except (OSError, ValueError, TypeError, KeyError, pa.ArrowException):
                return None
            meta = table.schema.metadata or {}
            if meta.get(_META_KEY) != self.key.encode() or meta.get(_META_TABLE) != name.encode():
                return None
            tables[name] = table.replace_schema_metadata(
                {k: v for k, v in meta.items() if k not in (_META_KEY, _META_TABLE)})
        return tables

    def store(self, corpus: Any) -> bool:
        """Write the snapshot of ``corpus`` (built from these files), then delete the older
        snapshots of the slot. Nothing is written when a file changed since it was hashed, or
        when the cache cannot be written (that only costs the next load its speed). Returns
        whether it was written."""
        read = {path: f"sha256:{sha}" for path, sha in zip(corpus.reports["path"],
                                                          corpus.reports["sha256"], strict=True)}
        hashed = dict(self.files)
        rest = [(p, d) for p, d in self.files if p not in read]  # files that gave no report
        if any(hashed.get(p) != d for p, d in read.items()) or rest != file_digests(
                [Path(p) for p, _ in rest], max_bytes=self.max_bytes):
            return False
        try:
            self._write(_tables(corpus))
        except OSError:
            return False
        return True

    def _write(self, tables: dict[str, Any]) -> None:
        import pyarrow.parquet as pq

        for name in SNAPSHOT_TABLES:
            table = tables[name]
            table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                                   _META_KEY: self.key, _META_TABLE: name})
            # dictionary-encoded, uncompressed: the fastest to read back (tokens: 2x snappy)
            with atomic_file(self.path(name)) as handle:
                pq.write_table(table, handle, compression="none", write_page_checksum=True)
        for path in self.folder.iterdir():  # older snapshots; temporary files of a crash
            if path.name.startswith(self.key + "."):
                continue
            try:
                if path.suffix == ".parquet" or path.stat().st_mtime < time.time() - 3600:
                    path.unlink()
            except OSError:  # gone already, or being written by another process
                pass


def _tables(corpus: Any) -> dict[str, Any]:
    """The tables of a snapshot (``pyarrow.Table``) of a Corpus."""
    import pyarrow as pa

    p = corpus.problems
    lines = [None if pd.isna(v) else int(v) for v in p["line"]]
    tables = {"problems": pa.table({
        "path": pa.array(p["path"].tolist(), pa.string()),
        "line": pa.array(lines, pa.int64()),
        "severity": pa.array(p["severity"].tolist(), pa.string()),
        "message": pa.array(p["message"].tolist(), pa.string()),
    })}
    for name in SNAPSHOT_TABLES:  # as the corpus keeps them: no sentence or paragraph text
        if name != "problems":
            table = corpus.kept(name) if hasattr(corpus, "kept") else getattr(corpus, name)
            tables[name] = pa.Table.from_pandas(table, preserve_index=False)
    return tables
