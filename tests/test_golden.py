"""Every table and figure of the samples and of 20 synthetic reports equals its recorded digest
(``tests/data/golden.json``; see ``tests/golden.py`` for what is hashed and how to update it)."""

import json

from golden import GOLDEN, compute, differences


def test_tables_and_figures_equal_their_recorded_digests():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert differences(expected, compute()) == []


def test_a_digest_is_of_values_not_dtypes():
    import pandas as pd
    from golden import table_digest

    table = pd.DataFrame({
        "entry_id": pd.array(["r-e01", "r-e01", None, "r-e02"], dtype="str"),
        "start": pd.array([0, 7, 12, 3], dtype="int64"),
        "alias": pd.Series(["US", "Moscow", "US", "PRC"], dtype=object),
        "tone": [0.5, -0.25, 0.0, 1.0],
        "authors": [["A B"], [], ["C"], ["D", "E"]],
    })
    same = table.astype({"entry_id": "category", "start": "int32", "alias": "str"})
    assert table_digest(same) == table_digest(table)
    assert table_digest(table.astype({"alias": "category"})) == table_digest(table)
    for changed in (table.assign(start=table["start"] + 1),
                    table.assign(entry_id=table["entry_id"].str.upper()),
                    table.assign(tone=table["tone"].astype("float32").astype("float64") + 1e-9),
                    table.iloc[::-1], table.rename(columns={"alias": "as_written"}),
                    table.assign(start=table["start"].astype("float64"))):
        assert table_digest(changed) != table_digest(table)
