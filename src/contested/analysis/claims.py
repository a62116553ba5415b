"""The claim audit: each claim held against the record, with a verdict and its evidence.

Three kinds of evidence, each a row with a stance (``supports``, ``contradicts`` or
``context``):

- *assessments*: another party's verdict on the claim (``supports``/``disputes``;
  ``unclear`` is context). The claimant's own assessments do not count.
- *control*: a strike claim naming a target (``about_actor2``) at a place is
  checked against who held the place that day: the target held it (supports) or
  someone else did (contradicts). A territory claim (a capture) is checked
  against who held the place from the claim's last day.
- *events*: events of any source with the claim's actor1 (and, where the claim
  gives them, its type, sub-type, target and place) on overlapping dates
  support it. A source's own events count: they are its account of what
  happened, not the claimant's word.

The verdict is ``supported`` or ``contradicted`` by the majority of supporting
and contradicting evidence, ``unverifiable`` when there is none or it is
evenly split. DOCS: docs/analysis.md
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis import _

from contested.analysis.control import NO_NAMES, holds_on
from contested.derive import UNKNOWN
from contested.vocab import STRIKE_SUB_EVENT_TYPES, TERRITORY_SUB_EVENT_TYPES

CLAIM_KEY = ("source_id", "claim_id")
EVIDENCE_COLUMNS = (*CLAIM_KEY, "kind", "stance", "ref_source_id", "ref_id", "detail")


def _assessments(con: ibis.BaseBackend) -> ir.Table:
    c, a = con.table("claims"), con.table("assessments")
    joined = a.join(c, [a.source_id == c.source_id, a.claim_id == c.claim_id])
    joined = joined.filter(joined.by_id != joined.claimant_id)
    stance = joined.verdict.cases(
        ("supports", "supports"), ("disputes", "contradicts"), else_="context"
    )
    return joined.select(
        "source_id",
        "claim_id",
        kind=ibis.literal("assessment"),
        stance=stance,
        ref_source_id=joined.source_id,
        ref_id=joined.claim_id.concat("#", joined.seq.cast("string")),
        detail=joined.by_id.concat(" ", joined.verdict, ": ", joined.statement.fill_null("")),
    )


def _control(con: ibis.BaseBackend) -> ir.Table:
    c = con.table("claims").filter(_.about_place_id.notnull())
    strike = c.about_sub_event_type.isin(sorted(STRIKE_SUB_EVENT_TYPES)) & c.about_actor2.notnull()
    capture = c.about_sub_event_type.isin(sorted(TERRITORY_SUB_EVENT_TYPES)) & (
        c.about_actor1.notnull()
    )
    checked = c.filter(strike | capture).select(
        *CLAIM_KEY,
        place_id=c.about_place_id,
        expected=ibis.ifelse(strike, c.about_actor2, c.about_actor1),
        day=ibis.ifelse(
            strike, c.date_start.coalesce(c.date_end), c.date_end.coalesce(c.date_start)
        ),
    )
    known = con.table("control_intervals").filter(_.controller != UNKNOWN)
    ev = con.table("control_evidence")
    joined = checked.join(known, [checked.place_id == known.place_id, holds_on(known, checked.day)])
    joined = joined.join(
        ev,
        [
            joined.place_id == ev.place_id,
            joined.controller == ev.controller,
            joined.valid_from == ev.valid_from,
        ],
    )
    return joined.select(
        "source_id",
        "claim_id",
        kind=ibis.literal("control"),
        stance=ibis.ifelse(joined.controller == joined.expected, "supports", "contradicts"),
        ref_source_id=ev.source_id,
        ref_id=ev.event_id,
        detail=joined.place_id.concat(
            " held by ",
            joined.controller,
            " from ",
            joined.valid_from.cast("string"),
            " (",
            ev.sub_event_type.fill_null("event"),
            ")",
        ),
    )


def _events(con: ibis.BaseBackend) -> ir.Table:
    c = con.table("claims").filter(_.about_actor1.notnull())
    e = con.table("events")

    def given(claim: ir.Value, event: ir.Value) -> ir.BooleanValue:
        return claim.isnull() | (claim == event)

    joined = c.join(
        e,
        [
            c.about_actor1 == e.actor1,
            given(c.about_event_type, e.event_type),
            given(c.about_sub_event_type, e.sub_event_type),
            given(c.about_actor2, e.actor2),
            given(c.about_place_id, e.place_id),
            c.date_start.coalesce(c.date_end) <= e.date_end.coalesce(e.date_start),
            e.date_start.coalesce(e.date_end) <= c.date_end.coalesce(c.date_start),
        ],
    )
    return joined.select(
        source_id=c.source_id,
        claim_id=c.claim_id,
        kind=ibis.literal("event"),
        stance=ibis.literal("supports"),
        ref_source_id=e.source_id,
        ref_id=e.event_id,
        detail=e.date_start.cast("string").concat(
            " ",
            e.sub_event_type.coalesce(e.event_type),
            ": ",
            e.actor1,
            " -> ",
            e.actor2.fill_null("?"),
            " at ",
            e.place_id.fill_null("?"),
        ),
    )


def claim_evidence(con: ibis.BaseBackend) -> ir.Table:
    """Every piece of evidence for or against every claim, one row each."""
    return ibis.union(_assessments(con), _control(con), _events(con)).select(*EVIDENCE_COLUMNS)


def claim_audit(con: ibis.BaseBackend, claimant: list[str] | None = None) -> ir.Table:
    """Each claim (of ``claimant`` ids, or all) with its verdict and the evidence behind it."""
    claims = con.table("claims")
    if claimant is not None:
        claims = claims.filter(claims.claimant_id.isin(claimant))
    ev = claim_evidence(con)
    per = ev.group_by(*CLAIM_KEY).agg(
        supporting=(ev.stance == "supports").sum().cast("int64"),
        contradicting=(ev.stance == "contradicts").sum().cast("int64"),
        evidence=(
            ev.stance.concat(" ", ev.kind, " ", ev.ref_source_id, ":", ev.ref_id, " ", ev.detail)
        )
        .collect()
        .sort(),
    )
    out = claims.join(per, list(CLAIM_KEY), how="left")
    sup, con_ = out.supporting.fill_null(0), out.contradicting.fill_null(0)
    verdict = ibis.cases(
        (sup > con_, "supported"), (con_ > sup, "contradicted"), else_="unverifiable"
    )
    return out.select(
        "source_id",
        "claim_id",
        "claimant_id",
        "date_start",
        "date_end",
        "statement",
        verdict=verdict,
        supporting=sup,
        contradicting=con_,
        evidence=out.evidence.fill_null(NO_NAMES),
    ).order_by("date_start", "source_id", "claim_id")
