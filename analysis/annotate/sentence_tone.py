"""Tone of each sentence: the VADER compound score as written and with actor names masked.

``tone`` is the VADER compound score of the sentence (Hutto & Gilbert 2014), computed for all
sentences of a table at once (:func:`analysis.annotate.vader.compounds`).
``tone_masked`` scores the sentence with every actor alias replaced, word for word, by the
placeholder "Actor" ("ACTOR" for a word in capitals, so the capitals rule sees the same
sentence), which is in no VADER list: "the United States" no longer lends the sentence the
valence of "united" (+1.8), "Security Council" that of "security" (+1.4). The number of words is
unchanged, so boosters and negations keep their distances to the other words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis.annotate.vader import analyzer, compounds

__all__ = ["PLACEHOLDER", "add_tone", "mask"]

PLACEHOLDER = "Actor"
_WORD = re.compile(r"\S+")


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every word inside the ``(start, end)`` spans replaced by the placeholder.

    Each run of non-space characters in a span becomes "Actor" ("ACTOR" when the run is in
    capitals); spaces are kept, so the sentence keeps its number of words.

    Examples
    --------
    >>> mask("Beyond the United States and NATO.", [(7, 24), (29, 33)])
    'Beyond Actor Actor Actor and ACTOR.'
    """
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end > start:
            out += [text[pos:start], _WORD.sub(_placeholder, text[start:end])]
            pos = end
    out.append(text[pos:])
    return "".join(out)


def _placeholder(match: re.Match[str]) -> str:
    return PLACEHOLDER.upper() if match.group().isupper() else PLACEHOLDER


def add_tone(sentences: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The sentences table with ``tone`` and ``tone_masked`` added (a copy; input unchanged).

    Parameters
    ----------
    sentences : the sentences table (entry_id, sentence_idx, text, start)
    mentions : the mentions table (entry_id, sentence_idx, start, end), offsets into the entry
        text; None or empty: ``tone_masked`` equals ``tone``

    Returns
    -------
    ``sentences`` plus two float64 columns: tone (VADER compound of the sentence as written) and
    tone_masked (the same with actor aliases masked; see the module notes). Hutto & Gilbert 2014.
    """
    spans: dict[tuple, list[tuple[int, int]]] = {}
    if mentions is not None and len(mentions):
        for entry_id, idx, start, end in zip(
                *(mentions[c].tolist() for c in ("entry_id", "sentence_idx", "start", "end")),
                strict=True):
            spans.setdefault((entry_id, int(idx)), []).append((int(start), int(end)))
    texts = sentences["text"].tolist()
    tones = compounds(texts)
    masked = tones.copy()
    redo, hidden = [], []
    if spans:
        vader = analyzer()
        for k, (entry_id, idx, start) in enumerate(zip(
                *(sentences[c].tolist() for c in ("entry_id", "sentence_idx", "start")),
                strict=True)):
            own = spans.get((entry_id, int(idx)))
            if own:
                text = texts[k]
                masked_text = mask(text, [(a - start, b - start) for a, b in own])
                if not vader.same_score(text, masked_text):
                    redo.append(k)
                    hidden.append(masked_text)
    if redo:
        masked[redo] = compounds(hidden)
    out = sentences.copy()
    out["tone"] = pd.Series(tones, index=out.index, dtype="float64")
    out["tone_masked"] = pd.Series(masked, index=out.index, dtype="float64")
    return out
