"""Section 5: what the knowledge base holds, how well its names resolved, what is flagged."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import ibis
import ibis.expr.types as ir

from contested.derive import UNKNOWN
from contested.report import charts
from contested.report._common import Context, count
from contested.report.model import Chart, CoverageSection, Provenance, Table

TITLE = "Coverage"
FLAGGED_LISTED = 20
FACT_KINDS = ("events", "relations", "claims", "assessments")


def coverage_section(ctx: Context) -> CoverageSection:
    """Sources, facts per source kind, name resolution per source, and the loose ends."""
    sources = _sources(ctx)
    return CoverageSection(
        title=TITLE,
        sources=Table(
            ("Source", "Kind", "Id", "Published", *FACT_KINDS, "skipped"),
            tuple(
                (
                    ctx.source_title(s["source_id"]),
                    s["kind"],
                    s["source_id"],
                    s["published"].isoformat() if s["published"] else "",
                    *(count(s[k]) for k in FACT_KINDS),
                    count(s["n_skipped"]),
                )
                for s in sources
            ),
            (False, False, False, False, True, True, True, True, True),
        ),
        by_kind=_by_kind(sources),
        resolution=_resolution(ctx),
        flagged=_flagged(ctx),
        control=_loose_ends(ctx),
        chart=_chart(sources),
        provenance=Provenance(
            method=(
                "Counts of the knowledge base's tables per source; a name that matched no "
                "actor of the registry or place of the gazetteer became a new, flagged entity."
            ),
            sources=ctx.refs(
                Counter({s["source_id"]: sum(s[k] for k in FACT_KINDS) for s in sources})
            ),
        ),
    )


def _sources(ctx: Context) -> list[dict[str, Any]]:
    con = ctx.con
    s = con.table("sources")
    a = con.table("assessments")
    per = a.group_by("source_id").agg(assessments=a.count())
    joined = s.left_join(per, s.source_id == per.source_id)
    rows = joined.select(
        s.source_id,
        "title",
        "kind",
        "published",
        "n_skipped",
        events=s.n_events,
        relations=s.n_relations,
        claims=s.n_claims,
        assessments=joined.assessments.fill_null(0),
    ).order_by("kind", "title", "source_id")
    return rows.to_pyarrow().to_pylist()


def _by_kind(sources: list[dict[str, Any]]) -> Table:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sources:
        per[s["kind"]]["sources"] += 1
        for k in FACT_KINDS:
            per[s["kind"]][k] += s[k]
    return Table(
        ("Kind", "sources", *FACT_KINDS),
        tuple(
            (kind, *(count(per[kind][k]) for k in ("sources", *FACT_KINDS))) for kind in sorted(per)
        ),
        (False, True, True, True, True, True),
    )


def _resolution(ctx: Context) -> Table:
    con = ctx.con
    parts = []
    for what, table in (("actor", "source_actors"), ("place", "source_places")):
        t = con.table(table)
        parts.append(
            t.group_by("source_id").agg(
                what=ibis.literal(what),
                names=t.count(),
                new=(t.resolution_rule == "new").sum().cast("int64"),
                fuzzy=(t.resolution_rule == "fuzzy").sum().cast("int64"),
            )
        )
    rows = ibis.union(*parts).to_pyarrow().to_pylist()
    per: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    for r in rows:
        per[r["source_id"]][r["what"]] = r
    empty = {"names": 0, "new": 0, "fuzzy": 0}
    body = []
    for sid in sorted(per, key=ctx.source_title):
        cells = [ctx.source_title(sid)]
        for what in ("actor", "place"):
            r = per[sid].get(what, empty)
            cells += [count(r["names"]), count(r["new"]), count(r["fuzzy"])]
        body.append(tuple(cells))
    return Table(
        (
            "Source",
            "Actor names",
            "new (flagged)",
            "fuzzy",
            "Place names",
            "new (flagged)",
            "fuzzy",
        ),
        tuple(body),
        (False, True, True, True, True, True, True),
    )


def _naming(con: ibis.BaseBackend) -> tuple[ir.Table, ir.Table]:
    """(source_id, id) of every fact that names an actor, and of every fact that names a place."""
    e, c, r = con.table("events"), con.table("claims"), con.table("relations")
    ea = con.table("event_actors")

    def ids(table: ir.Table, column: str) -> ir.Table:
        # Nullable throughout, so the branches union cleanly.
        return table.select("source_id", id=table[column]).cast(
            {"source_id": "string", "id": "string"}
        )

    actors = ibis.union(
        ids(ea, "actor_id"),
        ids(c, "claimant_id"),
        ids(c, "about_actor1"),
        ids(c, "about_actor2"),
        ids(r, "subject_id"),
        ids(r, "object_id"),
        distinct=False,
    )
    places = ibis.union(ids(e, "place_id"), ids(c, "about_place_id"), distinct=False)
    return actors, places


def _flagged(ctx: Context) -> Table:
    """The flagged (unknown to the registry or gazetteer) names the most facts use."""
    con = ctx.con
    actors, places = _naming(con)
    body = []
    for what, refs, table, key in (
        ("actor", actors, "actors", "actor_id"),
        ("place", places, "places", "place_id"),
    ):
        t = con.table(table)
        flagged = t.filter(t.flagged).select(_id=t[key], name=t.name)
        hits = refs.join(flagged, refs.id == flagged._id)
        top = (
            hits.group_by("name")
            .agg(facts=hits.count(), sources=hits.source_id.collect(distinct=True).sort())
            .order_by(ibis.desc("facts"), "name")
            .limit(FLAGGED_LISTED)
        )
        for row in top.to_pyarrow().to_pylist():
            titles = "; ".join(ctx.source_title(s) for s in row["sources"])
            body.append((what, row["name"], count(row["facts"]), titles))
    return Table(
        ("Kind", "Name", "Facts naming it", "Sources"), tuple(body), (False, False, True, False)
    )


def _loose_ends(ctx: Context) -> Table:
    con = ctx.con
    ci = con.table("control_intervals")
    known = ci.filter(ci.controller != UNKNOWN)
    e, c = con.table("events"), con.table("claims")
    measures = [
        ("Places with control evidence", known.place_id.nunique()),
        ("Control intervals", known.count()),
        ("Control intervals in conflict", known.conflict.sum()),
        ("Events without a resolved place", e.place_id.isnull().sum()),
        ("Events without coordinates", e.lat.isnull().sum()),
        ("Claims without a perpetrator (about actor1)", c.about_actor1.isnull().sum()),
        ("Claims without a place", c.about_place_id.isnull().sum()),
    ]
    body = []
    for label, expr in measures:
        value = con.execute(expr)
        body.append((label, count(int(value or 0))))
    return Table(("Measure", "Value"), tuple(body), (False, True))


def _chart(sources: list[dict[str, Any]]) -> Chart | None:
    per: Counter[tuple[str, str]] = Counter()
    for s in sources:
        for k in FACT_KINDS:
            per[(s["kind"], k)] += s[k]
    data = [{"label": kind, "part": k, "n": n} for (kind, k), n in sorted(per.items()) if n]
    if not data:
        return None
    return charts.simple_bars(
        "facts-by-kind",
        "Facts per source kind",
        data,
        "Facts",
        "Bars: the facts of each kind of source, by table (events, relations, claims, "
        "assessments).",
    )
