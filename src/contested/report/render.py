"""Writing a report: one self-contained HTML file and a Markdown file with SVG charts beside it.

Both come from Jinja2 templates in ``report/templates/`` with escaping on for every
value: HTML-escaped in the HTML; Markdown- and HTML-escaped in the Markdown (a
Markdown renderer passes raw HTML through, so ``<script>`` must not reach it as is).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from contested.report.charts import render_svg
from contested.report.model import Report

CHART_DIR = "charts"
# Specials anywhere; "_" only at a word's edge (intraword "_" is not emphasis).
_MD_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<!\w)_|_(?!\w))")
# Specials only where a value starts a line: a heading, a list item.
_MD_LINE_START = re.compile(r"^(#|[-+](?=\s)|\d+[.)](?=\s))")


@dataclass(frozen=True)
class ReportPaths:
    """The files a report was written to."""

    html: Path
    markdown: Path
    charts: tuple[Path, ...]


def md_escape(value: Any) -> Markup:
    """A value as Markdown text that renders as written: specials escaped, HTML as entities.

    Whitespace runs (newlines included) become one space, so a value cannot end a
    table row or start a block.
    """
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = str(escape(text)).replace("&#39;", "'").replace("&#34;", '"')
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)
    return Markup(text)


def _code(value: Any) -> Markup:
    """Text for an inline code span (a backtick would close it)."""
    return Markup(str(value).replace("`", "'"))


def environments() -> tuple[Environment, Environment]:
    """The HTML and Markdown template environments."""
    loader = PackageLoader("contested.report", "templates")
    html = Environment(loader=loader, autoescape=True, undefined=StrictUndefined)
    markdown = Environment(
        loader=loader,
        autoescape=True,
        finalize=md_escape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    markdown.filters["raw"] = Markup
    markdown.filters["code"] = _code
    return html, markdown


def anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def write(
    report: Report, out_dir: Path, progress: Callable[[str], None] = lambda _: None
) -> ReportPaths:
    """Render the charts, then write ``index.html``, ``report.md`` and ``charts/*.svg``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / CHART_DIR).mkdir(exist_ok=True)
    written = []
    charts = report.charts()
    for n, chart in enumerate(charts, 1):
        progress(f"drawing chart {n}/{len(charts)}")
        chart.svg = Markup(render_svg(chart))
        path = out_dir / CHART_DIR / f"{chart.name}.svg"
        path.write_text(chart.svg, encoding="utf-8")
        chart.file = f"{CHART_DIR}/{path.name}"
        written.append(path)
    progress("writing HTML and Markdown")
    html_env, md_env = environments()
    values = {
        "report": report,
        "anchors": [anchor(s.title) for s in report.sections()],
        # GitHub's anchors of the Markdown headings "## 1. Title".
        "md_anchors": [f"{n}-{anchor(s.title)}" for n, s in enumerate(report.sections(), 1)],
        "window": _window(report),
    }
    html = out_dir / "index.html"
    html.write_text(html_env.get_template("report.html.j2").render(values), encoding="utf-8")
    markdown = out_dir / "report.md"
    markdown.write_text(md_env.get_template("report.md.j2").render(values), encoding="utf-8")
    return ReportPaths(html, markdown, tuple(written))


def _window(report: Report) -> str:
    w = report.window
    if w.start is None and w.end is None:
        return "the whole record"
    return f"{w.start.isoformat() if w.start else 'the start of the record'} to " + (
        w.end.isoformat() if w.end else "the end of the record"
    )
