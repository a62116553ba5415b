"""Options shared by several commands, defined once so a flag means the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from contested.store import DEFAULT_DB

F = TypeVar("F", bound=Callable[..., Any])


def db_option(fn: F) -> F:
    """``--db PATH``: the knowledge base file (``$CONTESTED_DB``, else ./contested.duckdb)."""
    return click.option(
        "--db",
        "db_path",
        envvar="CONTESTED_DB",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="The knowledge base (a DuckDB file); also $CONTESTED_DB.",
    )(fn)


def output_options(fn: F) -> F:
    """``--json`` / ``--csv``: machine-readable output instead of a table."""
    fn = click.option("--csv", "as_csv", is_flag=True, help="Output CSV.")(fn)
    return click.option("--json", "as_json", is_flag=True, help="Output a JSON array.")(fn)


def progress_option(fn: F) -> F:
    """``--progress/--no-progress``: the bar on stderr (drawn only on a terminal)."""
    return click.option(
        "--progress/--no-progress", default=True, help="Show a progress bar on stderr."
    )(fn)


def radius_option(fn: F) -> F:
    """``--radius KM``: how far from a strike to look for a place with known control."""
    return click.option(
        "--radius",
        "radius_km",
        type=click.FloatRange(min=0),
        default=10.0,
        show_default=True,
        help="Search this many km around a strike for a place with known control.",
    )(fn)


class IsoDate(click.ParamType):
    """A ``YYYY-MM-DD`` date."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date; expected YYYY-MM-DD", param, ctx)


ISO_DATE = IsoDate()
