"""The shipped knowledge in the store: registry actors, gazetteer places, registry relations.

SQL users and the analyses see the registry and gazetteer as ordinary rows:
canonical actors and places (``origin`` = ``registry`` / ``gazetteer``) with
their aliases, and the registry's dated relations as the facts of a source of
kind ``registry``, each citing where it comes from in ``notes``. They are
loaded once per version of the shipped files (keyed by a hash of their
bytes) and replaced, not duplicated, when those files change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa

from contested.resolve.gazetteer import SHIPPED_LAYERS, Gazetteer, default_path, layer_path
from contested.resolve.registry import Registry
from contested.resolve.resolver import Resolver, default_resolver
from contested.store import Store
from contested.tables import FactTables, SourceInfo, rows_to_table

REGISTRY_READER = "contested.actor_registry.v1"


def _hash_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def registry_files(registry: Registry) -> list[Path]:
    return sorted({Path(registry.where(actor.id)[0]) for actor in registry})


def registry_actors(registry: Registry) -> tuple[pa.Table, pa.Table]:
    """Canonical actor rows and alias rows, in the store's columns."""
    actors = pa.Table.from_pylist(
        [
            {
                "actor_id": a.id,
                "name": a.name,
                "kind": a.kind,
                "parent_id": a.parent,
                "country": a.country,
                "inter_code": a.inter,
            }
            for a in registry
        ]
    )
    aliases = pa.Table.from_pylist(
        [{"actor_id": a.id, "alias": name} for a in registry for name in dict.fromkeys(a.names())]
    )
    return actors, aliases


def registry_relations(registry: Registry, source: SourceInfo) -> FactTables:
    """The registry's relations as facts of one source, each citing its own source in notes."""
    relations = [
        {
            "relation_id": f"{actor.id}/{n}",
            "subject": actor.id,
            "predicate": rel.predicate,
            "object": rel.object,
            "valid_from": rel.valid_from,
            "valid_to": rel.valid_to,
            "notes": rel.source + (f"; {rel.note}" if rel.note else ""),
        }
        for actor in registry
        for n, rel in enumerate(actor.relations)
    ]
    actors = [
        {
            "ref": a.id,
            "name": a.name,
            "aliases": [],
            "kind": a.kind,
            "actor_id": a.id,
            "resolution_rule": "registry",
            "resolution_confidence": 1.0,
        }
        for a in registry
    ]
    return FactTables(
        source=source,
        actors=rows_to_table("actors", actors),
        relations=rows_to_table("relations", relations),
    )


def gazetteer_places(gazetteer: Gazetteer) -> tuple[pa.Table, pa.Table]:
    """Canonical place rows and alias rows, in the store's columns."""
    columns = (
        "place_id",
        "name",
        "kind",
        "admin_level",
        "admin1",
        "admin1_pcode",
        "admin2",
        "admin2_pcode",
        "country",
        "lat",
        "lon",
        "population",
        "geonameid",
    )
    places = pa.Table.from_pylist([{c: getattr(p, c) for c in columns} for p in gazetteer])
    aliases = pa.Table.from_pylist(
        [{"place_id": p.place_id, "alias": n} for p in gazetteer for n in dict.fromkeys(p.names)]
    )
    return places, aliases


def ensure_reference(store: Store, resolver: Resolver | None = None) -> bool:
    """Load (or replace) the shipped registry and gazetteer if the store lacks this version.

    Returns whether anything was loaded.
    """
    resolver = resolver or default_resolver()
    registry, gazetteer = resolver.registry, resolver.gazetteer
    files = registry_files(registry)
    registry_hash = _hash_files(files)
    gazetteer_hash = _hash_files([default_path(), *(layer_path(n) for n in SHIPPED_LAYERS)])
    if store.meta("reference.registry") == registry_hash and (
        store.meta("reference.gazetteer") == gazetteer_hash
    ):
        return False
    actors, actor_aliases = registry_actors(registry)
    places, place_aliases = gazetteer_places(gazetteer)
    source = SourceInfo(
        content_hash=registry_hash,
        kind="registry",
        reader=REGISTRY_READER,
        path="contested/data/actors",
        title="contested actor registry",
        doc_id="actor-registry",
        author="contested",
    )
    store.replace_reference(
        registry_hash=registry_hash,
        gazetteer_hash=gazetteer_hash,
        actors=actors,
        actor_aliases=actor_aliases,
        places=places,
        place_aliases=place_aliases,
        relations=registry_relations(registry, source),
    )
    return True
