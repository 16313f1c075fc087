"""Dictionary lookup over the sentences: actor mentions (the gazetteer) and frame terms.

Both tables come from one loop (as quanteda's ``tokens_lookup``): each entry's text is tokenized
once with the one tokenizer (:func:`analysis.text.tokenize.tokenize`), and each sentence's run
of tokens is matched with a :class:`analysis.text.phrases.PhraseMatcher`, leftmost-longest and
non-overlapping, so a phrase never spans two sentences. The matchers come from
:mod:`analysis.knowledge.gazetteer` and :mod:`analysis.knowledge.frame_lexicon`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import pandas as pd

from analysis.knowledge.frame_lexicon import FrameLexicon, resolve_frames
from analysis.knowledge.gazetteer import Gazetteer, resolve_gazetteer
from analysis.tables import in_order, require_columns, typed_rows
from analysis.text.phrases import PhraseMatcher
from analysis.text.tokenize import tokenize

__all__ = ["FRAME_COLUMNS", "MENTION_COLUMNS", "Mention", "find_mentions", "frames", "mentions"]

MENTION_COLUMNS = ["report_id", "entry_id", "sentence_idx", "actor", "alias", "start", "end"]
FRAME_COLUMNS = ["report_id", "entry_id", "sentence_idx", "frame", "term", "start", "end"]


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention: ``text[start:end] == alias`` (the characters as written)."""

    actor: str
    alias: str
    start: int
    end: int


def find_mentions(text: str, *, gazetteer: Gazetteer | str | Path | None = None) -> list[Mention]:
    """Actor mentions in ``text``, in text order (ties by actor).

    Examples
    --------
    >>> [(m.actor, m.alias) for m in find_mentions("Sino-US talks; let us see Kim Jong-un’s move")]
    [('China', 'Sino'), ('United States', 'US'), ('North Korea', 'Kim Jong-un')]
    """
    matcher = resolve_gazetteer(gazetteer).matcher
    return [
        Mention(actor, text[start:end], start, end)
        for start, end, actors in matcher.find(text)
        for actor in actors
    ]


def _lookup(sentences: pd.DataFrame, entries: pd.DataFrame, matcher: PhraseMatcher,
            skip: dict[str, list[tuple[int, int]]] | None = None) -> Iterator[tuple]:
    """``(report_id, entry_id, sentence_idx, label, as written, start, end)`` for each match,
    sentence by sentence; a match lying wholly inside a span of ``skip[entry_id]`` is dropped."""
    require_columns(sentences, ["report_id", "entry_id", "sentence_idx", "start", "end"])
    require_columns(entries, ["entry_id", "text"])
    texts = dict(zip(entries["entry_id"].tolist(), entries["text"].tolist(), strict=True))
    skip = skip or {}
    current, text, toks, starts = None, "", [], []
    span_starts: list[int] = []
    reach: list[int] = []  # reach[i]: the furthest end of the first i + 1 spans (by start)
    for report_id, entry_id, idx, start, end in zip(
        *(sentences[c].tolist() for c in ("report_id", "entry_id", "sentence_idx", "start", "end")),
        strict=True,
    ):
        if entry_id != current:
            if entry_id not in texts:
                raise KeyError(f"sentence of entry {entry_id!r}, which is not in the entries table")
            current, text = entry_id, texts[entry_id]
            toks = tokenize(text)
            starts = [t.start for t in toks]
            spans = sorted(skip.get(entry_id, []))
            span_starts = [a for a, _ in spans]
            reach = list(accumulate((b for _, b in spans), max))
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        for m_start, m_end, labels in matcher.find(text, toks[lo:hi]):
            k = bisect_right(span_starts, m_start)  # spans starting at or before the match
            if k and reach[k - 1] >= m_end:  # one of them ends at or after it: inside a span
                continue
            for label in labels:
                yield report_id, entry_id, idx, label, text[m_start:m_end], m_start, m_end


def _table(rows: Iterator[tuple], columns: list[str]) -> pd.DataFrame:
    table = typed_rows(list(rows), columns, ints=["sentence_idx", "start", "end"],
                       strs=["report_id", "entry_id", columns[3], columns[4]])
    return in_order(table, ["report_id", "entry_id", "start", "end", columns[3]])


def mentions(
    sentences: pd.DataFrame,
    entries: pd.DataFrame,
    *,
    gazetteer: Gazetteer | str | Path | None = None,
) -> pd.DataFrame:
    """The mentions table: one row per actor mention, found sentence by sentence.

    Parameters
    ----------
    sentences : the sentences table (report_id, entry_id, sentence_idx, start, end)
    entries : the entries table (entry_id, text): the texts the offsets refer to
    gazetteer : a :class:`~analysis.knowledge.gazetteer.Gazetteer`, a user TOML file extending
        the shipped one, or None

    Returns
    -------
    DataFrame with columns report_id, entry_id, sentence_idx, actor (canonical), alias (as
    written), start, end (offsets into the entry text: ``entry.text[start:end] == alias``);
    sorted by report_id, entry_id, start, end, actor. A phrase never spans two sentences.
    """
    matcher = resolve_gazetteer(gazetteer).matcher
    return _table(_lookup(sentences, entries, matcher), MENTION_COLUMNS)


def frames(
    sentences: pd.DataFrame,
    entries: pd.DataFrame,
    *,
    lexicon: FrameLexicon | str | Path | None = None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The frames table: one row per frame term found in a sentence.

    Parameters
    ----------
    sentences : the sentences table (report_id, entry_id, sentence_idx, start, end)
    entries : the entries table (entry_id, text): the texts the offsets refer to
    lexicon : a :class:`~analysis.knowledge.frame_lexicon.FrameLexicon`, a user TOML file extending
        the shipped one, or None
    mentions : the mentions table; a term lying wholly inside an actor mention ("Security
        Council", "Shanghai Cooperation Organization") is dropped

    Returns
    -------
    DataFrame with columns report_id, entry_id, sentence_idx, frame (key, e.g. "security"),
    term (as written: ``entry.text[start:end]``), start, end (offsets into the entry text);
    sorted by report_id, entry_id, start, end, frame.
    """
    matcher = resolve_frames(lexicon).matcher
    names: dict[str, list[tuple[int, int]]] = {}
    if mentions is not None:
        for entry_id, start, end in zip(mentions["entry_id"].tolist(), mentions["start"].tolist(),
                                        mentions["end"].tolist(), strict=True):
            names.setdefault(entry_id, []).append((start, end))
    return _table(_lookup(sentences, entries, matcher, names), FRAME_COLUMNS)
