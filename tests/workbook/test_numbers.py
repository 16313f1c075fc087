"""One set of numbers (issue 20): the same comparison gives the same headlines, the same adjusted
p-values and the same family in ``workbook compare``, in the notebooks' pages and on the index."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.knowledge.tone_model import tone_agreement

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "notebooks" / "plan.toml"
PAIR = ["--baseline", "russia-2021-11", "--target", "russia-2024-03"]
ITEM = re.compile(r'<li class="wb-headline"[^>]*><span class="wb-headline-text">(.*?)</span> '
                  r'<details class="wb-method"><summary>method</summary>(.*?)</details></li>',
                  re.DOTALL)


def page_headlines(page: Path) -> list[tuple[str, str]]:
    """(headline, method) of every headline of a page, in order, as text."""
    return [(html.unescape(h), html.unescape(m))
            for h, m in ITEM.findall(page.read_text(encoding="utf-8"))]


def cli_headlines(capsys, *argv: str) -> list[tuple[str, str]]:
    code = main(["compare", "--reports", str(ROOT / "reports_raw"), *PAIR, "--plan", str(PLAN),
                 *argv])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    # the tone measure's agreement with human coding, from its one source, under the title
    assert lines[2] == f"{tone_agreement().sentence()} Codebook: docs/tone-codebook.md."
    start = lines.index("Headlines") + 1
    end = lines.index("", start)
    pairs = lines[start:end]
    assert [p[:2] for p in pairs[0::2]] == ["- "] * (len(pairs) // 2)
    return [(h[2:], m.removeprefix("  method: ")) for h, m in zip(pairs[0::2], pairs[1::2],
                                                                    strict=True)]


@pytest.fixture(scope="module")
def html_dir(batch_build: dict) -> Path:
    return batch_build["out"] / "html"


def test_cli_notebooks_and_index_give_identical_headlines(batch_build, html_dir, capsys):
    cli = cli_headlines(capsys)  # no --actor: the plan's actors, as the index
    assert cli[0][0].startswith("China: named in 11 of 12 entries in Nov 2021")
    assert len(cli) == 6
    index = page_headlines(html_dir / "index.html")
    assert index == cli
    assert page_headlines(html_dir / "02_attention_and_tone.reader.html") == cli
    for actor, slug in (("China", "china"), ("North Korea", "north-korea"), ("Japan", "japan")):
        asked = cli_headlines(capsys, "--actor", actor)
        dive = page_headlines(html_dir / f"05_actor_deep_dive-{slug}.reader.html")
        assert dive == asked == [x for x in cli if x[0].startswith(f"{actor}:")], actor


def test_the_adjusted_p_is_over_the_plans_family_everywhere(batch_build, html_dir, capsys):
    assert main(["compare", "--reports", str(ROOT / "reports_raw"), *PAIR, "--plan", str(PLAN),
                 "--actor", "China", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["tone_family"] == ["China", "North Korea", "Japan"]
    shown = f"p = {row['tone_p_adjusted']:.3f}"
    assert row["tone_p_adjusted"] != row["tone_p_value"]  # Holm over 3, not over the one asked
    family = "Holm-adjusted over a family of 3 actors (China, North Korea, Japan) " + shown
    for page in ("index.html", "02_attention_and_tone.reader.html",
                 "05_actor_deep_dive-china.reader.html", "05_actor_deep_dive-china.html"):
        text = html.unescape((html_dir / page).read_text(encoding="utf-8"))
        assert family in text, page
    # the findings table of every page and of the index has the same cell
    cell = (f"{row['tone_change']:+.2f} ({row['tone_change_low']:+.2f} to "
            f"{row['tone_change_high']:+.2f}; Holm p = {row['tone_p_adjusted']:.3f} over 3)")
    for page in ("index.html", "02_attention_and_tone.reader.html",
                 "05_actor_deep_dive-china.reader.html"):
        assert cell in (html_dir / page).read_text(encoding="utf-8"), page
