"""The benchmark's own instruments: the process-tree memory sampler, the table digest that
compares the Dask run with the local one, and the crossover model (benchmarks/treemem.py,
benchmarks/dask_run.py)."""

import math
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from dask_run import crossover, digest_tables, residual
from treemem import TreeSampler, tree_rss

MIB = 2**20

# A parent that forks a child; each holds 60 MiB of touched memory for a second.
TREE = """
import os, time
block = bytearray(os.urandom(60 * 2**20))
pid = os.fork()
time.sleep(1.0)
if pid:
    os.waitpid(pid, 0)
"""


def test_sampler_sums_the_whole_process_tree():
    proc = subprocess.Popen([sys.executable, "-c", TREE])
    sampler = TreeSampler(proc.pid, interval=0.02, pss_every=2).start()
    time.sleep(0.6)
    rss, count, pss = tree_rss(proc.pid, pss=True)
    proc.wait()
    sampler.stop()
    assert count == 2 and rss >= 120 * MIB
    assert sampler.procs == 2 and sampler.peak >= 120 * MIB
    # The forked child shares its parent's pages until it writes them: PSS counts them once.
    assert 60 * MIB <= pss < rss and 60 * MIB <= sampler.peak_pss <= sampler.peak


class _Corpus:
    def __init__(self, **tables):
        for name, table in tables.items():
            setattr(self, name, table)


def test_digest_sees_values_order_and_dtypes():
    frame = pd.DataFrame({"report_id": ["a", "a", "b"], "start": [0, 5, 9],
                          "authors": [["x"], [], ["y", "z"]]})
    same = _Corpus(t=frame.copy())
    assert digest_tables(_Corpus(t=frame), ["t"]) == digest_tables(same, ["t"])
    for other in (frame.astype({"start": "int32"}), frame.iloc[::-1].reset_index(drop=True),
                  frame.assign(start=[0, 5, 10]), frame.assign(authors=[["x"], [], ["y"]])):
        assert digest_tables(_Corpus(t=other), ["t"]) != digest_tables(same, ["t"])


def test_crossover_model():
    # 1,000 reports: 30 ms compute, 1 ms reading, 2 ms shipping each; a 0.5 s cluster start.
    n, c, r, s, fixed = 1000, 0.030, 0.001, 0.002, 0.5
    dask = n * r + n * c / 2 + n * s  # on 2 workers
    assert residual(dask, n * c, n * r) / n == pytest.approx(s)
    local = 17.0
    model = crossover(n, local, n * c, n * r, s, fixed)
    assert model["c"] == pytest.approx(c) and model["r"] == pytest.approx(r)
    w = model["w_star"]  # T(W*) equals the local run
    assert n * r + n * c / w + n * s + fixed == pytest.approx(local)
    assert model["best_speedup"] == pytest.approx(local / (n * r + n * s + fixed))
    assert crossover(n, local, n * c, n * r, s)["w_star"] < w  # a running cluster: no start
    assert math.isinf(crossover(n, 2.0, n * c, n * r, s, fixed)["w_star"])  # shipping > local
