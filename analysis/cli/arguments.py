"""The options of the commands: argparse arguments shared by several commands, and their values."""

from __future__ import annotations

import argparse

__all__ = ["add_common", "args_actor", "args_by", "args_compare", "args_gazetteer", "args_keyness",
           "args_kwic", "args_pair", "args_sources", "spec"]


def add_common(parser: argparse.ArgumentParser, *, tabular: bool = True) -> None:
    parser.add_argument("--reports", default=None, metavar="DIR",
                        help="folder of report .txt files (default: reports_raw of the project)")
    parser.add_argument("--strict", action="store_true", help="treat every warning about a report as an error")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="processes that annotate (default: every core when there is much to do)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="annotate on a Dask cluster, e.g. tcp://host:8786")
    parser.add_argument("--no-cache", action="store_true", help="annotate again instead of using .cache/")
    if tabular:
        parser.add_argument("--format", choices=("table", "csv", "json"), default="table")


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


def args_gazetteer(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gazetteer", default=None, metavar="TOML", help="your own actors file extending the shipped one")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def args_keyness(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("--target", required=True, help="report id, period YYYY-MM or year YYYY (or several, comma-separated)")
    p.add_argument("--baseline", default=None, help="as --target; default: all other reports pooled")
    args_actor(p, many=False)
    p.add_argument("--top", type=int, default=20, metavar="N", help="N terms on each side")
    p.add_argument("--min-count", type=int, default=3, metavar="N", help="drop terms seen fewer than N times")


def args_kwic(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("pattern", help="a word, a phrase, or with --actor an actor name")
    p.add_argument("--window", type=int, default=5, metavar="N", help="words of context on each side")
    p.add_argument("--actor", action="store_true", help="PATTERN is an actor: match all its aliases")


def args_compare(p: argparse.ArgumentParser) -> None:
    add_common(p)
    args_pair(p, required=True)
    args_actor(p)
    p.add_argument("--top", type=int, default=5, metavar="N", help="distinctive terms per side")


def args_sources(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("view", nargs="?", default="outlets",
                   choices=("outlets", "authors", "recurring", "outlet-actors", "author-actors"))
