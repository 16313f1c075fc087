"""Sentence splitting: NLTK's Punkt with the abbreviations shipped in ``analysis/data``.

Punkt (Kiss & Strunk 2006, "Unsupervised Multilingual Sentence Boundary Detection",
*Computational Linguistics* 32(4)) decides at every ``.``, ``?`` and ``!`` whether it ends a
sentence, from a table of abbreviations and orthographic heuristics. NLTK's pretrained English
model needs a download, which is not available; instead the tokenizer is NLTK's
:class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` with
:class:`~nltk.tokenize.punkt.PunktParameters` holding only

* the abbreviations of ``analysis/data/abbreviations.txt`` (single letters for initials, ``no``,
  ``u.s``, ``mr``, ``st``, ``e.g``, ``i.e``, ``dr``, ``etc`` ...): a period after them is not a
  boundary ("In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote ..." is one sentence);
* a short list of sentence starters, so that an abbreviation followed by a capitalized
  starter ("... than the U.S. The ...") still ends the sentence (Punkt's rule 4.2).

The splits are NLTK's; the work is done by :class:`analysis.annotate.punkt.Punkt`, which makes
NLTK's decisions for such parameters several times faster (and imports no NLTK), built once per
process. Nothing is trained on the corpus, on purpose: the split of a text depends on that text
alone, so adding a report never changes the sentences (and the ``sentence_idx``) of another
report, and a report's sentences are the same whether it is read alone or in a corpus.

Paragraph breaks (a blank line, ``"\\n\\n"``, inside an entry) always end a sentence.

NLTK runs Punkt's regular expressions under a wall-clock limit (5 s, ``nltk/redos.py``), which a
paragraph of a few megabytes exceeds. A paragraph longer than
:data:`~analysis.text.tokenize.MAX_CHUNK` characters is therefore split in pieces of at most
that size, each cut after the last sentence end (``.``, ``?`` or ``!`` and a space) in its
second half, or else at whitespace; each piece ends a sentence. Paragraphs of ordinary length
are split exactly as before. (:class:`~analysis.annotate.punkt.Punkt` has no time limit, but the
pieces stay, so that the splits stay NLTK's.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pandas as pd

from analysis.annotate.punkt import Punkt
from analysis.tables import in_order, require_columns, typed_rows
from analysis.text.tokenize import MAX_CHUNK, chunks

__all__ = ["SENTENCE_COLUMNS", "abbreviations", "sentences", "split_sentences",
           "with_sentence_text"]

SENTENCE_COLUMNS = ["report_id", "entry_id", "sentence_idx", "text", "start", "end"]

#: Capitalized words that start a sentence after an abbreviation ("etc. The ...").
SENT_STARTERS = frozenset({
    "the", "this", "these", "those", "that", "there", "it", "its", "he", "she", "they", "we",
    "his", "her", "their", "our", "a", "an", "in", "on", "at", "for", "from", "as", "but",
    "however", "yet", "so", "if", "when", "while", "although", "though", "after", "before",
    "since", "thus", "still", "also", "moreover", "meanwhile", "nor",
})

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
#: Where a long paragraph is best cut: after a sentence end and its closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.?!][\"'”’)\]]*\s+")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The shipped abbreviations, lowercased, without their final period (Punkt's form)."""
    text = resources.files("analysis").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    items = (line.split("#", 1)[0].strip().casefold() for line in text.splitlines())
    return frozenset(item.removesuffix(".") for item in items if item)


@lru_cache(maxsize=1)
def _punkt() -> Punkt:
    """The tokenizer, built once per process (NLTK's decisions, :mod:`analysis.annotate.punkt`)."""
    return Punkt(abbreviations(), SENT_STARTERS)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``: ``text[start:end]`` is a sentence.

    Spans are in order, do not overlap, never start or end with whitespace, and never cross a
    paragraph break. Whitespace-only text has no sentence.

    Examples
    --------
    >>> t = "In MEiMO, no. 1, Olga N. Borokh wrote. The U.S. agreed."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['In MEiMO, no. 1, Olga N. Borokh wrote.', 'The U.S. agreed.']
    """
    spans: list[tuple[int, int]] = []
    punkt = _punkt()
    pos = 0
    for block_end, next_start in [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + [
        (len(text), len(text))
    ]:
        block = text[pos:block_end]
        for lo, hi in chunks(block, MAX_CHUNK, prefer=_SENTENCE_END):
            piece_text = block if hi - lo == len(block) else block[lo:hi]
            for start, end in punkt.span_tokenize(piece_text):
                piece = piece_text[start:end]
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                if end - trail > start + lead:
                    spans.append((pos + lo + start + lead, pos + lo + end - trail))
        pos = next_start
    return spans


def sentences(entries: pd.DataFrame) -> pd.DataFrame:
    """The sentences table of ``entries`` (Punkt with shipped abbreviations; Kiss & Strunk 2006).

    Parameters
    ----------
    entries : DataFrame with columns entry_id, report_id, text (one row per entry)

    Returns
    -------
    DataFrame with columns report_id, entry_id, sentence_idx (0-based within the entry), text
    (exactly ``entry.text[start:end]``, original characters), start, end (offsets into the entry
    text); sorted by report_id, entry_id, sentence_idx. Integer columns are int64, text columns
    ``str``. An empty table keeps these columns.
    """
    require_columns(entries, ["entry_id", "report_id", "text"])
    rows = []
    for entry_id, report_id, text in zip(
        entries["entry_id"].tolist(), entries["report_id"].tolist(), entries["text"].tolist(),
        strict=True,
    ):
        text = text if isinstance(text, str) else ""
        for idx, (start, end) in enumerate(split_sentences(text)):
            rows.append((report_id, entry_id, idx, text[start:end], start, end))
    table = typed_rows(rows, SENTENCE_COLUMNS, ints=["sentence_idx", "start", "end"],
                       strs=["report_id", "entry_id", "text"])
    return in_order(table, ["report_id", "entry_id", "sentence_idx"])


def with_sentence_text(sentences: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """The sentences table with its documented columns: a table kept without its text (as the
    engine keeps it) gets ``text`` again, ``entry.text[start:end]``, after ``sentence_idx``. A
    table that has its text already is returned as it is."""
    if "text" in sentences.columns or "start" not in sentences.columns:
        return sentences
    from analysis.tables import entry_slices

    text = entry_slices(entries, sentences["entry_id"], sentences["start"], sentences["end"])
    out = sentences.copy(deep=False)
    out.insert(out.columns.get_loc("sentence_idx") + 1, "text", text)
    return out
