"""config: the memory a process freed goes back to the system when asked."""

from __future__ import annotations

import os
import sys

import pytest

from analysis.config import release_memory


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap, /proc")
def test_freed_heap_memory_is_handed_back():
    # 64 KiB blocks are below glibc's mmap threshold: they live on the heap, and stay resident
    # when freed unless the heap is trimmed; the last block keeps the heap's top from shrinking
    blocks = [bytearray(64 * 1024) for _ in range(3000)]  # about 190 MiB, every page touched
    keep = bytearray(64 * 1024)
    del blocks
    before = _rss()
    release_memory()
    assert before - _rss() > 100 * 2**20
    assert len(keep) == 64 * 1024
