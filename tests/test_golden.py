"""Every table and figure of the samples and of 20 synthetic reports equals its recorded digest
(``tests/data/golden.json``; see ``tests/golden.py`` for what is hashed and how to update it)."""

import json

from golden import GOLDEN, compute, differences


def test_tables_and_figures_equal_their_recorded_digests():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert differences(expected, compute()) == []
