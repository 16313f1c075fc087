"""Report files of each type as lines of text: ``.txt`` and ``.md`` as written, a saved web page
(``.html``, ``.htm``) by its main text, a Word document (``.docx``) by its paragraphs.

:func:`document` returns a :class:`Document`: the content as ``(number, text)`` lines, where
``number`` is the line of the file (of the page's source for a web page, the paragraph of the
document for a Word file), and, for a web page or a Word file, the paragraphs as the document
has them (one line each, a blank line between). A plain-text file's layout is left to
:mod:`analysis.read.layout`.

* A web page's main text (of a ``.mhtml`` or ``.mht`` file too, a page saved as one file)
  is extracted by trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and
  Command-Line Tool for Text Discovery and Extraction", ACL demos): menus, share buttons,
  related links, comments, footers and scripts are dropped, and paragraphs, headings and line
  breaks are kept (a ``<br>`` parts paragraphs too, as on old pages without ``<p>``); a page
  too short for trafilatura's heuristics is read from its densest container. The page's title
  stands first when the text does not open with it. Entities are decoded once; the text is never read as markup again. The
  page's ``_files`` folder is never read (only the folder's own files are reports).
* A Word document is read by python-docx: its body paragraphs, in order, with their soft line
  breaks; headers, footers, comments and tables are not report text.
* Markdown loses its marks: ``#`` of headings, ``*`` and ``_`` of emphasis, links to their text.

trafilatura, lxml and python-docx are imported only when such a file is read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.read.encodings import clean_marks, decode
from analysis.read.problems import Problem, ReportError

__all__ = ["NOT_READ", "READ_SUFFIXES", "Document", "document", "is_html"]

#: The file types read as reports.
READ_SUFFIXES = (".txt", ".md", ".html", ".htm", ".mhtml", ".mht", ".docx")
#: Types of documents and images that are refused with a message saying which types are read.
NOT_READ = {
    ".pdf": "a PDF", ".doc": "an old Word document (.doc)", ".rtf": "a Rich Text file",
    ".odt": "an OpenDocument text", ".pages": "a Pages document", ".epub": "an e-book",
    ".webarchive": "a Safari web archive",
    ".xps": "an XPS document", ".png": "an image", ".jpg": "an image", ".jpeg": "an image",
    ".gif": "an image", ".webp": "an image", ".tif": "an image", ".tiff": "an image",
    ".heic": "an image", ".bmp": "an image", ".svg": "an image",
}
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<meta|<\?xml|<body|<!--)",
                         re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_TITLE_END = re.compile(r"(\))\s*(?:[|–—-]|::).*$")


@dataclass(frozen=True)
class Document:
    """A report file's content lines ``(number, text)``; ``layout`` and ``reason`` when the
    document gives its paragraphs (``"html"``, ``"docx"``), else None; ``title`` a title the
    file names apart from its text (a page's ``<title>``)."""

    lines: list[tuple[int, str]]
    layout: str | None = None
    reason: str = ""
    title: str | None = None
    warnings: list[Problem] = field(default_factory=list)


def is_html(text: str) -> bool:
    """Text that starts as a web page (a doctype, ``<html>``, ``<head>`` ...)."""
    return bool(_HTML_START.match(text[:2048]))


def _numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


def _paragraph_lines(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """One line per paragraph (its own line breaks kept), a blank line after each."""
    out: list[tuple[int, str]] = []
    for number, text in paragraphs:
        out += [(number, line) for line in text.split("\n")] + [(number, "")]
    return out


_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)([^*\n]+?)(?<=\S)\1")


def _markdown(text: str) -> str:
    """Markdown's marks taken out: heading marks, emphasis, links (their text), images, rules,
    quote marks and escapes; the lines stay where they are."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if re.fullmatch(r"(?:[-*_]\s*){3,}", stripped):
            out.append("")
            continue
        line = re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?)", "", line)
        line = re.sub(r"\s+#+\s*$", "", line) if stripped.startswith("#") else line
        line = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line))
        out.append(re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", line))
    return "\n".join(out)


def _html_text(path: Path, data: bytes) -> tuple[str, list[Problem]]:
    """A page's source as text: its BOM, its ``<meta charset>``, UTF-8, or a guess."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return clean_marks(data.decode(declared.group(1).decode("ascii"))), []
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(path, data)


def _element_text(element) -> str:
    """An element's text with its line breaks (``<lb/>``) as line ends, spaces collapsed."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _element_text(child))
        parts.append(child.tail or "")
    text = "".join(parts)
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _source_lines(source: str) -> list[tuple[str, int, int]]:
    """``(text start, source line, text length)`` of the page's elements, in document order."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(_XML_DECL.sub("", source))
    except (ValueError, Exception):  # noqa: BLE001 - lxml's parser errors: lines are a help only
        return []
    out = []
    for element in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
                             "td", "div", "pre", "title", "span", "section", "article"):
        text = " ".join(element.text_content().split())
        if text and element.sourceline:
            out.append((text[:40], element.sourceline, len(text)))
    return out


#: Characters of main text under which a page is read from its densest container instead.
_SHORT = 600
_FURNITURE = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "button", "select", "template", "iframe")


def _densest_blocks(source: str) -> list[str]:
    """The paragraphs and headings of the page's container with the most paragraph text (its
    direct ``<p>`` children), page furniture (navigation, header, footer, forms, scripts)
    dropped: the main text of a page too short for trafilatura's heuristics."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(_XML_DECL.sub("", source))
    except (ValueError, Exception):  # noqa: BLE001 - a page lxml cannot parse has no text here
        return []
    for element in list(tree.iter(*_FURNITURE)):
        if element.getparent() is not None:
            element.drop_tree()
    best, size = None, 0
    for element in tree.iter():
        own = sum(len(p.text_content().strip()) for p in element if p.tag == "p")
        if own > size:
            best, size = element, own
    if best is None:
        return []
    return [" ".join(e.text_content().split()) for e in best.iter(
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote") if e.text_content().strip()]


def _page_title(source: str) -> str | None:
    import html

    for pattern in (r"<meta[^>]+property=[\"']og:title[\"'][^>]+content=[\"']([^\"']+)",
                    r"<title[^>]*>([^<]+)</title>", r"<h1[^>]*>(.+?)</h1>"):
        m = re.search(pattern, source, re.IGNORECASE | re.DOTALL)
        if m:
            title = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split())
            return _TITLE_END.sub(r"\1", title) if title else None
    return None


def _html(path: Path, data: bytes) -> Document:
    source, warnings = _html_text(path, data)
    import trafilatura  # a web page: the extractor and lxml are loaded now, not before

    found = trafilatura.bare_extraction(_XML_DECL.sub("", source), include_comments=False,
                                        include_tables=True, deduplicate=False,
                                        with_metadata=False)
    body = getattr(found, "body", None)
    blocks = []
    for element in body.iter("p", "head", "quote", "item", "cell", "code") if body is not None \
            else ():
        if element.tag in ("p", "head", "quote", "item", "code") and any(
                a.tag in ("p", "quote", "item") for a in element.iterancestors()):
            continue  # inside a paragraph already read
        text = _element_text(element)
        if text:  # a line break (<br>) parts paragraphs too: old pages have no <p>
            blocks.extend(text.split("\n"))
    if sum(len(b) for b in blocks) < _SHORT:  # a short page: trafilatura falls back to the
        blocks = _densest_blocks(source) or blocks  # whole body; take the densest container
    if not blocks:
        raise ReportError(path, "a web page without article text (the extractor found none)",
                          line=1, hint="save the page of the report itself, or copy its text "
                                       "into a .txt file")
    index, at, paragraphs = _source_lines(source), 0, []
    for text in blocks:
        key = " ".join(text.split())[:40]
        hits = [(length, k) for k, (start, _, length) in enumerate(index[at:], start=at)
                if start.startswith(key[:len(start)]) and key.startswith(start[:len(key)])]
        if hits:
            at = min(hits)[1]
            paragraphs.append((index[at][1], text))
        else:
            paragraphs.append((paragraphs[-1][0] if paragraphs else 1, text))
    title = _page_title(source)
    reason = (f"a web page: {len(paragraphs)} paragraphs of its main text (trafilatura); "
              "menus, share buttons, links, footer and scripts dropped")
    return Document(_paragraph_lines(paragraphs), "html", reason, title, warnings)


def _docx(path: Path, data: bytes) -> Document:
    import zipfile

    try:
        import docx  # python-docx: imported when a Word file is read
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ReportError(path, f"not a Word document that can be read ({exc})",
                          hint="open it in Word and save it again as .docx, or save the "
                               "report as .txt") from None
    paragraphs = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text = clean_marks(paragraph.text.replace("\t", " "))
        if text.strip():
            paragraphs.append((number, "\n".join(line.strip() for line in text.split("\n")
                                                 if line.strip())))
    if not paragraphs:
        raise ReportError(path, "a Word document without text",
                          hint="remove it or save the report text into it")
    reason = (f"a Word document: {len(paragraphs)} paragraphs as the document has them "
              "(line numbers are its paragraph numbers)")
    return Document(_paragraph_lines(paragraphs), "docx", reason)


def _mhtml(path: Path, data: bytes) -> Document:
    """A page saved as one file ("Webpage, Single File": MIME, RFC 2557): its HTML part."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ReportError(path, "a web archive without a page in it", line=1,
                          hint="save the page again, as 'Webpage, HTML only' (.html)")
    return _html(path, part.get_content().encode("utf-8"))


def document(path: str | Path, data: bytes) -> Document:
    """The content of a report file's bytes (see the module docstring); :class:`ReportError`
    when it is not a report that can be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in NOT_READ:
        raise ReportError(path, f"{NOT_READ[suffix]}, which the reader does not read",
                          hint="save the report as .txt, .md, .html (the page, from the "
                               "browser; .mhtml too) or .docx; those are the types read")
    if suffix == ".docx" or (data[:4] == b"PK\x03\x04" and suffix not in (".html", ".htm")):
        return _docx(path, data)
    if suffix in (".html", ".htm"):
        return _html(path, data)
    if suffix in (".mhtml", ".mht"):
        return _mhtml(path, data)
    text, warnings = decode(path, data)
    if is_html(text):
        found = _html(path, data)
        note = Problem(str(path), 1, "warning", "a web page saved with a .txt name: read as a "
                                                "web page (rename it .html)")
        return Document(found.lines, found.layout, found.reason, found.title,
                        [*found.warnings, note])
    if suffix == ".md":
        text = _markdown(text)
    return Document(_numbered(text), warnings=warnings)
