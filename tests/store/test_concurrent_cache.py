"""Two processes writing the same reports into one cache at once (issue 13): every file is
replaced whole, so both finish, and what is left reads back as the corpus built without a cache.
A cache that cannot be written costs only speed."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import warnings

import pytest

from analysis.corpus import load_corpus
from analysis.store.annotations import AnnotationCache, CacheWarning

#: Load the corpus through the cache, then write every report's files again and again while
#: reading them back: the other process does the same at the same time.
LOAD = """
import sys, warnings
warnings.simplefilter("ignore")
from analysis.corpus import load_corpus
from analysis.store.annotations import AnnotationCache
corpus = load_corpus(sys.argv[1], cache=sys.argv[2], jobs=1)
store = AnnotationCache(sys.argv[2])
keys = sorted(store.keys())
tables = {key: store.load(key) for key in keys}
for _ in range(int(sys.argv[3])):
    for key in keys:
        assert store.store(key, tables[key])
        back = store.load(key)
        assert back is not None and all(back[t].equals(tables[key][t]) for t in back)
print(len(corpus.tokens))
"""
TABLES = ("entries", "sentences", "tokens", "mentions", "frames")


def quiet_load(*args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(*args, **kw)


def test_two_processes_fill_one_cache_and_it_reads_back_whole(tmp_path, samples_dir):
    cache = tmp_path / "cache"
    procs = [subprocess.Popen([sys.executable, "-c", LOAD, str(samples_dir), str(cache), "40"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert results[0][1] == results[1][1]  # the same number of tokens
    store = AnnotationCache(cache)
    keys = store.keys()
    assert len(keys) == 2 and all(store.load(key) is not None for key in keys)
    assert not [p for p in cache.rglob(".*") if p.is_file()]  # no temporary file left
    cached = quiet_load(samples_dir, cache=cache, jobs=1)
    fresh = quiet_load(samples_dir, cache=False, jobs=1)
    for name in TABLES:
        assert getattr(cached, name).equals(getattr(fresh, name)), name


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path, samples_dir, monkeypatch):
    cache = tmp_path / "cache"
    real = os.open

    def full(path, flags, *args, **kw):
        if str(path).startswith(str(cache)) and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", full)
    with pytest.warns(CacheWarning, match="cannot be written .No space left on device"):
        corpus = load_corpus(samples_dir, cache=cache, jobs=1)
    monkeypatch.undo()
    fresh = quiet_load(samples_dir, cache=False, jobs=1)
    for name in TABLES:
        assert getattr(corpus, name).equals(getattr(fresh, name)), name
    assert not list(cache.rglob("*.parquet"))
