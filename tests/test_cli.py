"""The workbook command: tables in three formats, problems on stderr, exit codes."""

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from analysis.cli.main import main


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
                             "outlet", "outlet_as_written", "issue", "pub_date", "authors", "genre",
                             "n_words", "text"]
    lomanov = next(r for r in rows if r["outlet"] == "Interfax")
    assert (lomanov["pub_date"], lomanov["authors"], lomanov["period"]) == ("2024-02-17", ["Aleksandr Lomanov"], "2024-03")
    meimo = next(r for r in rows if r["issue"] == "no. 1")
    assert meimo["pub_date"] is None and meimo["authors"] == ["Olga N. Borokh", "Alexandr V. Lomanov"]
    assert rows[0]["kind"] == "overview" and rows[0]["section"] is None


def test_reports_csv_and_table(capsys, samples_dir):
    code, out, _ = run(capsys, "reports", "--reports", str(samples_dir), "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "report_id,country,period,title,path,sha256,layout"
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
    assert main(["nonsense"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'nonsense'" in err and "'kwic'" in err


def test_help_exits_0(capsys):
    assert main(["kwic", "--help"]) == 0
    assert "--regex" in capsys.readouterr().out


def test_console_script_is_installed(samples_dir):
    exe = shutil.which("workbook", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "the workbook console script is not installed in the environment"
    result = subprocess.run([exe, "reports", "--reports", str(samples_dir), "--format", "json"],
                            capture_output=True, text=True, check=True)
    assert [r["report_id"] for r in json.loads(result.stdout)] == ["russia-2021-11", "russia-2024-03"]


def test_tag_reads_stdin_lines(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Let us see: the US and North Korean troops\nIndiana, Japan’s moon\n"))
    assert main(["tag"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["line"] == 1 and first["actors"] == ["United States", "North Korea"]
    assert [m["alias"] for m in first["mentions"]] == ["US", "North Korean"]
    assert first["mentions"][0]["start"] == 16
    assert {k: second[k] for k in ("line", "actors", "mentions")} == {
        "line": 2, "actors": ["Japan"],
        "mentions": [{"actor": "Japan", "alias": "Japan", "start": 9, "end": 14}]}
    assert set(first["tone"]) == set(first["tone_label"]) == set(first["tone_probabilities"]) \
        == {"United States", "North Korea"}
    for record in (first, second):
        for actor, score in record["tone"].items():
            p = record["tone_probabilities"][actor]
            assert set(p) == {"negative", "neutral", "positive"}
            assert abs(sum(p.values()) - 1) < 1e-3
            assert abs(score - (p["positive"] - p["negative"])) < 1e-3
            assert record["tone_label"][actor] in (-1, 0, 1)
            assert record["tone_label"][actor] == [-1, 0, 1][
                [p["negative"], p["neutral"], p["positive"]].index(max(p.values()))]


def test_tag_prints_the_tone_aimed_at_each_actor(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(
        "The United States aims to harm Russia, China and its own allies.\n"
        "Washington threatens Seoul, while Beijing offers friendly talks.\n"))
    assert main(["tag"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["tone"]["United States"] < -0.05
    assert first["tone"]["Russia"] == 0.0 and first["tone"]["China"] == 0.0
    assert second["tone"]["United States"] < -0.05 < 0.05 < second["tone"]["China"]


def test_actors_lists_the_gazetteer(capsys):
    assert main(["actors", "--format", "json"]) == 0
    actors = {row["actor"]: row["aliases"] for row in json.loads(capsys.readouterr().out)}
    assert {"China", "North Korea", "Japan", "United States", "BRICS"} <= set(actors)
    assert "Pyongyang" in actors["North Korea"] and "Kim Jong-un" in actors["North Korea"]


def test_sentences_have_tone_and_actors(capsys, samples_dir):
    assert main(["sentences", "--reports", str(samples_dir), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    first = next(r for r in rows if r["entry_id"] == "russia-2024-03-e07" and r["sentence_idx"] == 0)
    assert first["actors"] == ["Japan", "North Korea"]  # Tokyo, Kishida Fumio, Kim Jong-un
    assert isinstance(first["tone"], float) and isinstance(first["tone_masked"], float)


def test_compare_summary_names_numbers_and_entries(capsys, samples_dir):
    code = main(["compare", "--reports", str(samples_dir), "--baseline", "russia-2021-11",
                 "--target", "russia-2024-03", "--actor", "China", "--actor", "North Korea", "--actor", "Japan"])
    out = capsys.readouterr().out
    assert code == 0
    assert "China\n  attention: 11/12 entries (92%" in out and "-> 7/12 (58%" in out
    assert "North Korea\n  attention: 4/12 entries" in out and "Japan\n  attention: 3/12 entries" in out
    assert "permutation p = " in out
    assert "russia-2024-03-e01 (Interfax 2024-02-17; Aleksandr Lomanov)" in out


def test_compare_json_and_keyness_csv(capsys, samples_dir):
    assert main(["compare", "--reports", str(samples_dir), "--baseline", "2021", "--target", "2024-03",
                 "--actor", "Japan", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["actor"] == "Japan" and row["entries_baseline"] == 3 and row["entries_target"] == 3
    assert main(["keyness", "--reports", str(samples_dir), "--target", "russia-2024-03", "--top", "3",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"term", "n_target", "n_baseline", "log_odds", "z", "g2"} <= set(rows[0])
    assert rows and int(rows[0]["n_target"]) > int(rows[0]["n_baseline"]) and float(rows[0]["z"]) > 0


def test_unknown_actor_or_report_lists_valid_values(capsys, samples_dir):
    assert main(["attention", "--reports", str(samples_dir), "--actor", "Atlantis"]) == 2
    err = capsys.readouterr().err
    assert "unknown actor 'Atlantis'" in err and "North Korea" in err
    assert main(["compare", "--reports", str(samples_dir), "--baseline", "russia-1999-01", "--target", "2024"]) == 2
    err = capsys.readouterr().err
    assert "russia-1999-01" in err and "russia-2021-11" in err


def test_kwic_and_sources(capsys, samples_dir):
    assert main(["kwic", "Kishida", "--reports", str(samples_dir), "--window", "3", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["report_id"] for r in rows} == {"russia-2021-11", "russia-2024-03"}
    assert all(r["match"] == "Kishida" for r in rows)
    assert main(["sources", "recurring", "--reports", str(samples_dir), "--format", "json"]) == 0
    assert [r["author"] for r in json.loads(capsys.readouterr().out)] == ["Ivan Zuenko"]


def test_entries_explain_gives_every_paragraph_its_role(capsys):
    assert main(["entries", "--explain", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["role"] for r in rows[:5]] == ["layout", "title", "overview", "heading", "entry"]
    assert rows[4]["entry_id"] == "russia-2021-11-e01" and "No. 10" in rows[4]["reason"]
    assert rows[0]["reason"].startswith("blank-line: ") and rows[0]["paragraph"] is None


# --- the one error path ------------------------------------------------------------------------


def failing(exc):
    def command(args):
        raise exc
    return command


def test_an_unexpected_error_is_exit_3_with_a_saved_traceback(capsys, monkeypatch, tmp_path):
    from analysis.cli import commands

    monkeypatch.chdir(tmp_path)
    help_text, _, add = commands.COMMANDS["actors"]
    monkeypatch.setitem(commands.COMMANDS, "actors",
                        (help_text, failing(TypeError("can only concatenate str")), add))
    assert main(["actors"]) == 3
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "unexpected error: TypeError: can only concatenate str" in err
    (saved,) = (tmp_path / "build" / ".workbook-errors").glob("*.txt")
    assert str(saved.relative_to(tmp_path)) in err
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("workbook actors\n") and "Traceback (most recent call last)" in text
    assert "TypeError: can only concatenate str" in text


@pytest.mark.parametrize(("exc", "code", "words"), [
    (BrokenPipeError(32, "Broken pipe"), 0, None),
    (KeyboardInterrupt(), 130, "interrupted"),
    (PermissionError(13, "Permission denied", "/srv/out/x.html"), 1,
     "/srv/out/x.html: Permission denied (you may not write there"),
    (OSError(28, "No space left on device", "/srv/out"), 1, "/srv/out: No space left on device"),
])
def test_errors_and_their_exit_codes(capsys, monkeypatch, exc, code, words):
    from analysis.cli import commands

    help_text, _, add = commands.COMMANDS["actors"]
    monkeypatch.setitem(commands.COMMANDS, "actors", (help_text, failing(exc), add))
    assert main(["actors"]) == code
    err = capsys.readouterr().err
    assert err == "" if words is None else (err.count("\n") == 1 and words in err), err


def test_a_console_traceback_never_shows(tmp_path):
    """A real process whose command fails unexpectedly: one line, exit 3, the file saved."""
    code = ("import sys\nfrom analysis.cli import commands, main\n"
            "def boom(args):\n    raise ZeroDivisionError('deep inside')\n"
            "h, _, a = commands.COMMANDS['actors']\ncommands.COMMANDS['actors'] = (h, boom, a)\n"
            "sys.exit(main.main(['actors']))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "ZeroDivisionError: deep inside" in result.stderr
    assert len(list((tmp_path / "build" / ".workbook-errors").glob("*.txt"))) == 1
