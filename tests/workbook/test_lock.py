"""Concurrent and interrupted batches, output folders that cannot be written (issue 13).

One batch at a time writes to a build folder: the second waits up to ``--wait`` seconds, then
exits 1 naming the holder (pid, host, start time). A killed holder leaves no stale lock. Two
``workbook run`` started together corrupt nothing. A read-only or full output folder stops the
batch before any run, with one line naming the folder.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.workbook.batch import run
from analysis.workbook.manifest import LOCK_NAME, BuildLocked, build_lock
from tests.workbook.test_batch import write_notebook
from tests.workbook.test_interrupts import complete, outputs

WORKBOOK = str(Path(sys.executable).with_name("workbook"))
HOLD = ("import sys, time\nfrom pathlib import Path\n"
        "from analysis.workbook.manifest import build_lock\n"
        "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n"
        "    time.sleep(float(sys.argv[2]))\n")


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A plan of one quick notebook, and where its outputs go."""
    monkeypatch.chdir(tmp_path)
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    write_notebook(nbs / "01_quick.ipynb", "print(label)", parameters='label = "x"')
    (nbs / "plan.toml").write_text('[plan]\nnotebooks = "[0-9][0-9]_*.ipynb"\n', encoding="utf-8")
    return {"plan": nbs / "plan.toml", "out": tmp_path / "build", "figures": tmp_path / "figures"}


def hold(build: Path, seconds: float) -> subprocess.Popen:
    """A process that holds the lock of ``build`` for ``seconds``, once it has said so."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(build), str(seconds)],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_held_build_folder_names_its_holder_and_exits_1(tiny, capsys):
    holder = hold(tiny["out"], 60)
    try:
        with pytest.raises(BuildLocked, match=rf"pid {holder.pid} on .*started 20\d\d-"):
            run(tiny["plan"], out=tiny["out"], figures=tiny["figures"], progress=False)
        started = time.monotonic()
        code = main(["run", "--plan", str(tiny["plan"]), "--out", str(tiny["out"]),
                     "--figures", str(tiny["figures"]), "--wait", "1"])
        assert 1 <= time.monotonic() - started < 30  # waited, then gave up
        err = capsys.readouterr().err
        assert code == 1 and len(err.splitlines()) == 1, err
        assert f"pid {holder.pid}" in err and "another workbook run" in err and "--wait" in err
        assert not (tiny["out"] / "notebooks").exists()  # nothing was run or cleaned
    finally:
        holder.kill()
        holder.wait()


def test_the_second_waits_for_the_first_when_asked(tiny):
    holder = hold(tiny["out"], 2)
    try:
        results = run(tiny["plan"], out=tiny["out"], figures=tiny["figures"], progress=False,
                      wait=120)
        assert [r.status for r in results] == ["ok"]
    finally:
        holder.wait()


def test_a_killed_holder_leaves_no_stale_lock(tiny):
    holder = hold(tiny["out"], 600)
    os.killpg(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (tiny["out"] / LOCK_NAME).exists()
    with build_lock(tiny["out"]) as path:
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert path.read_text() == ""  # released: no holder recorded


def test_two_runs_at_once_corrupt_nothing(tiny):
    cmd = [WORKBOOK, "run", "--force", "--plan", str(tiny["plan"]), "--out", str(tiny["out"]),
           "--figures", str(tiny["figures"])]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=300), *p.communicate()) for p in (first, second)]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 1]), results  # both ran one after the other, or one said who
    for code, out, err in results:
        assert "Traceback" not in err
        if code == 1:
            assert len(err.splitlines()) == 1 and "another workbook run" in err
    assert [p for p in outputs(tiny["out"]) if not complete(p)] == []
    waited = subprocess.run([*cmd, "--wait", "300"], capture_output=True, text=True, check=False)
    assert waited.returncode == 0 and "01_quick" in waited.stdout


def _refuse(err: int, folder: Path):
    """A stand-in for the file system: every file made in ``folder`` fails with ``err``."""
    real = os.open

    def fake(path, flags, *args, **kw):
        if Path(path).resolve().parent == folder.resolve() and flags & os.O_CREAT:
            raise OSError(err, os.strerror(err), str(path))
        return real(path, flags, *args, **kw)
    return fake


@pytest.mark.parametrize(("err", "words"), [(errno.ENOSPC, "the disk is full"),
                                            (errno.EROFS, "read-only"),
                                            (errno.EACCES, "may not write there")])
def test_an_output_folder_that_cannot_be_written_is_one_line_and_exit_1(
        tiny, capsys, monkeypatch, err, words):
    tiny["out"].mkdir()
    monkeypatch.setattr(os, "open", _refuse(err, tiny["out"]))
    code = main(["run", "--plan", str(tiny["plan"]), "--out", str(tiny["out"]),
                 "--figures", str(tiny["figures"])])
    stderr = capsys.readouterr().err
    assert code == 1 and len(stderr.splitlines()) == 1, stderr
    assert f"{tiny['out']}: {os.strerror(err)}" in stderr and words in stderr
    assert "Traceback" not in stderr and not (tiny["out"] / "notebooks").exists()


def test_a_real_full_disk(tiny, capsys, tmp_path):
    """A tmpfs of 64 kB, filled up (needs root to mount; the machines of CI are so)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                             capture_output=True, check=False)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        with (disk / "filler").open("wb") as fh:
            try:
                fh.write(b"x" * 1_000_000)
            except OSError:
                pass
        code = main(["run", "--plan", str(tiny["plan"]), "--out", str(disk / "build"),
                     "--figures", str(tiny["figures"])])
        err = capsys.readouterr().err
        assert code == 1 and len(err.splitlines()) == 1, err
        assert str(disk / "build") in err and "the disk is full" in err
    finally:
        subprocess.run(["umount", str(disk)], check=False)
