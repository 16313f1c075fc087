"""Resolution of report specs, groupings and actor names (analysis.groups)."""

from types import SimpleNamespace

import numpy as np
import pytest
from corpus_fixture import build_corpus

from analysis.knowledge.bundle import load_knowledge
from analysis.knowledge.gazetteer import load_gazetteer
from analysis.measure.groups import (
    UnknownValueError,
    actor_sentences,
    default_pair,
    group_labels,
    group_order,
    resolve_actors,
    resolve_pair,
    resolve_reports,
    scope,
)

C = build_corpus()
A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (A, [A]),
        ("2024-03", [B]),
        ("2024", [B, D]),
        ([D, "2021"], [A, D]),  # chronological, whatever the order given
        (["2024", B], [B, D]),  # duplicates collapse
        (" 2021-11 ", [A]),
    ],
)
def test_resolve_reports(spec, expected):
    assert resolve_reports(C.reports, spec) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (2024, [B, D]),  # papermill's -p baseline 2024 passes an int
        (2021, [A]),
        ([D, 2021], [A, D]),
        ([2024, "2024-03"], [B, D]),
        (np.int64(2021), [A]),
    ],
)
def test_resolve_reports_takes_int_years(spec, expected):
    assert resolve_reports(C.reports, spec) == expected


def test_int_specs_fail_like_strings():
    with pytest.raises(UnknownValueError) as err:
        resolve_reports(C.reports, [2024, 1999])
    assert "'1999'" in str(err.value) and "2021-11" in str(err.value)
    with pytest.raises(TypeError, match="True"):
        resolve_reports(C.reports, True)
    assert resolve_pair(C.reports, baseline=2021, target=2024) == ([A], [B, D])


def test_default_pair_is_earliest_and_latest_report():
    assert default_pair(C.reports) == ([A], [D])
    assert default_pair(C.reports.iloc[::-1]) == ([A], [D])  # by period, not row order
    assert default_pair(C.reports, baseline=None, target=B) == ([A], [B])
    assert default_pair(C.reports, baseline="2024-03") == ([B], [D])
    assert default_pair(C.reports, baseline=2021, target=2024) == ([A], [B, D])
    assert default_pair(C.reports, baseline=[A, "2024-03"], target="2024-06") == ([A, B], [D])
    # None is one report here; in resolve_pair a None baseline pools every other report
    assert default_pair(C.reports, target=D) == ([A], [D])
    assert resolve_pair(C.reports, baseline=None, target=D) == ([A, B], [D])


def test_default_pair_errors():
    with pytest.raises(ValueError, match=r"share reports: russia-2024-06 \(target=None is the "
                                         r"latest report: name it\)"):
        default_pair(C.reports, baseline=2024)
    with pytest.raises(ValueError, match=r"baseline=None is the earliest report"):
        default_pair(C.reports, target="2021")
    one = C.reports[C.reports["report_id"] == B]
    with pytest.raises(ValueError, match="share reports: russia-2024-03"):
        default_pair(one)
    with pytest.raises(ValueError, match="no report"):
        default_pair(C.reports.iloc[:0])
    with pytest.raises(UnknownValueError, match="'1999'"):
        default_pair(C.reports, target=1999)
    with pytest.raises(ValueError, match="share reports: russia-2024-03$"):
        default_pair(C.reports, baseline=B, target=2024)


def test_unknown_report_lists_valid_values():
    with pytest.raises(UnknownValueError) as err:
        resolve_reports(C.reports, ["2024", "russia-1999-01"])
    assert isinstance(err.value, ValueError)
    message = str(err.value)
    assert "'russia-1999-01'" in message
    for valid in (A, B, D, "2021-11", "2024-03", "2021", "2024"):
        assert valid in message
    assert err.value.valid == sorted(err.value.valid)


def test_empty_spec_is_an_error():
    with pytest.raises(ValueError, match="empty"):
        resolve_reports(C.reports, [])


def test_resolve_pair_pools_the_rest_and_refuses_overlap():
    assert resolve_pair(C.reports, baseline=None, target="2024-03") == ([A, D], [B])
    assert resolve_pair(C.reports, baseline="2021", target="2024") == ([A], [B, D])
    with pytest.raises(ValueError, match="share reports: russia-2024-03"):
        resolve_pair(C.reports, baseline="2024", target=B)
    with pytest.raises(ValueError, match="no baseline"):
        resolve_pair(C.reports, baseline=None, target=["2021", "2024"])


def test_group_labels_and_order():
    assert group_labels(C.reports) == {A: A, B: B, D: D}
    assert group_labels(C.reports, by="year") == {A: "2021", B: "2024", D: "2024"}
    assert group_labels(C.reports, by="period")[D] == "2024-06"
    assert group_order(C.reports, group_labels(C.reports, by="year")) == ["2021", "2024"]
    reversed_reports = C.reports.iloc[::-1]
    assert group_order(reversed_reports, group_labels(reversed_reports)) == [A, B, D]
    with pytest.raises(UnknownValueError, match="report_id"):
        group_labels(C.reports, by="outlet")


def test_resolve_actors():
    assert resolve_actors(C, None) == ["China", "Japan", "North Korea"]
    assert resolve_actors(C, "north korea") == ["North Korea"]
    assert resolve_actors(C, ["Japan", "CHINA", "japan"]) == ["Japan", "China"]
    # a gazetteer actor the corpus never mentions is valid: its counts are zero
    assert resolve_actors(C, ["taiwan", "China"]) == ["Taiwan", "China"]
    with pytest.raises(UnknownValueError) as err:
        resolve_actors(C, ["China", "Atlantis"])
    assert "'Atlantis'" in str(err.value)
    # the valid values are the gazetteer's actors, mentioned or not
    assert {"China", "Japan", "North Korea", "Taiwan"} <= set(err.value.valid)


def test_resolve_actors_takes_aliases_and_the_corpus_gazetteer(tmp_path):
    assert resolve_actors(C, ["DPRK", "Beijing", "kim jong-un"]) == ["North Korea", "China"]
    user = tmp_path / "actors.toml"
    user.write_text('[actors.Atlantis]\naliases = ["Poseidonis"]\n', encoding="utf-8")
    own = SimpleNamespace(**vars(C), knowledge=load_knowledge(gazetteer=user))
    assert resolve_actors(own, ["poseidonis"]) == ["Atlantis"]
    # a gazetteer that replaces the shipped one: its actors are the valid ones
    only = tmp_path / "only.toml"
    only.write_text('[actors.Atlantis]\naliases = ["Poseidonis"]\nreplace = true\n',
                    encoding="utf-8")
    replaced = SimpleNamespace(**vars(C), knowledge=SimpleNamespace(
        gazetteer=load_gazetteer(only, extend=False)))
    with pytest.raises(UnknownValueError):
        resolve_actors(replaced, ["Taiwan"])
    assert resolve_actors(replaced, ["China"]) == ["China"]  # mentioned in the corpus


def test_scope_leaves_out_the_overview_unless_asked():
    assert len(scope(C)) == 8
    assert len(scope(C, include_overview=True)) == 11
    assert f"{A}-e00" not in scope(C)


def test_actor_sentences_counts_a_sentence_once():
    # "China and its capital Beijing expand trade." mentions China twice: one row.
    rows = actor_sentences(C, ["China"])
    assert rows.duplicated(["entry_id", "sentence_idx"]).sum() == 0
    assert len(rows) == 2 + 4 + 1
    assert len(actor_sentences(C, ["China"], include_overview=True)) == 9


def test_unknown_names_suggest_the_closest_valid_ones():
    """Issue 20: a misspelled actor, report or period says "did you mean" (difflib), before the
    list of valid values; an alias close to the name suggests its actor."""
    from corpus_fixture import samples

    corpus = samples()
    with pytest.raises(UnknownValueError) as err:
        resolve_actors(corpus, ["Chna"])
    assert err.value.suggestions == ["China"]
    assert str(err.value).startswith("unknown actor 'Chna' (did you mean 'China'?); valid values:")
    with pytest.raises(UnknownValueError) as err:
        resolve_actors(corpus, ["Pekin"])  # close to the alias "Peking"
    assert err.value.suggestions == ["China"]
    with pytest.raises(UnknownValueError) as err:
        resolve_reports(corpus.reports, "russia-2024-3")
    assert err.value.suggestions == ["russia-2024-03"]
    with pytest.raises(UnknownValueError) as err:
        resolve_reports(corpus.reports, "1999")
    assert err.value.suggestions == [] and "did you mean" not in str(err.value)
