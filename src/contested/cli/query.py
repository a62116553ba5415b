"""``contested sources``, ``contested events`` and ``contested sql``: reading the knowledge base."""

from __future__ import annotations

from datetime import date

import click

from contested.cli._options import ISO_DATE, db_option, output_options
from contested.cli._output import print_rows
from contested.store import Store
from contested.store.queries import EventFilter, find_events, list_sources


@click.command(name="sources")
@db_option
@output_options
def sources_command(db_path: str, as_json: bool, as_csv: bool) -> None:
    """List the sources in the knowledge base and what each contributed.

    \b
    Example:
        contested sources --json
    """
    with Store.open(db_path, read_only=True) as store:
        rows = list_sources(store)
    if not (as_json or as_csv):
        rows = rows.select(["source_id", "kind", "title", "events", "relations", "claims"])
    print_rows(rows, as_json=as_json, as_csv=as_csv)


@click.command(name="events")
@click.option("--actor", help="An actor id, name or alias, in any role.")
@click.option("--place", help="A place id, name or alias.")
@click.option("--type", "event_type", help="An ACLED event type or sub-event type.")
@click.option("--from", "date_from", type=ISO_DATE, help="Events ending on or after this date.")
@click.option("--to", "date_to", type=ISO_DATE, help="Events starting on or before this date.")
@click.option("--source", help="A source id, path or document id.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@db_option
@output_options
def events_command(
    actor: str | None,
    place: str | None,
    event_type: str | None,
    date_from: date | None,
    date_to: date | None,
    source: str | None,
    limit: int,
    offset: int,
    db_path: str,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List events, oldest first, each with its source and quote.

    \b
    Example:
        contested events --actor "Islamic State" --type "Air/drone strike" --from 2016-01-01
    """
    wanted = EventFilter(actor, place, event_type, date_from, date_to, source)
    with Store.open(db_path, read_only=True) as store:
        rows = find_events(store, wanted, limit=limit, offset=offset)
    if not (as_json or as_csv):
        rows = rows.select(
            ["date_start", "sub_event_type", "actor1", "actor2", "place", "fatalities"]
        )
    print_rows(rows, as_json=as_json, as_csv=as_csv)


@click.command(name="sql")
@click.argument("query")
@db_option
@output_options
def sql_command(query: str, db_path: str, as_json: bool, as_csv: bool) -> None:
    """Run a read-only SQL query against the knowledge base.

    \b
    Example:
        contested sql "SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC"
    """
    with Store.open(db_path, read_only=True) as store:
        print_rows(store.query(query), as_json=as_json, as_csv=as_csv)


COMMANDS = [sources_command, events_command, sql_command]
