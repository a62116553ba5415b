"""Exports: tables as CSV or Parquet, events as GeoJSON, sources as facts files.

A facts export writes each source's facts as that source stated them (names
as written, provenance kept), so ingesting the exported files into a new
knowledge base rebuilds the same facts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from contested.facts import FactsDocument
from contested.store._database import FACT_TABLES, Store
from contested.store.queries import EventFilter, event_conditions

TABLES = (
    "sources",
    "actors",
    "actor_aliases",
    "places",
    "place_aliases",
    "source_actors",
    "source_places",
    *FACT_TABLES,
)
EXPORT_FORMATS = ("csv", "parquet", "geojson", "facts")


def export_tables(store: Store, out_dir: Path, fmt: str) -> list[Path]:
    """Write every table to ``out_dir/<table>.<fmt>`` (csv or parquet)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        target = out_dir / f"{table}.{fmt}"
        options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
        # Paths cannot be bound as parameters in COPY; quote them as SQL literals.
        literal = "'" + str(target).replace("'", "''") + "'"
        store.con.execute(f"COPY {table} TO {literal} {options}")
        written.append(target)
    return written


def export_geojson(store: Store, target: Path, wanted: EventFilter | None = None) -> int:
    """Write events that have coordinates as a GeoJSON FeatureCollection; return the count."""
    where, params = event_conditions(wanted or EventFilter())
    rows = store.query(
        f"""
        SELECT e.source_id, e.event_id, e.event_type, e.sub_event_type,
               e.date_start::VARCHAR AS date_start, e.date_end::VARCHAR AS date_end,
               e.actor1, e.actor2, e.place_id, e.fatalities, e.quote, e.lon, e.lat
        FROM events e JOIN sources s USING (source_id)
        WHERE {" AND ".join(["e.lat IS NOT NULL", "e.lon IS NOT NULL", *where])}
        ORDER BY e.date_start, e.source_id, e.event_id
        """,
        params,
    ).to_pylist()
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row.pop("lon"), row.pop("lat")]},
            "properties": row,
        }
        for row in rows
    ]
    target.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return len(features)


def _rows(store: Store, sql: str, source_id: str) -> list[dict[str, Any]]:
    return store.query(sql, [source_id]).to_pylist()


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != []}


def _span(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"quote": row.pop("quote"), "row": row.pop("row_number")}
    start, end = row.pop("span_start"), row.pop("span_end")
    if start is not None:
        out["span"] = [start, end]
    return out


def _declared(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entities a source declared.

    References that named a declared entity by one of its names (rule
    ``declared``) are left out: re-ingesting matches them the same way.
    """
    kept = [r for r in rows if r.pop("resolution_rule") != "declared"]
    for row in kept:
        del row["resolved"]
    return kept


def source_document(store: Store, source_id: str) -> FactsDocument:
    """One source's facts, as that source stated them."""
    info = store.query("SELECT * FROM sources WHERE source_id = ?", [source_id]).to_pylist()[0]
    actors = _declared(
        _rows(
            store,
            "SELECT ref AS id, coalesce(name, ref) AS name, aliases, kind, "
            "actor_id AS resolved, resolution_rule FROM source_actors WHERE source_id = ? "
            "ORDER BY ref",
            source_id,
        )
    )
    places = _declared(
        _rows(
            store,
            "SELECT ref AS id, coalesce(name, ref) AS name, mention, aliases, kind, admin1, "
            "admin2, country, lat, lon, geonameid, place_id AS resolved, resolution_rule "
            "FROM source_places WHERE source_id = ? ORDER BY ref",
            source_id,
        )
    )
    assoc = _rows(
        store,
        "SELECT event_id, role, list(actor_text ORDER BY actor_text) AS refs "
        "FROM event_actors WHERE source_id = ? AND role LIKE 'assoc%' "
        "GROUP BY ALL",
        source_id,
    )
    by_event = {(r["event_id"], r["role"]): r["refs"] for r in assoc}
    events = []
    for e in _rows(
        store, "SELECT * FROM events WHERE source_id = ? ORDER BY row_number, event_id", source_id
    ):
        events.append(
            _clean(
                {
                    "id": e["event_id"],
                    "event_type": e["event_type"],
                    "sub_event_type": e["sub_event_type"],
                    "date": _clean(
                        {"start": e["date_start"], "end": e["date_end"], "text": e["date_text"]}
                    ),
                    "actor1": e["actor1_text"],
                    "actor2": e["actor2_text"],
                    "assoc_actor1": by_event.get((e["event_id"], "assoc_actor1"), []),
                    "assoc_actor2": by_event.get((e["event_id"], "assoc_actor2"), []),
                    "place": e["place_text"],
                    "lat": e["lat"],
                    "lon": e["lon"],
                    "fatalities": e["fatalities"],
                    "fatalities_low": e["fatalities_low"],
                    "fatalities_high": e["fatalities_high"],
                    "date_precision": e["date_precision"],
                    "location_precision": e["location_precision"],
                    "reported_by": e["reported_by"],
                    "notes": e["notes"],
                    "confidence": e["confidence"],
                    "attrs": json.loads(e["attrs"]) if e["attrs"] else None,
                    **_span(e),
                }
            )
        )
    relations = [
        _clean(
            {
                "id": r["relation_id"],
                "subject": r["subject_text"],
                "predicate": r["predicate"],
                "object": r["object_text"],
                "valid_from": r["valid_from"],
                "valid_to": r["valid_to"],
                "notes": r["notes"],
                "confidence": r["confidence"],
                **_span(r),
            }
        )
        for r in _rows(
            store,
            "SELECT * FROM relations WHERE source_id = ? ORDER BY row_number, relation_id",
            source_id,
        )
    ]
    assessments = _rows(
        store, "SELECT * FROM assessments WHERE source_id = ? ORDER BY claim_id, seq", source_id
    )
    claims = []
    for c in _rows(
        store, "SELECT * FROM claims WHERE source_id = ? ORDER BY row_number, claim_id", source_id
    ):
        about = _clean(
            {
                "event_type": c["about_event_type"],
                "sub_event_type": c["about_sub_event_type"],
                "actor1": c["about_actor1_text"],
                "actor2": c["about_actor2_text"],
                "place": c["about_place_text"],
            }
        )
        claims.append(
            _clean(
                {
                    "id": c["claim_id"],
                    "claimant": c["claimant_text"],
                    "date": _clean(
                        {"start": c["date_start"], "end": c["date_end"], "text": c["date_text"]}
                    ),
                    "statement": c["statement"],
                    "about": about or None,
                    "assessments": [
                        _clean(
                            {
                                "by": a["by_text"],
                                "verdict": a["verdict"],
                                "statement": a["statement"],
                                **_span({**a, "row_number": None}),
                            }
                        )
                        for a in assessments
                        if a["claim_id"] == c["claim_id"]
                    ],
                    "notes": c["notes"],
                    "confidence": c["confidence"],
                    "attrs": json.loads(c["attrs"]) if c["attrs"] else None,
                    **_span(c),
                }
            )
        )
    return FactsDocument.model_validate(
        {
            "doc": _clean(
                {
                    "id": info["doc_id"] or source_id,
                    "published": info["published"],
                    "title": info["title"],
                    "origin": _clean(
                        {
                            "kind": info["kind"],
                            "reader": info["reader"],
                            "path": info["path"],
                            "content_hash": info["content_hash"],
                            "author": info["author"],
                        }
                    ),
                }
            ),
            "actors": [_clean(a) for a in actors],
            "places": [_clean(p) for p in places],
            "events": events,
            "relations": relations,
            "claims": claims,
        }
    )


def export_facts(store: Store, out_dir: Path) -> list[Path]:
    """Write one facts JSON file per ingested source into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source_id, doc_id in store.con.execute(
        # The registry is shipped knowledge every knowledge base loads itself.
        "SELECT source_id, doc_id FROM sources WHERE kind <> 'registry' "
        "ORDER BY ingested_at, source_id"
    ).fetchall():
        name = re.sub(r"[^\w.()-]+", "_", doc_id or "") or source_id
        target = out_dir / f"{name}.{source_id}.facts.json"
        target.write_text(source_document(store, source_id).to_json(), encoding="utf-8")
        written.append(target)
    return written
