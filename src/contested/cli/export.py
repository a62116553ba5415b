"""``contested export``: the knowledge base as files other tools read."""

from __future__ import annotations

from pathlib import Path

import click

from contested.cli._options import db_option
from contested.store import Store
from contested.store.export import (
    EXPORT_FORMATS,
    export_facts,
    export_geojson,
    export_tables,
)


@click.command(name="export")
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="csv/parquet: one file per table in TARGET (a folder); geojson: events with "
    "coordinates to TARGET (a file); facts: one facts JSON per source in TARGET.",
)
@db_option
def export_command(target: Path, fmt: str, db_path: str) -> None:
    """Export the knowledge base.

    Facts exports re-ingest into the same facts: `contested ingest TARGET/*.json`.

    \b
    Example:
        contested export out/ --format parquet
        contested export events.geojson --format geojson
    """
    with Store.open(db_path, read_only=True) as store:
        if fmt == "geojson":
            count = export_geojson(store, target)
            click.echo(f"{target}: {count:,} events")
            return
        files = export_facts(store, target) if fmt == "facts" else export_tables(store, target, fmt)
    click.echo(f"{target}: {len(files)} files")


COMMANDS = [export_command]
