"""Interrupted batches (issue 6): killing `workbook run` at random moments never leaves a
truncated output, and the next run completes by itself."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORKBOOK = str(Path(sys.executable).with_name("workbook"))


def complete(path: Path) -> bool:
    """Whether an output file is whole: parsable JSON notebooks/manifests, closed HTML/SVG, PNG IEND."""
    data = path.read_bytes()
    if path.suffix in (".ipynb", ".json"):
        try:
            json.loads(data)
        except ValueError:
            return False
        return True
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    if path.suffix == ".svg":
        return data.rstrip().endswith(b"</svg>")
    if path.suffix == ".png":
        return data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82")
    return True


def outputs(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]


def start(out: Path) -> subprocess.Popen:
    cmd = [WORKBOOK, "run", "--force", "--only", "01_corpus_overview",
           "--out", str(out / "build"), "--figures", str(out / "figures")]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT])
def test_killed_runs_leave_no_truncated_output(tmp_path, sig):
    rng = random.Random(int(sig))
    for _ in range(3):
        proc = start(tmp_path)
        time.sleep(rng.uniform(0.5, 7.0))
        if proc.poll() is None:
            os.killpg(proc.pid, sig)  # the runner and its kernel, as Ctrl-C or a kill would
        proc.wait(timeout=60)
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # nothing of the group may linger
        except ProcessLookupError:
            pass
        broken = [p for p in outputs(tmp_path) if not complete(p)]
        assert broken == [], f"truncated after {sig.name}: {broken}"
    final = subprocess.run([WORKBOOK, "run", "--only", "01_corpus_overview", "--out", str(tmp_path / "build"),
                            "--figures", str(tmp_path / "figures")], capture_output=True, text=True, timeout=300,
                           check=False)
    assert final.returncode == 0, final.stdout + final.stderr
    html = tmp_path / "build" / "html" / "01_corpus_overview.html"
    assert complete(html) and "Kommersant" in html.read_text(encoding="utf-8")
    assert all(complete(p) for p in outputs(tmp_path))
    leftovers = [p for p in (tmp_path / "build").rglob(".*tmp*")]
    assert leftovers == []
