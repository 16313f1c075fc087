"""Annotation: the entries of one report into sentences, tokens, mentions and frames.

Runs the annotators in their one order: sentences (:mod:`analysis.sentences`, Punkt), word
tokens (:mod:`analysis.tokens`), actor mentions (:mod:`analysis.mentions`), frame terms
(:mod:`analysis.framing`, ignoring words inside actor names) and tone
(:mod:`analysis.sentiment`, VADER). Every step depends on the report's own text only, so reports
can be annotated one at a time (or in parallel) and the tables concatenated.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

import pandas as pd

from analysis.framing import FrameLexicon, frames, resolve_frames
from analysis.mentions import Gazetteer, mentions, resolve_gazetteer
from analysis.sentences import require_columns, sentences, typed
from analysis.sentiment import add_tone
from analysis.tokens import stopwords, tokenize

__all__ = ["TOKEN_COLUMNS", "annotate", "token_table"]

TOKEN_COLUMNS = ["report_id", "entry_id", "sentence_idx", "token_idx", "token", "start", "end",
                 "is_stop"]


def token_table(sentences: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """The tokens table: one row per word token of each entry (punctuation dropped).

    Parameters
    ----------
    sentences : the sentences table of ``entries`` (entry_id, sentence_idx, start)
    entries : the entries table (entry_id, report_id, text)

    Returns
    -------
    DataFrame with columns report_id, entry_id, sentence_idx (the sentence holding the token),
    token_idx (0-based within the entry), token (normalized, see :func:`analysis.tokens.tokenize`),
    start, end (offsets into the entry text), is_stop (in the shipped stop-word list); sorted by
    report_id, entry_id, token_idx.
    """
    require_columns(entries, ["entry_id", "report_id", "text"])
    require_columns(sentences, ["entry_id", "sentence_idx", "start"])
    bounds: dict[str, tuple[list[int], list[int]]] = {}
    for entry_id, idx, start in zip(sentences["entry_id"], sentences["sentence_idx"],
                                    sentences["start"], strict=True):
        starts, idxs = bounds.setdefault(entry_id, ([], []))
        starts.append(int(start))
        idxs.append(int(idx))
    stop = stopwords()
    rows = []
    for entry_id, report_id, text in zip(entries["entry_id"], entries["report_id"],
                                         entries["text"], strict=True):
        starts, idxs = bounds.get(entry_id, ([], []))
        for k, tok in enumerate(tokenize(text if isinstance(text, str) else "")):
            pos = bisect_right(starts, tok.start) - 1
            idx = idxs[pos] if pos >= 0 else 0
            rows.append((report_id, entry_id, idx, k, tok.norm, tok.start, tok.end, tok.norm in stop))
    table = typed(
        pd.DataFrame(rows, columns=TOKEN_COLUMNS),
        ints=["sentence_idx", "token_idx", "start", "end"],
        strs=["report_id", "entry_id", "token"],
        bools=["is_stop"],
    )
    return table.sort_values(["report_id", "entry_id", "token_idx"], kind="stable",
                             ignore_index=True)


def annotate(
    entries: pd.DataFrame,
    *,
    gazetteer: Gazetteer | str | Path | None = None,
    frames_lexicon: FrameLexicon | str | Path | None = None,
) -> dict[str, pd.DataFrame]:
    """Annotate the entries of a report (or of several; each entry is handled on its own).

    Parameters
    ----------
    entries : the entries table (entry_id, report_id, text, ...); not modified
    gazetteer : a :class:`~analysis.mentions.Gazetteer`, a user actors TOML file extending the
        shipped one, or None for the shipped one
    frames_lexicon : a :class:`~analysis.framing.FrameLexicon`, a user frames TOML file, or None

    Returns
    -------
    dict with the tables (columns as in ``docs/architecture.md``; integer columns int64, text
    columns str, ``is_stop`` bool, tones float64; empty tables keep their columns):

    - ``"sentences"``: report_id, entry_id, sentence_idx, text, start, end, tone, tone_masked
    - ``"tokens"``: report_id, entry_id, sentence_idx, token_idx, token, start, end, is_stop
    - ``"mentions"``: report_id, entry_id, sentence_idx, actor, alias, start, end
    - ``"frames"``: report_id, entry_id, sentence_idx, frame, term, start, end
    """
    require_columns(entries, ["entry_id", "report_id", "text"])
    gaz = resolve_gazetteer(gazetteer)
    lexicon = resolve_frames(frames_lexicon)
    sents = sentences(entries)
    found = mentions(sents, entries, gazetteer=gaz)
    return {
        "sentences": add_tone(sents, found),
        "tokens": token_table(sents, entries),
        "mentions": found,
        "frames": frames(sents, entries, lexicon=lexicon, mentions=found),
    }
