"""Golden digests: every table and figure of the samples and of 20 synthetic reports, hashed.

``tests/test_golden.py`` recomputes them and compares with ``tests/data/golden.json``, so a
change meant to leave behaviour alone (moving modules, speeding things up) proves that it did.
A change that is meant to alter results updates the file on purpose and says so in its commit:

    .venv/bin/python tests/golden.py --update

Only the public API of ``analysis`` is used, so the digests survive moving modules. A table is
hashed as its column names, the kind of its columns' values and the values (CSV with full float
precision, lists joined), never its storage: a categorical column of ids hashes as the same
strings, an int32 column as the same int64 numbers (:func:`table_digest`). A figure is hashed as
the bytes :func:`analysis.save_figure` writes.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden.json"
sys.path.insert(0, str(ROOT / "benchmarks"))


def table_digest(table: pd.DataFrame) -> str:
    """SHA-256 of a table's columns, the kind of each column's values and the values (order
    matters). Computed on values, not on their storage: a categorical column is hashed as its
    values (plain strings for string categories), every integer width as int64, every string
    dtype (and an object column of strings) as ``str`` (:func:`value_kinds`), so that a change
    of dtype alone (dictionary-encoded ids, int32 offsets) leaves the digest equal."""
    shown, kinds = plain_values(table)
    for column in shown.columns:
        shown[column] = shown[column].map(
            lambda v: "|".join(map(str, v)) if isinstance(v, list | tuple) else v)
    head = json.dumps([list(map(str, table.columns)), kinds])
    body = shown.to_csv(index=False, float_format="%.17g", lineterminator="\n")
    return hashlib.sha256((head + "\n" + body).encode("utf-8", "surrogatepass")).hexdigest()


def plain_values(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A copy of ``table`` with each column's values in one plain form, and the kind of each
    column: ``int`` (any width, signed or not, nullable or not), ``float``, ``bool``, ``str``
    (pandas' string dtypes, categories of strings, objects that are all strings or missing),
    ``datetime``, or the dtype's name for anything else (lists are ``object``)."""
    shown = pd.DataFrame(index=table.index)
    kinds = []
    for k, column in enumerate(table.columns):
        values = table.iloc[:, k]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(values.cat.categories.dtype)
        kind = _kind(values)
        if kind == "str":
            values = values.astype(object).where(values.notna(), None)
        elif kind == "int" and not values.hasnans:
            values = values.astype("int64")
        shown[k] = values
        kinds.append(kind)
    shown.columns = table.columns
    return shown, kinds


def _kind(values: pd.Series) -> str:
    from pandas.api import types

    dtype = values.dtype
    if types.is_bool_dtype(dtype):
        return "bool"
    if types.is_integer_dtype(dtype):
        return "int"
    if types.is_float_dtype(dtype):
        return "float"
    if types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if isinstance(dtype, pd.StringDtype) or (
            dtype == object and all(isinstance(v, str) for v in values.dropna())):
        return "str"
    return str(dtype)


def _corpus_digests(corpus, pair: tuple[str, str], actors: list[str], out: Path) -> dict:
    import analysis as a

    base, target = pair
    digests = {name: table_digest(getattr(corpus, name)) for name in
               ("reports", "entries", "paragraphs", "sentences", "tokens", "mentions", "frames",
                "problems")}
    results = {
        "attention": a.attention(corpus),
        "attention_period": a.attention(corpus, by="period", actors=actors),
        "tone": a.tone(corpus),
        "tone_change": a.tone_change(corpus, baseline=base, target=target),
        "keyness": a.keyness(corpus, target=target, baseline=base),
        "keyness_actor": a.keyness(corpus, target=target, baseline=base, actor=actors[0]),
        "keyness_by": a.keyness_by(corpus, top_n=10),
        "kwic": a.kwic(corpus, actors[0], actor=True),
        "kwic_word": a.kwic(corpus, "relations", window=4),
        "cooccurrence": a.cooccurrence(corpus),
        "frame_shares": a.frame_shares(corpus, actors=actors),
        "outlets": a.outlets(corpus),
        "authors": a.authors(corpus),
        "source_actors": a.source_actors(corpus, actors=actors),
        "dispersion": a.dispersion(corpus, actors=actors),
        "compare": a.compare(corpus, baseline=base, target=target, actors=actors),
        "evidence": a.evidence(corpus, baseline=base, target=target, actor=actors[0]),
    }
    digests.update({name: table_digest(t) for name, t in results.items()})
    digests["summary"] = hashlib.sha256(a.summary(
        results["compare"], corpus, baseline=base, target=target).encode()).hexdigest()
    figures = {
        "plot_attention": a.plot_attention(results["attention_period"]),
        "plot_tone": a.plot_tone(a.tone(corpus, actors=actors)),
        "plot_keyness": a.plot_keyness(results["keyness"]),
        "plot_dispersion": a.plot_dispersion(results["dispersion"]),
        "plot_cooccurrence": a.plot_cooccurrence(a.cooccurrence(corpus, actors=actors)),
        "plot_source_actors": a.plot_source_actors(results["source_actors"]),
        "plot_frame_shares": a.plot_frame_shares(results["frame_shares"]),
    }
    for name, fig in figures.items():
        for path in a.save_figure(fig, out / name):
            digests[f"{name}.{path.suffix[1:]}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def _portable(corpus):
    """The corpus with file names in place of paths: where the clone or the temporary folder
    lives must not enter the digests (CI checks out the project somewhere else)."""
    def names(table):
        return table.assign(path=table["path"].map(lambda p: Path(str(p)).name))
    return type(corpus)(**{**corpus.__dict__, "reports": names(corpus.reports),
                           "problems": names(corpus.problems)})


def compute() -> dict:
    """Digests of the samples and of 20 synthetic reports (written to a temporary folder)."""
    from synthetic import write_corpus

    import analysis as a

    out: dict[str, dict] = {}
    actors = ["China", "North Korea", "Japan"]
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tmp = Path(tmp)
        samples = _portable(a.load_corpus(ROOT / "reports_raw", cache=False, jobs=1))
        out["samples"] = _corpus_digests(samples, ("russia-2021-11", "russia-2024-03"), actors,
                                         tmp / "figures-samples")
        plain = a.load_corpus(ROOT / "reports_raw", annotate=False, cache=False)
        write_corpus(plain.entries, 20, tmp / "synthetic")
        synthetic = a.load_corpus(tmp / "synthetic", cache=False, jobs=1)
        ids = synthetic.reports.sort_values(["period", "report_id"])["report_id"].tolist()
        synthetic = _portable(synthetic)
        out["synthetic"] = _corpus_digests(synthetic, (ids[0], ids[-1]), actors,
                                           tmp / "figures-synthetic")
    return out


def differences(expected: dict, actual: dict) -> list[str]:
    """Names of the digests that differ (or are missing on one side)."""
    return sorted(f"{corpus}/{name}" for corpus in expected.keys() | actual.keys()
                  for name in expected.get(corpus, {}).keys() | actual.get(corpus, {}).keys()
                  if expected.get(corpus, {}).get(name) != actual.get(corpus, {}).get(name))


if __name__ == "__main__":
    digests = compute()
    if "--update" in sys.argv:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN}")
    elif "--to" in sys.argv:
        Path(sys.argv[sys.argv.index("--to") + 1]).write_text(
            json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    else:
        diff = differences(json.loads(GOLDEN.read_text(encoding="utf-8")), digests)
        print("\n".join(diff) if diff else "all digests equal")
