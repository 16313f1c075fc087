"""Frame lexicons: which lenses (security, economy, diplomacy, ...) a sentence can evoke.

A dictionary method (as quanteda's ``tokens_lookup`` with a frame dictionary, or Boydstun et
al.'s policy frames codebook turned into word lists): each frame of ``analysis/data/frames.toml``
(extendable with a user file) is a list of terms, compiled with
:func:`analysis.text.phrases.compile_phrase` (a trailing ``*`` is a prefix match: "sanction*" =
sanctions, sanctioned). :mod:`analysis.annotate.mentions` finds them in the sentences.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from analysis.knowledge.files import layers, stamped
from analysis.text.phrases import Phrase, PhraseMatcher, compile_phrase

__all__ = ["FrameLexicon", "load_frames", "resolve_frames"]

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
