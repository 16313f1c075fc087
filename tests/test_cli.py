"""The workbook command: tables in three formats, problems on stderr, exit codes."""

import json
import shutil
import subprocess
import sys

import pytest

from analysis.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_entries_json_schema(capsys, samples_dir):
    code, out, err = run(capsys, "entries", "--reports", str(samples_dir), "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 26
    assert list(rows[0]) == ["report_id", "country", "period", "entry_id", "position", "kind", "section",
                             "outlet", "issue", "pub_date", "authors", "n_words", "text"]
    lomanov = next(r for r in rows if r["outlet"] == "Interfax")
    assert (lomanov["pub_date"], lomanov["authors"], lomanov["period"]) == ("2024-02-17", ["Aleksandr Lomanov"], "2024-03")
    meimo = next(r for r in rows if r["issue"] == "no. 1")
    assert meimo["pub_date"] is None and meimo["authors"] == ["Olga N. Borokh", "Alexandr V. Lomanov"]
    assert rows[0]["kind"] == "overview" and rows[0]["section"] is None


def test_reports_csv_and_table(capsys, samples_dir):
    code, out, _ = run(capsys, "reports", "--reports", str(samples_dir), "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "report_id,country,period,title,path,sha256"
    assert out.splitlines()[1].startswith("russia-2021-11,Russia,2021-11,Country Report: Russia (November 2021),")
    code, out, _ = run(capsys, "entries", "--reports", str(samples_dir))
    assert "Mezhdunarodnaya Gazeta" in out and "Kirill Barskii; Sergei Krasil’nikov; Sergei Mikhnevich" in out


def test_bad_file_goes_to_stderr_and_others_are_printed(capsys, tmp_path, samples_dir):
    for p in samples_dir.glob("*.txt"):
        shutil.copy(p, tmp_path)
    (tmp_path / "notes.txt").write_text("no title\n", encoding="utf-8")
    code, out, err = run(capsys, "entries", "--reports", str(tmp_path), "--format", "json")
    assert code == 1
    assert len(json.loads(out)) == 26
    assert "notes.txt" in err and "rename the file" in err


def test_unknown_command_is_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["nonsense"])
    assert info.value.code == 2


def test_console_script_is_installed(samples_dir):
    exe = shutil.which("workbook", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "the workbook console script is not installed in the environment"
    result = subprocess.run([exe, "reports", "--reports", str(samples_dir), "--format", "json"],
                            capture_output=True, text=True, check=True)
    assert [r["report_id"] for r in json.loads(result.stdout)] == ["russia-2021-11", "russia-2024-03"]
