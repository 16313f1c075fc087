"""Annotation of one report: its entries into sentences, tokens, mentions and frames.

Runs the annotators in their one order: sentences (:mod:`analysis.annotate.sentences`, Punkt),
word tokens (:mod:`analysis.annotate.tokens`), actor mentions and frame terms
(:mod:`analysis.annotate.mentions`, frame terms ignoring words inside actor names), the tone of
each sentence (:mod:`analysis.annotate.sentence_tone`, VADER) and the tone aimed at each mention
(:mod:`analysis.annotate.model_tone`: the tone model over the features of each (sentence, actor)
pair, beside the clause-lexicon score of :mod:`analysis.annotate.clause_tone`). Every step depends on the report's own text only, so
reports can be annotated one at a time (or in parallel) and the tables concatenated.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.annotate.mentions import frames, mentions
from analysis.annotate.model_tone import add_model_tone
from analysis.annotate.sentence_tone import add_tone
from analysis.annotate.sentences import sentences
from analysis.annotate.tokens import token_table
from analysis.knowledge.frame_lexicon import FrameLexicon, resolve_frames
from analysis.knowledge.gazetteer import Gazetteer, resolve_gazetteer
from analysis.knowledge.tone_lexicon import ToneLexicon, resolve_tone
from analysis.knowledge.tone_model import ToneModel, resolve_tone_model
from analysis.tables import require_columns

__all__ = ["annotate"]


def annotate(
    entries: pd.DataFrame,
    *,
    gazetteer: Gazetteer | str | Path | None = None,
    frames_lexicon: FrameLexicon | str | Path | None = None,
    tone_lexicon: ToneLexicon | str | Path | None = None,
    tone_model: ToneModel | str | Path | None = None,
    tokens: bool = True,
) -> dict[str, pd.DataFrame]:
    """Annotate the entries of a report (or of several; each entry is handled on its own).

    Parameters
    ----------
    entries : the entries table (entry_id, report_id, text, ...); not modified
    gazetteer : a :class:`~analysis.knowledge.gazetteer.Gazetteer`, a user actors TOML file extending the
        shipped one, or None for the shipped one
    frames_lexicon : a :class:`~analysis.knowledge.frame_lexicon.FrameLexicon`, a user frames TOML file, or None
    tone_lexicon : a :class:`~analysis.knowledge.tone_lexicon.ToneLexicon`, a user tone TOML file, or None
    tone_model : a :class:`~analysis.knowledge.tone_model.ToneModel`, a model file, or None for
        the shipped one
    tokens : also build the tokens table (the engine does not: a corpus builds it on demand)

    Returns
    -------
    dict with the tables (columns as in ``docs/architecture.md``; integer columns int64, text
    columns str, ``is_stop`` bool, tones float64; empty tables keep their columns):

    - ``"sentences"``: report_id, entry_id, sentence_idx, text, start, end, tone, tone_masked
    - ``"tokens"`` (unless ``tokens=False``): report_id, entry_id, sentence_idx, token_idx, token, start, end, is_stop
    - ``"mentions"``: report_id, entry_id, sentence_idx, actor, alias, start, end, tone (the
      tone model's expected score of the (sentence, actor) pair, P(+1) - P(-1)), p_negative,
      p_neutral, p_positive (its class probabilities), tone_lexicon (the clause-lexicon score);
      :func:`analysis.annotate.model_tone.add_model_tone`
    - ``"frames"``: report_id, entry_id, sentence_idx, frame, term, start, end
    """
    require_columns(entries, ["entry_id", "report_id", "text"])
    gaz = resolve_gazetteer(gazetteer)
    lexicon = resolve_frames(frames_lexicon)
    sents = sentences(entries)
    found = mentions(sents, entries, gazetteer=gaz)
    scored = add_tone(sents, found)
    tables = {
        "sentences": scored,
        "mentions": add_model_tone(found, scored, resolve_tone(tone_lexicon),
                                   resolve_tone_model(tone_model)),
        "frames": frames(sents, entries, lexicon=lexicon, mentions=found),
    }
    if tokens:
        tables["tokens"] = token_table(sents, entries)
    return tables
