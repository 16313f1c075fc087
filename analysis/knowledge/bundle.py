"""The one knowledge value: every knowledge file of a corpus, loaded once, with its digest.

A :class:`Knowledge` holds the outlet spellings, the words of attributions, the boilerplate
patterns, the actor gazetteer, the frame lexicon, the tone lexicon and the tone model, each the
shipped file of ``analysis/data/`` extended (the model: replaced) by a user's file when one is
given. It is what a corpus was read
and annotated with: :func:`analysis.load_corpus` records it on the Corpus
(``corpus.knowledge``), hands it to the annotation engine and keys the caches with its digest,
and the measures check actor names against its gazetteer. It is
immutable and hashable (by digest), so it can key caches and travel to worker processes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from analysis.knowledge.attribution_words import load_attribution_words
from analysis.knowledge.boilerplate import boilerplate_patterns
from analysis.knowledge.files import stamped
from analysis.knowledge.frame_lexicon import load_frames
from analysis.knowledge.gazetteer import load_gazetteer
from analysis.knowledge.outlets import outlets
from analysis.knowledge.tone_lexicon import load_tone
from analysis.knowledge.tone_model import load_tone_model

__all__ = ["PARTS", "Knowledge", "load_knowledge", "shipped_knowledge"]

#: The parts of a Knowledge, with the shipped file each starts from.
PARTS = {"outlets": "outlets.toml", "attribution": "attribution.toml",
         "boilerplate": "boilerplate.toml", "gazetteer": "actors.toml", "frames": "frames.toml",
         "tone": "tone.toml", "tone_model": "tone_model.json"}
#: Further shipped files a part depends on (the tone model: the word lists and phrases of its
#: features; the gazetteer: the outlet names, which name no actor).
ALSO = {"tone_model": ("tone_features.toml", "tone_phrases.toml"), "gazetteer": ("outlets.toml",)}
#: Shipped files that every part depends on (the tokenizer's stop words, Punkt's abbreviations).
SHARED = ("stopwords.txt", "abbreviations.txt")


class _Part:
    """A part of :class:`Knowledge`: compiled from its user file (``files[name]``, None for the
    shipped one alone) by ``load`` when first read, then kept on the instance."""

    def __init__(self, load) -> None:
        self.load = load

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, knowledge, owner=None):
        if knowledge is None:
            return self
        part = knowledge.__dict__[self.name] = self.load(knowledge.files.get(self.name))
        return part


@dataclass(frozen=True, eq=False)
class Knowledge:
    """The knowledge a corpus is read and annotated with (build it with :func:`load_knowledge`).

    Attributes
    ----------
    outlets : outlet spellings -> canonical names
    attribution : the words of an attribution (genres, roles, what is not a publication ...)
    boilerplate : compiled whole-line patterns of page furniture
    gazetteer : actors and their aliases
    frames : the frame lexicon
    tone : the tone lexicon (domain valences and clause rules of the tone aimed at each actor)
    tone_model : the tone model (:mod:`analysis.knowledge.tone_model`); a user file replaces
        the shipped one (a model written by ``benchmarks/tone_training.py``)
    files : the user file of each part (absolute path), None where only the shipped one is used
    digests : SHA-256 of each part's files (shipped and user), see :meth:`digest`
    """

    files: dict[str, str | None] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)

    # Each part is compiled when first used (then kept): a corpus read back from its snapshot
    # needs the digests only. load_knowledge compiles every part at once, so that a malformed
    # user file is reported there.
    # (class attributes, not fields: the parts are not given to the constructor)
    outlets = _Part(outlets)
    attribution = _Part(load_attribution_words)
    boilerplate = _Part(boilerplate_patterns)
    gazetteer = _Part(load_gazetteer)
    frames = _Part(load_frames)
    tone = _Part(load_tone)
    tone_model = _Part(load_tone_model)

    def compiled(self) -> Knowledge:
        """This knowledge with every part compiled (raises on a malformed file); itself."""
        for part in PARTS:
            getattr(self, part)
        return self

    def digest(self, *parts: str) -> str:
        """SHA-256 (hex) of the files of ``parts`` (default: every part) and the shared files."""
        chosen = parts or tuple(PARTS)
        unknown = sorted(set(chosen) - set(PARTS))
        if unknown:
            raise ValueError(f"unknown knowledge part(s) {unknown}; valid: {sorted(PARTS)}")
        text = "\n".join(f"{p}={self.digests[p]}" for p in sorted(chosen))
        return hashlib.sha256(f"{text}\nshared={self.digests['shared']}".encode()).hexdigest()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Knowledge) and other.digest() == self.digest()

    def __hash__(self) -> int:
        return hash(self.digest())

    def __repr__(self) -> str:
        user = {k: v for k, v in self.files.items() if v}
        return f"Knowledge(user files: {user or 'none'}; digest {self.digest()[:12]})"


def _file_digest(*texts: bytes) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(len(text).to_bytes(8, "big") + text)
    return digest.hexdigest()


def _shipped(name: str) -> bytes:
    return resources.files("analysis").joinpath(f"data/{name}").read_bytes()


@lru_cache(maxsize=16)
def _load(files: tuple[tuple[str, str | None, tuple | None], ...]) -> Knowledge:
    paths = {part: path for part, path, _ in files}
    digests = {part: _file_digest(*(_shipped(name) for name in (PARTS[part], *ALSO.get(part, ()))),
                                  Path(paths[part]).read_bytes() if paths[part] else b"")
               for part in PARTS}
    digests["shared"] = _file_digest(*(_shipped(name) for name in SHARED))
    return Knowledge(files=paths, digests=digests)


def load_knowledge(*, outlets: str | os.PathLike | None = None,
                   attribution: str | os.PathLike | None = None,
                   boilerplate: str | os.PathLike | None = None,
                   gazetteer: str | os.PathLike | None = None,
                   frames: str | os.PathLike | None = None,
                   tone: str | os.PathLike | None = None,
                   tone_model: str | os.PathLike | None = None) -> Knowledge:
    """The shipped knowledge files, each extended by the user's file given for it.

    Parameters
    ----------
    outlets, attribution, boilerplate, gazetteer, frames, tone : a user TOML file extending (or
        overriding keys of) ``analysis/data/outlets.toml``, ``attribution.toml``,
        ``boilerplate.toml``, ``actors.toml``, ``frames.toml``, ``tone.toml``
    tone_model : a tone model file (``benchmarks/tone_training.py --out``) used instead of the
        shipped ``tone_model.json``

    Raises ValueError naming the file when a file is malformed, OSError when it cannot be read.
    The result is cached until a file changes (modification time or size).
    """
    given = {"outlets": outlets, "attribution": attribution, "boilerplate": boilerplate,
             "gazetteer": gazetteer, "frames": frames, "tone": tone, "tone_model": tone_model}
    return _load(tuple((part, *stamped(given[part])) for part in PARTS)).compiled()


def shipped_knowledge() -> Knowledge:
    """The shipped knowledge files, each part compiled when first used (they are known to be
    well formed): what :func:`analysis.load_corpus` uses when given none, so that reading a
    corpus back from its snapshot does not compile lexicons it may never use."""
    return _load(tuple((part, *stamped(None)) for part in PARTS))
