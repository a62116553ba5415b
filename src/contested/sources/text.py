"""Read text reports (.txt, .md with YAML front matter, .html) for extraction.

Offsets always refer to the original text. Markdown and HTML are not
converted: a same-length *masked* copy blanks markup, front matter, tags and
reference sections to spaces, so the NLP runs on the masked copy and every
span it finds is valid in the original. Big files are read in chunks of
whole paragraphs so memory stays bounded; chunk offsets are global.
DOCS: docs/extract.md
"""

from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from contested.errors import InputError, Warnings

# Above this size a file is streamed chunk by chunk instead of read whole.
STREAM_BYTES = 8 * 1024 * 1024
# Chunks handed to the NLP stay near this many characters (paragraph aligned).
CHUNK_CHARS = 20_000
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
# Sections of Markdown articles that hold no narrative (Wikipedia exports).
_SKIP_SECTIONS = re.compile(
    r"^(see also|references|notes|external links|further reading|bibliography|sources|"
    r"citations|footnotes)\b",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+|$)(.*)$")
_LIST_MARK = re.compile(r"^([ \t]*)([*+-]|\d+[.)])[ \t]+")
_MD_INLINE = re.compile(
    r"!\[[^\]\n]*\]\([^)\n]*\)"  # images: blanked whole
    r"|\]\([^)\n]*\)"  # the "](url)" tail of a link
    r"|\*\*|__|`+|<[^>\n]+>"  # emphasis, code ticks, inline HTML
    r"|\[(?=[^\]\n]*\]\()"  # the "[" that opens a link
    r"|\[object Object\]"
)
_HTML_BLANKED = re.compile(
    r"<(script|style|noscript|template|head)\b.*?</\1\s*>|<!--.*?-->|<![^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_HTML_BLOCK = frozenset(
    [
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "title",
        "dd",
        "dt",
        "figcaption",
    ]
)
_HTML_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_DATELINE = re.compile(
    r"\b(?:(\d{1,2}) ([A-Z][a-z]+),? (\d{4})"
    r"|([A-Z][a-z]+)\.? (\d{1,2}),? (\d{4})"
    r"|(\d{4})-(\d{2})-(\d{2}))\b"
)
_META_DATE_KEYS = ("pubdate", "published", "date", "datepublished", "publication_date", "created")
_LANGUAGE_SAMPLE_WORDS = 3000
_MIN_WORDS_FOR_LANGUAGE = 25
_MIN_STOP_RATIO = 0.18


@dataclass
class TextDocument:
    """One text report: the original text, its masked twin and its metadata."""

    id: str
    path: str
    text: str
    masked: str
    title: str | None = None
    published: date | None = None
    published_from: str | None = None
    kind: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def chunks(self, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
        """Yield ``(offset, masked_chunk)`` pieces of about ``size`` characters."""
        yield from split_paragraph_chunks(self.masked, size)


def split_paragraph_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut ``text`` at paragraph breaks (blank lines, else newlines) into pieces near ``size``."""
    start, n = 0, len(text)
    while start < n:
        end = n if n - start <= size else _break_before(text, start, start + size)
        piece = text[start:end]
        if piece.strip():
            yield start, piece
        start = end


def _break_before(text: str, start: int, limit: int) -> int:
    for sep in ("\n\n", "\n", ". ", " "):
        cut = text.rfind(sep, start + 1, limit)
        if cut > start:
            return cut + len(sep)
    return limit


def read_text_document(
    path: str | Path, *, published: date | None = None, doc_id: str | None = None
) -> TextDocument:
    """Read a .txt/.md/.html file whole; see :func:`iter_text_chunks` for big files.

    ``published`` (from the command line) wins over the document's metadata.
    Raises :class:`InputError` for a missing, unreadable or binary file.
    """
    p = Path(path)
    raw = _read_bytes(p)
    text, warnings = decode_text(raw, str(p))
    return text_document_from_string(
        text,
        path=str(p),
        doc_id=doc_id or p.stem,
        kind=_kind_of(p),
        published=published,
        sidecar=_sidecar(p),
        warnings=warnings,
    )


def text_document_from_string(
    text: str,
    *,
    path: str = "<text>",
    doc_id: str = "text",
    kind: str = "text",
    published: date | None = None,
    sidecar: dict[str, Any] | None = None,
    warnings: list[str] | None = None,
) -> TextDocument:
    """Build a :class:`TextDocument` from decoded text of the given kind (text, md, html)."""
    if kind == "md":
        masked, meta = mask_markdown(text)
    elif kind == "html":
        masked, meta = mask_html(text)
    else:
        masked, meta = text, {}
    meta = {**(sidecar or {}), **meta}
    doc = TextDocument(
        id=doc_id,
        path=path,
        text=text,
        masked=masked,
        kind=kind,
        metadata=meta,
        warnings=list(warnings or []),
    )
    doc.title = _title(meta, masked)
    doc.published, doc.published_from = _published(published, meta, masked)
    if not masked.strip():
        doc.warnings.append(Warnings.W003.format(path=path))
    else:
        language = guess_language(masked)
        if language != "en":
            doc.warnings.append(Warnings.W002.format(path=path, language=language))
    return doc


def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(p), "no such file; expected a .txt, .md or .html report") from None
    except IsADirectoryError:
        raise InputError(str(p), "is a directory; expected a .txt, .md or .html report") from None
    except OSError as exc:
        raise InputError(str(p), f"cannot be read ({exc.strerror})") from None


def _kind_of(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm"):
        return "html"
    return "text"


def decode_text(raw: bytes, path: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (or UTF-16 with a BOM); bad bytes become U+FFFD with a warning.

    A NUL byte in a file without a UTF-16 BOM means a binary file: an error.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), []
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            path, "binary data (a NUL byte); expected a UTF-8 text report", location=f"byte {nul}"
        )
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), [Warnings.W001.format(path=path)]


def guess_language(text: str) -> str:
    """``"en"`` when enough of the words are English stop words, else ``"not English"``.

    A light check on a sample: English prose runs 35-55% stop words, other
    languages written in Latin script well under 15%, other scripts none.
    Too little text to judge counts as English.
    """
    words = re.findall(r"[^\W\d_]+", text[: _LANGUAGE_SAMPLE_WORDS * 12])[:_LANGUAGE_SAMPLE_WORDS]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return "en"
    # Imported here: spaCy takes seconds to import, and only text sources need it.
    from spacy.lang.en.stop_words import STOP_WORDS

    stops = sum(1 for w in words if w.lower() in STOP_WORDS)
    return "en" if stops / len(words) >= _MIN_STOP_RATIO else "not English"


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def mask_markdown(text: str) -> tuple[str, dict[str, Any]]:
    """Blank front matter and markup of a Markdown text; return it and the front matter."""
    chars = list(text)
    meta: dict[str, Any] = {}
    pos = 0
    fm = _FRONT_MATTER.match(text)
    if fm:
        meta = _parse_front_matter(fm.group(1) or "")
        _blank(chars, 0, fm.end())
        pos = fm.end()
    skip_level = 0
    for line_start, line in _lines(text, pos):
        end = line_start + len(line)
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if skip_level and level > skip_level:
                _blank(chars, line_start, end)
                continue
            skip_level = level if _SKIP_SECTIONS.match(heading.group(2).strip("#* ")) else 0
            if skip_level:
                _blank(chars, line_start, end)
                continue
            _blank(chars, line_start, line_start + heading.start(2))
        elif skip_level:
            _blank(chars, line_start, end)
            continue
        _mask_md_line(chars, line, line_start)
    return "".join(chars), meta


def _lines(text: str, pos: int) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for each line from ``pos``, without its line break."""
    for line in text[pos:].splitlines(keepends=True):
        yield pos, line.rstrip("\r\n")
        pos += len(line)


def _mask_md_line(chars: list[str], line: str, offset: int) -> None:
    bullet = _LIST_MARK.match(line)
    if bullet:
        _blank(chars, offset + bullet.start(2), offset + bullet.end())
    if line.lstrip().startswith("|"):
        for i, ch in enumerate(line):
            if ch == "|":
                chars[offset + i] = " "
    if line.lstrip().startswith(">"):
        i = line.index(">")
        chars[offset + i] = " "
    for m in _MD_INLINE.finditer(line):
        _blank(chars, offset + m.start(), offset + m.end())


def _parse_front_matter(block: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def mask_html(text: str) -> tuple[str, dict[str, Any]]:
    """Blank tags, scripts, styles and comments of HTML; decode entities in place.

    Block-level tags leave a newline so paragraphs stay apart; an entity
    such as ``&amp;`` becomes its character followed by spaces.
    """
    meta = _html_meta(text)
    chars = list(text)
    for m in _HTML_BLANKED.finditer(text):
        _blank(chars, m.start(), m.end())
    masked = "".join(chars)
    for m in _HTML_TAG.finditer(masked):
        _blank(chars, m.start(), m.end())
        if m.group(2).lower() in _HTML_BLOCK:
            chars[m.start()] = "\n"
    for m in _HTML_ENTITY.finditer(masked):
        decoded = html.unescape(m.group())
        if len(decoded) == 1 and decoded != m.group():
            chars[m.start()] = decoded if decoded not in "\u00a0" else " "
            _blank(chars, m.start() + 1, m.end())
    return "".join(chars), meta


def _html_meta(text: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.DOTALL | re.IGNORECASE)
    if title:
        meta["title"] = html.unescape(re.sub(r"\s+", " ", title.group(1))).strip()
    for tag in re.finditer(r"<meta\b[^>]*>", text, re.IGNORECASE):
        attrs = dict(re.findall(r'([\w:.-]+)\s*=\s*"([^"]*)"', tag.group()))
        attrs.update(re.findall(r"([\w:.-]+)\s*=\s*'([^']*)'", tag.group()))
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content")
        if not key or value is None:
            continue
        key = key.split(":")[-1].replace("dc.", "").replace(".", "_")
        if key in ("published_time", "date_issued", "issued"):
            key = "published"
        meta.setdefault(key, html.unescape(value))
    moment = re.search(r"<time\b[^>]*datetime\s*=\s*[\"']([^\"']+)", text, re.IGNORECASE)
    if moment:
        meta.setdefault("published", moment.group(1))
    return meta


def _sidecar(p: Path) -> dict[str, Any]:
    """Metadata of ``<name>.meta.json`` beside the file, if there is one."""
    side = p.with_name(p.stem + ".meta.json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _title(meta: dict[str, Any], masked: str) -> str | None:
    for key in ("title", "subject", "headline"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    first = next((line.strip() for line in masked.splitlines() if line.strip()), "")
    if 0 < len(first) <= 150 and not first.endswith((".", ":", ",")):
        return first
    return None


def _published(
    given: date | None, meta: dict[str, Any], masked: str
) -> tuple[date | None, str | None]:
    if given is not None:
        return given, "argument"
    for key in _META_DATE_KEYS:
        for meta_key, value in meta.items():
            if meta_key.lower() == key:
                parsed = parse_iso_like(value)
                if parsed:
                    return parsed, f"metadata:{meta_key}"
    head = masked.lstrip()[:400]
    dateline = _dateline(head)
    if dateline:
        return dateline, "dateline"
    return None, None


def parse_iso_like(value: Any) -> date | None:
    """A date from metadata: a date, a datetime, or a string starting ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
        return _dateline(value)
    return None


_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for name in names.split()
}


def _dateline(text: str) -> date | None:
    """A full written date (``June 21, 2016``, ``21 June 2016``, ``2016-06-21``) in ``text``."""
    for m in _DATELINE.finditer(text):
        g = m.groups()
        try:
            if g[0]:
                month = _MONTHS.get(g[1].lower())
                if month:
                    return date(int(g[2]), month, int(g[0]))
            elif g[3]:
                month = _MONTHS.get(g[3].lower())
                if month:
                    return date(int(g[5]), month, int(g[4]))
            else:
                return date(int(g[6]), int(g[7]), int(g[8]))
        except ValueError:
            continue
    return None


class TextReader:
    """Text reports (.txt, .md, .html): extracted to facts, stored with the text as source.

    ``contested ingest report.txt --published 2016-06-21`` reads the file, runs the
    extractor over it and stores its facts; the date given wins over the file's metadata.
    """

    name = "contested.text.v1"
    kind = "text"

    def sniff(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in TEXT_SUFFIXES and b"\x00" not in head[:8192]

    def read(self, path: Path, source: Any, *, skip_bad: bool) -> Any:
        from dataclasses import replace

        from contested.extract.pipeline import default_extractor
        from contested.tables import from_document

        document = read_text_document(path, published=source.published, doc_id=source.doc_id)
        facts = default_extractor().extract_document(document)
        source = replace(
            source,
            doc_id=document.id,
            title=document.title,
            published=document.published,
            text=document.text,
        )
        return from_document(facts, source)


def iter_text_chunks(
    path: str | Path, *, size: int = CHUNK_CHARS, warnings: list[str] | None = None
) -> Iterator[tuple[int, str]]:
    """Stream a big plain-text or Markdown file as ``(offset, masked_chunk)`` pieces.

    Reads about ``size`` characters at a time and cuts at paragraph breaks,
    so memory stays bounded whatever the file size; offsets count characters
    of the whole decoded file. Decoding problems append W001 to ``warnings``.
    """
    p = Path(path)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    offset, carry, warned, first = 0, "", False, True
    kind = _kind_of(p)
    with p.open("rb") as fh:
        while True:
            raw = fh.read(size)
            if first and b"\x00" in raw[:8192]:
                raise InputError(str(p), "binary data (a NUL byte); expected a UTF-8 text report")
            first = False
            piece = decoder.decode(raw, final=not raw)
            if "\ufffd" in piece and not warned and warnings is not None:
                warnings.append(Warnings.W001.format(path=str(p)))
                warned = True
            buf = carry + piece
            if not raw:
                if buf.strip():
                    yield offset, _mask_chunk(buf, kind, offset)
                return
            cut = _break_before(buf, 0, len(buf)) if len(buf) > size else 0
            if cut <= 0:
                carry = buf
                continue
            yield offset, _mask_chunk(buf[:cut], kind, offset)
            offset += cut
            carry = buf[cut:]


def _mask_chunk(chunk: str, kind: str, offset: int) -> str:
    if kind == "md":
        masked, _ = mask_markdown(chunk) if offset == 0 else mask_markdown("\n" + chunk)
        return masked if offset == 0 else masked[1:]
    if kind == "html":
        return mask_html(chunk)[0]
    return chunk
