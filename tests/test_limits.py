"""Size and time limits that are the project's own (issue 13), written in the README.

NLTK stops every regular expression after 5 s (``nltk/redos.py``); the tokenizer and the
sentence splitter work in pieces of at most ``MAX_CHUNK`` characters, so no text is stopped by
that limit. A title year outside 1900-2100 is a problem of that report, not a crash.
"""

from __future__ import annotations

import shutil
import time
import warnings

import pytest
import regex

from analysis.annotate.sentences import split_sentences
from analysis.cli.main import main
from analysis.corpus import load_corpus
from analysis.read.reports import MAX_BYTES
from analysis.text.tokenize import MAX_CHUNK, TOKEN_PATTERN, tokenize

PARAGRAPH = "The talks went on for hours. Nobody said anything new about China or Japan’s ally.\n\n"


def reference_tokens(text: str) -> list[tuple[int, int]]:
    """The token spans of the whole text in one scan, without any time limit."""
    out = []
    for m in regex.compile(TOKEN_PATTERN).finditer(text):
        a, b = m.span()
        if b - a > 2 and text[a:b].endswith(("'s", "’s", "'S", "’S")):
            b -= 2
        out.append((a, b))
    return out


def big_report(path, samples_dir, size: int) -> None:
    """The March 2024 sample as a May 2024 report, then short paragraphs up to ``size`` bytes."""
    head = (samples_dir / "russia-2024-03.txt").read_text(encoding="utf-8")
    head = head.replace("(March 2024)", "(May 2024)") + "\n\n"
    n = (size - len(head.encode())) // len(PARAGRAPH.encode())
    path.write_text(head + PARAGRAPH * n, encoding="utf-8")


def test_a_19_mb_text_is_tokenized_whole_and_exactly():
    text = PARAGRAPH * (19_000_000 // len(PARAGRAPH))
    started = time.monotonic()
    tokens = tokenize(text)
    assert [(t.start, t.end) for t in tokens] == reference_tokens(text)
    assert time.monotonic() - started < 120


def test_a_paragraph_of_10_mb_is_split_into_sentences():
    text = PARAGRAPH.replace("\n\n", " ") * (10_000_000 // len(PARAGRAPH))
    spans = split_sentences(text)
    assert len(spans) == 2 * (10_000_000 // len(PARAGRAPH))  # every piece ends at a sentence end
    assert all(text[a:b] in ("The talks went on for hours.",
                             "Nobody said anything new about China or Japan’s ally.")
               for a, b in spans[:1000] + spans[-1000:])


def test_a_run_without_whitespace_longer_than_half_a_piece_is_cut_where_the_piece_ends():
    word = "x" * (MAX_CHUNK + 10)
    assert [(t.start, t.end) for t in tokenize(f"a {word} b")] == [
        (0, 1), (2, MAX_CHUNK), (MAX_CHUNK, 2 + len(word)), (3 + len(word), 4 + len(word))]
    assert [(a, b) for a, b in split_sentences(word)] == [(0, MAX_CHUNK), (MAX_CHUNK, len(word))]


def test_a_year_2924_in_a_title_skips_that_report_only(tmp_path, samples_dir, capsys):
    for p in samples_dir.glob("*.txt"):
        shutil.copy(p, tmp_path)
    (tmp_path / "typo.txt").write_text(
        "Country Report: Russia (March 2924)\n\nIn Kommersant on March 3, Ivan Petrov wrote.\n",
        encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(tmp_path, cache=False, jobs=1)
    assert corpus.reports["report_id"].tolist() == ["russia-2021-11", "russia-2024-03"]
    (problem,) = corpus.problems.itertuples(index=False)
    assert problem.path.endswith("typo.txt") and problem.line == 1
    assert "year 2924" in problem.message and "1900-2100" in problem.message
    assert "correct the title" in problem.message
    assert main(["reports", "--reports", str(tmp_path), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "typo.txt:1" in err and "2924" in err and "Traceback" not in err


@pytest.mark.slow
def test_a_19_mb_report_of_short_paragraphs_costs_no_other(tmp_path, samples_dir):
    """The whole pipeline on a report just under the 20 MB limit (minutes: ``-m slow``)."""
    shutil.copy(samples_dir / "russia-2021-11.txt", tmp_path)
    big_report(tmp_path / "russia-2024-05.txt", samples_dir, 19_000_000)
    assert 18_500_000 < (tmp_path / "russia-2024-05.txt").stat().st_size < MAX_BYTES
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(tmp_path, cache=False, jobs=1)
        alone = load_corpus(samples_dir, cache=False, jobs=1)
    assert corpus.reports["report_id"].tolist() == ["russia-2021-11", "russia-2024-05"]
    for name in ("entries", "sentences", "tokens", "mentions"):
        mine = getattr(corpus, name)
        mine = mine[mine["report_id"] == "russia-2021-11"].reset_index(drop=True)
        theirs = getattr(alone, name)
        theirs = theirs[theirs["report_id"] == "russia-2021-11"].reset_index(drop=True)
        assert mine.equals(theirs), name
    big = corpus.entries[corpus.entries["report_id"] == "russia-2024-05"]
    assert len(big) == 13 and len(big["text"].iloc[-1]) > 18_000_000
