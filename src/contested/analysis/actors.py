"""Coalition members on a date, and what became of a group (mergers, absorptions, renames).

DOCS: docs/analysis.md
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from contested.analysis._names import actor_ids, with_actor_name
from contested.derive import affiliations, ceased, lineage_steps


def members_at(con: ibis.BaseBackend, coalition: str, on: date) -> ir.Table:
    """Actors that were members of ``coalition`` on ``on``, by ``member_of`` relations.

    A membership counts unless its sources date it outside ``on``; a member that
    had ceased to exist (absorbed, merged or renamed) before ``on`` is left out.
    ``dated`` tells whether the sources gave dates that bracket ``on``.
    """
    ids = actor_ids(con, coalition)
    aff = affiliations(con)
    gone = ceased(con)
    m = aff.filter(aff.predicate == "member_of", aff.object_id.isin(ids))
    m = m.left_join(gone, m.subject_id == gone.actor_id).drop("actor_id")
    until = m.valid_to.coalesce(m.ceased_on)
    m = m.filter(
        m.valid_from.isnull() | (m.valid_from <= on),
        until.isnull() | (until > on),
    ).mutate(dated=m.valid_from.notnull() & until.notnull(), valid_to=until)
    m = with_actor_name(m, con, "subject_id", "member")
    m = with_actor_name(m, con, "object_id", "coalition")
    return m.select(
        coalition_id="object_id",
        coalition="coalition",
        member_id="subject_id",
        member="member",
        valid_from="valid_from",
        valid_to="valid_to",
        dated="dated",
        n_sources="n_sources",
    ).order_by("coalition_id", "member_id")


_LINEAGE_SCHEMA = pa.schema(
    [
        ("direction", pa.string()),
        ("depth", pa.int64()),
        ("actor_id", pa.string()),
        ("predicate", pa.string()),
        ("into_id", pa.string()),
        ("on", pa.date32()),
        ("sources", pa.list_(pa.string())),
    ]
)


def lineage(con: ibis.BaseBackend, actor: str) -> ir.Table:
    """The groups ``actor`` came from (predecessors) and became (successors), step by step."""
    steps = lineage_steps(con, actor_ids(con, actor))
    rows = pa.Table.from_pylist(
        [
            {
                "direction": s.direction,
                "depth": s.depth,
                "actor_id": s.subject_id,
                "predicate": s.predicate,
                "into_id": s.object_id,
                "on": s.on,
                "sources": list(s.sources),
            }
            for s in steps
        ],
        schema=_LINEAGE_SCHEMA,
    )
    table = with_actor_name(ibis.memtable(rows), con, "actor_id", "actor")
    table = with_actor_name(table, con, "into_id", "into")
    return table.select(
        "direction", "depth", "actor_id", "actor", "predicate", "into_id", "into", "on", "sources"
    ).order_by("direction", "depth", "actor_id", "into_id")
