"""Frames: which lenses (security, economy, diplomacy, ...) each sentence evokes.

A dictionary method (as quanteda's ``tokens_lookup`` with a frame dictionary, or Boydstun et
al.'s policy frames codebook turned into word lists): each frame of ``analysis/data/frames.toml``
(extendable with a user file) is a list of terms, matched through the one tokenizer with the
rules of :mod:`analysis.tokens`, leftmost-longest; a trailing ``*`` is a prefix match
("sanction*" = sanctions, sanctioned). A sentence evokes a frame when it holds one of its terms.
Words that belong to an actor's name ("Security Council", "Shanghai Cooperation Organization")
do not count when the mentions table is given.
"""

from __future__ import annotations

import warnings
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from analysis.lexicons import layers, stamped
from analysis.sentences import require_columns, typed
from analysis.tokens import Phrase, PhraseMatcher, compile_phrase, tokenize

__all__ = ["FRAME_COLUMNS", "FrameLexicon", "frames", "load_frames", "resolve_frames"]

FRAME_COLUMNS = ["report_id", "entry_id", "sentence_idx", "frame", "term", "start", "end"]
_FILE = "frames.toml"


@dataclass(frozen=True, eq=False)
class FrameLexicon:
    """Compiled frame terms: ``entries`` holds ``(phrase, frame)``; ``labels`` frame -> label."""

    entries: tuple[tuple[Phrase, str], ...]
    labels: dict[str, str]
    sources: tuple[str, ...]

    @property
    def frames(self) -> tuple[str, ...]:
        """Frame keys in file order."""
        return tuple(self.labels)

    def terms(self, frame: str) -> tuple[str, ...]:
        """The terms of ``frame`` as written in the TOML files."""
        return tuple(p.text for p, f in self.entries if f == frame)

    @cached_property
    def matcher(self) -> PhraseMatcher:
        return PhraseMatcher(self.entries)


def _compile(docs: list[tuple[str, dict]]) -> FrameLexicon:
    terms: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    origin: dict[str, str] = {}
    for source, doc in docs:
        table = doc.get("frames", {})
        if set(doc) - {"frames"} or not isinstance(table, dict):
            raise ValueError(f"{source}: expected [frames.<key>] tables only; found {sorted(doc)}")
        for frame, spec in table.items():
            if not isinstance(spec, dict) or set(spec) - {"label", "terms", "replace"}:
                raise ValueError(f"{source}: [frames.{frame}] takes only label, terms and replace")
            new = spec.get("terms", [])
            if not isinstance(new, list) or not all(isinstance(t, str) for t in new):
                raise ValueError(f"{source}: frame {frame!r}: terms must be a list of strings")
            if spec.get("replace", False):
                terms[frame] = []
            terms.setdefault(frame, []).extend(new)
            labels[frame] = str(spec.get("label", labels.get(frame, frame)))
            origin[frame] = source
    entries = []
    for frame, items in terms.items():
        for text in dict.fromkeys(items):
            phrase, problem = compile_phrase(text, wildcards=True)
            if problem:
                warnings.warn(f"{origin[frame]}: term {text!r} of frame {frame!r}: {problem}",
                              UserWarning, stacklevel=4)
            if phrase is not None:
                entries.append((phrase, frame))
    return FrameLexicon(tuple(entries), labels, tuple(source for source, _ in docs))


@lru_cache(maxsize=16)
def _load(path: str | None, stamp: tuple[int, int] | None, extend: bool) -> FrameLexicon:
    return _compile(layers(_FILE, path, extend=extend))


def load_frames(path: str | Path | None = None, *, extend: bool = True) -> FrameLexicon:
    """Load the shipped frame lexicon, extended (or, with ``extend=False``, replaced) by ``path``.

    Warns (``UserWarning`` naming the file, term and frame) about a term that cannot match
    through the tokenizer as written; raises ValueError on a malformed file. Cached until the
    file changes.
    """
    return _load(*stamped(path), extend or path is None)


def resolve_frames(lexicon: FrameLexicon | str | Path | None) -> FrameLexicon:
    """A FrameLexicon as given, loaded from a user file path, or the shipped one for None."""
    return lexicon if isinstance(lexicon, FrameLexicon) else load_frames(lexicon)


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
    lexicon : a :class:`FrameLexicon`, a user TOML file extending the shipped one, or None
    mentions : the mentions table; a term lying wholly inside an actor mention is dropped

    Returns
    -------
    DataFrame with columns report_id, entry_id, sentence_idx, frame (key, e.g. "security"),
    term (as written: ``entry.text[start:end]``), start, end (offsets into the entry text);
    sorted by report_id, entry_id, start, end, frame.
    """
    require_columns(sentences, ["report_id", "entry_id", "sentence_idx", "start", "end"])
    require_columns(entries, ["entry_id", "text"])
    matcher = resolve_frames(lexicon).matcher
    texts = dict(zip(entries["entry_id"], entries["text"], strict=True))
    names: dict[str, list[tuple[int, int]]] = {}
    if mentions is not None:
        for entry_id, start, end in zip(mentions["entry_id"], mentions["start"], mentions["end"],
                                        strict=True):
            names.setdefault(entry_id, []).append((int(start), int(end)))
    rows = []
    current, text, toks, starts, spans = None, "", [], [], []
    for report_id, entry_id, idx, start, end in zip(
        sentences["report_id"], sentences["entry_id"], sentences["sentence_idx"],
        sentences["start"], sentences["end"], strict=True,
    ):
        if entry_id != current:
            if entry_id not in texts:
                raise KeyError(f"sentence of entry {entry_id!r}, which is not in the entries table")
            current, text = entry_id, texts[entry_id]
            toks = tokenize(text)
            starts = [t.start for t in toks]
            spans = names.get(entry_id, [])
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        for t_start, t_end, labels in matcher.find(text, toks[lo:hi]):
            if any(a <= t_start and t_end <= b for a, b in spans):
                continue
            for frame in labels:
                rows.append((report_id, entry_id, idx, frame, text[t_start:t_end], t_start, t_end))
    table = typed(
        pd.DataFrame(rows, columns=FRAME_COLUMNS),
        ints=["sentence_idx", "start", "end"],
        strs=["report_id", "entry_id", "frame", "term"],
    )
    return table.sort_values(["report_id", "entry_id", "start", "end", "frame"], kind="stable",
                             ignore_index=True)
