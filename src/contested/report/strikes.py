"""Section 1: whose places an actor's strikes hit, by period and month, against published figures.

Built on :func:`contested.analysis.attributed_strikes` (one query for every strike
with its controller); the shares per period are counted from those rows, so they
equal :func:`contested.analysis.strike_attribution` over the same days.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from importlib import resources
from typing import Any

import yaml

from contested import analysis
from contested.derive import UNKNOWN, descendants
from contested.errors import NotFound
from contested.report import charts
from contested.report._common import Context, count, quote_of, share
from contested.report.model import Figure, Period, Provenance, StrikeSection, Table
from contested.vocab import STRIKE_SUB_EVENT_TYPES

TITLE = "Strike attribution"
# Controllers drawn in their own colour in the monthly chart; the rest are "other".
CHART_CONTROLLERS = 7
OTHER = "other"


def _load_figures() -> dict[str, Any]:
    ref = resources.files("contested").joinpath("data/report/figures.yaml")
    data: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return data


_FIGURES = _load_figures()
CAMPAIGN_PERIODS = tuple(
    Period(p["label"], p.get("from"), p.get("to")) for p in _FIGURES["periods"]
)
_NUMBER_WORDS: dict[str, int] = _FIGURES["number_words"]
_PERCENT = re.compile(r"((?:[\w.]+[- ])?[\w.]+)\s*(?:%|\bper\s*cent\b|\bpercent\b)", re.I)
# A share of strikes: "of" and a strike noun follow the percentage within a few words.
_OF_STRIKES = re.compile(
    r"^\s*(?:or more |or so )?of\b[^.;]{0,40}?\b(?:"
    + "|".join(re.escape(n).replace(r"\ ", r"\s") for n in _FIGURES["strike_nouns"])
    + r")\b",
    re.I,
)
_NON_TARGET = re.compile(r"\bnon-([A-Za-z][\w'-]*?)\s+(?:targets?|positions?|areas?)\b", re.I)


def _number(words: str) -> float | None:
    """``"85"``, ``"ninety"``, ``"eighty-five"`` as a number; None if it is not one."""
    text = words.strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    parts = re.split(r"[- ]", text)
    if parts and all(p in _NUMBER_WORDS for p in parts):
        return float(sum(_NUMBER_WORDS[p] for p in parts))
    return None


def stated_percent(statement: str) -> float | None:
    """The first share of strikes a statement gives (``"ninety percent of Russia's strikes"``)."""
    for match in _PERCENT.finditer(statement):
        if not _OF_STRIKES.match(statement[match.end() :]):
            continue
        words = match.group(1)
        value = _number(words)
        if value is None and (" " in words or "-" in words):
            value = _number(re.split(r"[- ]", words)[-1])
        if value is not None:
            return value
    return None


def _month(day: date) -> str:
    return day.replace(day=1).isoformat()


def strike_section(
    ctx: Context, actor: str, periods: Sequence[Period], radius_km: float
) -> StrikeSection:
    """Strikes of ``actor`` by the controller of the struck place, per period and month."""
    window = ctx.window
    rows = (
        analysis.attributed_strikes(ctx.con, actor, window.start, window.end, radius_km=radius_km)
        .to_pyarrow()
        .to_pylist()
    )
    actor_name = ctx.actor(analysis.actor_ids(ctx.con, actor)[0])
    columns = [Period("All strikes", window.start, window.end)]
    columns += [p.within(window) for p in periods]
    totals = Counter(r["controller"] for r in rows)
    order = [c for c, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])) if c != UNKNOWN]
    order.append(UNKNOWN)
    group = sorted(descendants(ctx.con, analysis.actor_ids(ctx.con, actor)))
    figures, comparison, target = _published(ctx, group, rows, columns)
    return StrikeSection(
        title=TITLE,
        actor=actor_name,
        total=len(rows),
        unknown=totals[UNKNOWN],
        shares=_shares(ctx, rows, columns, order),
        chart=_monthly_chart(ctx, rows, order, actor_name, periods),
        figures=figures,
        comparison=comparison,
        target=target,
        provenance=_provenance(ctx, rows, actor_name, radius_km),
    )


def _shares(
    ctx: Context, rows: list[dict[str, Any]], columns: list[Period], order: list[str]
) -> Table:
    """Strikes (and share) per controller, a column per period."""
    per = [Counter(r["controller"] for r in rows if p.holds(r["day"])) for p in columns]

    def cell(n: int, total: int) -> str:
        return f"{count(n)} ({share(n, total)})"

    body = [(ctx.actor(c), *(cell(counts[c], counts.total()) for counts in per)) for c in order]
    body.append(("Total", *(cell(counts.total(), counts.total()) for counts in per)))
    return Table(
        ("Held by", *(p.label for p in columns)), tuple(body), (False, *([True] * len(per)))
    )


def _monthly_chart(
    ctx: Context,
    rows: list[dict[str, Any]],
    order: list[str],
    actor_name: str,
    periods: Sequence[Period],
) -> Any:
    # The chart starts where the first period does: a stray early date (an extracted
    # strike of decades before) would otherwise stretch the axis over years of nothing.
    first = min((p.start for p in periods if p.start is not None), default=None)
    earlier = [r for r in rows if first is not None and r["day"] < first]
    rows = [r for r in rows if first is None or r["day"] >= first]
    if not rows:
        return None
    shown = [c for c in order if c != UNKNOWN][:CHART_CONTROLLERS]
    labels = {c: ctx.actor(c) for c in shown}
    by_month: Counter[tuple[str, str]] = Counter()
    for r in rows:
        c = r["controller"]
        label = UNKNOWN if c == UNKNOWN else labels.get(c, OTHER)
        by_month[(_month(r["day"]), label)] += 1
    legend = [*labels.values()]
    if any(label == OTHER for _, label in by_month):
        legend.append(OTHER)
    legend.append(UNKNOWN)
    data = [{"month": m, "held_by": c, "strikes": n} for (m, c), n in sorted(by_month.items())]
    marks = [p.start.isoformat() for p in periods if p.start is not None]
    title = f"{actor_name}'s strikes per month by who held the struck place"
    if earlier:
        title += f" (from {first:%B %Y}; {len(earlier)} earlier not shown)"
    return charts.stacked_months(
        "strikes-by-month",
        title,
        data,
        legend,
        marks,
    )


def _provenance(
    ctx: Context, rows: list[dict[str, Any]], actor_name: str, radius_km: float
) -> Provenance:
    how = Counter(r["matched_by"] or UNKNOWN for r in rows)
    kinds = Counter(r["kind"] for r in rows)
    return Provenance(
        method=(
            f"Every event whose actor1, and every allegation whose alleged perpetrator, is "
            f"{actor_name} or one of its sub-units, of type air/drone strike or shelling, is "
            f"matched on its first day to who held its place (from the control intervals), or "
            f"else the nearest place with known control within {radius_km:g} km; strikes matched "
            f"to neither count as unknown."
        ),
        sources=ctx.refs(Counter(r["source_id"] for r in rows)),
        notes=(
            f"{count(kinds['event'])} events and {count(kinds['claim'])} allegations; "
            f"{count(how['place'])} matched by their own place, {count(how['radius'])} by a "
            f"place within {radius_km:g} km, {count(how[UNKNOWN])} unknown.",
            "The same strike reported by two sources counts twice; shares are of strikes, not "
            "of sorties or casualties.",
        ),
    )


def _published(
    ctx: Context, group: list[str], rows: list[dict[str, Any]], columns: list[Period]
) -> tuple[list[Figure], Table | None, str | None]:
    """Percentages claimants stated about the strikes of ``group``, and the record's beside."""
    figures = _stated_figures(ctx, group)
    targets = [f.target for f in figures if f.target]
    if not targets:
        return figures, None, None
    target = targets[0]
    try:
        named = analysis.actor_ids(ctx.con, target)
    except NotFound:
        return figures, None, None
    target_ids = descendants(ctx.con, named)
    periods = list(columns)
    starts = sorted(p.start for p in columns if p.start is not None)
    for on in sorted({f.on for f in figures if f.on}):
        until = date.fromisoformat(on)
        start = max((d for d in starts if d <= until), default=ctx.window.start)
        periods.append(Period(f"{start or '…'} – {on} (a claim's day)", start, until))
    name = ctx.actor(named[0]) if len(named) == 1 else target
    body = []
    for p in periods:
        held = [r["controller"] for r in rows if p.holds(r["day"])]
        unknown = held.count(UNKNOWN)
        known = len(held) - unknown
        other = sum(1 for c in held if c != UNKNOWN and c not in target_ids)
        body.append(
            (
                p.label,
                count(len(held)),
                count(known),
                count(other),
                share(other, known),
                f"{share(other, len(held))} – {share(other + unknown, len(held))}",
            )
        )
    header = (
        "Period",
        "Strikes",
        "Holder known",
        f"On places not held by {name}",
        "Share of known",
        "Share of all (unknown as held by / not held by)",
    )
    return figures, Table(header, tuple(body), (False, *([True] * 5))), name


def _stated_figures(ctx: Context, group: list[str]) -> list[Figure]:
    con = ctx.con
    c = con.table("claims")
    strike = (
        c.about_sub_event_type.isin(sorted(STRIKE_SUB_EVENT_TYPES))
        | c.about_sub_event_type.isnull()
    )
    claims = c.filter(c.about_actor1.isin(group), strike)
    a = con.table("assessments")
    assessed = a.join(claims, [a.source_id == claims.source_id, a.claim_id == claims.claim_id])
    said = [
        *claims.select(
            "source_id",
            "claimant_id",
            "statement",
            "quote",
            "date_end",
            "row_number",
            fact_id="claim_id",
        )
        .to_pyarrow()
        .to_pylist(),
        *assessed.select(
            source_id=a.source_id,
            claimant_id=a.by_id,
            statement=a.statement,
            quote=a.quote,
            date_end=claims.date_end.cast("date"),
            row_number=claims.row_number,
            fact_id=a.claim_id.concat("#", a.seq.cast("string")),
        )
        .to_pyarrow()
        .to_pylist(),
    ]
    figures: dict[tuple[str, float, str | None], Figure] = {}
    # Claims first: where an assessment repeats a claimant's dated claim, the claim stays.
    for row in said:
        percent = stated_percent(row["statement"] or "")
        if percent is None:
            continue
        non = _NON_TARGET.search(row["statement"] or "")
        is_claim = "#" not in str(row["fact_id"])
        figure = Figure(
            claimant=ctx.actor(row["claimant_id"]),
            on=row["date_end"].isoformat() if is_claim and row["date_end"] else "",
            statement=row["statement"],
            percent=percent,
            target=non.group(1) if non else None,
            quote=quote_of(ctx, row, fallback=("statement",)),
        )
        figures.setdefault((figure.claimant, figure.percent, figure.target), figure)
    return sorted(figures.values(), key=lambda f: (f.on or "9999", f.claimant))
