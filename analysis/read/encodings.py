"""Bytes to text: encodings and marks as reports are found.

:func:`decode` reads UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM (Windows
Notepad's "Unicode"), UTF-16 without a BOM (told by its NUL bytes), and a file in another
encoding with a warning naming the guess: Windows-1252 or Latin-1 for Western text (what a
Windows editor saves; tried first, because a statistical guess on a few accented letters picks
Baltic or Central European code pages), else the guess of charset-normalizer (Cyrillic,
Japanese, Chinese, Korean code pages). Bytes that are text in no encoding are refused.

:func:`clean_marks` takes out what is never text (soft hyphens, zero-width spaces, stray BOMs)
and turns line and paragraph separators into line ends. Curly quotes, dashes and non-breaking
spaces are kept as written: the reader's patterns take them as they are.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from analysis.read.problems import Problem, ReportError

__all__ = ["clean_marks", "decode"]

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
#: Characters taken out of the text: soft hyphen, zero-width space, word joiner, BOM.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_DROP = dict.fromkeys(map(ord, _INVISIBLE))
_NAMES = {"cp1252": "Windows-1252", "latin_1": "Latin-1", "iso8859_1": "Latin-1",
          "cp1251": "Windows-1251 (Cyrillic)", "koi8_r": "KOI8-R (Cyrillic)",
          "cp932": "Shift JIS (Japanese)", "shift_jis": "Shift JIS (Japanese)",
          "euc_jp": "EUC-JP (Japanese)", "gb18030": "GB18030 (Chinese)", "gb2312": "GB2312 (Chinese)",
          "big5": "Big5 (Chinese)", "euc_kr": "EUC-KR (Korean)", "cp949": "CP949 (Korean)",
          "mac_roman": "Mac Roman", "cp1250": "Windows-1250"}


def clean_marks(text: str) -> str:
    """``text`` with LF line ends (CRLF and CR too), line and paragraph separators as line
    ends, and soft hyphens, zero-width spaces and stray BOMs removed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x0b" in text:
        text = text.replace("\u2029", "\n\n").replace("\u2028", "\n").replace("\x0b", "\n")
    if any(mark in text for mark in _INVISIBLE):  # (``in`` is a fast scan; a regex is not)
        text = text.translate(_DROP)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the NUL bytes fall on every other byte."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _western(text: str) -> bool:
    """Mostly ASCII, and every other character a Western letter, a typographic mark or a space
    (what an English report in Windows-1252 or Latin-1 holds), at most a few control codes."""
    others = [c for c in text if ord(c) > 127]
    letters = sum(c.isalpha() for c in text)
    controls = sum(0x80 <= ord(c) < 0xA0 for c in others)
    if letters and sum(c.isalpha() for c in others) > 0.2 * letters:
        return False  # Cyrillic or Greek bytes read as accented Latin letters
    return controls <= max(1, len(others) // 100)


def _guess(data: bytes) -> tuple[str, str] | None:
    """``(codec, name)`` of a file that is not UTF-8, or None when no encoding fits."""
    for codec in ("cp1252", "latin_1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _western(text):
            return codec, _NAMES[codec]
    import charset_normalizer  # only for a file that is neither UTF-8 nor Western

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name.replace("-", "_")
    return best.encoding, _NAMES.get(codec, best.encoding)


def decode(path: str | Path, data: bytes) -> tuple[str, list[Problem]]:
    """The text of a report file's bytes (LF line ends, marks cleaned), with a warning when its
    encoding was guessed; :class:`ReportError` for bytes that are empty or not text."""
    warnings: list[Problem] = []
    bom = next(((codec, name) for mark, codec, name in _BOMS if data.startswith(mark)), None)
    text = None
    if bom is not None:
        try:
            text = data.decode(bom[0])
        except UnicodeDecodeError as exc:
            raise ReportError(path, f"starts as {bom[1]} but byte {exc.start} is not {bom[1]}",
                              hint="re-save the file as UTF-8") from None
    elif b"\x00" in data[:65536]:
        codec = _utf16_without_bom(data)
        try:
            text = data.decode(codec) if codec else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            raise ReportError(path, "a binary file, not a text report",
                              hint="remove it from the reports folder or save the report as "
                                   ".txt, .html or .docx")
        warnings.append(Problem(str(path), None, "warning",
                                f"UTF-16 without a byte-order mark; read as {codec.upper()}: "
                                "re-save the file as UTF-8 to be sure of its characters"))
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            found = _guess(data)
            if found is None:
                raise ReportError(path, f"not text in any encoding the reader knows (byte "
                                  f"0x{data[exc.start]:02x})", line=line,
                                  hint="re-save the report as UTF-8 text") from None
            text = data.decode(found[0], errors="replace")
            warnings.append(Problem(str(path), line, "warning",
                                    f"not UTF-8 (byte 0x{data[exc.start]:02x}); read as {found[1]}"
                                    " (a guess): re-save the file as UTF-8 to be sure of its "
                                    "characters"))
    if not text.strip():
        raise ReportError(path, "the file is empty or holds only whitespace",
                          hint="remove it or save the report text into it")
    return clean_marks(text), warnings
