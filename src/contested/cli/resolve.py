"""``contested resolve``, ``contested actors show`` and ``contested places show``: names to ids."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from contested.cli._options import ISO_DATE
from contested.cli._output import print_rows
from contested.resolve.profiles import describe_actor, describe_place
from contested.resolve.resolver import default_resolver


def _print_mapping(mapping: dict[str, Any], *, as_json: bool) -> None:
    """One record: JSON, or a two-column table of its scalar fields."""
    if as_json:
        click.echo(json.dumps(mapping, ensure_ascii=False, indent=2))
        return
    rows = [
        {"field": key, "value": ", ".join(map(str, value)) if isinstance(value, list) else value}
        for key, value in mapping.items()
        if not (isinstance(value, list) and value and isinstance(value[0], dict))
    ]
    print_rows(rows)


json_option = click.option("--json", "as_json", is_flag=True, help="Output JSON.")


@click.group(name="resolve")
def resolve_group() -> None:
    """Resolve a written name to a registry actor or a gazetteer place."""


@resolve_group.command(name="actor")
@click.argument("name")
@click.option("--on", "on", type=ISO_DATE, help="The date the name is used on (YYYY-MM-DD).")
@json_option
def resolve_actor_command(name: str, on: date | None, as_json: bool) -> None:
    """Resolve an actor name; with --on, also the lineage's successor that day.

    \b
    Example:
        contested resolve actor "al-Nusra" --on 2017-06-01
    """
    _print_mapping(default_resolver().resolve_actor(name, on=on).to_dict(), as_json=as_json)


@resolve_group.command(name="place")
@click.argument("name")
@click.option("--near", help="A place id or name the place should be near.")
@json_option
def resolve_place_command(name: str, near: str | None, as_json: bool) -> None:
    """Resolve a place name; --near breaks ties between places of one name.

    \b
    Example:
        contested resolve place "Shaykh Maskeen"
    """
    _print_mapping(default_resolver().resolve_place(name, near=near).to_dict(), as_json=as_json)


@click.group(name="actors")
def actors_group() -> None:
    """The actor registry."""


@actors_group.command(name="show")
@click.argument("actor_id")
@json_option
def show_actor_command(actor_id: str, as_json: bool) -> None:
    """Show an actor: names, parents and its relations as a dated timeline.

    \b
    Example:
        contested actors show hayat-tahrir-al-sham
    """
    profile = describe_actor(actor_id)
    _print_mapping(profile, as_json=as_json)
    if not as_json and profile["relations"]:
        print_rows(profile["relations"], title="relations")


@click.group(name="places")
def places_group() -> None:
    """The gazetteer."""


@places_group.command(name="show")
@click.argument("place_id")
@json_option
def show_place_command(place_id: str, as_json: bool) -> None:
    """Show a place: names, kind, coordinates, admin units and sources.

    \b
    Example:
        contested places show palmyra
    """
    _print_mapping(describe_place(place_id), as_json=as_json)


COMMANDS = [resolve_group, actors_group, places_group]
