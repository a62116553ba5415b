"""The resolve stage for fact tables: every actor and place reference gets a canonical id.

A source may name an actor by its local id, its name or any alias (the
facts format allows all three). References that match a declared actor or
place of the same source map to it; the rest are declared from the name as
written. Each distinct entity is then resolved once, so a million-row
dataset with a few thousand names costs a few thousand resolutions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc

from contested.tables import FactTables, rows_to_table


@dataclass(frozen=True)
class Resolved:
    """The canonical id a name resolved to, by which rule, how surely."""

    id: str
    rule: str
    confidence: float


class NameResolver(Protocol):
    def actor(self, names: list[str], kind: str | None, on: date | None) -> Resolved: ...

    def place(
        self, names: list[str], lat: float | None, lon: float | None, admin1: str | None
    ) -> Resolved: ...


def slug(name: str) -> str:
    """A stable id from a name: ascii, lower case, words joined by hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`ʿʾ]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def fold(name: str) -> str:
    """The key references are matched on inside one source (case, punctuation, leading the)."""
    return re.sub(r"^the-", "", slug(name))


class SlugResolver:
    """Resolves every name to its own slug: the fallback when no registry is loaded."""

    def actor(self, names: list[str], kind: str | None, on: date | None) -> Resolved:
        return Resolved(slug(names[0]), "new", 0.0)

    def place(
        self, names: list[str], lat: float | None, lon: float | None, admin1: str | None
    ) -> Resolved:
        return Resolved(slug(names[0]), "new", 0.0)


def _used_refs(table: pa.Table, columns: Iterable[str]) -> set[str]:
    refs: set[str] = set()
    for col in columns:
        values = table.column(col)
        if pa.types.is_list(values.type):
            values = pc.list_flatten(values)
        refs.update(v for v in pc.unique(values).to_pylist() if v)
    return refs


def _complete(declared: pa.Table, used: set[str], table: str) -> tuple[list[dict], dict[str, str]]:
    """Declared rows plus one row per undeclared reference; and ref -> declared ref."""
    rows = declared.to_pylist()
    by_key: dict[str, str] = {}
    for row in rows:
        for name in (row["ref"], row.get("name"), row.get("mention"), *(row.get("aliases") or [])):
            if name:
                by_key.setdefault(fold(name), row["ref"])
    alias_of: dict[str, str] = {}
    known = {row["ref"] for row in rows}
    for ref in sorted(used - known):
        target = by_key.get(fold(ref))
        if target is not None:
            alias_of[ref] = target
        else:
            rows.append({"ref": ref, "name": ref, "aliases": []})
    return rows, alias_of


def resolve_tables(facts: FactTables, resolver: NameResolver | None = None) -> FactTables:
    """Fill ``actor_id``/``place_id`` for every reference the facts make."""
    resolver = resolver or SlugResolver()
    on = facts.source.published
    actor_refs = (
        _used_refs(facts.events, ("actor1", "actor2", "assoc_actor1", "assoc_actor2"))
        | _used_refs(facts.relations, ("subject", "object"))
        | _used_refs(facts.claims, ("claimant", "about_actor1", "about_actor2"))
        | _used_refs(facts.assessments, ("assessor",))
    )
    place_refs = _used_refs(facts.events, ("place",)) | _used_refs(facts.claims, ("about_place",))
    actors, actor_alias = _complete(facts.actors, actor_refs, "actors")
    places, place_alias = _complete(facts.places, place_refs, "places")
    ids: dict[str, Resolved] = {}
    for row in actors:
        names = [n for n in (row.get("name"), *(row.get("aliases") or []), row["ref"]) if n]
        ids[row["ref"]] = found = resolver.actor(names, row.get("kind"), on)
        row.update(
            actor_id=found.id, resolution_rule=found.rule, resolution_confidence=found.confidence
        )
    for alias, target in actor_alias.items():
        actors.append(
            {
                "ref": alias,
                "name": alias,
                "aliases": [],
                "actor_id": ids[target].id,
                "resolution_rule": "declared",
                "resolution_confidence": 1.0,
            }
        )
    place_ids: dict[str, Resolved] = {}
    for row in places:
        names = [
            n
            for n in (row.get("name"), row.get("mention"), *(row.get("aliases") or []), row["ref"])
            if n
        ]
        place_ids[row["ref"]] = found = resolver.place(
            names, row.get("lat"), row.get("lon"), row.get("admin1")
        )
        row.update(
            place_id=found.id, resolution_rule=found.rule, resolution_confidence=found.confidence
        )
    for alias, target in place_alias.items():
        places.append(
            {
                "ref": alias,
                "name": alias,
                "aliases": [],
                "place_id": place_ids[target].id,
                "resolution_rule": "declared",
                "resolution_confidence": 1.0,
            }
        )
    return facts.with_tables(
        actors=rows_to_table("actors", actors), places=rows_to_table("places", places)
    )
