"""The text reader: masking keeps offsets, metadata gives dates, bad input gets clear messages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from contested.errors import InputError
from contested.sources.text import (
    guess_language,
    iter_text_chunks,
    mask_html,
    mask_markdown,
    read_text_document,
    split_paragraph_chunks,
)
from tests._data import SEED_TEXT

# The head of a Wikipedia article as the corpus ships it (CC BY-SA).
KHANASIR_MD = """---
subject: 2016 Khanasir offensive
pubDate: 2023-09-10 02:09
date:
  - 21–29 February 2016
---

The **2016 Khanasir offensive** was a military operation conducted by ISIL and [Jund al-Aqsa](https://en.wikipedia.org/wiki/Jund_al-Aqsa).

## The offensive
At 10 p.m. on 21 February, the offensive was launched by ISIL.

## References
## References[object Object]
[object Object]
"""

PALMYRA_HTML = """<html><head><title>Palmyra offensive</title>
<meta property="article:published_time" content="2016-03-28T10:00:00Z">
<script>var x = "<p>not text</p>";</script></head>
<body><h1>Palmyra offensive</h1><p>On the dawn of 27 March, the city was fully captured
by the SAA &amp; its allies.</p></body></html>"""


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "needle", ["2016 Khanasir offensive", "Jund al-Aqsa", "At 10 p.m. on 21 February"]
)
def test_text_markdown_mask_keeps_offsets(needle: str) -> None:
    masked, meta = mask_markdown(KHANASIR_MD)
    assert len(masked) == len(KHANASIR_MD)
    start = masked.index(needle)
    assert KHANASIR_MD[start : start + len(needle)] == needle
    assert meta["subject"] == "2016 Khanasir offensive"


@pytest.mark.parametrize(
    "hidden", ["**", "https://", "pubDate", "## ", "[object Object]", "References"]
)
def test_text_markdown_mask_blanks_markup(hidden: str) -> None:
    masked, _ = mask_markdown(KHANASIR_MD)
    assert hidden not in masked


def test_text_html_mask_keeps_offsets_and_reads_meta() -> None:
    masked, meta = mask_html(PALMYRA_HTML)
    assert len(masked) == len(PALMYRA_HTML)
    assert "not text" not in masked and "<p>" not in masked
    start = masked.index("On the dawn of 27 March")
    assert PALMYRA_HTML[start : start + 10] == "On the daw"
    assert "SAA &" in masked
    assert meta["title"] == "Palmyra offensive"
    assert meta["published"].startswith("2016-03-28")


@pytest.mark.parametrize(
    ("name", "content", "given", "expected", "source"),
    [
        ("a.md", KHANASIR_MD, None, date(2023, 9, 10), "metadata:pubDate"),
        ("a.md", KHANASIR_MD, date(2016, 2, 21), date(2016, 2, 21), "argument"),
        ("p.html", PALMYRA_HTML, None, date(2016, 3, 28), "metadata:published"),
        (
            "n.txt",
            "Title line\n\nJune 21, 2016\n\nSome text follows here.",
            None,
            date(2016, 6, 21),
            "dateline",
        ),
        ("n.txt", "No date at all in this text.", None, None, None),
    ],
)
def test_text_published_date_priority(
    tmp_path: Path,
    name: str,
    content: str,
    given: date | None,
    expected: date | None,
    source: str | None,
) -> None:
    doc = read_text_document(_write(tmp_path, name, content), published=given)
    assert doc.published == expected
    assert doc.published_from == source


def test_text_sidecar_meta_json_gives_title_and_date() -> None:
    doc = read_text_document(SEED_TEXT)
    assert doc.published == date(2016, 6, 21)
    assert doc.title == "Russia Needs the Islamic State to Save Assad"
    assert doc.text == doc.masked


def test_text_empty_file_warns(tmp_path: Path) -> None:
    doc = read_text_document(_write(tmp_path, "empty.txt", "  \n\n "))
    assert doc.warnings == [
        f"[W003] {tmp_path / 'empty.txt'}: the file is empty; nothing was extracted"
    ]


def test_text_binary_file_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as err:
        read_text_document(path)
    assert str(err.value) == (
        f"{path}: byte 8: binary data (a NUL byte); expected a UTF-8 text report"
    )


def test_text_non_utf8_decodes_with_replacement_and_warns(tmp_path: Path) -> None:
    raw = "Les forces du r\xe9gime ont repris Palmyra.".encode("latin-1")
    doc = read_text_document(_write(tmp_path, "latin.txt", raw))
    assert "\ufffd" in doc.text
    assert doc.warnings[0].startswith("[W001] ")


def test_text_utf16_with_bom_is_read(tmp_path: Path) -> None:
    raw = "On 21 May, LSY joined HMI.".encode("utf-16")
    doc = read_text_document(_write(tmp_path, "u16.txt", raw))
    assert doc.text == "On 21 May, LSY joined HMI."
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In late March 2015, the Assad regime was swept from Idlib City, only the second "
            "provincial capital to fall, by Jaysh al-Fatah, a coalition of insurgents. "
            "JAF included Jabhat al-Nusra, the Syrian branch of al-Qaeda, and Ahrar al-Sham.",
            "en",
        ),
        (
            "Fin mars 2015, le régime d'Assad a été chassé de la ville d'Idleb, seulement la "
            "deuxième capitale provinciale à tomber, par l'Armée de la conquête, une coalition "
            "d'insurgés qui comprenait le Front al-Nosra et Ahrar al-Cham.",
            "not English",
        ),
        (
            "في أواخر آذار 2015 طرد النظام من مدينة إدلب وهي ثاني عاصمة محافظة "
            "تسقط على يد جيش الفتح وهو تحالف من المتمردين ضم جبهة النصرة "
            "وجند الأقصى وأحرار الشام وأجناد الشام ولواء الحق",
            "not English",
        ),
        ("Too short to judge.", "en"),
    ],
)
def test_text_language_check(text: str, expected: str) -> None:
    assert guess_language(text) == expected


def test_text_other_language_warns(tmp_path: Path) -> None:
    french = (
        "Les forces du régime ont repris la ville de Palmyre aux mains de l'État islamique "
        "le 27 mars 2016, après trois semaines de combats et de frappes aériennes russes "
        "sur la ville et ses environs, selon l'Observatoire syrien des droits de l'homme."
    )
    doc = read_text_document(_write(tmp_path, "fr.txt", french))
    assert doc.warnings == [
        f"[W002] {tmp_path / 'fr.txt'}: the text does not look like English (not English); "
        "nothing was extracted"
    ]


def test_text_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text_document(tmp_path / "nope.txt")


def test_text_chunks_are_paragraph_aligned_and_cover_the_text() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    chunks = list(split_paragraph_chunks(text, 2000))
    assert len(chunks) > 10
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
        assert len(chunk) <= 2000
    covered = sum(len(c.split()) for _, c in chunks)
    assert covered == len(text.split())


def test_text_big_file_streams_in_bounded_chunks(tmp_path: Path) -> None:
    paragraph = SEED_TEXT.read_text(encoding="utf-8").split("\n\n")[8] + "\n\n"
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(3000):
            fh.write(paragraph)
    text = path.read_text(encoding="utf-8")
    seen = 0
    for offset, chunk in iter_text_chunks(path, size=50_000):
        assert len(chunk) <= 2 * 50_000
        assert text[offset : offset + len(chunk)] == chunk
        seen += 1
    assert seen >= len(text) // 100_000


def test_text_sidecar_ignores_broken_json(tmp_path: Path) -> None:
    path = _write(tmp_path, "r.txt", "A report.\n")
    (tmp_path / "r.meta.json").write_text("{not json", encoding="utf-8")
    assert read_text_document(path).published is None
    (tmp_path / "r.meta.json").write_text(json.dumps({"published": "2015-10-09"}), encoding="utf-8")
    assert read_text_document(path).published == date(2015, 10, 9)
