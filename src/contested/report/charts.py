"""The report's charts: Vega-Lite specs built with Altair, rendered offline to SVG.

A chart is kept as its spec until rendering, so sections stay plain data and
the renderer decides the format (inline SVG for HTML, SVG files for Markdown).
vl-convert renders in-process with a bundled engine: no browser, no network.
Altair is imported where a chart is built, not with this module: importing it
costs a second, which every ``contested`` command would pay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from contested.derive import UNKNOWN
from contested.report.model import Chart

if TYPE_CHECKING:
    import altair as alt

WIDTH = 640
# Tableau 10 without its grey, which is kept for "unknown" and "other".
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
)
GREYS = {UNKNOWN: "#b8b8b8", "other": "#dcdcdc"}
FONT = "Helvetica, Arial, sans-serif"
# Text is measured with vl-convert's own fonts; a browser that lacks them draws wider
# glyphs (DejaVu Sans is about a fifth wider than Arial), so leave room at the edges.
PADDING = {"left": 48, "right": 48, "top": 5, "bottom": 5}


def colours(domain: Sequence[str]) -> alt.Scale:
    """A colour per name: the palette in order, greys for ``unknown`` and ``other``."""
    import altair as alt

    named = [n for n in domain if n not in GREYS]
    picked = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(named)}
    return alt.Scale(domain=list(domain), range=[GREYS.get(n) or picked[n] for n in domain])


def _chart(name: str, title: str, description: str, chart: alt.TopLevelMixin) -> Chart:
    spec = (
        chart.configure(font=FONT).configure_view(stroke=None).properties(padding=PADDING).to_dict()
    )
    return Chart(name=name, title=title, description=description, spec=spec)


def stacked_months(
    name: str,
    title: str,
    data: list[dict[str, Any]],
    legend: Sequence[str],
    marks: Sequence[str],
) -> Chart:
    """Monthly stacked bars of ``strikes`` by ``held_by``; rules at the ``marks`` days."""
    import altair as alt

    order = {label: i for i, label in enumerate(legend)}
    rows = [{**row, "order": order[row["held_by"]]} for row in data]
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="Month", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("sum(strikes):Q", title="Strikes"),
            color=alt.Color("held_by:N", title="Held by", scale=colours(legend)),
            order=alt.Order("order:Q"),
        )
    )
    layers: list[alt.Chart] = [bars]
    if marks:
        rules = (
            alt.Chart(alt.Data(values=[{"day": d} for d in marks]))
            .mark_rule(strokeDash=[4, 3], color="#333")
            .encode(x="day:T")
        )
        layers.append(rules)
    chart = alt.layer(*layers).properties(width=WIDTH, height=260, title=title)
    description = (
        "Stacked bars: strikes per month, coloured by who held the struck place that day; "
        "dashed lines mark the start of each period."
    )
    return _chart(name, title, description, chart)


def diverging_bars(
    name: str, title: str, data: list[dict[str, Any]], kinds: Sequence[str]
) -> Chart:
    """Horizontal bars per ``actor``: ``places`` by ``kind``, losses drawn below zero."""
    import altair as alt

    actors = sorted(
        {r["actor"] for r in data},
        key=lambda a: -sum(abs(r["places"]) for r in data if r["actor"] == a),
    )
    chart = (
        alt.Chart(alt.Data(values=list(data)))
        .mark_bar()
        .encode(
            y=alt.Y("actor:N", sort=actors, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("sum(places):Q", title="Places (losses below zero)"),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=list(kinds), range=["#59a14f", "#a0cbe8", "#e15759"]),
            ),
        )
        .properties(width=WIDTH - 200, height=alt.Step(18), title=title)
    )
    description = "Bars per actor: places gained (right) and lost (left) in the period."
    return _chart(name, title, description, chart)


def verdict_bars(name: str, title: str, data: list[dict[str, Any]]) -> Chart:
    """Horizontal stacked bars of claims per ``source`` by ``verdict``."""
    import altair as alt

    domain = ["supported", "contradicted", "unverifiable"]
    chart = (
        alt.Chart(alt.Data(values=list(data)))
        .mark_bar()
        .encode(
            y=alt.Y("source:N", title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X(
                "sum(claims):Q",
                title="Share of the source's claims",
                stack="normalize",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(
                "verdict:N",
                title="Verdict",
                scale=alt.Scale(domain=domain, range=["#59a14f", "#e15759", "#b8b8b8"]),
            ),
            order=alt.Order("rank:Q"),
        )
        .properties(width=WIDTH - 320, height=alt.Step(22), title=title)
    )
    return _chart(name, title, "Stacked bars: the share of each source's claims by verdict.", chart)


def timeline(name: str, title: str, data: list[dict[str, Any]], palette: dict[str, str]) -> Chart:
    """Bars over time: one per ``actor`` from ``start`` to ``end``, coloured by ``ended``.

    ``palette`` maps every value of ``ended`` to its colour, the same in every chart;
    the legend lists only the values present.
    """
    import altair as alt

    present = {r["ended"] for r in data}
    kinds = [k for k in palette if k in present]
    order = [r["actor"] for r in sorted(data, key=lambda r: (r["start"], r["actor"]))]
    bars = (
        alt.Chart(alt.Data(values=list(data)))
        .mark_bar(height=14)
        .encode(
            y=alt.Y("actor:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y")),
            x2="end:T",
            color=alt.Color(
                "ended:N",
                title="Then",
                scale=alt.Scale(domain=kinds, range=[palette[k] for k in kinds]),
            ),
            opacity=alt.Opacity(
                "dated:N",
                title="Start",
                scale=alt.Scale(domain=["recorded", "not recorded"], range=[1.0, 0.35]),
            ),
        )
        .properties(width=WIDTH - 180, height=alt.Step(20), title=title)
    )
    description = (
        "Bars over time: each group from its founding (faded where the record gives no "
        "date) to the day it merged, was absorbed or renamed, or to the end of the record."
    )
    return _chart(name, title, description, bars)


def simple_bars(
    name: str, title: str, data: list[dict[str, Any]], x_title: str, description: str
) -> Chart:
    """Horizontal bars of ``n`` per ``label``, stacked by ``part``."""
    import altair as alt

    chart = (
        alt.Chart(alt.Data(values=list(data)))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X("sum(n):Q", title=x_title),
            color=alt.Color("part:N", title=None, scale=colours(sorted({r["part"] for r in data}))),
        )
        .properties(width=WIDTH - 200, height=alt.Step(22), title=title)
    )
    return _chart(name, title, description, chart)


_ID = re.compile(r'(\bid="|url\(#|href="#)')


def render_svg(chart: Chart) -> str:
    """The chart as an SVG document; element ids get the chart's name as prefix.

    Several SVGs inline in one page share one id space, so an id such as a
    clip path's must be unique across them.
    """
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(chart.spec)
    return _ID.sub(lambda m: f"{m.group(1)}{chart.name}-", svg)
