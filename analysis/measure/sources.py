"""Sources: the outlets and authors behind the entries, and whom they write about.

Authors are grouped across transliteration variants (Aleksandr / Alexandr / Alexander Lomanov;
Sergei / Sergey; Iaroslav / Yaroslav) by :func:`author_key`, and every table that groups them
says which spellings were merged (``variants``). Entry authors come from ``entries.authors``
(a list of names as written); the overview, which has none, is left out unless asked for.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pandas as pd

from analysis.measure.groups import group_labels, group_order, resolve_actors, scope
from analysis.tables import plain_result

__all__ = ["UNKNOWN", "author_key", "authors", "outlets", "recurring_authors", "source_actors"]

#: Label of entries whose outlet the parser could not tell.
UNKNOWN = "(unknown)"

# Transliteration folding, applied in order to a lower-cased, accent-free name part.
_FOLD = [("’", ""), ("'", ""), ("ʹ", ""), ("ks", "x"), ("kh", "h"), ("yo", "e"), ("ye", "e"),
         ("y", "i"), ("j", "i"), ("w", "v")]
_VOWELS = set("aeiou")
_INITIAL = re.compile(r"^\w\.?$")


def _skeleton(part: str) -> str:
    s = unicodedata.normalize("NFKD", part.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    for old, new in _FOLD:
        s = s.replace(old, new)
    s = re.sub(r"(.)\1+", r"\1", s)  # doubled letters: Kirill / Kiril
    if not s:
        return ""
    body = s[0] + "".join(c for c in s[1:] if c not in _VOWELS and c.isalpha())
    return body + ("a" if len(s) > 1 and s.endswith("a") else "")


def author_key(name: str) -> str:
    """Grouping key of an author name: ``"<surname skeleton>|<given-name skeleton>"``.

    Name parts are folded (case, accents, apostrophes; ks->x, kh->h, yo/ye->e, y/j->i, doubled
    letters) and reduced to their first letter plus consonants, keeping a final ``a`` (so
    Portyakova and Portyakov differ). The given name is the first word, the surname the last;
    middle initials are ignored. ``author_key("Alexandr V. Lomanov") ==
    author_key("Aleksandr Lomanov") == author_key("Alexander Lomanov") == "lmnv|alxndr"``.
    """
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    if not parts:
        return ""
    given = parts[0] if len(parts) > 1 else ""
    return f"{_skeleton(parts[-1])}|{_skeleton(given.rstrip('.'))}"


def _authorships(corpus: Any, include_overview: bool) -> pd.DataFrame:
    keep = scope(corpus, include_overview=include_overview)
    e = corpus.entries[corpus.entries["entry_id"].isin(keep)]
    rows = [(r.report_id, r.entry_id, str(name).strip())
            for r in e.itertuples(index=False)
            for name in (r.authors if isinstance(r.authors, list | tuple) else [])
            if str(name).strip()]
    out = pd.DataFrame(rows, columns=["report_id", "entry_id", "name"])
    keys = out["name"].map(author_key)
    # A given-name initial ("A. Lomanov") joins the one full key with that surname and letter.
    full = sorted({k for k in keys if len(k.split("|")[1]) > 1})
    for key in sorted(set(keys)):
        surname, given = key.split("|")
        if len(given) == 1:
            match = [k for k in full if k.startswith(f"{surname}|{given}")]
            if len(match) == 1:
                keys = keys.replace(key, match[0])
    return out.assign(key=keys)


@plain_result
def authors(corpus: Any, *, include_overview: bool = False) -> pd.DataFrame:
    """One row per author (transliteration variants grouped).

    Returns
    -------
    DataFrame with columns author (the spelling on most entries; ties: alphabetical first),
    key (:func:`author_key`), variants (every spelling grouped under the key, sorted; more than
    one means variants were merged), reports (report ids, chronological), n_reports, entries
    (number of entries), entry_ids; sorted by n_reports and entries descending, then author.
    """
    a = _authorships(corpus, include_overview)
    rank = {r: i for i, r in enumerate(group_order(corpus.reports, group_labels(corpus.reports)))}
    rows = []
    for key, g in a.groupby("key", sort=True, observed=True):
        spelled = g["name"].value_counts()
        best = min(spelled.index, key=lambda s: (-spelled[s], s))
        reports = sorted(g["report_id"].unique(), key=lambda r: rank.get(r, len(rank)))
        ids = sorted(g["entry_id"].unique())
        rows.append((best, key, sorted(spelled.index), reports, len(reports), len(ids), ids))
    out = pd.DataFrame(rows, columns=["author", "key", "variants", "reports", "n_reports",
                                      "entries", "entry_ids"])
    out = out.sort_values(["n_reports", "entries", "author"], ascending=[False, False, True])
    return out.reset_index(drop=True)


@plain_result
def recurring_authors(corpus: Any, *, include_overview: bool = False) -> pd.DataFrame:
    """The rows of :func:`authors` for authors who appear in more than one report."""
    a = authors(corpus, include_overview=include_overview)
    return a[a["n_reports"] > 1].reset_index(drop=True)


@plain_result
def outlets(corpus: Any, *, include_overview: bool = False) -> pd.DataFrame:
    """Outlets per report.

    Returns
    -------
    DataFrame with columns report_id, outlet (``UNKNOWN`` when not parsed), entries, authors
    (distinct names as written, sorted); sorted by report (chronological), entries descending,
    outlet.
    """
    keep = scope(corpus, include_overview=include_overview)
    e = corpus.entries[corpus.entries["entry_id"].isin(keep)]
    e = e.assign(outlet=e["outlet"].astype(object).where(e["outlet"].notna(), UNKNOWN))
    rows = []
    for (rid, outlet), g in e.groupby(["report_id", "outlet"], sort=True, observed=True):
        names = sorted({str(n) for a in g["authors"] if isinstance(a, list | tuple) for n in a})
        rows.append((rid, outlet, len(g), names))
    out = pd.DataFrame(rows, columns=["report_id", "outlet", "entries", "authors"])
    rank = {r: i for i, r in enumerate(group_order(corpus.reports, group_labels(corpus.reports)))}
    out = out.assign(_r=out["report_id"].map(rank)).sort_values(
        ["_r", "entries", "outlet"], ascending=[True, False, True])
    return out.drop(columns="_r").reset_index(drop=True)


@plain_result
def source_actors(corpus: Any, *, by: str = "outlet", actors: str | list[str] | None = None,
                  include_overview: bool = False) -> pd.DataFrame:
    """Which actors each outlet (or author) writes about, in entries.

    Returns
    -------
    DataFrame, one row per source and actor (every pair), with columns ``by`` (outlet, or
    author as in :func:`authors`), actor, entries (the source's entries mentioning the actor),
    n_entries (the source's entries), share (``entries / n_entries``); sorted by n_entries
    descending, source, then actor (in order). An entry with two authors counts for both.
    """
    if by not in ("outlet", "author"):
        raise ValueError(f"by must be 'outlet' or 'author', not {by!r}")
    names = resolve_actors(corpus, actors)
    keep = scope(corpus, include_overview=include_overview)
    if by == "outlet":
        e = corpus.entries[corpus.entries["entry_id"].isin(keep)]
        src = pd.DataFrame({"entry_id": e["entry_id"],
                            "source": e["outlet"].astype(object).where(e["outlet"].notna(),
                                                                       UNKNOWN)})
    else:
        a = _authorships(corpus, include_overview)
        display = authors(corpus, include_overview=include_overview).set_index("key")["author"]
        src = pd.DataFrame({"entry_id": a["entry_id"], "source": a["key"].map(display)})
    src = src.drop_duplicates()
    m = corpus.mentions
    m = m[m["entry_id"].isin(keep) & m["actor"].isin(names)][["entry_id", "actor"]]
    hits = src.merge(m.drop_duplicates(), on="entry_id").groupby(["source", "actor"],
                                                             observed=True).size()
    sizes = src.groupby("source", observed=True).size()
    order = sorted(sizes.index, key=lambda s: (-sizes[s], s))
    rows = [(s, actor, int(hits.get((s, actor), 0)), int(sizes[s]),
             hits.get((s, actor), 0) / sizes[s]) for s in order for actor in names]
    return pd.DataFrame(rows, columns=[by, "actor", "entries", "n_entries", "share"])
