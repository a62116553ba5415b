"""The columnar form of facts: what readers hand to the store.

A :class:`FactTables` holds one source's facts as Arrow tables whose
columns are the fields of the facts format plus provenance (quote and span
for texts, row number for datasets). Dataset readers build these directly,
so a million rows never become a million Python objects; a
:class:`~contested.facts.FactsDocument` converts with :func:`from_document`.

References between facts (an event's ``actor1``, a relation's ``subject``)
are the names or local ids the source used. The resolve stage fills
``actor_id`` / ``place_id`` on the ``actors`` / ``places`` tables, keyed by
``ref``; the store joins through them, keeping the name as written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pyarrow as pa

from contested.facts import FactsDocument, Place

_TEXT = pa.string()
_NAMES = pa.list_(pa.string())
# Arrow's JSON extension type: DuckDB stores it in a JSON column as it is, where a
# plain string would be parsed again to validate it (a second or two per million rows).
# Readers must therefore produce valid JSON (json.dumps, DuckDB's to_json).
_JSON = pa.json_(pa.string())
_PROVENANCE = [
    ("quote", _TEXT),
    ("span_start", pa.int64()),
    ("span_end", pa.int64()),
    ("row_number", pa.int64()),
]

ACTORS = pa.schema(
    [
        ("ref", _TEXT),
        ("name", _TEXT),
        ("aliases", _NAMES),
        ("kind", _TEXT),
        ("actor_id", _TEXT),
        ("resolution_rule", _TEXT),
        ("resolution_confidence", pa.float64()),
    ]
)

PLACES = pa.schema(
    [
        ("ref", _TEXT),
        ("name", _TEXT),
        ("mention", _TEXT),
        ("aliases", _NAMES),
        ("kind", _TEXT),
        ("admin1", _TEXT),
        ("admin2", _TEXT),
        ("country", _TEXT),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonameid", pa.int64()),
        ("place_id", _TEXT),
        ("resolution_rule", _TEXT),
        ("resolution_confidence", pa.float64()),
    ]
)

EVENTS = pa.schema(
    [
        ("event_id", _TEXT),
        ("event_type", _TEXT),
        ("sub_event_type", _TEXT),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_text", _TEXT),
        ("date_precision", pa.int8()),
        ("actor1", _TEXT),
        ("assoc_actor1", _NAMES),
        ("actor2", _TEXT),
        ("assoc_actor2", _NAMES),
        ("place", _TEXT),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("location_precision", pa.int8()),
        ("fatalities", pa.int64()),
        ("fatalities_low", pa.int64()),
        ("fatalities_high", pa.int64()),
        ("notes", _TEXT),
        ("reported_by", _TEXT),
        ("confidence", pa.float64()),
        *_PROVENANCE,
        ("attrs", _JSON),
    ]
)

RELATIONS = pa.schema(
    [
        ("relation_id", _TEXT),
        ("subject", _TEXT),
        ("predicate", _TEXT),
        ("object", _TEXT),
        ("valid_from", pa.date32()),
        ("valid_to", pa.date32()),
        ("notes", _TEXT),
        ("confidence", pa.float64()),
        *_PROVENANCE,
    ]
)

CLAIMS = pa.schema(
    [
        ("claim_id", _TEXT),
        ("claimant", _TEXT),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_text", _TEXT),
        ("statement", _TEXT),
        ("about_event_type", _TEXT),
        ("about_sub_event_type", _TEXT),
        ("about_actor1", _TEXT),
        ("about_actor2", _TEXT),
        ("about_place", _TEXT),
        ("notes", _TEXT),
        ("confidence", pa.float64()),
        *_PROVENANCE,
        ("attrs", _JSON),
    ]
)

ASSESSMENTS = pa.schema(
    [
        ("claim_id", _TEXT),
        ("seq", pa.int32()),
        ("assessor", _TEXT),
        ("verdict", _TEXT),
        ("statement", _TEXT),
        ("quote", _TEXT),
        ("span_start", pa.int64()),
        ("span_end", pa.int64()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "actors": ACTORS,
    "places": PLACES,
    "events": EVENTS,
    "relations": RELATIONS,
    "claims": CLAIMS,
    "assessments": ASSESSMENTS,
}


@dataclass(frozen=True)
class SourceInfo:
    """Who says it: one ingested file, identified by its content hash."""

    content_hash: str
    kind: str
    reader: str
    path: str
    title: str | None = None
    doc_id: str | None = None
    published: date | None = None
    author: str | None = None
    text: str | None = None

    @property
    def source_id(self) -> str:
        return self.content_hash[:16]


def empty(name: str) -> pa.Table:
    return SCHEMAS[name].empty_table()


@dataclass(frozen=True)
class FactTables:
    """One source's facts, column-wise; see the module docstring."""

    source: SourceInfo
    actors: pa.Table = field(default_factory=lambda: empty("actors"))
    places: pa.Table = field(default_factory=lambda: empty("places"))
    events: pa.Table = field(default_factory=lambda: empty("events"))
    relations: pa.Table = field(default_factory=lambda: empty("relations"))
    claims: pa.Table = field(default_factory=lambda: empty("claims"))
    assessments: pa.Table = field(default_factory=lambda: empty("assessments"))
    # Records the reader skipped (with --on-error=skip), as (location, reason).
    skipped: tuple[tuple[str, str], ...] = ()
    # Coded warnings (``errors.Warnings``) about the source as a whole, formatted.
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name, schema in SCHEMAS.items():
            table = getattr(self, name)
            if not table.schema.equals(schema):
                object.__setattr__(self, name, conform(table, schema))

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name).num_rows for name in SCHEMAS}

    def with_tables(self, **tables: pa.Table) -> FactTables:
        return replace(self, **tables)


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """The table with the schema's columns, in order and type; missing columns are null."""
    columns = [
        table.column(f.name) if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(columns, names=schema.names).cast(schema)


def rows_to_table(name: str, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Build one fact table from dict rows; missing columns are null."""
    schema = SCHEMAS[name]
    rows = list(rows)
    columns = {col: [row.get(col) for row in rows] for col in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def _provenance(fact: Any) -> dict[str, Any]:
    span = fact.span or (None, None)
    return {"quote": fact.quote, "span_start": span[0], "span_end": span[1], "row_number": fact.row}


def _attrs(values: dict[str, Any] | None) -> str | None:
    # DuckDB's to_json spelling (compact, keys in order), so readers in SQL and Python agree.
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False) if values else None


def _place_ref(place: str | Place | None, inline: dict[str, Place]) -> str | None:
    if isinstance(place, Place):
        inline.setdefault(place.id, place)
        return place.id
    return place


def from_document(document: FactsDocument, source: SourceInfo) -> FactTables:
    """Convert a facts document into fact tables (references stay as written)."""
    inline: dict[str, Place] = {}
    events = [
        {
            "event_id": e.id or f"e{i + 1}",
            "event_type": e.event_type,
            "sub_event_type": e.sub_event_type,
            "date_start": e.date.start if e.date else None,
            "date_end": (e.date.end or e.date.start) if e.date else None,
            "date_text": e.date.text if e.date else None,
            "actor1": e.actor1,
            "assoc_actor1": e.assoc_actor1,
            "actor2": e.actor2,
            "assoc_actor2": e.assoc_actor2,
            "place": _place_ref(e.place, inline),
            "fatalities": e.fatalities,
            "fatalities_low": e.fatalities_low,
            "fatalities_high": e.fatalities_high,
            "lat": e.lat,
            "lon": e.lon,
            "date_precision": e.date_precision,
            "location_precision": e.location_precision,
            "reported_by": e.reported_by,
            "notes": e.notes,
            "confidence": e.confidence,
            "attrs": _attrs(e.attrs),
            **_provenance(e),
        }
        for i, e in enumerate(document.events)
    ]
    relations = [
        {
            "relation_id": r.id or f"r{i + 1}",
            "subject": r.subject,
            "predicate": r.predicate,
            "object": r.object,
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
            "notes": r.notes,
            "confidence": r.confidence,
            **_provenance(r),
        }
        for i, r in enumerate(document.relations)
    ]
    claims, assessments = [], []
    for i, c in enumerate(document.claims):
        claim_id = c.id or f"c{i + 1}"
        about = c.about
        claims.append(
            {
                "claim_id": claim_id,
                "claimant": c.claimant,
                "date_start": c.date.start if c.date else None,
                "date_end": (c.date.end or c.date.start) if c.date else None,
                "date_text": c.date.text if c.date else None,
                "statement": c.statement,
                "about_event_type": about.event_type if about else None,
                "about_sub_event_type": about.sub_event_type if about else None,
                "about_actor1": about.actor1 if about else None,
                "about_actor2": about.actor2 if about else None,
                "about_place": _place_ref(about.place, inline) if about else None,
                "notes": c.notes,
                "confidence": c.confidence,
                "attrs": _attrs(c.attrs),
                **_provenance(c),
            }
        )
        assessments += [
            {
                "claim_id": claim_id,
                "seq": n,
                "assessor": a.by,
                "verdict": a.verdict,
                "statement": a.statement,
                **_provenance(a),
            }
            for n, a in enumerate(c.assessments)
        ]
    actors = [
        {"ref": a.id, "name": a.name, "aliases": a.aliases, "kind": a.kind} for a in document.actors
    ]
    places = [
        {
            "ref": p.id,
            **p.model_dump(include={"name", "mention", "aliases", "kind", "admin1", "admin2"}),
            **p.model_dump(include={"country", "lat", "lon", "geonameid"}),
        }
        for p in [*document.places, *(p for k, p in inline.items() if k not in _ids(document))]
    ]
    return FactTables(
        source=source,
        actors=rows_to_table("actors", actors),
        places=rows_to_table("places", places),
        events=rows_to_table("events", events),
        relations=rows_to_table("relations", relations),
        claims=rows_to_table("claims", claims),
        assessments=rows_to_table("assessments", assessments),
    )


def _ids(document: FactsDocument) -> set[str]:
    return {p.id for p in document.places}
