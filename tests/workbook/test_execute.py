"""The clean executed copy of a run (analysis/workbook/execute.py)."""

from __future__ import annotations

from pathlib import Path

import nbformat

from analysis.workbook.execute import _clean_executed


def test_prints_cut_into_other_messages_give_the_same_executed_copy(tmp_path: Path) -> None:
    """A busy kernel may send one cell's prints in more stream messages: the copy is the same."""
    def notebook(*texts: str) -> nbformat.NotebookNode:
        cell = nbformat.v4.new_code_cell("print('a'); print('b')", id="cell")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in texts]
        cell.outputs.append(nbformat.v4.new_output("stream", name="stderr", text="warn\n"))
        return nbformat.v4.new_notebook(cells=[cell])

    one, two = notebook("a\nb\n"), notebook("a\n", "b\n")
    for nb in (one, two):
        _clean_executed(nb, tmp_path / "x.ipynb", tmp_path)
    assert nbformat.writes(one) == nbformat.writes(two)
    assert [o.name for o in one.cells[0].outputs] == ["stdout", "stderr"]
