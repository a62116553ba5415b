"""Section 4: group lineages, each group as a bar from its founding to what it became.

A lineage is drawn for every group that became nothing else (no ``absorbed_into``,
``merged_into`` or ``renamed_to`` of its own) and came from at least one other:
its predecessors, walked back by :func:`contested.derive.lineage_steps` over the
relations of every source (the actor registry and extracted text alike).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from contested.derive import LINEAGE_PREDICATES, LineageStep, lineage_steps
from contested.report import charts
from contested.report._common import Context, day
from contested.report.model import Chart, Lineage, LineageSection, Provenance, Table
from contested.resolve.registry import load_registry

TITLE = "Group lineages"
# States are renamed too (the Soviet Union), but the section is about armed groups.
SKIPPED_KINDS = frozenset({"state"})
STILL = "still active"
PHRASES = {"merged_into": "merged into", "absorbed_into": "absorbed into", "renamed_to": "renamed"}
FATE_COLOURS = {
    "merged into": "#4e79a7",
    "absorbed into": "#f28e2b",
    "renamed": "#b07aa1",
    STILL: "#59a14f",
}


def _record_end(ctx: Context) -> date:
    """The last day any event or claim names: open bars run to it."""
    e, c = ctx.con.table("events"), ctx.con.table("claims")
    days = [
        e.date_end.max().to_pyarrow().as_py(),
        c.date_end.max().to_pyarrow().as_py(),
    ]
    found = [d for d in days if d is not None]
    return ctx.window.end or (max(found) if found else date.today())


def lineage_section(ctx: Context) -> LineageSection:
    """One timeline per lineage, with a table of each member's span and fate."""
    con = ctx.con
    ends = _record_end(ctx)
    lineages = []
    used: Counter[str] = Counter()
    for terminal in _lineage_ends(ctx):
        steps = [s for s in lineage_steps(con, [terminal]) if s.direction == "predecessor"]
        if not steps:
            continue
        for s in steps:
            used.update(s.sources)
        lineages.append(_lineage(ctx, terminal, steps, ends))
    lineages.sort(key=lambda line: (-len(line.members.rows), line.actor.lower()))
    return LineageSection(
        title=TITLE,
        lineages=lineages,
        provenance=Provenance(
            method=(
                "For each group that did not itself merge into, get absorbed by or get "
                "renamed to another, the merger, absorption and rename relations of all "
                "sources are walked back to its predecessors; each bar runs from the "
                "group's founding (the day it was formed by a merger or rename, else the "
                "actor registry's date) to the day it became another group."
            ),
            sources=ctx.refs(used),
            notes=(
                "Dates of founding without a relation come from the actor registry "
                "(contested/data/actors); a faded bar has no recorded start.",
            ),
        ),
    )


def _lineage_ends(ctx: Context) -> list[str]:
    r = ctx.con.table("relations")
    rows = (
        r.filter(r.predicate.isin(LINEAGE_PREDICATES))
        .select("subject_id", "object_id")
        .distinct()
        .to_pyarrow()
        .to_pylist()
    )
    ends = {e["object_id"] for e in rows} - {e["subject_id"] for e in rows}
    if not ends:
        return []
    a = ctx.con.table("actors")
    kinds = {
        x["actor_id"]: x["kind"]
        for x in a.filter(a.actor_id.isin(sorted(ends)))
        .select("actor_id", "kind")
        .to_pyarrow()
        .to_pylist()
    }
    return sorted(t for t in ends if kinds.get(t) not in SKIPPED_KINDS)


def _spans(
    members: list[str], steps: list[LineageStep]
) -> dict[str, tuple[date | None, date | None]]:
    """Each member's founding and end: from the lineage's relations, else the registry."""
    registry = load_registry()
    formed: dict[str, list[date]] = defaultdict(list)
    ended: dict[str, list[date]] = defaultdict(list)
    for s in steps:
        if s.on is None:
            continue
        ended[s.subject_id].append(s.on)
        if s.predicate in ("merged_into", "renamed_to"):
            formed[s.object_id].append(s.on)
    spans = {}
    for m in members:
        active = registry.get(m).active if m in registry else None
        start = min(formed[m]) if formed[m] else (active.valid_from if active else None)
        end = min(ended[m]) if ended[m] else (active.valid_to if active else None)
        spans[m] = (start, end)
    return spans


def _lineage(ctx: Context, terminal: str, steps: list[LineageStep], ends: date) -> Lineage:
    members = [terminal, *dict.fromkeys(s.subject_id for s in steps)]
    spans = _spans(members, steps)
    fate: dict[str, list[LineageStep]] = defaultdict(list)
    for s in steps:
        fate[s.subject_id].append(s)
    known = [d for start, end in spans.values() for d in (start, end) if d is not None]
    earliest = min(known) if known else ends
    rows, data = [], []
    for m in sorted(members, key=lambda x: (spans[x][0] or date.min, ctx.actor(x))):
        start, end = spans[m]
        became = "; ".join(
            f"{PHRASES.get(s.predicate, s.predicate)} {ctx.actor(s.object_id)} ({day(s.on)})"
            for s in sorted(fate[m], key=lambda s: (s.on or date.max, s.object_id))
        )
        sources = sorted({ctx.source_title(src) for s in fate[m] for src in s.sources})
        rows.append((ctx.actor(m), day(start), day(end), became or STILL, "; ".join(sources)))
        first = fate[m][0].predicate if fate[m] else None
        data.append(_bar(ctx.actor(m), start or earliest, end or ends, start is not None, first))
    title = f"Lineage of {ctx.actor(terminal)}"
    return Lineage(
        actor=ctx.actor(terminal),
        actor_id=terminal,
        members=Table(("Group", "Founded", "Until", "Became", "Sources"), tuple(rows)),
        chart=_chart(terminal, title, data),
    )


def _bar(actor: str, start: date, end: date, dated: bool, predicate: str | None) -> dict[str, Any]:
    return {
        "actor": actor,
        "start": start.isoformat(),
        "end": max(end, start).isoformat(),
        "dated": "recorded" if dated else "not recorded",
        "ended": PHRASES.get(predicate, predicate) if predicate else STILL,
    }


def _chart(terminal: str, title: str, data: list[dict[str, Any]]) -> Chart:
    return charts.timeline(f"lineage-{terminal}", title, data, FATE_COLOURS)
