"""KWIC: keyword in context, the evidence behind every count.

A pattern is a word or a phrase, matched token by token through the project's one tokenizer
(:func:`analysis.tokens.tokenize`), so ``"Japan's"``, ``"JAPAN"`` and ``"Japan’s"`` all match
``"japan"``, and a phrase matches consecutive word tokens whatever punctuation separates them. With
``actor=True`` the pattern is an actor and the matches are its mentions (every alias). The context
is original text of the entry, ``window`` word tokens on each side, whitespace collapsed.

A pattern is always matched literally: ``"("``, ``"*"`` or ``"U.S.?"`` mean their words, never a
regular expression (a pattern without any word cannot match and raises :class:`PatternError`).
With ``regex=True`` the pattern is a Python regular expression searched in the entry text,
case-insensitively; an invalid one raises :class:`PatternError` with the reason.
``reports`` limits the search to some reports (a report spec, as everywhere: report ids,
periods, years); ``per_entry`` keeps the first lines of each entry, so that a long entry that
repeats the pattern does not crowd out the others.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from analysis.measure.groups import (
    ReportSpec,
    group_labels,
    group_order,
    resolve_actors,
    resolve_reports,
    scope,
)
from analysis.tables import kept, plain_result
from analysis.text.tokenize import tokenize

__all__ = ["KWIC_COLUMNS", "PatternError", "check_pattern", "keyness_kwic", "kwic"]

KWIC_COLUMNS = ["report_id", "entry_id", "outlet", "sentence_idx", "left", "match", "right",
                "start", "end"]
_SPACE = re.compile(r"\s+")


class PatternError(ValueError):
    """A KWIC pattern that cannot be matched: no word in it, or an invalid regular expression
    (a usage error: ``workbook`` exits 2)."""


def check_pattern(pattern: str, *, regex: bool = False) -> re.Pattern[str] | list[str]:
    """The compiled regular expression (``regex=True``) or the normalized words of a pattern.

    Raises :class:`PatternError` for a regular expression that does not compile or matches
    only empty text, and for a literal pattern that holds no word.
    """
    if regex:
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise PatternError(f"invalid regular expression {pattern!r}: {exc}") from None
        if compiled.fullmatch(""):
            raise PatternError(f"regular expression {pattern!r} matches empty text: give one "
                               "that needs at least one character")
        return compiled
    words = [t.norm for t in tokenize(pattern)]
    if not words:
        raise PatternError(f"pattern {pattern!r} holds no word to match: give a word or a "
                           "phrase (punctuation is ignored), or a regular expression with "
                           "regex=True (--regex)")
    return words


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _regex_hits(corpus: Any, compiled: re.Pattern[str], keep: set[str],
                by_entry: dict[str, pd.DataFrame]) -> list[tuple[str, int, int, int, int, int]]:
    """Hits of a regular expression in the entry texts: the tokens it covers (a match inside
    no token has the tokens around it as context) and the sentence it starts in."""
    import numpy as np

    sentences = kept(corpus, "sentences")  # (offsets; the text is not needed)
    sentences = sentences[sentences["entry_id"].isin(keep)]
    starts_of = {eid: s.sort_values("sentence_idx")["start"].to_numpy()
                 for eid, s in sentences.groupby("entry_id", sort=False, observed=True)}
    hits = []
    ents = corpus.entries
    for eid, text in zip(ents["entry_id"].astype(str), ents["text"], strict=True):
        if eid not in keep or not isinstance(text, str) or eid not in by_entry:
            continue
        t = by_entry[eid]
        token_starts, token_ends = t["start"].to_numpy(), t["end"].to_numpy()
        sentence_starts = starts_of.get(eid, np.zeros(1, dtype=int))
        for m in compiled.finditer(text):
            if m.end() == m.start():
                continue
            first = int(np.searchsorted(token_ends, m.start(), side="right"))
            last = max(int(np.searchsorted(token_starts, m.end(), side="left")), first)
            sentence = max(int(np.searchsorted(sentence_starts, m.start(), side="right")) - 1, 0)
            hits.append((eid, first, last, sentence, m.start(), m.end()))
    return hits


@plain_result
def kwic(corpus: Any, pattern: str, *, window: int = 5, actor: bool = False,
         regex: bool = False, reports: ReportSpec | None = None, per_entry: int | None = None,
         include_overview: bool = False) -> pd.DataFrame:
    """Every occurrence of ``pattern`` with ``window`` word tokens of context on each side.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``tokens``, ``mentions``
    pattern : a word, a phrase, or (with ``actor=True``) an actor name (case-insensitive;
        an unknown actor raises :class:`analysis.groups.UnknownValueError` listing the known ones)
    window : number of word tokens of context on each side
    actor : match the actor's mentions instead of the words of ``pattern``
    regex : ``pattern`` is a Python regular expression, searched case-insensitively in the
        entry text (not with ``actor``); otherwise it is matched literally, word by word
    reports : only these reports: a report id, period ``"YYYY-MM"``, year (``"YYYY"`` or an
        int) or a list of them (see :func:`analysis.groups.resolve_reports`); all by default
    per_entry : at most this many lines per entry, its first by position in the entry (start);
        every line by default
    include_overview : search the overviews too

    Returns
    -------
    DataFrame with columns report_id, entry_id, outlet, sentence_idx (of the match's first
    token), left, match (text as written), right, start, end (offsets of the match in the
    entry's text), sorted by report (chronological), entry position, start.
    """
    if window < 0:
        raise ValueError(f"window must be >= 0, not {window}")
    if per_entry is not None and per_entry < 1:
        raise ValueError(f"per_entry must be >= 1 (or None for every line), not {per_entry}")
    if actor and regex:
        raise ValueError("actor=True and regex=True exclude each other: choose one")
    checked = None if actor else check_pattern(pattern, regex=regex)
    keep = scope(corpus, include_overview=include_overview)
    if reports is not None:
        chosen = set(resolve_reports(corpus.reports, reports))
        ents = corpus.entries
        keep &= set(ents.loc[ents["report_id"].astype(str).isin(chosen), "entry_id"].astype(str))
    tokens = corpus.tokens[corpus.tokens["entry_id"].isin(keep)].sort_values(
        ["entry_id", "token_idx"])
    by_entry = {eid: t for eid, t in tokens.groupby("entry_id", sort=True, observed=True)}
    # entry_id, first token, last token + 1, sentence_idx, start, end of the match
    hits: list[tuple[str, int, int, int, int, int]] = []
    if actor:
        (name,) = resolve_actors(corpus, [pattern])
        m = corpus.mentions
        m = m[m["entry_id"].isin(keep) & (m["actor"] == name)]
        for row in m.itertuples(index=False):
            starts = by_entry[row.entry_id]["start"].to_numpy()
            first = int((starts <= row.start).sum()) - 1
            last = int((starts < row.end).sum())
            hits.append((row.entry_id, max(first, 0), last, int(row.sentence_idx),
                         int(row.start), int(row.end)))
    elif regex:
        hits = _regex_hits(corpus, checked, keep, by_entry)
    else:
        words = checked
        k = len(words)
        for eid, t in by_entry.items():
            norms = t["token"].astype(str).tolist()
            starts, ends = t["start"].tolist(), t["end"].tolist()
            sent = t["sentence_idx"].tolist()
            for i in range(len(norms) - k + 1):
                if norms[i:i + k] == words:
                    hits.append((eid, i, i + k, int(sent[i]), int(starts[i]),
                                 int(ends[i + k - 1])))
    entries = corpus.entries.set_index("entry_id")
    rows = []
    for eid, first, last, sentence_idx, start, end in hits:
        text = entries.at[eid, "text"]
        t = by_entry[eid]
        starts, ends = t["start"].tolist(), t["end"].tolist()
        lo = max(first - window, 0)
        hi = min(last + window, len(starts))
        left = text[starts[lo]:start] if lo < first else ""
        right = text[end:ends[hi - 1]] if hi > last else ""
        rows.append((entries.at[eid, "report_id"], eid, entries.at[eid, "outlet"],
                     sentence_idx, _clean(left), text[start:end], _clean(right), start, end,
                     int(entries.at[eid, "position"])))
    out = pd.DataFrame(rows, columns=[*KWIC_COLUMNS, "_position"])
    rank = {r: i for i, r in enumerate(group_order(corpus.reports, group_labels(corpus.reports)))}
    out = out.assign(_report=out["report_id"].map(rank))
    out = out.sort_values(["_report", "_position", "start"], kind="stable")
    if per_entry is not None:
        out = out.groupby("entry_id", sort=False, observed=True).head(per_entry)
    return out[KWIC_COLUMNS].reset_index(drop=True)


@plain_result
def keyness_kwic(corpus: Any, terms: pd.DataFrame, *, window: int = 5,
               reports: ReportSpec | None = None) -> pd.DataFrame:
    """KWIC lines of every term of a keyness table, term by term in the table's order.

    Returns the columns of :func:`kwic` preceded by term, side (``"target"`` for z > 0, else
    ``"baseline"``) and z; the lines of one term in :func:`kwic`'s order.
    """
    parts = [kwic(corpus, row.term, window=window, reports=reports)
             .assign(term=row.term, side="target" if row.z > 0 else "baseline", z=row.z)
             for row in terms.itertuples(index=False)]
    columns = ["term", "side", "z", *KWIC_COLUMNS]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]
