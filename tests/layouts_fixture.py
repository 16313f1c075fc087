"""A clean report re-laid out as people save reports: one paragraph per line (a browser copy),
hard-wrapped (an e-mail client: 60-100 columns, with or without blank lines between paragraphs,
format=flowed), a web page saved from the browser with the Asan Forum's furniture (menus, share
buttons, "Country Reports" header, related links, comments form, footer, scripts), a Word
document, CRLF line ends, a BOM, UTF-16. Used by the layout tests and the property test."""

from __future__ import annotations

import html
import io
import textwrap

__all__ = ["LAYOUTS", "blocks", "comparable", "docx_bytes", "html_page", "one_per_line",
           "relayout", "wrapped"]


def blocks(clean: str) -> list[str]:
    """The paragraphs of a clean report (blank-line layout), the title first."""
    return [b.strip() for b in clean.split("\n\n") if b.strip()]


def one_per_line(clean: str) -> str:
    return "\n".join(blocks(clean)) + "\n"


def wrapped(clean: str, width: int = 72, *, blank: bool = False, flowed: bool = False) -> str:
    """Every paragraph wrapped at ``width`` (breaks at spaces, as e-mail clients do); the
    title and headings stay one line. ``flowed``: soft breaks keep a trailing space."""
    out = []
    for block in blocks(clean):
        lines = textwrap.wrap(" ".join(block.split("\n")), width, break_on_hyphens=False,
                              break_long_words=False) or [block]
        if flowed:
            lines = [line + " " for line in lines[:-1]] + lines[-1:]
        out.append("\n".join(lines))
    return ("\n\n" if blank else "\n").join(out) + "\n"


_MENU = ("Home", "Special Forum", "Open Forum", "Country Reports", "Issues", "About", "Search")


def html_page(clean: str, *, related: tuple[str, ...] = (
        "Country Report: Japan (March 2024)", "Country Report: China (February 2024)"),
        heading_tag: str = "h3") -> str:
    """A saved Asan Forum page: the report's paragraphs in ``<p>`` (headings in
    ``heading_tag``), around them the site's furniture."""
    parts = blocks(clean)
    title, body = parts[0], parts[1:]
    esc = html.escape
    inner = []
    for block in body:
        words = block.split()
        heading = len(words) <= 12 and not block.rstrip().endswith((".", ":", "?", "!", "”"))
        inner.append(f"<{heading_tag}>{esc(block)}</{heading_tag}>" if heading
                     else f"<p>{esc(block)}</p>")
    folder = f"./{title.replace(':', '_')}_files"
    menu = "".join(f'<li class="menu-item"><a href="https://theasanforum.org/{m.lower()}/">'
                   f"{m}</a></li>" for m in _MENU)
    links = "".join(f'<li><a href="https://theasanforum.org/x{k}/">{esc(r)}</a></li>'
                    for k, r in enumerate(related))
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | The Asan Forum</title>
<meta property="og:title" content="{esc(title)}">
<link rel="stylesheet" href="{folder}/style.css" type="text/css" media="all">
<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1']);
document.write("Country Report: Mongolia (May 1999) In Pravda on May 3, Ivan Petrov wrote");</script>
<style>.entry-content p {{ margin: 0 0 1em; }}</style>
</head>
<body class="post-template-default single single-post">
<div id="cookie-notice">We use cookies to improve your experience. <a href="#">Accept</a></div>
<header id="masthead" class="site-header">
<div class="site-branding"><a href="https://theasanforum.org/" rel="home">
<img src="{folder}/logo.png" alt="The Asan Forum"></a>
<p class="site-description">An online journal on Asia</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="menu-main">{menu}</ul></nav>
<form role="search" class="search-form"><input type="search" placeholder="Search ..."></form>
</header>
<div id="content" class="site-content">
<div class="category-header"><h2 class="category-title">Country Reports</h2></div>
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-123" class="post type-post status-publish category-country-reports">
<header class="entry-header">
<h1 class="entry-title">{esc(title)}</h1>
<div class="entry-meta"><span class="byline">By : <a href="/author/gilbert/">Gilbert Rozman</a></span></div>
<div class="share-buttons"><a class="email" href="mailto:?subject=x">EMAIL</a>
<a class="facebook" href="https://facebook.com/sharer">Facebook</a>
<a class="twitter" href="https://twitter.com/share">Twitter</a>
<a class="linkedin" href="https://linkedin.com/share">LinkedIn</a></div>
</header>
<div class="entry-content">
{chr(10).join(inner)}
</div>
<footer class="entry-footer"><div class="share-buttons-bottom"><span>Share this:</span>
<a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Print</a></div></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-previous"><a href="/prev/">Previous article
</a></div><div class="nav-next"><a href="/next/">Next article</a></div></nav>
<section class="related-posts"><h3>Related Articles</h3><ul>{links}</ul></section>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form class="comment-form"><p class="comment-notes">Your email address will not be published.
</p><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form>
</div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">
Latest Country Reports</h2><ul>{links}</ul></section>
<section class="widget"><h2 class="widget-title">Subscribe</h2><p>Sign up for our newsletter
to receive the latest issues.</p></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">
<p>&copy; 2024 The Asan Forum. All rights reserved.</p>
<p>The Asan Institute for Policy Studies, 11, Gyeonghuigung 1ga-gil, Jongno-gu, Seoul</p>
<p><a href="/privacy/">Privacy Policy</a> | <a href="/terms/">Terms of Use</a></p></div>
</footer>
<script src="{folder}/jquery.min.js"></script>
<script>jQuery(function($){{ $('.share-buttons a').on('click', function(){{ return false; }}); }});</script>
</body>
</html>
"""


def docx_bytes(clean: str) -> bytes:
    """The report as a Word document: the title in the Title style, headings in Heading 2,
    paragraphs in Normal."""
    import docx

    document = docx.Document()
    parts = blocks(clean)
    document.add_paragraph(parts[0], style="Title")
    for block in parts[1:]:
        words = block.split()
        if len(words) <= 12 and not block.rstrip().endswith((".", ":", "?", "!", "”")):
            document.add_heading(block, level=2)
        else:
            document.add_paragraph(block)
    section = document.sections[0]
    section.header.paragraphs[0].text = "The Asan Forum - Country Reports"
    section.footer.paragraphs[0].text = "Page 1"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


#: name -> (file suffix, bytes of the re-laid clean text)
LAYOUTS = {
    "one-per-line": (".txt", lambda c: one_per_line(c).encode("utf-8")),
    "one-per-line-crlf-bom": (".txt", lambda c: ("\ufeff" + one_per_line(c)).replace(
        "\n", "\r\n").encode("utf-8")),
    "wrapped-72": (".txt", lambda c: wrapped(c, 72).encode("utf-8")),
    "wrapped-60-blank": (".txt", lambda c: wrapped(c, 60, blank=True).encode("utf-8")),
    "wrapped-100": (".txt", lambda c: wrapped(c, 100).encode("utf-8")),
    "wrapped-76-flowed": (".txt", lambda c: wrapped(c, 76, flowed=True).encode("utf-8")),
    "wrapped-80-utf16": (".txt", lambda c: wrapped(c, 80).replace("\n", "\r\n").encode("utf-16")),
    "html": (".html", lambda c: html_page(c).encode("utf-8")),
    "docx": (".docx", docx_bytes),
    "markdown": (".md", lambda c: "\n\n".join(
        ("# " if k == 0 else "") + b for k, b in enumerate(blocks(c))).encode("utf-8")),
}


def relayout(clean: str, name: str) -> tuple[str, bytes]:
    """``(suffix, bytes)`` of the clean report text laid out as ``name`` (:data:`LAYOUTS`)."""
    suffix, make = LAYOUTS[name]
    return suffix, make(clean)


def comparable(entries) -> list[tuple]:
    """The fields the layouts must agree on: kind, outlet, date, issue, authors, genre and the
    text, paragraph by paragraph (white space as one space: a wrap or a page does not keep
    runs of spaces)."""
    return [(r.kind, r.outlet, str(r.pub_date), r.issue, tuple(r.authors), r.genre,
             tuple(" ".join(p.split()) for p in r.text.split("\n\n")))
            for r in entries.astype(object).where(entries.notna(), None).itertuples()]
