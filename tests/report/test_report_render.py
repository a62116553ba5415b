"""Escaping for Markdown, chart ids, and the report's small pieces, without a knowledge base."""

from __future__ import annotations

import re
from datetime import date

import altair as alt
import pytest
from markupsafe import Markup

from contested.report import Period, stated_percent
from contested.report._common import _titled
from contested.report.charts import _chart, render_svg
from contested.report.render import anchor, environments, md_escape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jaysh al-Fatah", "Jaysh al-Fatah"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a | b", r"a \| b"),
        ("*bold* and `code`", r"\*bold\* and \`code\`"),
        ("[link](http://example.com)", r"\[link\](http://example.com)"),
        ("RU_2177 and _emphasis_", r"RU_2177 and \_emphasis\_"),
        ("# heading", r"\# heading"),
        ("1. item", r"1\. item"),
        ("- item", r"\- item"),
        ("12.5%", "12.5%"),
        ("-2", "-2"),
        ("two\nlines  and\ttabs", "two lines and tabs"),
        ('Tom & Jerry\'s "show"', 'Tom &amp; Jerry\'s "show"'),
        (42, "42"),
    ],
)
def test_report_render_md_escape(text: object, expected: str) -> None:
    assert md_escape(text) == expected


def test_report_render_md_escape_keeps_markup() -> None:
    assert md_escape(Markup("![chart](charts/a.svg)")) == "![chart](charts/a.svg)"


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("{{ x }}", {"x": "<b>*x*</b>"}, r"&lt;b&gt;\*x\*&lt;/b&gt;"),
        ("{{ x|raw }}", {"x": "*x*"}, "*x*"),
        ("`{{ x|code }}`", {"x": "a`b"}, "`a'b`"),
        ("{{ 1234 }}", {}, "1234"),
    ],
)
def test_report_render_markdown_environment_escapes_every_value(
    template: str, values: dict[str, object], expected: str
) -> None:
    _, markdown = environments()
    assert markdown.from_string(template).render(values) == expected


def test_report_render_html_environment_escapes_every_value() -> None:
    html, _ = environments()
    rendered = html.from_string("<p>{{ x }}</p>").render(x="<script>alert(1)</script>")
    assert rendered == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.mark.parametrize(
    ("title", "expected"), [("Strike attribution", "strike-attribution"), ("Coverage", "coverage")]
)
def test_report_render_anchor(title: str, expected: str) -> None:
    assert anchor(title) == expected


def test_report_render_svg_ids_carry_the_chart_name() -> None:
    spec = (
        alt.Chart(alt.Data(values=[{"a": 1, "b": 2}, {"a": 5, "b": 3}]))
        .mark_line(clip=True)
        .encode(x=alt.X("a:Q", scale=alt.Scale(domain=[0, 3])), y="b:Q")
    )
    svg = render_svg(_chart("one", "One", "A line.", spec))
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids
    assert all(i.startswith("one-") for i in ids)
    assert all(ref.startswith("one-") for ref in re.findall(r"url\(#([^)]+)\)", svg))


def test_report_render_svg_escapes_labels() -> None:
    spec = (
        alt.Chart(alt.Data(values=[{"who": "<script>x</script>", "n": 1}]))
        .mark_bar()
        .encode(y="who:N", x="n:Q")
    )
    svg = render_svg(_chart("two", "Two", "Bars.", spec))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("More than ninety percent of Russia's airstrikes had hit non-IS targets.", 90.0),
        ("Eighty-five percent or more of Russian strikes were against non-IS targets.", 85.0),
        ("Over 90% of the Russian air strikes hit the opposition.", 90.0),
        ("Some 12.5 per cent of raids struck hospitals.", 12.5),
        ("Russian shelling increases up to 30% the number of displaced people.", None),
        ("Russia struck Aleppo.", None),
    ],
)
def test_report_stated_percent(statement: str, expected: float | None) -> None:
    assert stated_percent(statement) == expected


@pytest.mark.parametrize(
    ("period", "day", "inside"),
    [
        (Period("p", date(2015, 9, 30), date(2016, 3, 14)), date(2015, 9, 30), True),
        (Period("p", date(2015, 9, 30), date(2016, 3, 14)), date(2016, 3, 14), True),
        (Period("p", date(2015, 9, 30), date(2016, 3, 14)), date(2016, 3, 15), False),
        (Period("p", None, date(2016, 3, 14)), date(2001, 1, 1), True),
        (Period("p", date(2016, 3, 15)), None, False),
        (Period("p"), None, True),
    ],
)
def test_report_period_holds(period: Period, day: date | None, inside: bool) -> None:
    assert period.holds(day) is inside


def test_report_period_within_a_window() -> None:
    window = Period("w", date(2016, 1, 1), date(2016, 12, 31))
    assert Period("p", date(2015, 9, 30), date(2016, 3, 14)).within(window) == Period(
        "p", date(2016, 1, 1), date(2016, 3, 14)
    )
    assert Period("p", date(2016, 3, 15)).within(window) == Period(
        "p", date(2016, 3, 15), date(2016, 12, 31)
    )


def test_report_source_titles_are_told_apart() -> None:
    rows = [
        {"source_id": "a1", "title": "Russia Needs IS", "path": "x.txt", "kind": "text"},
        {"source_id": "b2", "title": "Russia Needs IS", "path": "x.json", "kind": "facts"},
        {"source_id": "c3", "title": "Russia Needs IS", "path": "y.json", "kind": "facts"},
        {"source_id": "d4", "title": None, "path": "violations.csv", "kind": "syrianarchive"},
    ]
    assert {sid: info.title for sid, info in _titled(rows).items()} == {
        "a1": "Russia Needs IS (text)",
        "b2": "Russia Needs IS (facts, b2)",
        "c3": "Russia Needs IS (facts, c3)",
        "d4": "violations.csv",
    }
