"""Report files as people save them (issue 19): web pages, Word documents, Markdown, other types
refused with the types read, encodings and marks as found."""

import io
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from layouts_fixture import blocks, docx_bytes, html_page

from analysis.read.entries import read_entries
from analysis.read.reports import ReportError, read_report, read_reports, report_files

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "reports_raw" / "russia-2024-03.txt").read_text(encoding="utf-8")
#: The sample's paragraphs but the title and the site's "Now Reading ..." line.
CONTENT = blocks(SAMPLE)[1:-1]
TITLE = "Country Report: Japan (May 2022)\n\n"
ENTRY = "In Kommersant on May 6, Nataliya Portyakova noted that “Japan’s” course – changed.\n"


def entries_of(path):
    return read_entries([read_report(path)])[0]


def test_a_saved_page_reads_as_its_text(tmp_path):
    path = tmp_path / "Country Report_ Russia (March 2024) _ The Asan Forum.html"
    path.write_text(html_page(SAMPLE), encoding="utf-8")
    report = read_report(path)
    assert (report.report_id, report.layout, report.title) == (
        "russia-2024-03", "html", "Country Report: Russia (March 2024)")
    text = "\n".join(t for _, t in report.lines)
    for furniture in ("Special Forum", "EMAIL", "Facebook", "Related Articles", "Leave a Reply",
                      "All rights reserved", "Gyeonghuigung", "_gaq", "Mongolia", "cookies"):
        assert furniture not in text, furniture
    kept = [t for _, t in report.lines if t]
    assert kept == [" ".join(b.split()) for b in CONTENT]  # every paragraph, none else
    assert read_entries([report])[0]["outlet"].tolist() == entries_of(
        ROOT / "reports_raw" / "russia-2024-03.txt")["outlet"].tolist()


def test_a_page_line_is_the_line_of_its_source(tmp_path):
    path = tmp_path / "russia-2024-03.html"
    page = html_page(SAMPLE)
    path.write_text(page, encoding="utf-8")
    source = page.split("\n")
    for number, text in read_report(path).lines:
        if text:
            assert text[:30] in source[number - 1].replace("&#x27;", "'"), (number, text[:30])


def test_a_minified_page_reads_as_the_page(tmp_path):
    """A page saved with its markup on one line (minified, as many sites serve it): every
    paragraph has line 1 of the source, headings and entries alike, and the entries are those
    of the page as laid out (reading it raised a TypeError before)."""
    laid_out = tmp_path / "laid-out" / "russia-2024-03.html"
    minified = tmp_path / "russia-2024-03.html"
    laid_out.parent.mkdir()
    page = html_page(SAMPLE)
    laid_out.write_text(page, encoding="utf-8")
    minified.write_text(page.replace("\n", " "), encoding="utf-8")
    assert {n for n, t in read_report(minified).lines if t} == {1}
    expected = entries_of(laid_out).drop(columns=["line"])
    got = entries_of(minified)
    assert (got["line"] == 1).all()
    pd.testing.assert_frame_equal(got.drop(columns=["line"]), expected)


def test_page_text_is_never_read_as_markup(tmp_path):
    body = ("Country Report: Japan (May 2022)\n\nIn Kommersant on May 6, Ivan Petrov wrote that "
            "<script>alert(1)</script> and <b>bold</b> are words of his, &amp; so is &lt;i&gt;.")
    path = tmp_path / "japan-2022-05.html"
    path.write_text(html_page(body), encoding="utf-8")
    entries = entries_of(path)
    text = entries.loc[entries["kind"] == "entry", "text"].iloc[0]
    assert "<script>alert(1)</script> and <b>bold</b>" in text and "&amp; so is &lt;i&gt;." in text


def test_the_pages_files_folder_is_ignored(tmp_path):
    (tmp_path / "r.html").write_text(html_page(SAMPLE), encoding="utf-8")
    folder = tmp_path / "r_files"
    folder.mkdir()
    (folder / "frame.html").write_text("<html><body>ads</body></html>")
    (folder / "style.css").write_text("p {}")
    assert report_files(tmp_path) == [tmp_path / "r.html"]
    reports, problems = read_reports(tmp_path)
    assert [r.report_id for r in reports] == ["russia-2024-03"] and problems == []


@pytest.mark.parametrize(("page", "words"), [
    (("<html><head><title>Log in | The Asan Forum</title></head><body><form><p>User name</p>"
      "</form></body></html>"), "not a country report"),
    ("<html><head><title>x</title></head><body><p>Country Report</p></body></html>",
     "not a country report"),
    ("<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>",
     "without article text"),
])
def test_a_page_that_is_not_a_report_is_refused(tmp_path, page, words):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ReportError, match=words) as info:
        read_report(path)
    assert "page.html" in str(info.value)


def test_a_page_saved_as_txt_is_read_as_a_page_with_a_warning(tmp_path):
    path = tmp_path / "russia-2024-03.txt"
    path.write_text(html_page(SAMPLE), encoding="utf-8")
    report = read_report(path)
    assert report.layout == "html"
    assert any("rename it .html" in w.message and w.line == 1 for w in report.warnings)


def test_a_page_saved_as_one_file_reads_as_the_page(tmp_path):
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related", type="text/html")
    archive["Snapshot-Content-Location"] = "https://theasanforum.org/country-report-russia-march-2024/"
    archive.attach(MIMEText(html_page(SAMPLE), "html", "utf-8"))  # base64, as Chrome may
    archive.attach(MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"))
    path = tmp_path / "Country Report_ Russia (March 2024).mhtml"
    path.write_bytes(archive.as_bytes())
    report = read_report(path)
    assert (report.report_id, report.layout) == ("russia-2024-03", "html")
    assert [t for _, t in report.lines if t] == [" ".join(b.split()) for b in CONTENT]


def test_a_word_document_reads_as_its_paragraphs(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(docx_bytes(SAMPLE))
    report = read_report(path)
    assert (report.report_id, report.layout) == ("russia-2024-03", "docx")
    assert [t for _, t in report.lines if t] == CONTENT  # not the header or footer
    assert [n for n, t in report.lines if t][:2] == [2, 3]  # lines: paragraphs of the document


def test_soft_line_breaks_of_a_word_paragraph_stay_in_it(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Country Report: Japan (May 2022)")
    paragraph = document.add_paragraph("Overview of the month.")
    paragraph.add_run().add_break()
    paragraph.add_run("A second line of the overview.")
    document.add_paragraph("In Kommersant on May 6, Ivan Petrov\twrote that tabs are spaces.")
    out = io.BytesIO()
    document.save(out)
    (tmp_path / "j.docx").write_bytes(out.getvalue())
    entries = entries_of(tmp_path / "j.docx")
    assert entries["text"].tolist() == [
        "Overview of the month.\nA second line of the overview.",
        "In Kommersant on May 6, Ivan Petrov wrote that tabs are spaces."]


def test_a_broken_word_file_is_refused(tmp_path):
    path = tmp_path / "japan-2022-05.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "not a document")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReportError, match="not a Word document that can be read") as info:
        read_report(path)
    assert "save it again as .docx" in str(info.value)


def test_markdown_loses_its_marks(tmp_path):
    path = tmp_path / "j.md"
    path.write_text("# Country Report: Japan (May 2022)\n\n## Security\n\nIn *Kommersant* on May 6, "
                    "[Ivan Petrov](https://x.org/p) wrote **that** it changed.\n", encoding="utf-8")
    entries = entries_of(path)
    assert entries[["section", "outlet", "authors"]].values.tolist() == [
        ["Security", "Kommersant", ["Ivan Petrov"]]]
    assert entries["text"].iloc[0] == "In Kommersant on May 6, Ivan Petrov wrote that it changed."


@pytest.mark.parametrize("name", ["report.pdf", "scan.png", "old.doc", "page.webarchive"])
def test_other_types_say_which_types_are_read(tmp_path, name):
    (tmp_path / name).write_bytes(b"%PDF-1.4 whatever")
    shutil.copy(ROOT / "reports_raw" / "russia-2024-03.txt", tmp_path)
    reports, problems = read_reports(tmp_path)
    assert [r.report_id for r in reports] == ["russia-2024-03"]
    assert [(Path(p.path).name, p.severity) for p in problems] == [(name, "error")]
    assert ".txt, .md, .html (the page, from the browser; .mhtml too) or .docx" in problems[0].message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_files_from_windows_read_alike(tmp_path, encoding):
    path = tmp_path / "japan-2022-05.txt"
    path.write_bytes((TITLE + ENTRY).replace("\n", "\r\n").encode(encoding))
    report = read_report(path)
    assert [t for _, t in report.lines if t] == [ENTRY.strip()]
    bomless = encoding in ("utf-16-le", "utf-16-be")
    assert [("without a byte-order mark" in w.message) for w in report.warnings] == (
        [True] if bomless else [])


@pytest.mark.parametrize(("encoding", "text", "named"), [
    ("cp1252", TITLE + ENTRY, "Windows-1252"),
    ("cp1251", ("Country Report: Russia (May 2022)\n\nВ газете Коммерсант 6 мая Наталья "
                "Портякова отметила, что курс Японии изменился, а Китай промолчал.\n"), "Cyrillic"),
])
def test_another_encoding_is_read_with_its_guess_named(tmp_path, encoding, text, named):
    path = tmp_path / "x-2022-05.txt"
    path.write_bytes(text.encode(encoding))
    report = read_report(path)
    assert text.split("\n")[2] in [t for _, t in report.lines]
    assert named in report.warnings[0].message and "a guess" in report.warnings[0].message
    assert report.warnings[0].line == 3


def test_bytes_that_are_no_text_are_refused(tmp_path):
    path = tmp_path / "noise-2022-05.txt"
    path.write_bytes(bytes(range(128, 256)) * 8)
    with pytest.raises(ReportError, match="not text in any encoding") as info:
        read_report(path)
    assert "re-save the report as UTF-8" in str(info.value)


def test_marks_as_found(tmp_path):
    path = tmp_path / "japan-2022-05.txt"
    body = ("In Kom\u00admersant on May\u00a06, Nataliya Portyakova\u200b noted that "
            "“Japan’s” course – changed.\u2029A paragraph after a paragraph separator.")
    path.write_bytes((TITLE + body).replace("\n", "\r\n").encode("utf-8"))
    entries = entries_of(path)
    assert entries[["outlet", "pub_date"]].astype(str).values.tolist()[0] == [
        "Kommersant", "2022-05-06"]
    assert entries["text"].iloc[0].startswith("In Kommersant on May\u00a06, Nataliya Portyakova "
                                              "noted that “Japan’s” course – changed.")
