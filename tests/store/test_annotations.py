"""The annotation cache: reloads equal cold runs; only changed or new reports are annotated again;
broken cache files are recomputed, never trusted."""

import os
import warnings

import pandas as pd
import pytest
from engine_fixture import assert_tables_equal, plain, sample_entries, synthetic_entries

import analysis.annotate.report
import analysis.corpus
from analysis.annotate.engine import annotate_reports
from analysis.config import settings
from analysis.corpus import CorpusError, ReportWarning, load_corpus
from analysis.knowledge.bundle import load_knowledge
from analysis.read.reports import MAX_BYTES, report_files
from analysis.store.annotations import (
    TABLES,
    AnnotationCache,
    annotator_salt,
    default_cache_dir,
    report_key,
    resolve_cache,
)
from analysis.store.fingerprint import ANNOTATOR, code_files
from analysis.store.snapshot import SNAPSHOT_TABLES, CorpusSnapshot


@pytest.fixture(scope="module")
def entries():
    return synthetic_entries(8)


@pytest.fixture(scope="module")
def cold(entries):
    return plain(entries)


@pytest.fixture
def calls(monkeypatch):
    """Report ids annotated in this process (jobs=1), in order."""
    seen: list[str] = []
    real = analysis.annotate.report.annotate

    def counting(report_entries, **options):
        seen.extend(dict.fromkeys(report_entries["report_id"]))
        return real(report_entries, **options)

    monkeypatch.setattr(analysis.annotate.report, "annotate", counting)
    return seen


def files(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.parquet")}


def test_cached_reload_equals_cold_load(entries, cold, tmp_path, calls):
    first = annotate_reports(entries, jobs=1, cache=tmp_path)
    assert len(calls) == 8 and len(files(tmp_path)) == 8 * len(TABLES)
    calls.clear()
    again = annotate_reports(entries, jobs=1, cache=tmp_path)
    assert calls == []
    assert_tables_equal(first, cold)
    assert_tables_equal(again, cold)


def test_samples_cached_reload_equals_cold_load(tmp_path):
    samples = sample_entries()
    annotate_reports(samples, jobs=2, cache=tmp_path)
    assert_tables_equal(annotate_reports(samples, jobs=1, cache=tmp_path), plain(samples))


def test_changed_report_alone_is_annotated_again(entries, tmp_path, calls):
    annotate_reports(entries, jobs=1, cache=tmp_path)
    before = files(tmp_path)
    changed = entries.copy()
    row = changed.index[changed["report_id"] == "synthland-2013-04"][1]
    changed.loc[row, "text"] = changed.loc[row, "text"] + " Beijing welcomed this."
    calls.clear()
    result = annotate_reports(changed, jobs=1, cache=tmp_path)
    assert calls == ["synthland-2013-04"]
    assert_tables_equal(result, plain(changed))
    after = files(tmp_path)
    assert {n: t for n, t in after.items() if n in before} == before  # nothing else rewritten
    assert len(set(after) - set(before)) == len(TABLES)


def test_changed_report_alone_is_annotated_again_by_workers(entries, tmp_path):
    annotate_reports(entries, jobs=2, cache=tmp_path)
    before = files(tmp_path)
    changed = entries.copy()
    row = changed.index[changed["report_id"] == "synthland-2013-06"][0]
    changed.loc[row, "text"] = "Tokyo and Seoul met. " + changed.loc[row, "text"]
    result = annotate_reports(changed, jobs=2, cache=tmp_path)
    after = files(tmp_path)
    assert {n: t for n, t in after.items() if n in before} == before
    new = set(after) - set(before)
    key = report_key(changed[changed["report_id"] == "synthland-2013-06"], salt())
    assert new == {f"{key}.{name}.parquet" for name in TABLES}
    assert_tables_equal(result, plain(changed))


def test_added_report_alone_is_annotated(tmp_path, calls):
    more = synthetic_entries(9)
    annotate_reports(more[more["report_id"] != "synthland-2013-09"], jobs=1, cache=tmp_path)
    calls.clear()
    result = annotate_reports(more, jobs=1, cache=tmp_path)
    assert calls == ["synthland-2013-09"]
    assert_tables_equal(result, plain(more))


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "delete"])
def test_broken_cache_file_is_recomputed(entries, cold, tmp_path, calls, damage):
    annotate_reports(entries, jobs=1, cache=tmp_path)
    victim = entries[entries["report_id"] == "synthland-2013-02"]
    path = AnnotationCache(tmp_path).path(report_key(victim, salt()), "sentences")
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(data[:4] + bytes(255 - b for b in data[4:-8]) + data[-8:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
    calls.clear()
    assert_tables_equal(annotate_reports(entries, jobs=1, cache=tmp_path), cold)
    assert calls == ["synthland-2013-02"]
    assert AnnotationCache(tmp_path).load(report_key(victim, salt())) is not None


def test_writes_leave_no_temporary_files(entries, tmp_path):
    annotate_reports(entries, jobs=2, cache=tmp_path)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".parquet"] * 8 * len(TABLES)


def salt(**files):
    return annotator_salt(load_knowledge(**files))


def test_key_depends_on_text_ids_and_user_files(entries, tmp_path):
    report = entries[entries["report_id"] == "synthland-2013-01"]
    base = report_key(report, salt())
    edited = report.assign(text=report["text"].str.replace("China", "Chinа"))  # Cyrillic a
    renamed = report.assign(entry_id=report["entry_id"].str.replace("e01", "e99"))
    assert report_key(edited, salt()) != base
    assert report_key(renamed, salt()) != base
    user = tmp_path / "actors.toml"
    user.write_text('[actors.Atlantis]\naliases = ["Atlantis"]\n', encoding="utf-8")
    with_user = salt(gazetteer=user)
    assert with_user != salt()
    user.write_text('[actors.Atlantis]\naliases = ["Atlantis", "Poseidonis"]\n', encoding="utf-8")
    os.utime(user, ns=(1, 1))
    assert salt(gazetteer=user) != with_user
    frames = tmp_path / "frames.toml"
    frames.write_text('[frames.sea]\nterms = ["fishing"]\n', encoding="utf-8")
    assert salt(frames=frames) not in {salt(), salt(gazetteer=user)}
    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[outlets]\n"Atlantis Times" = ["AT"]\n', encoding="utf-8")
    assert salt(outlets=outlets) == salt()  # outlets shape the entries, not their annotation
    assert report_key(report, salt()) == base


def test_code_closure_holds_the_annotators_and_not_the_measures():
    names = {p.relative_to(p.parents[1]).as_posix() for p in code_files(ANNOTATOR)}
    assert {"annotate/report.py", "store/annotations.py", "text/tokenize.py",
            "annotate/sentences.py", "annotate/mentions.py", "annotate/vader.py",
            "annotate/sentence_tone.py", "knowledge/gazetteer.py", "knowledge/frame_lexicon.py",
            "knowledge/files.py"} <= names
    assert not names & {"plot/keyness_plots.py", "measure/keyness.py", "workbook/batch.py",
                        "annotate/engine.py", "corpus.py"}


def test_resolve_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("WORKBOOK_CACHE_DIR", raising=False)
    assert resolve_cache(False) is None and resolve_cache(None) is None
    assert resolve_cache(True).folder == default_cache_dir()
    assert default_cache_dir() == settings().root / ".cache" / "annotations"
    assert resolve_cache("somewhere").folder.name == "somewhere"
    monkeypatch.setenv("WORKBOOK_CACHE_DIR", str(tmp_path))
    assert resolve_cache(True).folder == tmp_path


def test_prune_keeps_only_the_given_keys(entries, tmp_path):
    annotate_reports(entries, jobs=1, cache=tmp_path)
    store = AnnotationCache(tmp_path)
    keys = sorted(store.keys())
    (tmp_path / f".{keys[0]}.sentences.abc.tmp").write_bytes(b"left over by a crash")
    assert store.prune(keys[1:]) == len(TABLES) + 1
    assert store.keys() == set(keys[1:])
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


# --- whole-corpus snapshots (load_corpus) ---------------------------------------------------------


@pytest.fixture
def folder(tmp_path, samples_dir):
    """The two samples, a report in Windows-1252 (a warning), a report without attributions
    (a warning) and a file that is no report (an error): every kind of problem."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in samples_dir.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "japan-2022-05.txt").write_bytes(
        "Country Report: Japan (May 2022)\n\nTokyo and Beijing drew closer, a café diplomacy.\n\n"
        "In Kommersant on May 3, Ivan Petrov wrote that Japan and China met in Seoul.\n"
        .encode("cp1252"))
    (folder / "india-2022-06.txt").write_text(
        "Country Report: India (June 2022)\n\nNew Delhi and Moscow signed a deal. No outlet here.\n",
        encoding="utf-8")
    (folder / "notes.txt").write_text("no title here\n", encoding="utf-8")
    return folder


CORPUS_TABLES = ("reports", "entries", *TABLES, "problems")


def load(folder, cache, **options):
    """load_corpus with the warnings it issued (their messages, in order)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, cache=cache, jobs=1, progress=False, **options)
    return corpus, [str(w.message) for w in caught if issubclass(w.category, ReportWarning)]


def assert_corpora_equal(left, right):
    for name in CORPUS_TABLES:
        pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name), check_exact=True,
                                      obj=name)
    assert [type(a) for a in left.entries["authors"]] == [list] * len(left.entries)
    assert all(type(name) is str for a in left.entries["authors"] for name in a)


def snapshot_files(cache):
    return sorted((cache / "snapshots").rglob("*.parquet"))


def forbid_long_way(monkeypatch):
    """Make reading, segmenting, annotating and per-report cache look-ups fail: from now on,
    only a snapshot can load the corpus."""
    def fail(*args, **kwargs):
        raise AssertionError("the long way was taken")

    monkeypatch.setattr(analysis.corpus, "read_reports", fail)
    monkeypatch.setattr(analysis.corpus, "read_entries", fail)
    monkeypatch.setattr(AnnotationCache, "load", fail)
    monkeypatch.setattr(analysis.annotate.report, "annotate", fail)


def test_snapshot_reload_equals_cold_load(folder, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cold, cold_warnings = load(folder, False)
    assert len(cold.reports) == 4 and len(cold.problems) == 3  # one error, two warnings
    assert any("not UTF-8" in w for w in cold_warnings)
    assert any("no paragraph opens with an attribution" in w for w in cold_warnings)
    first, first_warnings = load(folder, cache)
    assert len(snapshot_files(cache)) == len(SNAPSHOT_TABLES)
    forbid_long_way(monkeypatch)
    again, again_warnings = load(folder, cache)
    assert_corpora_equal(first, cold)
    assert_corpora_equal(again, cold)
    assert again_warnings == first_warnings == cold_warnings
    assert str(again.entries["pub_date"].dtype) == "datetime64[ns]"
    with pytest.raises(CorpusError, match="notes.txt"):  # strict still sees the problems
        load_corpus(folder, cache=cache, strict=True)


def test_changed_file_invalidates_the_snapshot_and_only_its_report_is_annotated(
        folder, tmp_path, monkeypatch, calls):
    cache = tmp_path / "cache"
    load(folder, cache)
    old = snapshot_files(cache)
    path = folder / "russia-2024-03.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nTokyo and Seoul welcomed this.\n",
                    encoding="utf-8")
    (folder / "china-2022-07.txt").write_text(
        "Country Report: China (July 2022)\n\nBeijing met Moscow.\n\n"
        "In Kommersant on July 3, Ivan Petrov wrote that Japan and China met.\n", encoding="utf-8")
    calls.clear()
    changed, _ = load(folder, cache)
    assert sorted(calls) == ["china-2022-07", "russia-2024-03"]
    assert_corpora_equal(changed, load(folder, False)[0])
    new = snapshot_files(cache)
    assert len(new) == len(SNAPSHOT_TABLES) and not set(new) & set(old)  # replaced, not added
    forbid_long_way(monkeypatch)
    assert_corpora_equal(load(folder, cache)[0], changed)


def test_snapshot_depends_on_the_user_files(folder, tmp_path, calls):
    cache = tmp_path / "cache"
    load(folder, cache)
    user = tmp_path / "actors.toml"
    user.write_text('[actors.Atlantis]\naliases = ["Atlantis"]\n', encoding="utf-8")
    calls.clear()
    with_user, _ = load(folder, cache, knowledge=load_knowledge(gazetteer=user))
    assert len(calls) == 4
    assert_corpora_equal(with_user, load(folder, False, knowledge=load_knowledge(gazetteer=user))[0])


@pytest.mark.parametrize(("table", "damage"), [("mentions", "truncate"), ("entries", "garbage"),
                                               ("reports", "empty"), ("problems", "delete"),
                                               ("sentences", "foreign")])
def test_broken_snapshot_is_recomputed(folder, tmp_path, calls, table, damage):
    cache = tmp_path / "cache"
    first, _ = load(folder, cache)
    [victim] = [p for p in snapshot_files(cache) if p.name.endswith(f".{table}.parquet")]
    data = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        victim.write_bytes(data[:4] + bytes(255 - b for b in data[4:-8]) + data[-8:])
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage == "delete":
        victim.unlink()
    else:  # a valid file with another key
        other = next(p for p in snapshot_files(cache) if p.name.endswith(".frames.parquet"))
        victim.write_bytes(other.read_bytes())
    calls.clear()
    again, _ = load(folder, cache)
    assert calls == []  # the per-report files still serve every report
    assert_corpora_equal(again, first)
    snapshot = CorpusSnapshot.find(AnnotationCache(cache), folder, report_files(folder),
                                   load_knowledge(), max_bytes=MAX_BYTES)
    assert snapshot.path(table) == victim and snapshot.load() is not None  # rewritten whole


def test_no_snapshot_without_a_cache_or_annotation(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CACHE_DIR", str(tmp_path / "env-cache"))
    load(folder, False)
    load_corpus_quietly(folder, annotate=False)
    assert not (tmp_path / "env-cache").exists()


def load_corpus_quietly(folder, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(folder, **options)
