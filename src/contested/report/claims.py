"""Section 3: the claim audit, each claim with its verdict and the quotes of its evidence.

Built on :func:`contested.analysis.claim_audit` and :func:`~contested.analysis.claim_evidence`;
the evidence rows are joined to the facts they name (events, assessments) for the
sentences that support them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import ibis.expr.types as ir

from contested import analysis
from contested.report import charts
from contested.report._common import Context, count, day, quote_of, span
from contested.report.model import (
    AuditedClaim,
    Chart,
    ClaimGroup,
    ClaimSection,
    Evidence,
    Provenance,
    Table,
)

TITLE = "Claim audit"
VERDICTS = ("supported", "contradicted", "unverifiable")
METHOD = (
    "Each claim is held against the record: other parties' assessments of it, who held the "
    "place it names on its day (from the control intervals), and events of any source with "
    "its actor, type, target and place on overlapping days; the verdict follows the majority "
    "of supporting and contradicting evidence, unverifiable when there is none or it is "
    "evenly split."
)
LIMITS = (
    "The audit checks the structured fields of a claim (actor, type, target, place, dates), "
    "not the full statement: a claim of a share of strikes is unverifiable here; section 1 "
    "sets such figures against the record.",
)


def _audit(ctx: Context) -> ir.Table:
    """The audit of the claims whose dates meet the window, with each claim's own quote."""
    audit = analysis.claim_audit(ctx.con)
    window = ctx.window
    if window.end is not None:
        audit = audit.filter(audit.date_start.isnull() | (audit.date_start <= window.end))
    if window.start is not None:
        audit = audit.filter(audit.date_end.isnull() | (audit.date_end >= window.start))
    c = ctx.con.table("claims").select(
        _s="source_id", _c="claim_id", quote="quote", row_number="row_number"
    )
    joined = audit.join(c, [audit.source_id == c._s, audit.claim_id == c._c])
    return joined.select(
        "source_id",
        "claim_id",
        "claimant_id",
        "date_start",
        "date_end",
        "statement",
        "verdict",
        "supporting",
        "contradicting",
        "quote",
        "row_number",
    ).order_by("date_start", "source_id", "claim_id")


def _evidence(ctx: Context) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every evidence row with the fact it names: an event (with its place) or an assessment."""
    con = ctx.con
    ev = analysis.claim_evidence(con)
    p = con.table("places").select(_pid="place_id", place="name")
    e = con.table("events")
    e = e.left_join(p, e.place_id == p._pid).select(
        _es="source_id",
        _ei="event_id",
        _eq="quote",
        _en="notes",
        _er="row_number",
        day=e.date_start.coalesce(e.date_end),
        until=e.date_end.coalesce(e.date_start),
        what=e.sub_event_type.coalesce(e.event_type),
        actor1="actor1",
        actor2="actor2",
        place=p.place.coalesce(e.place_id),
    )
    a = con.table("assessments")
    a = a.select(
        _as="source_id",
        _ai=a.claim_id.concat("#", a.seq.cast("string")),
        _aq="quote",
        _at="statement",
        by="by_id",
        verdict="verdict",
    )
    joined = ev.left_join(
        e, [ev.kind != "assessment", ev.ref_source_id == e._es, ev.ref_id == e._ei]
    )
    joined = joined.left_join(
        a, [joined.kind == "assessment", joined.ref_source_id == a._as, joined.ref_id == a._ai]
    )
    rows = joined.select(
        "source_id",
        "claim_id",
        "kind",
        "stance",
        "ref_source_id",
        "ref_id",
        "detail",
        "day",
        "until",
        "what",
        "actor1",
        "actor2",
        "place",
        "by",
        "verdict",
        quote=joined._eq.coalesce(joined._aq),
        notes=joined._en.coalesce(joined._at),
        row_number=joined._er,
    ).order_by("source_id", "claim_id", "stance", "kind", "ref_source_id", "ref_id")
    found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows.to_pyarrow().to_pylist():
        found[(row["source_id"], row["claim_id"])].append(row)
    return found


def _detail(ctx: Context, item: dict[str, Any]) -> str:
    """One line on what an item of evidence is, with names instead of ids."""
    if item["kind"] == "assessment":
        return f"{ctx.actor(item['by'])} {item['verdict']}"
    if item["what"] is None:
        return str(item["detail"] or "")
    if item["kind"] == "control":
        return f"{item['place']}: {ctx.actor(item['actor1'])} took control on {day(item['until'])}"
    actor = ctx.actor(item["actor1"])
    target = f" against {ctx.actor(item['actor2'])}" if item["actor2"] else ""
    return f"{day(item['day'])} {item['what']} by {actor}{target} at {item['place']}"


def claim_section(ctx: Context) -> ClaimSection:
    """Every claim in the window with its verdict.

    A claim with evidence, or with a quoted sentence of its own (claims from texts), is
    shown in full with the quotes; the rest (dataset rows no evidence bears on) are
    listed compactly per source.
    """
    claims = _audit(ctx).to_pyarrow().to_pylist()
    evidence = _evidence(ctx)
    detailed: list[AuditedClaim] = []
    bare: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    used: Counter[str] = Counter()
    for row in claims:
        items = evidence.get((row["source_id"], row["claim_id"]), [])
        used[row["source_id"]] += 1
        for item in items:
            used[item["ref_source_id"]] += 1
        if items or row["quote"]:
            detailed.append(_claim(ctx, row, items))
        else:
            bare[row["source_id"]].append(
                (
                    span(row["date_start"], row["date_end"]),
                    ctx.actor(row["claimant_id"]),
                    row["statement"] or "",
                    row["verdict"],
                    row["claim_id"],
                )
            )
    return ClaimSection(
        title=TITLE,
        total=len(claims),
        verdicts=_verdicts(ctx, claims),
        chart=_chart(ctx, claims),
        detailed=detailed,
        listed=[
            ClaimGroup(
                ctx.source_title(sid),
                Table(("Date", "Claimant", "Statement", "Verdict", "Claim"), tuple(rows)),
            )
            for sid, rows in sorted(bare.items(), key=lambda kv: ctx.source_title(kv[0]))
        ],
        provenance=Provenance(
            method=METHOD,
            sources=ctx.refs(used),
            notes=LIMITS,
        ),
    )


def _claim(ctx: Context, row: dict[str, Any], items: list[dict[str, Any]]) -> AuditedClaim:
    return AuditedClaim(
        source=ctx.source_title(row["source_id"]),
        claim_id=row["claim_id"],
        claimant=ctx.actor(row["claimant_id"]),
        dates=span(row["date_start"], row["date_end"]),
        statement=row["statement"] or "",
        verdict=row["verdict"],
        supporting=row["supporting"],
        contradicting=row["contradicting"],
        quote=quote_of(ctx, {**row, "fact_id": row["claim_id"]}, fallback=())
        if row["quote"]
        else None,
        evidence=tuple(
            Evidence(
                stance=item["stance"],
                kind=item["kind"],
                detail=_detail(ctx, item),
                quote=quote_of(
                    ctx,
                    {
                        "source_id": item["ref_source_id"],
                        "fact_id": item["ref_id"],
                        "quote": item["quote"],
                        "notes": item["notes"],
                        "row_number": item["row_number"],
                    },
                ),
            )
            for item in items
        ),
    )


def _verdicts(ctx: Context, claims: list[dict[str, Any]]) -> Table:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for row in claims:
        per[row["source_id"]][row["verdict"]] += 1
    total: Counter[str] = sum(per.values(), Counter())
    body = [
        (ctx.source_title(sid), *(count(per[sid][v]) for v in VERDICTS), count(per[sid].total()))
        for sid in sorted(per, key=ctx.source_title)
    ]
    body.append(("All sources", *(count(total[v]) for v in VERDICTS), count(total.total())))
    return Table(("Source", *VERDICTS, "claims"), tuple(body), (False, True, True, True, True))


def _chart(ctx: Context, claims: list[dict[str, Any]]) -> Chart | None:
    per = Counter((ctx.source_title(r["source_id"]), r["verdict"]) for r in claims)
    if not per:
        return None
    data = [
        {"source": s, "verdict": v, "claims": n, "rank": VERDICTS.index(v)}
        for (s, v), n in sorted(per.items())
    ]
    return charts.verdict_bars("claim-verdicts", "Claims by verdict and source", data)
