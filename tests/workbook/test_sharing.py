"""Sharing safely (issue 6): report text is data, never markup or code, in tables and pages."""

import pytest

from analysis.corpus import load_corpus
from tests.workbook.hostile import HOSTILE


def test_text_is_kept_verbatim_in_tables(tmp_path):
    (tmp_path / "russia-2023-05.txt").write_text(HOSTILE, encoding="utf-8")
    entries = load_corpus(tmp_path, annotate=False).entries
    assert "<img src=x onerror=alert(1)>" in entries["text"].iloc[1]
    html = entries.to_html()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("page", ["html", "reader"])
def test_rendered_pages_show_report_text_literally(hostile_build, page):
    text = getattr(hostile_build, page).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in text
    assert "<script>alert(" not in text and "<img src=x" not in text and "<b>China</b>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "**bold**" in text  # markdown in report text is not rendered
    assert "<script" not in text.lower()  # the offline template loads no script at all
