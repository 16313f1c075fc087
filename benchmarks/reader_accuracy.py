"""Accuracy of the attribution reader on the hand-labelled dev set.

    .venv/bin/python benchmarks/reader_accuracy.py [--verbose] [--source real|written|all] [--file PATH]

Reads tests/data/attributions.toml (one [[case]] per paragraph opening), runs the project's
attribution reader on each `text` and prints, per field, how many cases it got right. Fields
other than `entry` are scored only where both the label and the reader say "entry"; `genre`
and `outlet_as_written` only where the reader's object has those attributes. Always exits 0.
"""
import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from analysis.knowledge.outlets import outlets
from analysis.read.attribution import parse_attribution, resolve_pub_date
from analysis.read.authors import authors_in_text

#: Expected outlet names are compared through the outlet table, so that a label naming an
#: outlet by one of its spellings ("Nihon Keizai Shimbun") matches its canonical name ("Nikkei").
CANONICAL = outlets().canonical

FIELDS = ["entry", "outlet", "outlet_as_written", "date", "issue", "authors", "genre"]


def norm(s):
    """Whitespace- and apostrophe-normalized string ('' for None)."""
    s = re.sub(r"[\u2019\u2018\u02bc`]", "'", str(s or ""))
    return " ".join(s.split())


def got_fields(res, period, text):
    """The reader's answer for every scored field, or an 'error: ...' string for date."""
    try:
        d = resolve_pub_date(res, period)
        date = d.isoformat() if d else ""
    except Exception as exc:  # noqa: BLE001 - a crash counts as a wrong answer, shown with --verbose
        date = f"error: {type(exc).__name__}: {exc}"
    authors = getattr(res, "authors", None) or ()
    if not authors and getattr(res, "genre", None) != "editorial":  # as the entries table does
        authors = authors_in_text(text)
    got = {"outlet": getattr(res, "outlet", None) or "", "date": date,
           "issue": getattr(res, "issue", None) or "",
           "authors": [norm(a) for a in authors]}
    for opt in ("outlet_as_written", "genre"):
        if hasattr(res, opt):
            got[opt] = getattr(res, opt) or ""
    return got


def same(field, want, got):
    if field == "authors":
        return [norm(a) for a in want] == got
    if field == "date":
        return want == got
    if field == "outlet" and want:
        want = CANONICAL(norm(want))
    return norm(want).casefold() == norm(got).casefold()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every wrong field")
    ap.add_argument("--source", choices=["real", "written", "all"], default="all")
    ap.add_argument("--file", type=Path, default=ROOT / "tests" / "data" / "attributions.toml")
    args = ap.parse_args(argv)

    cases = tomllib.loads(args.file.read_text(encoding="utf-8"))["case"]
    if args.source != "all":
        cases = [c for c in cases if (c["source"] == "written") == (args.source == "written")]

    right = dict.fromkeys(FIELDS, 0)
    total = dict.fromkeys(FIELDS, 0)
    overall = [0, 0]  # fields right, fields in all: outlet, date or issue, authors of every entry
    false_entries = missed = 0
    wrong = []
    for c in cases:
        err = None
        try:
            res = parse_attribution(c["text"])
        except Exception as exc:  # noqa: BLE001 - counted as "not an entry", shown with --verbose
            res, err = None, f"parse error: {type(exc).__name__}: {exc}"
        total["entry"] += 1
        if (res is not None) == c["entry"]:
            right["entry"] += 1
        else:
            false_entries += res is not None
            missed += res is None
            wrong.append((c, "entry", c["entry"], err or res is not None))
        if c["entry"]:
            overall[1] += 3
        if res is None or not c["entry"]:
            continue
        got = got_fields(res, c["period"], c["text"])
        overall[0] += same("outlet", c["outlet"], got["outlet"]) + same(
            "authors", c["authors"], got["authors"]) + (same("date", c["date"], got["date"])
                                                        and same("issue", c["issue"], got["issue"]))
        for field in FIELDS[1:]:
            if field not in got:
                continue
            total[field] += 1
            if same(field, c[field], got[field]):
                right[field] += 1
            else:
                wrong.append((c, field, c[field], got[field]))

    print(f"{args.file.name}: {len(cases)} cases (source={args.source})\n")
    print(f"{'field':<18}{'right':>7}{'total':>7}{'accuracy':>10}")
    for field in FIELDS:
        acc = f"{100 * right[field] / total[field]:.1f}%" if total[field] else "n/a"
        print(f"{field:<18}{right[field]:>7}{total[field]:>7}{acc:>10}")
    share = f"{100 * overall[0] / overall[1]:.1f}%" if overall[1] else "n/a"
    print(f"\nfields right over every expected entry (outlet, date or issue, authors; a missed "
          f"entry counts 3 wrong): {overall[0]}/{overall[1]} = {share}")
    print(f"false entries (parsed, but entry=false): {false_entries}")
    print(f"missed entries (entry=true, not parsed): {missed}")
    if args.verbose and wrong:
        print("\nwrong fields:")
        for c, field, want, got in wrong:
            print(f"- [{field}] {c['text']}\n    expected: {want!r}\n    got:      {got!r}")
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
