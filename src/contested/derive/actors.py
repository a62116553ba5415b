"""Membership and alliance intervals, the command hierarchy, and lineage, from relations.

Relations from every source count alike: text extractions, facts files and the
actor registry (loaded as a source of kind ``registry``). Relations are few
(thousands, not millions), so the graph walks fetch the edges once and walk
them in Python; the interval table stays an Ibis expression. DOCS: docs/analysis.md
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir
from ibis import _

from contested.vocab import SYMMETRIC_PREDICATES

# Predicates that say an actor stood with, under or against another for a time.
AFFILIATION_PREDICATES = (
    "member_of",
    "part_of",
    "allegiance_to",
    "supported_by",
    "allied_with",
    "designated_by",
    "fights",
)
# Predicates after which the subject lives on as (or inside) the object.
LINEAGE_PREDICATES = ("absorbed_into", "merged_into", "renamed_to")


def affiliations(con: ibis.BaseBackend) -> ir.Table:
    """One row per (subject, predicate, object) with the widest dated interval sources give.

    ``valid_from`` is the earliest start any source gives, ``valid_to`` the latest end;
    null where no source gives one. Symmetric predicates appear in both directions.
    """
    r = con.table("relations")
    r = r.filter(r.predicate.isin(AFFILIATION_PREDICATES))
    columns = ["source_id", "relation_id", "predicate", "valid_from", "valid_to"]
    forward = r.select("subject_id", "object_id", *columns)
    symmetric = r.filter(r.predicate.isin(sorted(SYMMETRIC_PREDICATES)))
    backward = symmetric.select(
        *columns, subject_id=symmetric.object_id, object_id=symmetric.subject_id
    ).select("subject_id", "object_id", *columns)
    both = forward.union(backward)
    return both.group_by("subject_id", "predicate", "object_id").agg(
        valid_from=_.valid_from.min(),
        valid_to=_.valid_to.max(),
        n_facts=_.count(),
        n_sources=_.source_id.nunique(),
    )


def ceased(con: ibis.BaseBackend) -> ir.Table:
    """Actors that ceased to exist (absorbed, merged, renamed), with the date when known."""
    r = con.table("relations")
    r = r.filter(r.predicate.isin(LINEAGE_PREDICATES))
    return r.group_by(actor_id=r.subject_id).agg(ceased_on=r.valid_from.coalesce(r.valid_to).min())


def _edges(con: ibis.BaseBackend, predicates: Iterable[str]) -> list[dict[str, object]]:
    r = con.table("relations")
    r = r.filter(r.predicate.isin(sorted(predicates)))
    rows = r.select(
        "subject_id", "predicate", "object_id", "valid_from", "valid_to", "source_id"
    ).to_pyarrow()
    return rows.to_pylist()


def descendants(con: ibis.BaseBackend, roots: Iterable[str]) -> set[str]:
    """The roots and every actor under them (``part_of`` relations and ``actors.parent_id``)."""
    below: dict[str, set[str]] = defaultdict(set)
    for edge in _edges(con, ["part_of"]):
        below[str(edge["object_id"])].add(str(edge["subject_id"]))
    a = con.table("actors")
    parents = a.filter(a.parent_id.notnull()).select("actor_id", "parent_id").to_pyarrow()
    for child, parent in zip(
        parents["actor_id"].to_pylist(), parents["parent_id"].to_pylist(), strict=True
    ):
        below[parent].add(child)
    found = set(roots)
    queue = deque(found)
    while queue:
        for child in below[queue.popleft()] - found:
            found.add(child)
            queue.append(child)
    return found


@dataclass(frozen=True)
class LineageStep:
    """One edge met walking an actor's lineage."""

    direction: str  # predecessor | successor
    depth: int
    subject_id: str
    predicate: str
    object_id: str
    on: date | None
    sources: tuple[str, ...]


def lineage_steps(con: ibis.BaseBackend, actor_ids: Iterable[str]) -> list[LineageStep]:
    """Walk mergers, absorptions and renames back (predecessors) and forward (successors)."""
    grouped: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
    for edge in _edges(con, LINEAGE_PREDICATES):
        grouped[(str(edge["subject_id"]), str(edge["predicate"]), str(edge["object_id"]))].append(
            edge
        )
    steps: list[LineageStep] = []
    for direction, near, far in (("predecessor", 2, 0), ("successor", 0, 2)):
        seen = set(actor_ids)
        frontier = sorted(seen)
        depth = 0
        while frontier:
            depth += 1
            following: list[str] = []
            for key in sorted(k for k in grouped if k[near] in frontier):
                rows = grouped[key]
                dates = [
                    d for r in rows for d in (r["valid_from"], r["valid_to"]) if isinstance(d, date)
                ]
                steps.append(
                    LineageStep(
                        direction,
                        depth,
                        *key,
                        on=min(dates) if dates else None,
                        sources=tuple(sorted({str(r["source_id"]) for r in rows})),
                    )
                )
                if key[far] not in seen:
                    seen.add(key[far])
                    following.append(key[far])
            frontier = following
    return steps
