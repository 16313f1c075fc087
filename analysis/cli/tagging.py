"""``workbook tag`` and ``workbook actors``: the gazetteer in use, and actor mentions with the
tone aimed at each actor on lines of text read from stdin."""

from __future__ import annotations

import json
import sys

from analysis.cli.errors import EXIT_OK, UsageError
from analysis.cli.output import emit

__all__ = ["cmd_actors", "cmd_tag"]


def _gazetteer(args):
    """The gazetteer of ``--gazetteer`` (a file that does not parse is a usage error)."""
    from analysis.knowledge.gazetteer import load_gazetteer

    try:
        return load_gazetteer(args.gazetteer)
    except ValueError as exc:  # not TOML, or not a gazetteer: the message names the file
        raise UsageError(f"argument --gazetteer: {exc}", command=args.command) from None


def cmd_tag(args) -> int:
    import pandas as pd

    from analysis.annotate.mentions import find_mentions
    from analysis.annotate.report import annotate
    from analysis.knowledge.tone_model import CLASSES

    names = {"p_negative": "negative", "p_neutral": "neutral", "p_positive": "positive"}

    gazetteer = _gazetteer(args)
    for number, line in enumerate(sys.stdin, start=1):
        text = line.rstrip("\n")
        found = find_mentions(text, gazetteer=gazetteer)
        aimed = annotate(pd.DataFrame({"entry_id": ["line"], "report_id": ["stdin"],
                                       "text": [text]}), gazetteer=gazetteer)["mentions"]
        # an actor's scores in the line: the mean over its mentions (of one or more sentences)
        scores = aimed.groupby("actor", sort=False)[["tone", *names]].mean()
        scored = [a for a in dict.fromkeys(m.actor for m in found) if a in scores.index]
        record = {
            "line": number,
            "actors": list(dict.fromkeys(m.actor for m in found)),
            "mentions": [{"actor": m.actor, "alias": m.alias, "start": m.start, "end": m.end} for m in found],
            "tone": {a: round(float(scores.at[a, "tone"]), 4) + 0.0 for a in scored},
            "tone_label": {a: CLASSES[int(scores.loc[a, list(names)].to_numpy().argmax())]
                           for a in scored},
            "tone_probabilities": {a: {name: round(float(scores.at[a, column]), 4) + 0.0
                                       for column, name in names.items()} for a in scored},
        }
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return EXIT_OK


def cmd_actors(args) -> int:
    table = _gazetteer(args).to_frame()
    table = table[table["actor"].notna()]
    grouped = table.groupby("actor", sort=True)["alias"].agg(list).rename("aliases").reset_index()
    emit(grouped, args.format)
    return EXIT_OK
