"""What the registry and the gazetteer know about one actor or place, as plain mappings.

Used by ``contested actors show`` and ``contested places show``; the web layer can
use them too.
"""

from __future__ import annotations

from typing import Any

from contested.resolve.gazetteer import Gazetteer, load_gazetteer
from contested.resolve.registry import Registry, RelationView, load_registry


def _relation_row(view: RelationView) -> dict[str, Any]:
    return {
        "from": view.valid_from.isoformat() if view.valid_from else None,
        "to": view.valid_to.isoformat() if view.valid_to else None,
        "subject": view.subject,
        "predicate": view.predicate,
        "object": view.object,
        "source": view.source,
    }


def describe_actor(actor_id: str, registry: Registry | None = None) -> dict[str, Any]:
    """An actor's names, kind, parents and dated relations (a timeline, oldest first).

    Raises :class:`~contested.errors.NotFound` for an unknown id.

    Examples
    --------
    >>> describe_actor("quds-force")["parents"]
    ['irgc', 'iran']
    """
    registry = registry or load_registry()
    actor = registry.get(actor_id)
    lineage = registry.lineage(actor_id)
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "inter": actor.inter,
        "active_from": actor.active.valid_from.isoformat()
        if actor.active and actor.active.valid_from
        else None,
        "active_to": actor.active.valid_to.isoformat()
        if actor.active and actor.active.valid_to
        else None,
        "aliases": list(actor.aliases),
        "parents": [a.id for a in registry.ancestors(actor_id)],
        "came_from": [_relation_row(v) for v in lineage.came_from],
        "became": [_relation_row(v) for v in lineage.became],
        "relations": [_relation_row(v) for v in registry.relations_of(actor_id)],
    }


def describe_place(place_id: str, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """A place's names, kind, coordinates, admin units and sources.

    Raises :class:`~contested.errors.NotFound` for an unknown id.

    Examples
    --------
    >>> describe_place("palmyra")["admin1_pcode"]
    'SY04'
    """
    place = (gazetteer or load_gazetteer()).get(place_id)
    return {
        "id": place.place_id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1,
        "admin1_pcode": place.admin1_pcode,
        "admin2": place.admin2,
        "admin2_pcode": place.admin2_pcode,
        "admin3": place.admin3,
        "admin3_pcode": place.admin3_pcode,
        "pcode": place.pcode,
        "population": place.population,
        "geonameid": place.geonameid,
        "ucdp_name": place.ucdp_name,
        "ucdp_events": place.ucdp_events,
        "sources": list(place.source_ids),
        "aliases": list(place.aliases),
        "note": place.note,
    }
