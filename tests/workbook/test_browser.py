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
    pages = sorted({link.split("#")[0] for link in index["links"] if link.endswith(".html")})
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
