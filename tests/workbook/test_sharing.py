"""Sharing safely (issue 6): report text is data, never markup or code, in tables and pages."""

import re
import shutil
from pathlib import Path

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


def test_tables_for_people_escape_report_text(tmp_path):
    """The display layer (issue 14) formats and links, but report text stays data."""
    from analysis.workbook.display import MISSING, show

    (tmp_path / "russia-2023-05.txt").write_text(HOSTILE, encoding="utf-8")
    entries = load_corpus(tmp_path, annotate=False).entries
    for interactive in (False, True):
        page = show(entries, interactive=interactive)._repr_html_()
        assert "<img src=x" not in page and "<script>alert(" not in page and "<b>China</b>" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "NaN" not in page and "NaT" not in page and "None" not in page and "['" not in page
        assert MISSING in page


def _links(page: Path) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8"))


def test_the_html_folder_travels_alone(batch_build, tmp_path):
    """build/html/ copied anywhere: every link of every page resolves inside the copy."""
    copy = shutil.copytree(batch_build["out"] / "html", tmp_path / "sent" / "html")
    pages = sorted(copy.glob("*.html"))
    assert copy / "index.html" in pages and len(pages) > 2
    broken = []
    for page in pages:
        for href in _links(page):
            if href.startswith(("http:", "https:", "data:", "mailto:", "#")):
                continue
            target, _, anchor = href.partition("#")
            resolved = (page.parent / target).resolve()
            if not resolved.is_relative_to(copy.resolve()) or not resolved.is_file() or anchor and f'id="{anchor}"' not in resolved.read_text(encoding="utf-8"):
                broken.append((page.name, href))
    assert broken == []
    index = (copy / "index.html").read_text(encoding="utf-8")
    for actor in ("China", "North Korea", "Japan"):
        assert f"<h3>{actor}</h3>" in index
    assert '<p class="corpus">2 reports, 24 entries from 11 outlets' in index
    assert "Batch status" in index
    assert index.index("Headline findings") < index.index("Batch status")
    assert (copy / "tone-codebook.html").is_file()  # every tone note links it
    assert list((copy / "figures").glob("*/*.png")), "the figures are copied beside the pages"


def test_no_page_shows_nan_or_python_lists(batch_build):
    """After the batch, no table cell of any page shows NaN, NaT, None or a Python list."""
    cells = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
    bad = []
    for page in sorted((batch_build["out"] / "html").glob("*.html")):
        for value in cells.findall(page.read_text(encoding="utf-8")):
            if value.strip() in ("NaN", "NaT", "None", "nan", "&lt;NA&gt;") or value.startswith("["):
                bad.append((page.name, value[:60]))
    assert bad == []
