"""Every command against bad arguments (issue 13): exit 2, one line on stderr naming the option
and what it accepts, never a traceback, and nothing written.

Each case is a command line (``{samples}``, ``{file}``, ``{missing}`` and ``{bad_toml}`` stand
for the sample reports folder, a file that is not a folder, a path that does not exist and a
TOML file that does not parse) and the words its message must hold.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.cli.commands import COMMANDS
from analysis.cli.main import main

#: Bad values of the options every corpus command shares.
COMMON = [
    (["--reports", "{missing}"], ["--reports", "{missing}", "no folder"]),
    (["--reports", "{file}"], ["--reports", "{file}", "not a folder"]),
    (["--jobs", "0"], ["--jobs", "1 or more", "not 0"]),
    (["--jobs", "-3"], ["--jobs", "1 or more"]),
    (["--jobs", "many"], ["--jobs", "'many' is not a whole number"]),
    (["--scheduler", "nowhere"], ["--scheduler", "tcp://HOST:PORT"]),
    (["--bogus"], ["unrecognized arguments: --bogus"]),
]
FORMAT = [(["--format", "xml"], ["--format", "'xml'", "'table'", "'csv'", "'json'"])]


def given(*required: str) -> list[tuple[list[str], list[str]]]:
    """The shared cases, with the arguments a command requires in front."""
    return [([*required, *argv], needles) for argv, needles in COMMON + FORMAT]


PAIR = "valid values (comma-separated for a group): russia-2021-11, russia-2024-03, 2021-11"
ACTORS = ["valid values:", "North Korea", "Japan"]

CASES: dict[str, list[tuple[list[str], list[str]]]] = {
    "reports": COMMON + FORMAT,
    "entries": COMMON + FORMAT,
    "sentences": COMMON + FORMAT,
    "mentions": COMMON + FORMAT,
    "tag": [
        (["--gazetteer", "{missing}"], ["--gazetteer", "{missing}", "not found"]),
        (["--gazetteer", "{bad_toml}"], ["--gazetteer", "{bad_toml}", "not valid TOML"]),
        (["--format", "json"], ["unrecognized arguments: --format"]),
    ],
    "actors": [
        (["--gazetteer", "{samples}"], ["--gazetteer", "a folder, not a file"]),
        (["--gazetteer", "{bad_toml}"], ["--gazetteer", "not valid TOML"]),
    ] + FORMAT,
    "attention": COMMON + FORMAT + [
        (["--by", "month"], ["--by", "'month'", "'report_id'", "'period'", "'year'", "'country'"]),
        (["--reports", "{samples}", "--actor", "Atlantis"], ["--actor", "'Atlantis'", *ACTORS]),
        (["--reports", "{samples}", "--actor", "ATLANTIS"], ["--actor", "'ATLANTIS'", *ACTORS]),
        (["--reports", "{samples}", "--actor", "Japan", "--actor", "north-koreaa"],
         ["--actor", "'north-koreaa'", *ACTORS]),
        (["--reports", "{samples}", "--actor", ""], ["--actor", "''", *ACTORS]),
    ],
    "tone": COMMON + FORMAT + [
        (["--baseline", "2021"], ["--target", "needed with --baseline"]),
        (["--reports", "{samples}", "--target", "1999"], ["--target", "'1999'", "russia-2024-03"]),
        (["--reports", "{samples}", "--baseline", "2024", "--target", "2024"],
         ["--baseline/--target", "share reports", PAIR]),
        (["--reports", "{samples}", "--baseline", ",", "--target", "2024"],
         ["--baseline/--target", "empty", PAIR]),
        (["--reports", "{samples}", "--actor", "Kim Jong-eun"], ["--actor", *ACTORS]),
    ],
    "keyness": given("--target", "2024") + [
        ([], ["required: --target"]),
        (["--target", "2024", "--top", "-5"], ["--top", "1 or more", "not -5"]),
        (["--target", "2024", "--top", "0"], ["--top", "1 or more"]),
        (["--target", "2024", "--min-count", "0"], ["--min-count", "1 or more"]),
        (["--target", "2024", "--min-count", "2.5"], ["--min-count", "not a whole number"]),
        (["--reports", "{samples}", "--target", "2024", "--baseline", "2024"],
         ["--baseline/--target", "share reports", PAIR]),
        (["--reports", "{samples}", "--target", "2021,2024"],
         ["--baseline/--target", "no baseline", PAIR]),
        (["--reports", "{samples}", "--target", "russia-2024-3"], ["--target", "russia-2024-03"]),
        (["--reports", "{samples}", "--target", "2024", "--baseline", "1999,2021"],
         ["--baseline", "'1999'", "russia-2021-11"]),
        (["--reports", "{samples}", "--target", "2024", "--actor", "Narnia"],
         ["--actor", "'Narnia'", *ACTORS]),
    ],
    "kwic": given("Japan") + [
        ([], ["required: pattern"]),
        (["("], ["PATTERN", "'('", "no word", "--regex"]),
        (["*"], ["PATTERN", "'*'", "no word"]),
        (["--regex", "("], ["PATTERN", "invalid regular expression", "missing )"]),
        (["--regex", "*"], ["PATTERN", "invalid regular expression", "nothing to repeat"]),
        (["--regex", "x*"], ["PATTERN", "matches empty text"]),
        (["Japan", "--window", "-1"], ["--window", "0 or more", "not -1"]),
        (["Japan", "--actor", "--regex"], ["--regex", "not allowed with argument --actor"]),
        (["--reports", "{samples}", "--actor", "Atlantis"], ["PATTERN (with --actor)", *ACTORS]),
    ],
    "sources": COMMON + FORMAT + [
        (["writers"], ["view", "'writers'", "'outlets'", "'authors'", "'recurring'",
                       "'outlet-actors'", "'author-actors'"]),
    ],
    "compare": given("--baseline", "2021", "--target", "2024") + [
        (["--target", "2024"], ["required: --baseline"]),
        (["--baseline", "2021", "--target", "2024", "--top", "-1"], ["--top", "1 or more"]),
        (["--reports", "{samples}", "--baseline", "2024", "--target", "2024"],
         ["--baseline/--target", "share reports", PAIR]),
        (["--reports", "{samples}", "--baseline", "2024-03", "--target", "russia-2024-03"],
         ["--baseline/--target", "share reports", PAIR]),
        (["--reports", "{samples}", "--baseline", "2021", "--target", " , "],
         ["--baseline/--target", "empty", PAIR]),
        (["--reports", "{samples}", "--baseline", "2021", "--target", "2025"],
         ["--target", "'2025'", "russia-2024-03"]),
        (["--reports", "{samples}", "--baseline", "2021", "--target", "2024", "--actor", "japan",
          "--actor", "Mordor"], ["--actor", "'Mordor'", *ACTORS]),
    ],
    "run": [
        (["--jobs", "0"], ["--jobs", "1 or more"]),
        (["-j", "x"], ["--jobs", "not a number"]),
        (["--wait", "-1"], ["--wait", "0 or more"]),
        (["--wait", "nan"], ["--wait", "0 or more"]),
        (["--plan", "{missing}"], ["{missing}"]),
        (["--plan", "{plan}", "--only", "no-such-run"],
         ["--only", "'no-such-run'", "01_corpus_overview"]),
        (["--out", "{file}"], ["--out", "not a folder"]),
        (["--figures", "{file}"], ["--figures", "not a folder"]),
    ],
}

PARAMS = [pytest.param(command, argv, needles, id=f"{command} {' '.join(argv) or '(none)'}")
          for command, cases in CASES.items() for argv, needles in cases]


@pytest.fixture
def places(tmp_path, samples_dir):
    bad = tmp_path / "bad.toml"
    bad.write_text("[actors.Japan\naliases = [", encoding="utf-8")
    return {"samples": str(samples_dir), "plan": str(samples_dir.parent / "notebooks" / "plan.toml"),
            "file": str(samples_dir / "russia-2024-03.txt"),
            "missing": str(tmp_path / "no-such-folder"), "bad_toml": str(bad)}


def test_every_command_is_covered():
    assert set(CASES) == set(COMMANDS)


@pytest.mark.parametrize(("command", "argv", "needles"), PARAMS)
def test_bad_argument_is_exit_2_with_one_line(command, argv, needles, places, capsys, tmp_path,
                                              monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written where the command is run
    before = set(tmp_path.iterdir())
    filled = [a.format(**places) for a in argv]
    code = main([command, *filled])
    out, err = capsys.readouterr()
    assert code == 2, (err, out)
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"workbook {command}: error: "), err
    for needle in needles:
        assert needle.format(**places) in err, (needle, err)
    assert "Traceback" not in err and set(tmp_path.iterdir()) == before


@pytest.mark.parametrize(("argv", "needle"), [
    (["kwic", "(", "--reports", "reports_raw"], "no word"),
    (["keyness", "--top", "-5", "--target", "2024"], "--top"),
    (["entries", "--reports", "no-such-folder"], "--reports"),
    (["compare", "--baseline", "2024", "--target", "2024"], "share reports"),
])
def test_the_console_gets_one_line_and_exit_2(argv, needle):
    """The same through a real process: no traceback reaches the terminal."""
    result = subprocess.run([sys.executable, "-m", "analysis.cli.main", *argv],
                            check=False, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and needle in result.stderr
    assert "Traceback" not in result.stderr
