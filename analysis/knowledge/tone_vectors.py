"""Static word vectors of the tone model: word meaning beyond its coded corpus.

A linear model over words learns a weight only for the words of its training pairs; the
vectors let it weigh a word it never saw by the words it resembles ("stagnation" like
"decline"). ``analysis/data/tone_vectors.npy`` holds one float16 row per word of
``analysis/data/tone_vectors.txt`` (normalized as :func:`analysis.text.tokenize.normalize`
does), unit length, distilled once from the sentence encoder all-MiniLM-L6-v2 (Model2Vec's way,
Tulkens & van Dongen 2024: each word through the encoder alone, mean-pooled, reduced by PCA;
``benchmarks/tone_vectors.py``; Apache-2.0, ``analysis/data/MINILM_LICENSE.txt``). Read with
NumPy only: nothing is downloaded, no encoder runs at run time. The model file records the
SHA-256 of both files (:attr:`ToneVectors.digest`); a model trained with another table does not
load.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = ["ToneVectors", "load_tone_vectors"]

_WORDS, _TABLE = "tone_vectors.txt", "tone_vectors.npy"


@dataclass(frozen=True, eq=False)
class ToneVectors:
    """The word vectors (build with :func:`load_tone_vectors`); hashable by digest.

    index : word -> row of ``table``
    table : (n_words + 1, dims) float64; the last row is zeros, the row of every unknown word
    digest : SHA-256 of the words file and the table file
    """

    index: dict[str, int]
    table: np.ndarray
    digest: str

    @property
    def dims(self) -> int:
        return int(self.table.shape[1])

    @property
    def unknown(self) -> int:
        """The row of a word without a vector (zeros)."""
        return len(self.table) - 1

    def row(self, word: str) -> int:
        """The row of normalized ``word`` (:attr:`unknown` when it has none)."""
        return self.index.get(word, len(self.table) - 1)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ToneVectors) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def vectors_from_bytes(words: bytes, table: bytes, source: str) -> ToneVectors:
    """A :class:`ToneVectors` from the two files' bytes (ValueError naming ``source``)."""
    names = words.decode("utf-8").split("\n")
    names = names[:-1] if names and names[-1] == "" else names
    try:
        matrix = np.load(io.BytesIO(table), allow_pickle=False)
    except ValueError as exc:
        raise ValueError(f"{source}: not a vector table ({exc})") from None
    if matrix.ndim != 2 or len(matrix) != len(names):
        raise ValueError(f"{source}: {matrix.shape} rows for {len(names)} words")
    full = np.zeros((len(names) + 1, matrix.shape[1]), dtype=np.float64)
    full[:-1] = matrix
    digest = hashlib.sha256(hashlib.sha256(words).digest() + hashlib.sha256(table).digest())
    return ToneVectors({w: i for i, w in enumerate(names)}, full, digest.hexdigest())


@lru_cache(maxsize=1)
def load_tone_vectors() -> ToneVectors:
    """The shipped word vectors (``analysis/data/tone_vectors.{txt,npy}``), read once."""
    data = resources.files("analysis").joinpath("data")
    return vectors_from_bytes(data.joinpath(_WORDS).read_bytes(),
                              data.joinpath(_TABLE).read_bytes(), f"analysis/data/{_TABLE}")
