"""A tiny hand-made corpus for the measure tests (imported by tests; not collected by pytest).

The tables follow docs/architecture.md exactly. Sentences are given one by one with their tone,
so every expected number in the tests can be counted by hand from the texts below. Tokens come
from analysis.tokens (the project tokenizer); mentions and frames from the small lexicons here.
``tone`` is ``tone_masked + 0.1``, and a mention's (targeted) ``tone`` is its sentence's
``tone_masked + 0.2`` (its ``tone_lexicon`` ``+ 0.3``), so that a test can tell which score a
measure used.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from analysis.text.tokenize import stopwords, tokenize

ALIASES = {
    ("china",): "China",
    ("beijing",): "China",
    ("japan",): "Japan",
    ("tokyo",): "Japan",
    ("north", "korea"): "North Korea",
    ("pyongyang",): "North Korea",
}
FRAME_TERMS = {"trade": "economy", "sanctions": "economy", "war": "security", "missile": "security"}

# report_id, period, entries: (kind, outlet, authors, [(sentence, tone_masked), ...])
SPEC = [
    ("russia-2021-11", "2021-11", [
        ("overview", None, [], [("China and Japan drew attention.", 0.0)]),
        ("entry", "Vzgliad", ["Gevorg Mirzaian"], [
            ("Japan seeks trade with China.", 0.4),
            ("Tokyo fears war.", -0.6),
        ]),
        ("entry", "Valdai Club", ["Andrei Lankov"], [
            ("North Korea tests a missile.", -0.3),
            ("China backs Pyongyang.", 0.2),
        ]),
        ("entry", "Valdai Club", ["Andrei Lankov"], [("The economy of Russia grew.", 0.5)]),
    ]),
    ("russia-2024-03", "2024-03", [
        ("overview", None, [], [("China dominated.", 0.0)]),
        ("entry", "Interfax", ["Aleksandr Lomanov"], [
            ("China and its capital Beijing expand trade.", 0.3),
            ("Beijing avoids sanctions.", -0.2),
            ("China trade grows.", 0.4),
        ]),
        ("entry", "MEiMO", ["Olga N. Borokh", "Alexandr V. Lomanov"], [("China modernizes.", 0.1)]),
        ("entry", "Kommersant", ["Nataliya Portyakova"], [
            ("Japan and North Korea may meet.", 0.0),
            ("Tokyo hopes for trade.", 0.5),
        ]),
        ("entry", "Kommersant", ["Sergey Strokan"], [("Pyongyang and Moscow grow closer.", 0.3)]),
    ]),
    ("russia-2024-06", "2024-06", [
        ("overview", None, [], [("Japan again.", 0.0)]),
        ("entry", "Valdai Club", ["Alexander Lomanov"], [("China and Japan talk trade.", 0.2)]),
    ]),
]


def build_corpus(spec=SPEC) -> SimpleNamespace:
    """Build the six tables of a corpus from ``spec`` (see SPEC for the shape)."""
    reports, entries, sentences, tokens, mentions, frames = [], [], [], [], [], []
    stops = stopwords()
    for report_id, period, report_entries in spec:
        reports.append({
            "report_id": report_id, "country": "Russia", "period": period,
            "title": f"Country Report: Russia ({period})",
            "path": f"reports_raw/{report_id}.txt", "sha256": "0" * 64,
        })
        for position, (kind, outlet, authors, sents) in enumerate(report_entries):
            entry_id = f"{report_id}-e{position:02d}"
            ids = {"report_id": report_id, "entry_id": entry_id}
            text = " ".join(s for s, _ in sents)
            start = 0
            spans = []
            masked = [tone for _, tone in sents]
            for idx, (sent, tone) in enumerate(sents):
                spans.append((start, start + len(sent)))
                sentences.append({
                    **ids, "sentence_idx": idx, "text": sent, "start": start,
                    "end": start + len(sent), "tone": tone + 0.1, "tone_masked": tone,
                })
                start += len(sent) + 1
            toks = tokenize(text)

            def sentence_of(offset, spans=spans):
                return next(i for i, (a, b) in enumerate(spans) if a <= offset < b)

            for i, tok in enumerate(toks):
                tokens.append({
                    **ids, "sentence_idx": sentence_of(tok.start), "token_idx": i,
                    "token": tok.norm, "start": tok.start, "end": tok.end,
                    "is_stop": tok.norm in stops,
                })
                if tok.norm in FRAME_TERMS:
                    frames.append({
                        **ids, "sentence_idx": sentence_of(tok.start),
                        "frame": FRAME_TERMS[tok.norm], "term": text[tok.start:tok.end],
                        "start": tok.start, "end": tok.end,
                    })
            i = 0
            while i < len(toks):
                for key, actor in ALIASES.items():
                    window = tuple(t.norm for t in toks[i:i + len(key)])
                    if window == key:
                        a, b = toks[i].start, toks[i + len(key) - 1].end
                        mentions.append({
                            **ids, "sentence_idx": sentence_of(a), "actor": actor,
                            "alias": text[a:b], "start": a, "end": b,
                            "tone": round(masked[sentence_of(a)] + 0.2, 10),
                            "tone_lexicon": round(masked[sentence_of(a)] + 0.3, 10),
                        })
                        i += len(key) - 1
                        break
                i += 1
            entries.append({
                "entry_id": entry_id, "report_id": report_id, "position": position,
                "kind": kind, "section": None, "outlet": outlet, "issue": None,
                "pub_date": pd.NaT, "authors": list(authors), "n_words": len(toks),
                "line": 1 + 2 * position, "text": text,
            })
    return SimpleNamespace(
        reports=pd.DataFrame(reports),
        entries=pd.DataFrame(entries).astype({"pub_date": "datetime64[ns]"}),
        sentences=pd.DataFrame(sentences),
        tokens=pd.DataFrame(tokens),
        mentions=pd.DataFrame(mentions),
        frames=pd.DataFrame(frames),
    )


def snapshot(corpus) -> dict[str, pd.DataFrame]:
    """Deep copies of the tables, to check later that a measure did not mutate its input."""
    return {name: getattr(corpus, name).copy(deep=True) for name in
            ("reports", "entries", "sentences", "tokens", "mentions", "frames")}


def assert_unchanged(corpus, before: dict[str, pd.DataFrame]) -> None:
    for name, table in before.items():
        pd.testing.assert_frame_equal(getattr(corpus, name), table)


@lru_cache(maxsize=1)
def samples():
    """The shipped sample reports (reports_raw/), loaded and annotated once per test session."""
    from analysis.corpus import load_corpus

    return load_corpus(Path(__file__).resolve().parents[1] / "reports_raw")
