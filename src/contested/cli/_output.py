"""Printing rows: a readable table for people, JSON or CSV for machines."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import click
import pyarrow as pa
from rich.console import Console
from rich.table import Table
from rich.text import Text

from contested.errors import UsageError


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _flat(value: Any, separator: str) -> Any:
    """A cell for CSV or a table: lists joined into one string."""
    value = _plain(value)
    return separator.join(str(v) for v in value) if isinstance(value, list) else value


def print_rows(
    rows: pa.Table | Sequence[dict[str, Any]],
    *,
    as_json: bool = False,
    as_csv: bool = False,
    title: str | None = None,
) -> None:
    """Print rows in the format the flags ask for."""
    if as_json and as_csv:
        raise UsageError("--json cannot be used with --csv")
    records = rows.to_pylist() if isinstance(rows, pa.Table) else list(rows)
    if isinstance(rows, pa.Table):
        columns = rows.column_names
    else:
        columns = list(records[0]) if records else []
    if as_json:
        click.echo(
            json.dumps(
                [{k: _plain(v) for k, v in r.items()} for r in records],
                ensure_ascii=False,
                indent=2,
            )
        )
    elif as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _flat(v, "; ") for k, v in r.items()} for r in records)
    else:
        print_table(records, columns, title=title)


def print_table(records: list[dict[str, Any]], columns: list[str], *, title: str | None) -> None:
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for record in records:
        # Text, not markup: a source's "[bold]" must print as written.
        table.add_row(
            *(Text("" if record[c] is None else str(_flat(record[c], "\n"))) for c in columns)
        )
    Console(soft_wrap=False).print(table)
