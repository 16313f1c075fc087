"""Outlets and authors (analysis.sources), with transliteration variants grouped."""

from pathlib import Path

import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot

from analysis.measure.sources import (
    UNKNOWN,
    author_key,
    authors,
    outlets,
    recurring_authors,
    source_actors,
)

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


@pytest.mark.parametrize(
    "names",
    [
        ["Aleksandr Lomanov", "Alexandr V. Lomanov", "Alexander Lomanov", "ALEXANDR LOMANOV"],
        ["Sergei Krasil’nikov", "Sergey Krasilnikov", "Sergei Krasil'nikov"],
        ["Iaroslav Shevchenko", "Yaroslav Shevchenko"],
        ["Nataliya Portyakova", "Natalia Portiakova"],
        ["Andrei Lankov", "Andrey Lankov"],
        ["Kirill Barskii", "Kiril Barsky"],
        ["Yuri Tavrovsky", "Iurii Tavrovskii", "Yury Tavrovsky"],
        ["Mikhail Korostikov", "Mihail Korostikov"],
        ["Aleksei Maslov", "Alexey Maslov", "Alexei Maslov"],
    ],
)
def test_variants_share_a_key(names):
    assert len({author_key(n) for n in names}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [("Andrei Lankov", "Alexander Lankov"), ("Nataliya Portyakova", "Nikolai Portyakov"),
     ("Sergey Strokan", "Sergey Lavrov"), ("Ivan Zuenko", "Oleg Zuenko")],
)
def test_different_people_differ(one, other):
    assert author_key(one) != author_key(other)


def test_key_is_documented_form():
    assert author_key("Alexandr V. Lomanov") == "lmnv|alxndr"
    assert author_key("Lankov") == "lnkv|"


def test_authors_groups_and_says_so():
    corpus = build_corpus()
    before = snapshot(corpus)
    got = authors(corpus)
    assert_unchanged(corpus, before)
    assert list(got.columns) == ["author", "key", "variants", "reports", "n_reports", "entries",
                                 "entry_ids"]
    top = got.iloc[0]
    assert top["author"] == "Aleksandr Lomanov"  # one entry per spelling: alphabetical first
    assert top["variants"] == ["Aleksandr Lomanov", "Alexander Lomanov", "Alexandr V. Lomanov"]
    assert top["reports"] == [B, D]
    assert (top["n_reports"], top["entries"]) == (2, 3)
    assert top["entry_ids"] == [f"{B}-e01", f"{B}-e02", f"{D}-e01"]
    lankov = got.set_index("author").loc["Andrei Lankov"]
    assert (lankov["n_reports"], lankov["entries"], lankov["variants"]) == (1, 2, ["Andrei Lankov"])
    assert got["author"].tolist()[1:] == ["Andrei Lankov", "Gevorg Mirzaian",
                                          "Nataliya Portyakova", "Olga N. Borokh",
                                          "Sergey Strokan"]
    recurring = recurring_authors(corpus)
    assert recurring["author"].tolist() == ["Aleksandr Lomanov"]


def test_an_initial_joins_the_one_full_name():
    corpus = build_corpus([
        ("x-2020-01", "2020-01", [("entry", "X", ["A. Lomanov"], [("China.", 0.0)])]),
        ("x-2020-02", "2020-02", [("entry", "Y", ["Alexander Lomanov"], [("China.", 0.0)])]),
    ])
    got = authors(corpus)
    assert len(got) == 1
    assert got.iloc[0]["variants"] == ["A. Lomanov", "Alexander Lomanov"]
    assert got.iloc[0]["n_reports"] == 2


def test_outlets_by_hand():
    corpus = build_corpus()
    got = outlets(corpus)
    expected = pd.DataFrame(
        [(A, "Valdai Club", 2, ["Andrei Lankov"]), (A, "Vzgliad", 1, ["Gevorg Mirzaian"]),
         (B, "Kommersant", 2, ["Nataliya Portyakova", "Sergey Strokan"]),
         (B, "Interfax", 1, ["Aleksandr Lomanov"]),
         (B, "MEiMO", 1, ["Alexandr V. Lomanov", "Olga N. Borokh"]),
         (D, "Valdai Club", 1, ["Alexander Lomanov"])],
        columns=["report_id", "outlet", "entries", "authors"],
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    with_overview = outlets(corpus, include_overview=True)
    unknown = with_overview[with_overview["outlet"] == UNKNOWN]
    assert unknown["entries"].tolist() == [1, 1, 1] and unknown["authors"].tolist() == [[]] * 3


def test_source_actors_by_outlet_and_author():
    corpus = build_corpus()
    got = source_actors(corpus)
    assert list(got.columns) == ["outlet", "actor", "entries", "n_entries", "share"]
    assert got["outlet"].unique().tolist() == ["Valdai Club", "Kommersant", "Interfax", "MEiMO",
                                               "Vzgliad"]
    table = got.set_index(["outlet", "actor"])
    # Valdai Club: A e02 (North Korea, China), A e03 (none), D e01 (China, Japan)
    assert table.loc[("Valdai Club", "China"), ["entries", "n_entries"]].tolist() == [2, 3]
    assert table.loc[("Valdai Club", "Japan"), "share"] == pytest.approx(1 / 3)
    assert table.loc[("Kommersant", "North Korea"), "share"] == 1.0
    assert got["share"].between(0, 1).all()
    by_author = source_actors(corpus, by="author", actors="China").set_index("author")
    # the Lomanov variants count as one author with 3 entries; MEiMO's e02 has two authors
    assert by_author.loc["Aleksandr Lomanov", ["entries", "n_entries"]].tolist() == [3, 3]
    assert by_author.loc["Olga N. Borokh", "entries"] == 1
    assert by_author.index[0] == "Aleksandr Lomanov"
    with pytest.raises(ValueError, match="outlet"):
        source_actors(corpus, by="report")
    assert got.equals(source_actors(corpus))


# --- the shipped samples (reports_raw/), counted by hand from the files -----------------------

SAMPLES = Path(__file__).resolve().parents[2] / "reports_raw"


@pytest.fixture(scope="module")
def samples():
    from analysis.corpus import load_corpus

    return load_corpus(SAMPLES, annotate=False)


def test_samples_recurring_author_and_grouped_variants(samples):
    got = authors(samples).set_index("author")
    # Ivan Zuenko: Profil' twice in November 2021 and MEiMO in March 2024
    zuenko = got.loc["Ivan Zuenko"]
    assert zuenko["reports"] == ["russia-2021-11", "russia-2024-03"]
    assert zuenko["entries"] == 3
    assert recurring_authors(samples)["author"].tolist() == ["Ivan Zuenko"]
    # Aleksandr Lomanov (Interfax) and Alexandr V. Lomanov (MEiMO) are one author
    lomanov = got.loc["Aleksandr Lomanov"]
    assert lomanov["variants"] == ["Aleksandr Lomanov", "Alexandr V. Lomanov"]
    assert lomanov["entry_ids"] == ["russia-2024-03-e01", "russia-2024-03-e04"]
    assert got.loc["Nataliya Portyakova", "entries"] == 3
    assert got.loc["Andrei Lankov", "entries"] == 2


def test_samples_outlets(samples):
    got = outlets(samples)
    old = got[got["report_id"] == "russia-2021-11"].set_index("outlet")["entries"]
    new = got[got["report_id"] == "russia-2024-03"].set_index("outlet")["entries"]
    assert old.sum() == new.sum() == 12
    assert new.to_dict() == {"Kommersant": 4, "Valdai Club": 4, "MEiMO": 3, "Interfax": 1}
    assert new.index.tolist() == ["Kommersant", "Valdai Club", "MEiMO", "Interfax"]
    assert old["Valdai Club"] == old["Zavtra"] == old["Profil'"] == 2
