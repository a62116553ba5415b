"""The analyst's report: the seed's questions answered with figures, tables and charts.

:func:`build_report` reads a knowledge base and writes ``index.html`` (one
self-contained file: inline CSS and SVG charts, no script, no external link) and
``report.md`` with its charts as SVG files beside it. Each section says where its
figures come from: the sources, how many of their facts, and the method.
DOCS: docs/report.md
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import ibis

from contested.derive import ensure_current
from contested.errors import StoreError
from contested.progress import ProgressFn, no_progress
from contested.report._common import Context
from contested.report.claims import claim_section
from contested.report.coverage import coverage_section
from contested.report.lineage import lineage_section
from contested.report.model import Period, Report
from contested.report.render import ReportPaths, write
from contested.report.strikes import CAMPAIGN_PERIODS, stated_percent, strike_section
from contested.report.territory import territory_section
from contested.store import Store

DEFAULT_ACTOR = "russia"
DEFAULT_TITLE = "Contested: strikes, territory, claims and lineages"
STEPS = 7


def collect(
    con: ibis.BaseBackend,
    *,
    actor: str = DEFAULT_ACTOR,
    date_from: date | None = None,
    date_to: date | None = None,
    periods: Sequence[Period] = CAMPAIGN_PERIODS,
    radius_km: float = 10.0,
    title: str = DEFAULT_TITLE,
    database: str = "",
    progress: ProgressFn = no_progress,
) -> Report:
    """Compute every section of the report over a backend whose derived tables are current."""
    window = Period("Report period", date_from, date_to)
    progress("reading names and sources", 0, STEPS)
    ctx = Context.load(con, window)
    progress("strike attribution", 1, STEPS)
    strikes = strike_section(ctx, actor, periods, radius_km)
    progress("territorial change", 2, STEPS)
    territory = territory_section(ctx)
    progress("claim audit", 3, STEPS)
    claims = claim_section(ctx)
    progress("lineages", 4, STEPS)
    lineage = lineage_section(ctx)
    progress("coverage", 5, STEPS)
    coverage = coverage_section(ctx)
    return Report(
        title=title,
        generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        database=database,
        window=window,
        strikes=strikes,
        territory=territory,
        claims=claims,
        lineage=lineage,
        coverage=coverage,
    )


def build_report(
    store: Store,
    out_dir: str | Path,
    *,
    actor: str = DEFAULT_ACTOR,
    date_from: date | None = None,
    date_to: date | None = None,
    periods: Sequence[Period] = CAMPAIGN_PERIODS,
    radius_km: float = 10.0,
    title: str = DEFAULT_TITLE,
    progress: ProgressFn = no_progress,
) -> ReportPaths:
    """Write the report on ``store`` to ``out_dir/index.html`` and ``out_dir/report.md``.

    The derived tables are recomputed first if sources were added since (which needs
    a store opened for writing). ``actor`` is the striking actor of section 1 (id,
    name or alias; its sub-units count with it); ``periods`` are that section's
    columns; ``date_from``/``date_to`` bound strikes, changes of control and claims.
    """
    if not store.derived_is_current():
        if store.read_only:
            raise StoreError(
                f"{store.path}: the derived tables are out of date; run 'contested derive' "
                "or open the knowledge base for writing"
            )
        ensure_current(store)
    report = collect(
        store.ibis(),
        actor=actor,
        date_from=date_from,
        date_to=date_to,
        periods=periods,
        radius_km=radius_km,
        title=title,
        database=Path(store.path).name,
        progress=progress,
    )
    return write(report, Path(out_dir), lambda step: progress(step, 6, STEPS))


__all__ = [
    "CAMPAIGN_PERIODS",
    "DEFAULT_ACTOR",
    "Period",
    "Report",
    "ReportPaths",
    "build_report",
    "collect",
    "stated_percent",
]
