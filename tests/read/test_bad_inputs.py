"""Bad inputs (issue 6): each is read with a warning or skipped with an error naming the file,
and the good reports are always read. The decisions are documented in the README."""

import json
import os
import shutil

import pytest

from analysis.cli.main import main
from analysis.corpus import CorpusError, load_corpus
from analysis.read.reports import ReportError, read_report

TITLE = "Country Report: Japan (May 2022)\n\n"
ENTRY = "In Kommersant on May 6, Nataliya Portyakova noted that “Japan’s” course – changed.\n"

# name -> (bytes, expected severity or None when the file is not a report at all, words in the message)
BAD = {
    "empty.txt": (b"", "error", "empty"),
    "blank.txt": (b"  \n\t\r\n  ", "error", "whitespace"),
    "binary.txt": (bytes(range(256)) * 8, "error", "binary"),
    "cp1252-japan-2022-05.txt": ((TITLE + ENTRY).encode("cp1252"), "warning", "Windows-1252"),
    "latin1-korea.txt": ("Country Report: Korea (June 2022)\n\nIn Zavtra on June 2, Ivan Petrov wrote: café \x81.\n"
                         .encode("latin-1"), "warning", "Latin-1"),
    "notes.txt": (ENTRY.encode(), "error", "rename the file"),
    "smarch.txt": (b"Country Report: Russia (Smarch 2024)\n\n" + ENTRY.encode(), "error", "Smarch"),
    "copy of march.txt": (None, "error", "same country and period"),
    "page.txt": (b"<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>Country Report</p></body></html>",
                 "error", "a web page that is not a country report"),
    "no-entries-2023-01.txt": (b"Country Report: India (January 2023)\n\nJust an essay. Nothing attributed.\n",
                               "warning", "no paragraph opens with an attribution"),
    "unreadable.txt": ("symlink", "error", "cannot be read"),
    "scan.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "error", "those are the types read"),
    "page-2022-05.html": ((b"<html><head><title>Log in</title></head><body><form><p>Name</p>"
                           b"</form></body></html>"), "error", "web page"),
    "utf16-korea.txt": (("Country Report: Korea (July 2022)\n\n" + ENTRY).encode("utf-16"), None,
                        ""),
}
STRAY = {".DS_Store": b"\x00\x01", "README.md": b"# notes", "russia-2024-03.txt~": b"backup",
         ".#russia.txt": b"lock", "#russia.txt#": b"autosave"}


@pytest.fixture
def messy(tmp_path, samples_dir):
    for p in samples_dir.glob("*.txt"):
        shutil.copy(p, tmp_path)
    for name, (data, _, _) in BAD.items():
        if data is None:
            shutil.copy(samples_dir / "russia-2024-03.txt", tmp_path / name)
        elif data == "symlink":
            os.symlink(tmp_path / "does-not-exist", tmp_path / name)
        else:
            (tmp_path / name).write_bytes(data)
    for name, data in STRAY.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_samples_survive_every_bad_input(messy, capsys):
    code = main(["entries", "--reports", str(messy), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1  # a report was skipped
    rows = json.loads(out)
    samples = [r for r in rows if r["report_id"].startswith("russia") and r["kind"] == "entry"]
    assert len(samples) == 24
    for name, (_, severity, words) in BAD.items():
        line = next((x for x in err.splitlines() if name in x), "")
        if severity is None:  # read as usual, without a word
            assert line == "", (name, line)
            continue
        assert f"{severity}:" in line and words in line, (name, err)
    for name in STRAY:
        assert name not in err


def test_windows_1252_is_read_with_its_characters(tmp_path):
    path = tmp_path / "japan-2022-05.txt"
    path.write_bytes((TITLE + ENTRY).encode("cp1252"))
    report = read_report(path)
    assert any("“Japan’s” course – changed" in text for _, text in report.lines)
    assert report.warnings[0].line == 3


def test_strict_turns_warnings_into_errors(tmp_path, samples_dir, capsys):
    shutil.copy(samples_dir / "russia-2024-03.txt", tmp_path)
    (tmp_path / "japan-2022-05.txt").write_bytes((TITLE + ENTRY).encode("cp1252"))
    with pytest.warns(UserWarning, match="Windows-1252"):
        assert len(load_corpus(tmp_path, annotate=False).reports) == 2
    with pytest.raises(CorpusError, match="japan-2022-05.txt:3"):
        load_corpus(tmp_path, annotate=False, strict=True)
    assert main(["reports", "--reports", str(tmp_path), "--strict"]) == 1
    assert "Windows-1252" in capsys.readouterr().err


def test_very_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge-2024-01.txt"
    with path.open("wb") as fh:  # 50 MB of plausible text
        fh.write(b"Country Report: Russia (January 2024)\n\n")
        block = (ENTRY * 1000).encode()
        for _ in range(50_000_000 // len(block) + 1):
            fh.write(block)
    with pytest.raises(ReportError, match="larger than the 20 MB limit"):
        read_report(path)
    assert read_report(path, max_bytes=60_000_000).report_id == "russia-2024-01"


def test_empty_folder_and_folder_of_strays(tmp_path, capsys):
    for name, data in STRAY.items():
        (tmp_path / name).write_bytes(data)
    assert main(["reports", "--reports", str(tmp_path)]) == 1
    assert "no readable report" in capsys.readouterr().err


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fault_of_ours_on_one_report_costs_no_other(tmp_path, monkeypatch, jobs):
    """An unexpected error while one report's paragraphs become entries (a bug of the reader,
    met on a file unlike any seen) is a warning naming that file; the report is kept without
    entries and every other report is read, in this process and in the workers."""
    import calendar

    from analysis.read import entries as entries_module
    from analysis.read.entries import MIN_REPORTS_PER_JOB

    for k in range(2 * MIN_REPORTS_PER_JOB):
        title = f"Country Report: Russia ({calendar.month_name[k % 12 + 1]} {2000 + k // 12})"
        (tmp_path / f"r{k:03d}.txt").write_text(
            f"{title}\n\nIn Kommersant on May 6, Ivan Petrov wrote that Japan agrees.\n",
            encoding="utf-8")
    rows = entries_module._rows

    def faulty(report, knowledge):
        if report.path.endswith("r005.txt"):
            raise TypeError("'<' not supported between instances of 'NoneType' and 'str'")
        return rows(report, knowledge)

    monkeypatch.setattr(entries_module, "_rows", faulty)
    corpus = load_corpus(tmp_path, jobs=jobs, cache=False, progress=False)
    assert len(corpus.reports) == 2 * MIN_REPORTS_PER_JOB
    assert corpus.entries["report_id"].nunique() == 2 * MIN_REPORTS_PER_JOB - 1
    said = corpus.problems[corpus.problems["path"].str.endswith("r005.txt")]
    assert set(said["severity"]) == {"warning"}
    assert any("TypeError" in m and "kept without entries" in m for m in said["message"])
