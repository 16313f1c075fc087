"""The options of the commands: argparse arguments shared by several commands, and their types.

Every value is checked where it is parsed: a number out of range, a folder that is not there,
a scheduler address that is not one, is a usage error (exit 2) naming the option, before any
report is read.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

__all__ = [
    "add_common",
    "args_actor",
    "args_by",
    "args_compare",
    "args_gazetteer",
    "args_keyness",
    "args_kwic",
    "args_min_entries",
    "args_pair",
    "args_sources",
    "at_least",
    "existing_file",
    "folder",
    "scheduler_address",
    "spec",
]

FORMATS = ("table", "csv", "json")
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://\S+|[\w.\-\[\]:]+:\d+)$", re.IGNORECASE)


def at_least(minimum: int):
    """An argparse type: a whole number no smaller than ``minimum``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number (give {minimum} or more)") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value

    parse.__name__ = f"at_least_{minimum}"
    return parse


def folder(text: str) -> str:
    """An argparse type: an existing folder (returned as given)."""
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no folder {text!r}: pass the folder that holds the "
                                         "report files (.txt, .md, .html, .docx)")
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a file, not a folder: pass the folder "
                                         "that holds the report files (.txt, .md, .html, .docx)")
    return text


def existing_file(text: str) -> str:
    """An argparse type: an existing file (returned as given)."""
    path = Path(text)
    if not path.is_file():
        what = "a folder, not a file" if path.is_dir() else "not found"
        raise argparse.ArgumentTypeError(f"{text!r}: {what}: give the path of a TOML file")
    return text


def scheduler_address(text: str) -> str:
    """An argparse type: a Dask scheduler address, ``tcp://host:port`` or ``host:port``."""
    if not _ADDRESS.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a scheduler address: give tcp://HOST:PORT (e.g. tcp://127.0.0.1:8786)")
    return text


def add_common(parser: argparse.ArgumentParser, *, tabular: bool = True) -> None:
    parser.add_argument("--reports", default=None, metavar="DIR", type=folder,
                        help="folder of report files: .txt, .md, .html, .htm, .mhtml, .docx "
                             "(default: reports_raw of the project)")
    parser.add_argument("--strict", action="store_true", help="treat every warning about a report as an error")
    parser.add_argument("--jobs", type=at_least(1), default=None, metavar="N",
                        help="processes that annotate, 1 or more (default: every core when there is much to do)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS", type=scheduler_address,
                        help="annotate on a Dask cluster, e.g. tcp://host:8786")
    parser.add_argument("--no-cache", action="store_true", help="annotate again instead of using .cache/")
    if tabular:
        parser.add_argument("--format", choices=FORMATS, default="table")


def spec(value: str | None) -> str | list[str] | None:
    """A report spec from the command line: "a,b" is the group of a and b."""
    if value is None or "," not in value:
        return value
    return [v.strip() for v in value.split(",") if v.strip()]


def args_actor(p: argparse.ArgumentParser, *, many: bool = True) -> None:
    if many:
        p.add_argument("--actor", action="append", metavar="ACTOR",
                       help="an actor (repeat for several; default: all mentioned)")
    else:
        p.add_argument("--actor", default=None, metavar="ACTOR",
                       help="restrict to the sentences that mention this actor")


def args_pair(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--baseline", required=required, default=None,
                   help="report id, period YYYY-MM or year YYYY (default: all other reports)"
                   if not required else "report id, period YYYY-MM or year YYYY")
    p.add_argument("--target", required=required, default=None, help="report id, period YYYY-MM or year YYYY")


def args_by(p: argparse.ArgumentParser) -> None:
    p.add_argument("--by", default="report_id", choices=("report_id", "period", "year", "country"))


def args_gazetteer(p: argparse.ArgumentParser, *, tabular: bool = True) -> None:
    p.add_argument("--gazetteer", default=None, metavar="TOML", type=existing_file,
                   help="your own actors file extending the shipped one")
    if tabular:
        p.add_argument("--format", choices=FORMATS, default="table")


def args_min_entries(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-entries", type=at_least(1), default=3, metavar="N",
                   help="fewest entries on a side for an interval or a test (1 or more; "
                        "default 3: below it the output says too few entries)")


def args_keyness(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("--target", required=True, help="report id, period YYYY-MM or year YYYY (or several, comma-separated)")
    p.add_argument("--baseline", default=None, help="as --target; default: all other reports pooled")
    args_actor(p, many=False)
    p.add_argument("--top", type=at_least(1), default=20, metavar="N", help="N terms on each side (1 or more)")
    p.add_argument("--min-count", type=at_least(1), default=3, metavar="N",
                   help="drop terms seen fewer than N times (1 or more)")
    p.add_argument("--min-entries", type=at_least(1), default=3, metavar="N",
                   help="a term is reliable (and tested at q) only in N entries or more (default 3)")
    p.add_argument("--bigrams", action="store_true", help="count pairs of adjacent words")
    p.add_argument("--keep-names", action="store_true",
                   help="keep actor, outlet and author names (each actor mention one term)")


def args_kwic(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("pattern", help="a word or a phrase, matched literally (punctuation and case "
                                   "ignored); with --regex a regular expression; with --actor an actor")
    p.add_argument("--window", type=at_least(0), default=5, metavar="N",
                   help="words of context on each side (0 or more)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--actor", action="store_true", help="PATTERN is an actor: match all its aliases")
    how.add_argument("--regex", action="store_true",
                     help="PATTERN is a Python regular expression, matched in the entry text (case-insensitive)")


def args_compare(p: argparse.ArgumentParser) -> None:
    add_common(p)
    args_pair(p, required=True)
    p.add_argument("--actor", action="append", metavar="ACTOR",
                   help="an actor (repeat for several; default: the plan's actors, else every "
                        "actor mentioned)")
    p.add_argument("--top", type=at_least(1), default=5, metavar="N", help="distinctive terms per side (1 or more)")
    args_min_entries(p)
    p.add_argument("--plan", type=existing_file, default=None, metavar="FILE",
                   help="the batch plan whose [plan] actors are the comparison's family: the "
                        "actors whose tone tests are adjusted together, as on the pages "
                        "(default: notebooks/plan.toml of the project)")


def args_sources(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("view", nargs="?", default="outlets",
                   choices=("outlets", "authors", "recurring", "outlet-actors", "author-actors"))
