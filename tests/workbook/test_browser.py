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


def visit(browser, page_path: Path) -> dict:
    context = browser.new_context(offline=True)
    outside: list[str] = []
    console: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
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
    images = page.evaluate(
        "Array.from(document.images).map(i => ({src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0}))")
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    title = page.title()
    context.close()
    return {"outside": outside, "console": console, "images": images, "links": links, "title": title}


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
