"""Terms: the words (or word pairs) that keyness counts, entry by entry.

One analyzer, built from the tokens table (:mod:`analysis.annotate.tokens`, the project's one
tokenizer), used for the compared reports and for the background alike:

* stop words (``is_stop``) and pure numbers (tokens of digits only) are never terms;
* **names out** (``drop_names=True``, the default): three kinds of names are left out, because
  they are names, not vocabulary (who is named is :func:`analysis.measure.attention.attention`'s
  and :func:`analysis.measure.sources.outlets`' question):

  - every actor mention (``corpus.mentions``, every actor, every alias: "United States",
    "Beijing", "Xi Jinping", "the West", "Global South", "BRICS" ...), all its tokens;
  - outlet names: every occurrence of a value of ``entries["outlet"]`` or of
    ``entries["outlet_as_written"]`` (when the column exists), matched as a whole phrase through
    :class:`analysis.text.phrases.PhraseMatcher` ("Valdai Club", "Kommersant", "Moscow Carnegie
    Center"); only the whole name, because an outlet's words are often vocabulary too ("Global"
    of "Russia in Global Affairs"); all-capital names (``TASS``) match case-sensitively;
  - author names: every word of every name in ``entries["authors"]``, initials included
    ("Olga N. Borokh": "olga", "n", "borokh"), wherever it stands, so that a surname alone
    ("Zuenko reviewed") goes too;

  an outlet or author match counts only where the text writes it with a capital letter, so
  "expert" is kept where the outlet "Expert" is not meant. ``drop_names=False`` keeps them all,
  and then each actor mention is **one term**, its words as written, normalized and joined by a
  space, stop words at its edges dropped: "United States" is ``"united states"`` (never "united"
  and "states"), "the West" ``"west"``, "Kim Jong-un" ``"kim jong un"``, "US" ``"us"``. The alias
  as written, not the canonical actor, because the choice of "Beijing" or "Xi" over "China" is
  itself vocabulary. Outlet and author words are then ordinary words.
* ``ngram=2``: bigrams, the tidytext / quanteda convention: pairs of adjacent tokens of one
  sentence (punctuation between them does not separate them), a pair dropped when either token
  is a stop word, a number or (names out) a name. So "the nuclear weapons" gives
  "nuclear weapons", and no pair is formed across a dropped word. With names kept, an actor
  mention is one token of a pair ("united states sanctions").
* ``stem=True``: ordinary words become Snowball stems (names are never stemmed).
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np
import pandas as pd

from analysis.measure.groups import actor_sentences, resolve_actors, scope
from analysis.measure.id_lookup import isin
from analysis.measure.token_spans import Words, covering, in_token_order
from analysis.text.phrases import PhraseMatcher, compile_phrase
from analysis.text.tokenize import Token, normalize, stopwords, tokenize
from analysis.text.tokenize import stem as snowball

__all__ = ["NGRAMS", "corpus_totals", "corpus_units", "entry_terms", "term_counts", "unit_counts", "unit_totals"]

#: The values ``ngram`` accepts: 1 (words) or 2 (bigrams of adjacent content words).
NGRAMS = (1, 2)


def _capital(texts: dict[str, str], entry_ids: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.array([texts[e][s:s + 1].isupper() for e, s in zip(entry_ids, starts, strict=True)],
                    dtype=bool)


def _outlet_spans(corpus: Any, texts: dict[str, str], tokens: tuple | None = None
                  ) -> pd.DataFrame:
    """Occurrences of the corpus's outlet names (as named and as written) in ``texts``.

    ``tokens``: (every token of the corpus, its entries' codes, whether its entry is one of
    ``texts``, its :class:`Words`). Then the matcher reads only the runs of tokens that can
    hold a match: from each first word of a name (the tokens table's words are the matcher's),
    as many tokens as the longest name; no match starts elsewhere, so the matches are those of
    the whole texts."""
    entries = corpus.entries
    names = set()
    for col in ("outlet", "outlet_as_written"):
        if col in entries:
            names |= {v for v in entries[col].dropna().unique()  # each value once
                      if isinstance(v, str) and v.strip()}
    phrases = [p for p in (compile_phrase(name)[0] for name in sorted(names)) if p is not None]
    matcher = PhraseMatcher((p, True) for p in phrases)
    runs = _runs(phrases, *tokens) if tokens is not None and phrases else None
    if runs is None:
        rows = [(eid, a, b) for eid, text in texts.items() for a, b, _ in matcher.find(text)
                if text[a:a + 1].isupper()]
    else:
        rows = [(eid, a, b) for eid, run in runs for a, b, _ in matcher.find(texts[eid], run)
                if texts[eid][a:a + 1].isupper()]
    return pd.DataFrame(rows, columns=["entry_id", "start", "end"])


def _runs(phrases: list, t: pd.DataFrame, codes: np.ndarray, inside: np.ndarray,
          words: Words):
    """(entry_id, tokens) of each run of :func:`_outlet_spans`, or None when the tokens table is
    not in entry and token order (then the whole texts are read)."""
    if not in_token_order(codes, t["token_idx"].to_numpy()):
        return None
    firsts = {w for p in phrases for w in (normalize(p.words[0]), p.words[0].casefold())}
    first = np.flatnonzero(inside & words.isin(firsts))
    if not len(first):
        return []
    stop = np.minimum(first + max(len(p.words) for p in phrases),
                      np.searchsorted(codes, codes[first], side="right"))  # within the entry
    begins = np.r_[True, first[1:] >= np.maximum.accumulate(stop)[:-1]]
    run_a, run_b = first[begins], np.maximum.reduceat(stop, np.flatnonzero(begins))
    size = run_b - run_a
    rows = np.repeat(run_a - (np.cumsum(size) - size), size) + np.arange(size.sum())
    toks = list(map(Token, t["token"].iloc[rows].astype(str).tolist(),
                    t["start"].to_numpy()[rows].tolist(), t["end"].to_numpy()[rows].tolist()))
    eids = t["entry_id"].iloc[run_a].astype(str).tolist()
    bounds = np.r_[0, np.cumsum(size)].tolist()
    return [(eid, toks[bounds[i]:bounds[i + 1]]) for i, eid in enumerate(eids)]


def _author_words(corpus: Any) -> frozenset[str]:
    names = {str(name) for names in corpus.entries.get("authors", pd.Series(dtype=object))
             if isinstance(names, list | tuple | np.ndarray) for name in names}
    return frozenset(t.norm for name in names for t in tokenize(name))  # each name once


def _units(corpus: Any, *, actor: str | None, drop_names: bool, stem: bool,
           include_overview: bool, reports: Any = None, terms_only: bool = False
           ) -> pd.DataFrame:
    """The content units of the entries in scope: one row per kept word (or, names kept, per
    actor mention) with entry_id, report_id, sentence_idx, first, last (token_idx), term.

    ``reports`` (report ids) keeps only the entries of those reports; the names left out still
    come from every entry of the corpus, so their units are those of the whole corpus."""
    keep = scope(corpus, include_overview=include_overview)
    e, t = corpus.entries, corpus.tokens
    e = e[isin(e["entry_id"], keep)]
    entries = None
    if reports is not None:
        e = e[e["report_id"].isin(list(reports))]
    if actor is not None or reports is not None:  # a few entries: their tokens alone
        t = t[isin(t["entry_id"], e["entry_id"].astype(str).tolist())]
        inside = np.ones(len(t), dtype=bool)
    else:  # every token, those out of scope never kept (cheaper than copying the table)
        entries = pd.factorize(t["entry_id"])
        inside = isin(pd.Index(entries[1]), keep)[entries[0]]
    if actor is not None:
        (name,) = resolve_actors(corpus, [actor])
        where = actor_sentences(corpus, [name], include_overview=include_overview)
        t = t.merge(where[["entry_id", "sentence_idx"]], on=["entry_id", "sentence_idx"])
        inside, e = np.ones(len(t), dtype=bool), e[e["entry_id"].isin(where["entry_id"])]
    t = t.reset_index(drop=True)
    token = t["token"]  # dictionary-encoded: the words tested on its dictionary (Words), and
    # only the words kept turned into strings
    entries = pd.factorize(t["entry_id"]) if entries is None else entries
    mention = covering(t, corpus.mentions.reset_index(drop=True), entries)
    by_word = Words(token)
    ordinary = inside & (mention < 0) & ~t["is_stop"].astype(bool).to_numpy() \
        & ~by_word.fullmatch(r"\d+")
    if drop_names:
        texts = dict(zip(e["entry_id"].astype(str), e["text"].astype(str), strict=True))
        every = len(t) == len(corpus.tokens) and actor is None
        whole = (t, entries[0], inside, by_word) if every else None
        ordinary &= covering(t, _outlet_spans(corpus, texts, whole), entries) < 0
        authors = inside & by_word.isin(_author_words(corpus))
        if authors.any():
            rows = np.flatnonzero(authors)
            authors[rows] = _capital(texts, t["entry_id"].iloc[rows].astype(str).tolist(),
                                     t["start"].to_numpy()[rows].tolist())
        ordinary &= ~authors
    terms = token[ordinary].astype(str)
    if terms_only and drop_names:  # what term totals need: not the ids of 10 M words
        return pd.DataFrame({"term": terms.map(snowball) if stem else terms}).reset_index(drop=True)
    words = t.loc[ordinary, ["entry_id", "report_id", "sentence_idx", "token_idx"]]
    words = words.assign(first=words["token_idx"], last=words["token_idx"],
                         term=terms.map(snowball) if stem else terms).drop(columns="token_idx")
    if drop_names:
        return words.reset_index(drop=True)
    named = inside & (mention >= 0)
    names = t[named].assign(_m=mention[named])
    stops = stopwords()

    def phrase(norms: pd.Series) -> str:
        ws = list(norms)
        while len(ws) > 1 and ws[0] in stops:
            ws.pop(0)
        while len(ws) > 1 and ws[-1] in stops:
            ws.pop()
        return " ".join(ws)

    merged = names.groupby("_m", sort=True).agg(
        entry_id=("entry_id", "first"), report_id=("report_id", "first"),
        sentence_idx=("sentence_idx", "first"), first=("token_idx", "min"),
        last=("token_idx", "max"), term=("token", phrase))
    return pd.concat([words, merged], ignore_index=True)


def _bigrams(units: pd.DataFrame) -> pd.DataFrame:
    u = units.sort_values(["entry_id", "first"], kind="stable").reset_index(drop=True)
    nxt = u.shift(-1)
    pair = ((u["entry_id"] == nxt["entry_id"]) & (u["sentence_idx"] == nxt["sentence_idx"])
            & (nxt["first"] == u["last"] + 1))
    out = u[pair].copy()
    out["term"] = out["term"] + " " + nxt.loc[pair, "term"]
    out["last"] = nxt.loc[pair, "last"].astype(np.int64)
    return out.reset_index(drop=True)


def entry_terms(corpus: Any, *, actor: str | None = None, drop_names: bool = True,
                ngram: int = 1, stem: bool = False, include_overview: bool = False,
                reports: Any = None) -> pd.DataFrame:
    """Term counts per entry: report_id, entry_id, term, n (sorted by entry_id, term).

    The terms are those of the module docstring; with ``actor``, only the sentences that mention
    the actor count (with ``drop_names``, less every actor's names in them). Entries without any
    counted term have no row. ``reports`` (report ids) gives only the rows of those reports
    (the same rows as without it, at the cost of those reports alone).
    """
    _check_ngram(ngram)
    units = _units(corpus, actor=actor, drop_names=drop_names, stem=stem,
                   include_overview=include_overview, reports=reports)
    return unit_counts(units, ngram)


def _check_ngram(ngram: int) -> None:
    if ngram not in NGRAMS:
        raise ValueError(f"ngram={ngram!r}: give 1 (words) or 2 (bigrams)")


def _terms_of(units: pd.DataFrame, ngram: int) -> pd.DataFrame:
    return _bigrams(units) if ngram == 2 else units


def unit_counts(units: pd.DataFrame, ngram: int = 1) -> pd.DataFrame:
    """:func:`entry_terms` of content units (``_units``): report_id, entry_id, term, n."""
    units = _terms_of(units, ngram)
    counts = (units.groupby(["report_id", "entry_id", "term"], observed=True).size()
              .rename("n").reset_index())
    counts["n"] = counts["n"].astype(np.int64)
    return counts.sort_values(["entry_id", "term"]).reset_index(drop=True)


def unit_totals(units: pd.DataFrame, ngram: int = 1) -> pd.Series:
    """Term -> count of content units over all their entries (sorted by term): the sums of
    :func:`unit_counts` by term, without counting entry by entry."""
    return _terms_of(units, ngram).groupby("term", observed=True).size().astype(np.int64)


def corpus_units(corpus: Any, *, drop_names: bool = True, ngram: int = 1, stem: bool = False,
                 include_overview: bool = False, reports: Any = None) -> pd.DataFrame:
    """The content units of every entry in scope (of ``reports``, when given; no actor), for
    counting more than once: :func:`unit_counts` of them is :func:`entry_terms`, and of the
    units of the sentences about an actor, ``entry_terms(actor=...)``."""
    _check_ngram(ngram)
    return _units(corpus, actor=None, drop_names=drop_names, stem=stem,
                  include_overview=include_overview, reports=reports)


#: The totals of :func:`corpus_totals` already counted, by the identity of the corpus and of
#: the tables they are counted from, and the options (compare and keyness both need a corpus's
#: totals: counted once). A table replaced on the corpus is counted again; an entry whose
#: corpus or tables nobody holds any more is let go.
_TOTALS: dict[tuple, tuple[tuple[weakref.ref, ...], pd.Series]] = {}


def corpus_totals(corpus: Any, *, drop_names: bool = True, ngram: int = 1, stem: bool = False,
                  include_overview: bool = False) -> pd.Series:
    """:func:`unit_totals` of :func:`corpus_units`: term -> count over every entry in scope
    (counted once per corpus and options; each call returns its own copy)."""
    _check_ngram(ngram)
    held = (corpus, corpus.entries, corpus.tokens, corpus.mentions)
    key = (*map(id, held), drop_names, ngram, stem, include_overview)
    for old in [k for k, (refs, _) in _TOTALS.items() if any(r() is None for r in refs)]:
        del _TOTALS[old]
    hit = _TOTALS.get(key)
    if hit is not None and all(r() is t for r, t in zip(hit[0], held, strict=True)):
        return hit[1].copy()
    units = _units(corpus, actor=None, drop_names=drop_names, stem=stem,
                   include_overview=include_overview, terms_only=ngram == 1)
    totals = unit_totals(units, ngram)
    try:
        _TOTALS[key] = (tuple(weakref.ref(t) for t in held), totals)
    except TypeError:  # an object that takes no weak reference: not kept
        return totals
    return totals.copy()


def term_counts(corpus: Any, *, by: str = "report_id", actor: str | None = None,
                drop_names: bool = True, ngram: int = 1, stem: bool = False,
                include_overview: bool = False) -> pd.DataFrame:
    """Content-term counts: report_id, term, n per report (``by="report_id"``, the default), or
    report_id, entry_id, term, n per entry (``by="entry_id"``, :func:`entry_terms`).

    Sorted by report_id (entry_id), term. Options as :func:`entry_terms` (see the module
    docstring for which tokens are terms).
    """
    counts = entry_terms(corpus, actor=actor, drop_names=drop_names, ngram=ngram, stem=stem,
                         include_overview=include_overview)
    if by == "entry_id":
        return counts
    if by != "report_id":
        raise ValueError(f"by={by!r}: term counts are per 'report_id' or per 'entry_id'")
    out = counts.groupby(["report_id", "term"], observed=True)["n"].sum().reset_index()
    return out.sort_values(["report_id", "term"]).reset_index(drop=True)
