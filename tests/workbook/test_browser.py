"""A real browser (issue 6): headless Chromium opens build/html/index.html and every page offline.

Each page must load every figure image, make no request that leaves the machine (any request
other than file: and data: is recorded and refused), and log no console error. Chromium comes
from Debian's `chromium` package, which `make test` installs when it is missing; Playwright
drives it through `executable_path` (no browser download).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is installed by make test")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it)")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def visit(browser, page_path: Path, action=None) -> dict:
    context = browser.new_context(offline=True)
    outside: list[str] = []
    console: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):  # blob: the embedded bundle
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (console.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(page_path.as_uri(), wait_until="load")
    if page.evaluate("document.querySelector('table[id^=itables_]') !== null"):
        page.wait_for_selector("table.dataTable", timeout=15000)  # the offline bundle ran
    tables = page.evaluate("document.querySelectorAll('table.dataTable').length")
    if action is not None:
        action(page)
    images = page.evaluate(
        "Array.from(document.images).map(i => ({src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0}))")
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    title = page.title()
    context.close()
    return {"outside": outside, "console": console, "images": images, "links": links,
            "title": title, "tables": tables}


def test_index_and_every_page_render_offline(batch_build, browser):
    html = batch_build["out"] / "html"
    index = visit(browser, html / "index.html")
    assert index["outside"] == [] and index["console"] == []
    pages = sorted({link.split("#")[0] for link in index["links"] if link.endswith(".html")}
                   - {"tone-codebook.html"})  # the codebook has no figure; opened below
    assert pages, "index.html links no page"
    assert {p for p in pages if not p.endswith(".reader.html")} >= {
        "01_corpus_overview.html", "05_actor_deep_dive-china.html"}
    for name in pages:
        seen = visit(browser, html / name)
        assert seen["outside"] == [], (name, seen["outside"])
        assert seen["console"] == [], (name, seen["console"])
        assert seen["images"], f"{name} shows no figure"
        broken = [i["src"] for i in seen["images"] if not i["ok"]]
        assert broken == [], (name, broken)
    codebook = visit(browser, html / "tone-codebook.html")
    assert codebook["outside"] == [] and codebook["console"] == []
    assert codebook["title"] == "Tone codebook: how a sentence portrays an actor"


@pytest.mark.parametrize("page", ["html", "reader"])
def test_hostile_text_runs_nothing_in_the_browser(hostile_build, browser, page):
    """The pages the batch renders from a report full of markup: nothing runs, nothing loads."""
    seen = visit(browser, getattr(hostile_build, page))
    assert seen["console"] == [] and seen["outside"] == []
    assert not [i for i in seen["images"] if "x" == i["src"].rsplit("/", 1)[-1]]


def test_long_tables_sort_and_search_offline(batch_build, browser):
    """Issue 14: the entries table of the overview is a DataTable from the embedded bundle
    (itables offline): searching narrows it, with no outside request and no console error."""
    found = {}

    def search(page):
        table = page.locator("table.dataTable").first
        found["before"] = table.locator("tbody tr").count()
        box = page.locator("input[type=search]").first
        box.fill("Kommersant")
        page.wait_for_timeout(300)
        found["after"] = table.locator("tbody tr").count()
        found["text"] = table.inner_text()
        page.screenshot(path=str(batch_build["out"] / "01_corpus_overview.png"), full_page=True)

    seen = visit(browser, batch_build["out"] / "html" / "01_corpus_overview.reader.html", search)
    assert seen["outside"] == [] and seen["console"] == [], seen
    assert seen["tables"] >= 1
    assert 0 < found["after"] < found["before"] and "Kommersant" in found["text"]


#: Pages that lead with a comparison: the index, the overview of attention and tone, a deep dive.
LEADING = ["index.html", "02_attention_and_tone.reader.html",
           "05_actor_deep_dive-china.reader.html"]
FIRST_SCREEN = {"width": 1300, "height": 800}


def _expected_headlines(build: Path, page: str) -> list[str]:
    """The headlines of a page's comparison, from the executed notebook's lead data."""
    import json

    from analysis.workbook.snippets import FINDINGS_MIME

    name = "02_attention_and_tone" if page == "index.html" else page.removesuffix(".reader.html")
    nb = json.loads((build / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    (payload,) = [o["data"][FINDINGS_MIME] for c in nb["cells"] for o in c.get("outputs", [])
                  if FINDINGS_MIME in o.get("data", {})]
    return [h["headline"] for a in payload["actors"] for h in a["headlines"]]


@pytest.mark.parametrize("page", LEADING)
def test_the_first_screen_holds_the_headlines_and_the_figure(batch_build, browser, page):
    """Issue 20: at 1300 px wide, the first screen shows every headline, in order, and the
    figure; the method lines are collapsed; no table on it is wider than the page."""
    context = browser.new_context(offline=True, viewport=FIRST_SCREEN)
    tab = context.new_page()
    tab.goto((batch_build["out"] / "html" / page).as_uri(), wait_until="load")
    seen = tab.evaluate("""() => {
        const box = e => e.getBoundingClientRect();
        const items = Array.from(document.querySelectorAll('li.wb-headline'));
        const figure = document.querySelector('.wb-lead figure img');
        const tables = Array.from(document.querySelectorAll('table'))
            .filter(t => box(t).top < innerHeight)
            .map(t => ({width: box(t).width, right: box(t).right}));
        return {headlines: items.map(i => i.querySelector('.wb-headline-text').innerText),
                bottoms: items.map(i => box(i).bottom),
                figure: figure && {top: box(figure).top, bottom: box(figure).bottom,
                                   ok: figure.complete && figure.naturalWidth > 0},
                open: document.querySelectorAll('details[open]').length,
                methods: document.querySelectorAll('details.wb-method').length,
                tables, page: document.documentElement.clientWidth, height: innerHeight};
    }""")
    tab.screenshot(path=str(batch_build["out"] / f"first-screen-{page}.png"))
    context.close()
    assert seen["headlines"] == _expected_headlines(batch_build["out"], page)
    assert seen["headlines"] and max(seen["bottoms"]) <= seen["height"], seen["bottoms"]
    assert seen["figure"]["ok"] and seen["figure"]["bottom"] <= seen["height"], seen["figure"]
    assert seen["open"] == 0 and seen["methods"] == len(seen["headlines"])
    wide = [t for t in seen["tables"] if t["width"] > seen["page"] or t["right"] > seen["page"]]
    assert wide == [], (seen["page"], wide)


@pytest.mark.parametrize("page", [*LEADING, "01_corpus_overview.reader.html",
                                  "05_actor_deep_dive-japan.html"])
def test_a_page_sent_alone_opens_complete(batch_build, browser, tmp_path, page):
    """Issue 20: one page copied alone to an empty folder opens with every image, and no request
    leaves the file (any URL but the page's own, data: and blob: is recorded and refused)."""
    import shutil

    alone = tmp_path / "sent"
    alone.mkdir()
    copy = Path(shutil.copy(batch_build["out"] / "html" / page, alone / page))
    context = browser.new_context(offline=True, viewport=FIRST_SCREEN)
    requests: list[str] = []

    def route(r):
        url = r.request.url
        if url == copy.as_uri() or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            requests.append(url)
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.goto(copy.as_uri(), wait_until="load")
    tab.wait_for_timeout(300)
    images = tab.evaluate("Array.from(document.images).map(i => ({src: i.src.slice(0, 30), "
                          "ok: i.complete && i.naturalWidth > 0}))")
    context.close()
    assert list(alone.iterdir()) == [copy]
    assert requests == [], requests
    assert images and all(i["ok"] for i in images), images
    assert all(i["src"].startswith("data:image/") for i in images), images
