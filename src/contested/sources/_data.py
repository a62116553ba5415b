"""The readers' lookup tables, shipped as CSV under ``contested/data/sources/``.

Each table is small (at most a few hundred rows) and read whole; readers
register it in their DuckDB connection and join against it, so a mapping
is data a reviewer can read and extend, not a literal in code.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

import pyarrow as pa


@cache
def data_table(name: str) -> pa.Table:
    """The CSV ``contested/data/sources/<name>`` as an Arrow table of strings (empty -> null)."""
    text = resources.files("contested").joinpath("data", "sources", name).read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise ValueError(f"data file {name} has no rows; this is a bug")
    columns = {key: [row[key] or None for row in rows] for key in rows[0]}
    return pa.table({key: pa.array(values, pa.string()) for key, values in columns.items()})
