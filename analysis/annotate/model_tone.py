"""Tone aimed at each actor, scored by the tone model on the features of its (sentence, actor) pair.

The codebook (``docs/tone-codebook.md``) labels a (sentence, actor) pair -1, 0 or +1 by how the
sentence portrays the actor. For each pair of a report, :func:`add_model_tone` computes the
features of :func:`analysis.annotate.tone_features.pair_features` once (the clause-lexicon
score of each mention, :func:`analysis.annotate.clause_tone.add_targeted_tone`, is one of them),
scores all pairs of the report at once with the model
(:meth:`analysis.knowledge.tone_model.ToneModel.scores`, one sparse product) and gives every
mention of the pair the pair's class probabilities and its expected score
``tone = P(+1) - P(-1)``. The features of a sentence are cached by its text and mentions.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.annotate.clause_tone import add_targeted_tone
from analysis.annotate.tone_features import pair_features
from analysis.knowledge.tone_lexicon import ToneLexicon
from analysis.knowledge.tone_model import ToneModel
from analysis.knowledge.tone_words import ToneWords, load_tone_words

__all__ = ["PROBABILITY_COLUMNS", "add_model_tone"]

#: The class probabilities of a mention's pair, in the order of the labels -1, 0, +1.
PROBABILITY_COLUMNS = ("p_negative", "p_neutral", "p_positive")


@lru_cache(maxsize=16384)
def _sentence_rows(text: str, mentions: tuple[tuple[str, int, int], ...], aimed: tuple[float, ...],
                   sentence: float, masked: float, lexicon: ToneLexicon, words: ToneWords,
                   model: ToneModel) -> tuple[tuple[str, tuple], ...]:
    """``(actor, encoded features)`` of each pair of a sentence, computed once per sentence."""
    features = pair_features(text, mentions, lexicon=lexicon, words=words, aimed=aimed,
                             sentence_tone=sentence, masked_tone=masked)
    return tuple((actor, model.encode(row)) for actor, row in features.items())


def add_model_tone(mentions: pd.DataFrame, sentences: pd.DataFrame, lexicon: ToneLexicon,
                   model: ToneModel) -> pd.DataFrame:
    """The mentions table with the model's tone of each mention's pair (a copy).

    Parameters
    ----------
    mentions : entry_id, sentence_idx, actor, start, end (offsets into the entry text), ...
    sentences : entry_id, sentence_idx, text, start, tone, tone_masked (the sentence's VADER
        scores, :func:`analysis.annotate.sentence_tone.add_tone`)
    lexicon : the tone lexicon (:func:`analysis.knowledge.tone_lexicon.load_tone`)
    model : the tone model (:func:`analysis.knowledge.tone_model.load_tone_model`)

    Returns
    -------
    ``mentions`` plus float64 columns: tone (``p_positive - p_negative``, in [-1, 1]),
    p_negative, p_neutral, p_positive (the pair's class probabilities, summing to 1) and
    tone_lexicon (the clause-lexicon score of the mention,
    :func:`analysis.annotate.clause_tone.add_targeted_tone`). Every mention of one actor in one
    sentence has its pair's tone and probabilities.
    """
    words = load_tone_words()
    lexical_tone = add_targeted_tone(mentions, sentences, lexicon)["tone"].to_numpy(np.float64)
    out = mentions
    n = len(out)
    if n:
        where = {(e, int(i)): (t, int(s), float(a), float(b)) for e, i, t, s, a, b in zip(
            *(sentences[c].tolist() for c in ("entry_id", "sentence_idx", "text", "start", "tone",
                                             "tone_masked")), strict=True)}
        by_sentence: dict[tuple, list[int]] = {}
        keys = list(zip(out["entry_id"].tolist(), out["sentence_idx"].astype(int).tolist(),
                        strict=True))
        for row, key in enumerate(keys):
            by_sentence.setdefault(key, []).append(row)
        actors, starts, ends = (out[c].tolist() for c in ("actor", "start", "end"))
        lexical = lexical_tone.tolist()
        rows, pair_of = [], np.empty(n, dtype=np.int64)
        for key, members in by_sentence.items():
            text, offset, sentence, masked = where[key]
            found = tuple((actors[r], starts[r] - offset, ends[r] - offset) for r in members)
            pairs = _sentence_rows(text, found, tuple(lexical[r] for r in members), sentence,
                                   masked, lexicon, words, model)
            first = {}
            for actor, row in pairs:
                first[actor] = len(rows)
                rows.append(row)
            for r in members:
                pair_of[r] = first[actors[r]]
        probabilities = model.scores(rows)[pair_of]
    else:
        probabilities = np.zeros((0, 3))
    tone = probabilities[:, 2] - probabilities[:, 0]
    added = pd.DataFrame({"tone": tone,
                          **{c: probabilities[:, k] for k, c in enumerate(PROBABILITY_COLUMNS)},
                          "tone_lexicon": lexical_tone}, index=mentions.index, dtype="float64")
    return pd.concat([mentions, added], axis=1)  # one new frame: no column inserted one by one
