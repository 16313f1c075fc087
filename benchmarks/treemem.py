"""Peak memory of a whole process tree, sampled from outside, and the benchmark's child runner.

``ru_maxrss`` sees one process (or the largest reaped child) only; a process pool or a Dask
cluster spreads the work over several. :class:`TreeSampler` sums the resident set size of a
process and all its descendants every ``interval`` seconds, in a thread of the *parent*
(so that the measured process's own GIL never delays a sample), and keeps the maximum over
the samples. Summing RSS counts pages shared by forked workers once per process, so it is
an upper bound of the physical memory the tree holds, the figure a user's task manager shows;
every ``pss_every``-th sample also sums the proportional set size (``Pss`` of
``/proc/<pid>/smaps_rollup``: shared pages split between their processes), the tree's actual
share of physical memory (sampled less often since the kernel walks the page tables for it).

:func:`run_child` runs one measurement in a fresh process with such a sampler, and stops
sampling when the child says its measured section is over (:func:`measured`, a handshake over
stdout and stdin), so that what the child does afterwards (dumping texts, digests) is not
counted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

__all__ = ["MARKER", "TreeSampler", "measured", "run_child", "tree_rss"]

MARKER = "@@bench-measured@@"
HANDSHAKE = "BENCH_HANDSHAKE"

try:
    import psutil
except ImportError:  # pragma: no cover - psutil is in the bench environment
    psutil = None


def _proc_tree_rss(pid: int) -> tuple[int, int]:
    """(sum of VmRSS in bytes, number of processes) of ``pid`` and its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry.name))
    total, count, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        rss = proc_bytes(p, "VmRSS:")
        if rss is None:  # gone
            continue
        total, count = total + rss, count + (rss > 0)
        todo.extend(parents.get(p, ()))
    return total, count


def proc_bytes(pid: int | str, key: str, name: str = "status") -> int | None:
    """The ``key`` line of ``/proc/<pid>/<name>`` in bytes (``"VmRSS:"`` of ``status``,
    ``"Pss:"`` of ``smaps_rollup``); 0 when it has no such line (a zombie), None when the
    process is gone."""
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return 0


def _pss(pid: int) -> int:
    return proc_bytes(pid, "Pss:", "smaps_rollup") or 0


def tree_rss(pid: int, pss: bool = False) -> tuple[int, int, int]:
    """(sum of RSS in bytes, number of processes, sum of PSS in bytes or 0 unless ``pss``) of
    ``pid`` and all its descendants, now."""
    if psutil is None:
        total, count = _proc_tree_rss(pid)
        return total, count, _pss(pid) if pss else 0  # the main process's alone
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0, 0
    total = count = shared = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
            count += 1
        except psutil.Error:  # ended between the listing and the read
            continue
        if pss:
            shared += _pss(proc.pid)
    return total, count, shared


class TreeSampler:
    """Samples ``tree_rss(pid)`` every ``interval`` seconds until :meth:`stop`; ``peak`` is the
    largest RSS sum seen, ``peak_pss`` the largest PSS sum (every ``pss_every``-th sample),
    ``procs`` the most processes seen at once, ``samples`` how many."""

    def __init__(self, pid: int, interval: float = 0.05, pss_every: int = 4) -> None:
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.peak = self.peak_pss = self.procs = self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def _sample(self, pss: bool = False) -> None:
        total, count, shared = tree_rss(self.pid, pss or self.samples % self.pss_every == 0)
        self.peak, self.procs = max(self.peak, total), max(self.procs, count)
        self.peak_pss = max(self.peak_pss, shared)
        self.samples += 1

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def stop(self) -> None:
        if not self._stop.is_set():
            self._stop.set()
            self._thread.join()
            self._sample(pss=True)  # the state at the end of the measured section


def measured() -> None:
    """In a child: the measured section is over; wait until the parent has stopped sampling."""
    if os.environ.get(HANDSHAKE):
        print(MARKER, flush=True)
        sys.stdin.readline()


def run_child(script: Path, *args: str, env: dict | None = None,
              interval: float = 0.05) -> dict:
    """Run ``script --child *args`` in a fresh process, sampling its process tree's memory.

    Returns the JSON object of the child's last stdout line, with ``tree_peak`` (bytes),
    ``tree_pss`` (bytes), ``tree_procs`` and ``tree_samples`` added. Raises SystemExit when the child fails.
    """
    cmd = [sys.executable, str(script), "--child", *args]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {}), HANDSHAKE: "1"})
    sampler = TreeSampler(proc.pid, interval).start()
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True)
    reader.start()
    lines = []
    for line in proc.stdout:
        if line.strip() == MARKER:
            sampler.stop()
            proc.stdin.write("\n")
            proc.stdin.flush()
        else:
            lines.append(line)
    proc.wait()
    reader.join()
    sampler.stop()
    if proc.returncode or not lines:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {proc.returncode}):\n"
                         f"{''.join(errors)[-3000:]}")
    result = json.loads(lines[-1])
    result.update(tree_peak=sampler.peak, tree_pss=sampler.peak_pss, tree_procs=sampler.procs,
                  tree_samples=sampler.samples)
    return result
