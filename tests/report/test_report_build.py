"""The whole report on a real knowledge base: gold facts, the Syrian Archive, a hostile file.

Built once for the module (about 15 s: the analyses compile to SQL, the charts render).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from contested import analysis
from contested.report import ReportPaths, build_report
from contested.store import Store

pytestmark = pytest.mark.slow

TAG = re.compile(r"<([a-zA-Z][\w:-]*)([^>]*)>")
FORBIDDEN_TAGS = {"script", "link", "iframe", "img", "object", "embed", "base", "meta-refresh"}


@dataclass(frozen=True)
class Built:
    paths: ReportPaths
    html: str
    markdown: str


@pytest.fixture(scope="module")
def built(report_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("report-out")
    with Store.open(report_db, read_only=True) as store:
        paths = build_report(store, out)
    return Built(
        paths,
        paths.html.read_text(encoding="utf-8"),
        paths.markdown.read_text(encoding="utf-8"),
    )


def _section(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def _table_rows(fragment: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", fragment, re.S)
    return [
        [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
        if "<td" in row
    ]


def test_report_build_writes_html_markdown_and_charts(built: Built) -> None:
    assert built.paths.html.name == "index.html"
    assert built.paths.markdown.name == "report.md"
    assert built.paths.charts
    for path in built.paths.charts:
        assert path.read_text(encoding="utf-8").startswith("<svg")
        assert f"]({path.parent.name}/{path.name})" in built.markdown


def test_report_build_strike_table_matches_the_analysis(built: Built, report_db: Path) -> None:
    with Store.open(report_db, read_only=True) as store:
        expected = {
            r["controller_name"]: r["strikes"]
            for r in analysis.strike_attribution(store.ibis(), "Russia").to_pyarrow().to_pylist()
        }
    table = _section(built.html, "<h3>Shares by who held the struck place</h3>", "</table>")
    rows = {r[0]: r[1] for r in _table_rows(table)}
    total = rows.pop("Total")
    assert {name: int(cell.split(" ")[0].replace(",", "")) for name, cell in rows.items()} == (
        expected
    )
    assert rows["unknown"].endswith("%)")
    assert total.startswith(f"{sum(expected.values()):,} (100.0%)")


def test_report_build_strikes_chart_is_inline_svg(built: Built) -> None:
    figure = _section(built.html, '<figure id="chart-strikes-by-month">', "</figure>")
    assert "<svg" in figure
    assert "Islamic State" in figure


def test_report_build_compares_the_state_department_figure(built: Built) -> None:
    figures = _section(built.html, "<h3>Published figures against the record</h3>", "</aside>")
    assert "U.S. Department of State" in figures
    assert "stated figure 90% of strikes on non-IS targets" in figures
    header = _section(figures, "<thead>", "</thead>")
    assert "On places not held by Islamic State" in header
    periods = [row[0] for row in _table_rows(figures)]
    assert periods[:3] == ["All strikes", "Sep 2015 – Mar 2016", "After 14 Mar 2016"]
    assert "2015-09-30 – 2015-10-07 (a claim's day)" in periods


def _html_verdicts(text: str) -> dict[str, str]:
    """Claim id -> verdict, from the audit's articles and its tables of bare claims."""
    audit = _section(text, "<h2>3. ", "</section>")
    found = {}
    for article in re.findall(r'<article class="claim">(.*?)</article>', audit, re.S):
        verdict = re.search(r'<span class="verdict (\w+)">', article)
        claim = re.search(r", claim ([^<]+)</p>", article)
        assert verdict and claim
        found[html.unescape(claim.group(1))] = verdict.group(1)
    bare = _section(audit, "<h3>Other claims</h3>", "<aside")
    for row in _table_rows(bare):
        found[row[4]] = row[3]
    return found


def test_report_build_audit_gives_every_claim_its_verdict(built: Built, report_db: Path) -> None:
    with Store.open(report_db, read_only=True) as store:
        audit = analysis.claim_audit(store.ibis()).to_pyarrow().to_pylist()
    expected = {r["claim_id"]: r["verdict"] for r in audit}
    assert len(expected) == len(audit)
    assert _html_verdicts(built.html) == expected


@pytest.mark.parametrize(
    "quote",
    [
        # c05, the State Department's figure, and its evidence-free neighbour c05's source.
        "more than ninety percent of Russia’s airstrikes had hit non-IS targets",
        # Evidence of the Palmyra claim (c18): the event of its capture, quoted.
        "taking it on 27 March",
    ],
)
def test_report_build_audit_quotes_the_sentences(built: Built, quote: str) -> None:
    audit = _section(built.html, "<h2>3. ", "</section>")
    assert quote in html.unescape(audit)


@pytest.mark.parametrize(
    ("lineage", "members"),
    [
        ("Jaysh Khalid ibn al-Walid", ["Liwa Shuhada al-Yarmouk", "Harakat al-Muthanna"]),
        ("Hayat Tahrir al-Sham", ["Jabhat al-Nusra", "Jabhat Fateh al-Sham"]),
    ],
)
def test_report_build_lineage_lists_predecessors(
    built: Built, lineage: str, members: list[str]
) -> None:
    section = _section(built.html, f"<h3>{lineage}</h3>", "</table>")
    assert "<svg" in section
    names = [row[0] for row in _table_rows(section)]
    for member in members:
        assert any(name.startswith(member) for name in names), names


def test_report_build_html_is_self_contained(built: Built) -> None:
    for name, attributes in TAG.findall(built.html):
        assert name.lower() not in FORBIDDEN_TAGS, name
        assert not re.search(r"\bsrc\s*=", attributes), attributes
        for href in re.findall(r'href\s*=\s*"([^"]*)"', attributes):
            assert href.startswith("#"), href
        assert not re.search(r"url\((?!#)", attributes), attributes
    style = _section(built.html, "<style>", "</style>")
    assert "@import" not in style
    assert "url(" not in style


@pytest.mark.parametrize(
    "script",
    [
        "alert('title')",
        "alert('event')",
        "alert('statement')",
        "alert('assessment')",
        "alert('quote')",
    ],
)
def test_report_build_escapes_markup_from_sources(built: Built, script: str) -> None:
    # Shown as text: present once the entities are read, never as a tag.
    assert f"<script>{script}</script>" in html.unescape(built.html)
    assert f"&lt;script&gt;{script}&lt;/script&gt;" in built.markdown
    assert "<script" not in built.html
    assert "<script" not in built.markdown


def test_report_build_markdown_shows_source_markdown_as_text(built: Built) -> None:
    md = built.markdown
    assert r"\[not a link\](http://example.com/y)" in md
    assert r"!\[img\](http://example.com/z.png)" in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert not re.search(r"^# Not a heading", md, re.M)
    assert r"\# Not a heading" in md
    assert r"1\. Not a list" in md


def test_report_build_markdown_has_the_same_headings(built: Built) -> None:
    def html_headings(level: int) -> list[str]:
        return [html.unescape(h) for h in re.findall(rf"<h{level}>(.*?)</h{level}>", built.html)]

    def md_headings(level: int) -> list[str]:
        found = re.findall(rf"^{'#' * level} (.+)$", built.markdown, re.M)
        return [re.sub(r"\\(.)", r"\1", h).replace("&amp;", "&") for h in found]

    assert html_headings(2) == md_headings(2)
    assert html_headings(3) == md_headings(3)
    assert [h.split(". ", 1)[1] for h in html_headings(2)] == [
        "Strike attribution",
        "Territorial change",
        "Claim audit",
        "Group lineages",
        "Coverage",
    ]


def test_report_build_says_where_each_section_comes_from(built: Built) -> None:
    assert built.html.count("<h4>Where this comes from</h4>") == 5
    assert built.markdown.count("**Where this comes from.**") == 5
    coverage = _section(built.html, "<h2>5. ", "</section>")
    for title in ("Russia Needs the Islamic State to Save Assad", "violations.csv"):
        assert title in coverage
