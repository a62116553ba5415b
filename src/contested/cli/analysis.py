"""The analysis commands: control, map, gains, attribute, audit, members, lineage, derive.

Each opens the knowledge base read-only, first recomputing the derived tables
if sources were added since they were last computed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import click
import ibis.expr.types as ir
import pyarrow as pa

from contested import analysis, derive
from contested.cli._options import ISO_DATE, db_option, output_options, radius_option
from contested.cli._output import print_rows
from contested.store import Store


@contextmanager
def _backend(db_path: str) -> Iterator[Any]:
    """An Ibis backend over the knowledge base, its derived tables current."""
    with Store.open(db_path, read_only=True) as store:
        current = store.derived_is_current()
    if not current:
        with Store.open(db_path) as store:
            derive.refresh(store)
    with Store.open(db_path, read_only=True) as store:
        yield store.ibis()


def _show(table: ir.Table, columns: list[str] | None, as_json: bool, as_csv: bool) -> None:
    rows = table.to_pyarrow()
    if columns and not (as_json or as_csv):
        rows = rows.select(columns)
    print_rows(rows, as_json=as_json, as_csv=as_csv)


@click.command(name="control")
@click.argument("place")
@click.option("--on", type=ISO_DATE, help="Who held it on this day; without it, the whole history.")
@db_option
@output_options
def control_command(place: str, on: date | None, db_path: str, as_json: bool, as_csv: bool) -> None:
    """Show who held a place (id, name or alias), when, and on whose word.

    \b
    Example:
        contested control Palmyra --on 2016-01-01
        contested control Tadmur
    """
    columns = ["place", "controller_name", "valid_from", "valid_to", "conflict", "sources"]
    with _backend(db_path) as con:
        if on is None:
            _show(analysis.control_history(con, place), columns, as_json, as_csv)
        else:
            _show(analysis.control_at(con, place, on), columns, as_json, as_csv)


def _geojson(rows: pa.Table) -> dict[str, Any]:
    features = []
    for row in rows.to_pylist():
        lat, lon = row.pop("lat"), row.pop("lon")
        point = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
        properties = {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
        features.append({"type": "Feature", "geometry": point, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


@click.command(name="map")
@click.option("--on", type=ISO_DATE, required=True, help="The day to map.")
@click.option("--geojson", is_flag=True, help="Output a GeoJSON FeatureCollection of points.")
@db_option
@output_options
def map_command(on: date, geojson: bool, db_path: str, as_json: bool, as_csv: bool) -> None:
    """Show who held every place with control evidence on a day.

    \b
    Example:
        contested map --on 2016-03-01
        contested map --on 2016-03-01 --geojson > control-2016-03-01.geojson
    """
    with _backend(db_path) as con:
        rows = analysis.control_map(con, on).to_pyarrow()
    if geojson:
        click.echo(json.dumps(_geojson(rows), ensure_ascii=False))
        return
    if not (as_json or as_csv):
        rows = rows.select(["place", "admin1", "controller_name", "valid_from", "conflict"])
    print_rows(rows, as_json=as_json, as_csv=as_csv)


@click.command(name="gains")
@click.argument("actor")
@click.option("--from", "date_from", type=ISO_DATE, help="Changes on or after this day.")
@click.option("--to", "date_to", type=ISO_DATE, help="Changes on or before this day.")
@db_option
@output_options
def gains_command(
    actor: str,
    date_from: date | None,
    date_to: date | None,
    db_path: str,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List the places an actor (with its sub-units) gained and lost, and who struck there.

    \b
    Example:
        contested gains "Syrian regime" --from 2016-01-01 --to 2016-06-30
    """
    columns = ["on", "place", "change", "held_before", "held_after", "strikers", "conflict"]
    with _backend(db_path) as con:
        _show(analysis.territorial_change(con, actor, date_from, date_to), columns, as_json, as_csv)


@click.command(name="attribute")
@click.option("--actor", required=True, help="The striking actor: id, name or alias.")
@click.option("--from", "date_from", type=ISO_DATE, help="Strikes on or after this day.")
@click.option("--to", "date_to", type=ISO_DATE, help="Strikes on or before this day.")
@radius_option
@click.option("--no-claims", is_flag=True, help="Count events only, not allegations.")
@click.option("--each", is_flag=True, help="List every strike with its match.")
@db_option
@output_options
def attribute_command(
    actor: str,
    date_from: date | None,
    date_to: date | None,
    radius_km: float,
    no_claims: bool,
    each: bool,
    db_path: str,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Share an actor's air strikes and shelling by who held the struck place.

    \b
    Example:
        contested attribute --actor Russia --from 2015-09-30 --to 2016-03-14
    """
    function = analysis.attributed_strikes if each else analysis.strike_attribution
    with _backend(db_path) as con:
        table = function(
            con, actor, date_from, date_to, radius_km=radius_km, include_claims=not no_claims
        )
        if each:
            table = table.order_by("day", "source_id", "fact_id")
        _show(table, None, as_json, as_csv)


@click.command(name="audit")
@click.option("--claimant", help="Only this claimant's claims: id, name or alias.")
@db_option
@output_options
def audit_command(claimant: str | None, db_path: str, as_json: bool, as_csv: bool) -> None:
    """Check every claim against the record: supported, contradicted or unverifiable.

    \b
    Example:
        contested audit --claimant Russia
        contested audit --json
    """
    columns = [
        "claim_id",
        "claimant_id",
        "date_start",
        "verdict",
        "supporting",
        "contradicting",
        "statement",
    ]
    with _backend(db_path) as con:
        ids = analysis.actor_ids(con, claimant) if claimant else None
        _show(analysis.claim_audit(con, ids), columns, as_json, as_csv)


@click.command(name="members")
@click.argument("coalition")
@click.option("--on", type=ISO_DATE, required=True, help="The day.")
@db_option
@output_options
def members_command(coalition: str, on: date, db_path: str, as_json: bool, as_csv: bool) -> None:
    """List the members of a coalition or front on a day.

    \b
    Example:
        contested members "Jaysh al-Fatah" --on 2015-04-01
    """
    columns = ["member", "valid_from", "valid_to", "dated", "n_sources"]
    with _backend(db_path) as con:
        _show(analysis.members_at(con, coalition, on), columns, as_json, as_csv)


@click.command(name="lineage")
@click.argument("actor")
@db_option
@output_options
def lineage_command(actor: str, db_path: str, as_json: bool, as_csv: bool) -> None:
    """Show what a group came from and what it became (mergers, absorptions, renames).

    \b
    Example:
        contested lineage "Jaysh Khalid bin al-Walid"
    """
    columns = ["direction", "depth", "actor", "predicate", "into", "on"]
    with _backend(db_path) as con:
        _show(analysis.lineage(con, actor), columns, as_json, as_csv)


@click.command(name="derive")
@db_option
def derive_command(db_path: str) -> None:
    """Recompute the derived tables (control intervals and their evidence) from the facts.

    \b
    Example:
        contested derive --db contested.duckdb
    """
    with Store.open(db_path) as store:
        counts = derive.refresh(store)
    click.echo(", ".join(f"{n:,} rows in {name}" for name, n in counts.items()))


COMMANDS = [
    attribute_command,
    audit_command,
    control_command,
    derive_command,
    gains_command,
    lineage_command,
    map_command,
    members_command,
]
