"""Actors and places named by id, canonical name, alias, or the reference a source used."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from contested.derive import UNKNOWN
from contested.errors import NotFound

_TABLES = {
    "actor": ("actors", "actor_aliases", "source_actors", "actor_id"),
    "place": ("places", "place_aliases", "source_places", "place_id"),
}


def _candidates(con: ibis.BaseBackend, kind: str, name: str) -> ir.Table:
    entities, aliases, refs, key = _TABLES[kind]
    folded = name.strip().lower()
    e, a, r = con.table(entities), con.table(aliases), con.table(refs)
    return ibis.union(
        e.filter(e[key] == name.strip()).select(id=e[key], rank=ibis.literal(0)),
        e.filter(e.name.lower() == folded).select(id=e[key], rank=ibis.literal(1)),
        a.filter(a["alias"].lower() == folded).select(id=a[key], rank=ibis.literal(2)),
        r.filter(r.ref.lower() == folded).select(id=r[key], rank=ibis.literal(3)),
    )


def _resolve(con: ibis.BaseBackend, kind: str, name: str) -> list[str]:
    rows = _candidates(con, kind, name).to_pyarrow().to_pylist()
    if not rows:
        raise NotFound(
            f'no {kind} "{name}" in the knowledge base (tried ids, names and aliases). '
            f'List them with: contested sql "SELECT {kind}_id, name FROM {kind}s"'
        )
    best = min(row["rank"] for row in rows)
    return sorted({row["id"] for row in rows if row["rank"] == best})


def actor_ids(con: ibis.BaseBackend, name: str) -> list[str]:
    """Canonical ids of an actor given by id, name or alias (the best-ranked kind of match)."""
    return _resolve(con, "actor", name)


def place_ids(con: ibis.BaseBackend, name: str) -> list[str]:
    """Canonical ids of a place given by id, name or alias (the best-ranked kind of match)."""
    return _resolve(con, "place", name)


def with_actor_name(table: ir.Table, con: ibis.BaseBackend, column: str, alias: str) -> ir.Table:
    """Add ``alias``: the canonical name of the actor id in ``column`` (the id if unnamed).

    ``unknown`` (no evidence) keeps its own name, even where a registry has an actor of
    that id for unidentified perpetrators.
    """
    actors = con.table("actors").select(_aid="actor_id", _aname="name")
    # view(): a fresh relation, so ibis does not fold this join into the caller's join chain.
    joined = table.view().left_join(actors, [(column, "_aid")])
    name = ibis.ifelse(joined[column] == UNKNOWN, UNKNOWN, joined._aname.coalesce(joined[column]))
    return joined.mutate(**{alias: name}).drop("_aid", "_aname")
