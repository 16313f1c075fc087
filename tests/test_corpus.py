"""The reports and entries tables of the two samples, in full, checked against reading by hand."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli.output import emit
from analysis.corpus import ENTRY_COLUMNS, REPORT_COLUMNS, CorpusError, load_corpus
from analysis.read.entries import resolve_surnames
from analysis.read.reports import ReportError


@pytest.fixture(scope="module")
def corpus(samples_dir):
    return load_corpus(samples_dir, annotate=False)


def d(text):
    return pd.Timestamp(text) if text else pd.NaT


# position, section, outlet, issue, pub_date, authors, opening words
EXPECTED = {
    "russia-2021-11": [
        (0, None, None, None, None, [], "If during the first half of 2021"),
        (1, "Greater Eurasia", "Mezhdunarodnaya Gazeta", "No. 10", None,
         ["Kirill Barskii", "Sergei Krasil’nikov", "Sergei Mikhnevich"], "In Mezhdunarodnaya Gazeta, No. 10"),
        (2, None, "Vzglyad", None, "2021-09-29", ["Gevorg Mirzaian"], "Vzgliad on September 29"),
        (3, "North Korea", "Valdai Club", None, "2021-10-28", ["Andrei Lankov"], "Andrei Lankov on October 28"),
        (4, "North Korea", "Valdai Club", None, "2021-11-11", ["Andrei Lankov"], "Andrei Lankov on November 11"),
        (5, "North Korea", "Vzglyad", None, "2021-10-05", ["Alexander Timokhin"], "In Vzglyad on October 5"),
        (6, None, "Carnegie Moscow Center", None, "2021-10-20", ["Iaroslav Shevchenko"], "Iaroslav Shevchenko"),
        (7, None, "TASS", None, "2021-11-15", ["Andrei Kirillov"], "On November 15 Andrei Kirillov"),
        (8, None, "Zavtra", None, "2021-11-04", [], "In Zavtra on November 4"),
        (9, None, "Zavtra", None, None, ["Alexander Prokhanov"], "In Zavtra Alexander Prokhanov"),
        (10, None, "Forbes", None, "2021-11-03", ["Oleg Remyga"], "On November 3 Oleg Remyga"),
        (11, None, "Profil'", None, "2021-10-02", ["Ivan Zuenko"], "Ivan Zuenko in Profil’"),
        (12, None, "Profil'", None, "2021-10-31", ["Ivan Zuenko"], "On October 31 in Profil’ Zuenko"),
    ],
    "russia-2024-03": [
        (0, None, None, None, None, [], "China, Sino-US relations"),
        (1, None, "Interfax", None, "2024-02-17", ["Aleksandr Lomanov"], "Aleksandr Lomanov in Interfax"),
        (2, None, "Kommersant", None, "2024-02-06", ["Nataliya Portyakova"], "In Kommersant on February 6"),
        (3, None, "Valdai Club", None, "2024-03-15", ["Andrei Sushentsov"], "In Valdai on March 15"),
        (4, None, "MEiMO", "no. 1", None, ["Olga N. Borokh", "Alexandr V. Lomanov"], "In MEiMO, no. 1, Olga"),
        (5, None, "MEiMO", "no. 1", None, ["Ivan Zuenko"], "In MEiMO, no. 1, Ivan Zuenko"),
        (6, None, "MEiMO", "no. 1", None, ["Maxim Potapov"], "In MEiMO, no. 1, Maxim Potapov"),
        (7, None, "Kommersant", None, "2024-02-14", ["Nataliya Portyakova"], "In Kommersant, February 14"),
        (8, "North Korea", "Kommersant", None, "2024-02-13", ["Sergey Strokan"], "In Kommersant on February 13"),
        (9, "North Korea", "Kommersant", None, "2024-01-16", ["Nataliya Portyakova"], "In Kommersant on January 16"),
        (10, None, "Valdai Club", None, "2024-01-08", ["Andrei Bystritskii"], "On January 8 in Valdai"),
        (11, None, "Valdai Club", None, "2024-03-14", ["Timofei Bordachev"], "In Valdai on March 14"),
        (12, None, "Valdai Club", None, "2024-01-06", ["Oleg Barabanov"], "In Valdai on January 6"),
    ],
}


def test_reports_table(corpus):
    assert list(corpus.reports.columns) == REPORT_COLUMNS
    assert corpus.reports[["report_id", "country", "period", "title"]].values.tolist() == [
        ["russia-2021-11", "Russia", "2021-11", "Country Report: Russia (November 2021)"],
        ["russia-2024-03", "Russia", "2024-03", "Country Report: Russia (March 2024)"],
    ]
    assert corpus.problems.empty


@pytest.mark.parametrize("report_id", sorted(EXPECTED))
def test_entries_table(corpus, report_id):
    table = corpus.entries[corpus.entries["report_id"] == report_id]
    assert list(table.columns) == ENTRY_COLUMNS
    assert (table["kind"] == "entry").sum() == 12
    got = [
        (r.position, r.section if isinstance(r.section, str) else None,
         r.outlet if isinstance(r.outlet, str) else None, r.issue if isinstance(r.issue, str) else None,
         r.pub_date, list(r.authors), r.text)
        for r in table.itertuples()
    ]
    expected = EXPECTED[report_id]
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert g[:4] == e[:4]
        assert (g[4] is pd.NaT and e[4] is None) or g[4] == pd.Timestamp(e[4])
        assert g[5] == e[5]
        assert g[6].startswith(e[6])
    assert table["entry_id"].tolist() == [f"{report_id}-e{i:02d}" for i in range(13)]
    assert table["kind"].iloc[0] == "overview"


def test_no_boilerplate_or_title_in_any_text(corpus):
    for text in corpus.entries["text"]:
        assert "Now Reading" not in text and "Country Report:" not in text
        assert text == text.strip()


def test_entry_texts_cover_the_whole_report(corpus, samples_dir):
    """Every content paragraph of the file is in exactly one entry (nothing lost, nothing doubled)."""
    for report in corpus.reports.itertuples():
        raw = Path(report.path).read_text(encoding="utf-8-sig").split("\n")
        content = [line.strip() for line in raw[1:] if line.strip() and not line.startswith("Now Reading")
                   and line.strip() not in ("North Korea", "Greater Eurasia")]
        texts = "\n\n".join(corpus.entries.loc[corpus.entries["report_id"] == report.report_id, "text"])
        assert [p.strip() for p in texts.split("\n\n")] == content


def test_continuation_paragraphs_and_event_dates_stay_in_their_entry(corpus):
    e = corpus.entries.set_index("entry_id")
    assert "On June 5, 2019 Russia and China declared" in e.loc["russia-2021-11-e01", "text"]
    assert e.loc["russia-2021-11-e06", "text"].count("\n\n") == 3  # Shevchenko: four paragraphs
    assert "Kim Jong-un’s visit to Russia" in e.loc["russia-2024-03-e02", "text"]


def test_pub_date_dtype_and_year_from_period(corpus):
    assert str(corpus.entries["pub_date"].dtype) == "datetime64[ns]"
    e = corpus.entries.set_index("entry_id")
    assert e.loc["russia-2024-03-e10", "pub_date"] == pd.Timestamp(dt.date(2024, 1, 8))


def test_n_words(corpus):
    e = corpus.entries.set_index("entry_id")
    assert e.loc["russia-2021-11-e07", "n_words"] == 106  # TASS, Kirillov: counted by the tokenizer
    assert (corpus.entries["n_words"] > 100).all()


def test_surname_resolution_prefers_one_full_name():
    entries = pd.DataFrame({
        "report_id": ["a", "a", "b", "b"],
        "authors": [["Ivan Zuenko"], ["Zuenko"], ["Lankov"], ["Petrov"]],
    })
    out = resolve_surnames(entries)
    assert out["authors"].tolist() == [["Ivan Zuenko"], ["Ivan Zuenko"], ["Lankov"], ["Petrov"]]
    assert entries["authors"].tolist()[1] == ["Zuenko"]  # input unchanged


def test_deterministic_across_processes(samples_dir):
    """Two fresh processes, no cache, different hash seeds: the same digest of every table."""
    code = ("import sys; sys.path.insert(0, 'tests'); from golden import table_digest; "
            "from analysis import load_corpus; "
            f"c = load_corpus({str(samples_dir)!r}, cache=False, jobs=1); "
            "print([table_digest(getattr(c, t)) for t in "
            "('reports', 'entries', 'sentences', 'tokens', 'mentions', 'frames')])")
    root = samples_dir.parent
    outs = [subprocess.run([sys.executable, "-c", code], cwd=root, check=True, text=True,
                           capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")]
    assert outs[0] == outs[1] and len(outs[0]) > 400


def test_bad_file_is_reported_and_others_loaded(tmp_path, samples_dir):
    for p in samples_dir.glob("*.txt"):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "notes.txt").write_text("no title here\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="notes.txt"):
        corpus = load_corpus(tmp_path, annotate=False)
    assert (corpus.entries["kind"] == "entry").sum() == 24
    assert corpus.problems["path"].str.endswith("notes.txt").tolist() == [True]
    with pytest.raises(CorpusError, match="notes.txt"):
        load_corpus(tmp_path, annotate=False, strict=True)


def test_folder_errors(tmp_path):
    with pytest.raises(CorpusError, match="no readable report"):
        load_corpus(tmp_path, annotate=False)
    with pytest.raises(ReportError, match="not a folder"):
        load_corpus(tmp_path / "missing", annotate=False)


def test_authors_are_lists_of_names_in_json(corpus):
    """What `workbook entries --format json` prints: each entry's authors as a JSON array."""
    out = io.StringIO()
    emit(corpus.entries[["entry_id", "authors"]], "json", out)
    records = {r["entry_id"]: r["authors"] for r in json.loads(out.getvalue())}
    assert records["russia-2021-11-e01"] == ["Kirill Barskii", "Sergei Krasil’nikov",
                                             "Sergei Mikhnevich"]
    assert records["russia-2024-03-e04"] == ["Olga N. Borokh", "Alexandr V. Lomanov"]
    assert records["russia-2021-11-e00"] == []


def test_every_paragraph_of_the_samples_is_accounted_for(corpus):
    p = corpus.paragraphs
    assert list(p.columns) == ["report_id", "paragraph", "line", "role", "entry_id", "reason",
                               "text"]
    assert p.groupby("role").size().to_dict() == {
        "boilerplate": 2, "continuation": 13, "entry": 24, "heading": 3, "overview": 2,
        "title": 2}
    # every content paragraph lands in exactly one entry, and the entry holds its text
    content = p[p["role"].isin(["overview", "entry", "continuation"])]
    texts = corpus.entries.set_index("entry_id")["text"]
    assert all(t in texts[e] for e, t in zip(content["entry_id"], content["text"], strict=True))
    assert corpus.problems.empty  # no doubt raised on the samples


def test_authors_come_only_from_the_entry_s_own_opening(tmp_path):
    (tmp_path / "russia-2024-03.txt").write_text(
        "Country Report: Russia (March 2024)\n\nOverview.\n\n"
        "Vzgliad on March 3 welcomed the talks.\n\n"
        "Later, Ivan Petrov wrote that the talks had failed.\n", encoding="utf-8")
    entries = load_corpus(tmp_path, annotate=False).entries
    assert entries.loc[1, "authors"] == []  # Petrov is named in a glued paragraph, not the opening


def test_a_doubtful_continuation_is_a_warning_with_its_line(tmp_path):
    (tmp_path / "russia-2024-03.txt").write_text(
        "Country Report: Russia (March 2024)\n\nOverview.\n\n"
        "In Kommersant on March 3, Nataliya Portyakova noted A.\n\n"
        "Ivan Petrov on March 5 wrote that the talks had failed.\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"russia-2024-03.txt:7: .*Ivan Petrov"):
        corpus = load_corpus(tmp_path, annotate=False)
    assert corpus.problems[["line", "severity"]].values.tolist() == [[7, "warning"]]
    assert len(corpus.entries) == 2  # the report is still read


def test_tokens_are_built_on_demand_and_equal_the_annotators(samples_dir, tmp_path):
    """The tokens table is neither stored nor built at load; read, it equals what
    ``annotate`` gives report by report (and an unannotated corpus has none)."""
    from analysis.annotate.report import annotate

    loaded = load_corpus(samples_dir, cache=tmp_path / "cache", jobs=1)
    assert loaded.__dict__["tokens"] is None and "tokens=on demand" in repr(loaded)
    assert not list((tmp_path / "cache").rglob("*tokens*"))
    expected = pd.concat([annotate(group)["tokens"] for _, group in
                          loaded.entries.groupby("report_id", sort=False)], ignore_index=True)
    expected = expected.astype({c: "category" for c in ("report_id", "entry_id", "token")})
    assert list(loaded.tokens.dtypes.astype(str)) == ["category", "category", "int32", "int32",
                                                      "category", "int32", "int32", "bool"]
    pd.testing.assert_frame_equal(loaded.tokens, expected)
    assert len(loaded.tokens) == 8622 and "tokens=8622" in repr(loaded)
    again = load_corpus(samples_dir, cache=tmp_path / "cache", jobs=1)  # from the snapshot
    pd.testing.assert_frame_equal(again.tokens, expected)
    assert len(load_corpus(samples_dir, annotate=False, cache=False).tokens) == 0


def test_tokens_follow_the_reports_in_the_order_of_their_entries(samples_dir):
    """Reports whose entries come in another order than their ids: the tokens keep the
    annotation tables' order (report by report, as first met), not the sorted one."""
    from analysis.annotate.tokens import token_table
    from analysis.corpus import _tokens_of

    corpus = load_corpus(samples_dir, cache=False, jobs=1)
    later_first = pd.concat([g for _, g in corpus.entries.groupby("report_id")][::-1],
                            ignore_index=True)
    expected = pd.concat([token_table(corpus.sentences, g) for _, g in
                          later_first.groupby("report_id", sort=False)], ignore_index=True)
    expected = expected.astype({c: "category" for c in ("report_id", "entry_id", "token")})
    got = _tokens_of(later_first, corpus.sentences)
    pd.testing.assert_frame_equal(got, expected)
    assert got["report_id"].iloc[0] == "russia-2024-03"


def test_a_snapshot_reload_imports_no_nltk(samples_dir, tmp_path):
    """Reading an unchanged corpus back imports neither NLTK nor SciPy (about 0.9 s of the
    1.2 s a cold process spent importing) and compiles no lexicon."""
    code = (f"import sys\nfrom analysis.corpus import load_corpus\n"
            f"c = load_corpus({str(samples_dir)!r}, cache={str(tmp_path)!r}, jobs=1)\n"
            "print(len(c.entries), 'nltk' in sys.modules, 'scipy' in sys.modules, "
            "'gazetteer' in c.knowledge.__dict__)")
    run = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.split() for _ in range(2)]
    # built: read and annotated; the tone model's features import NLTK (their stems,
    # analysis.text.tokenize.stem) and SciPy (ToneModel.decision), so only the reload is asked
    assert run[0][0] == "26" and run[0][3] == "True"
    assert run[1] == ["26", "False", "False", "False"]  # read back from the snapshot


def test_sentence_and_paragraph_texts_are_kept_as_offsets_and_built_when_read(samples_dir):
    """The sentences and paragraphs tables hold no copy of the entries' text: read, they have
    their documented columns, each text ``entry.text[start:end]``, the sentences' equal to what
    ``annotate`` gives; the table read is shared while it is held."""
    import gc
    import weakref

    from analysis.annotate.report import annotate
    from analysis.read.entries import PARAGRAPH_COLUMNS

    corpus = load_corpus(samples_dir, cache=False, jobs=1)
    assert "text" not in corpus.kept("sentences").columns
    sentences = corpus.sentences
    assert list(sentences.columns) == ["report_id", "entry_id", "sentence_idx", "text", "start",
                                       "end", "tone", "tone_masked"]
    assert sentences["text"].dtype == "str" and corpus.sentences is sentences
    texts = corpus.entries.set_index("entry_id")["text"]
    assert all(texts[e][a:b] == t for e, a, b, t in sentences[
        ["entry_id", "start", "end", "text"]].itertuples(index=False))
    expected = pd.concat([annotate(g)["sentences"]["text"] for _, g in
                          corpus.entries.groupby("report_id", sort=False)], ignore_index=True)
    assert sentences["text"].tolist() == expected.tolist()
    gone = weakref.ref(sentences)
    del sentences
    gc.collect()
    assert gone() is None  # nobody holds it: built again when read
    kept = corpus.kept("paragraphs")
    inside = kept["start"] >= 0
    assert inside.sum() == kept["entry_id"].notna().sum() and kept.loc[inside, "text"].isna().all()
    paragraphs = corpus.paragraphs
    assert list(paragraphs.columns) == PARAGRAPH_COLUMNS and paragraphs["text"].notna().all()
    for entry_id, text in texts.items():  # an entry's text is its paragraphs' joined
        own = paragraphs.loc[paragraphs["entry_id"] == entry_id, "text"].tolist()
        assert text == "\n\n".join(own), entry_id
