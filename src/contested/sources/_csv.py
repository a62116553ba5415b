"""Reading delimited datasets with DuckDB, strictly, with errors that name the row.

Readers of CSV-shaped datasets (UCDP, ACLED, GDELT, Syrian Archive) load the
file once into an in-memory DuckDB table of strings, numbered by row, check
every value they will use, and select typed fact columns from it. Rows are
data records counted from 1; a header is not a row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from contested.errors import InputError, InvalidRecord

_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COLUMNS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass(frozen=True)
class Check:
    """A rule every row must pass: ``bad`` is SQL true for a failing row."""

    column: str
    bad: str
    expected: str


def read_header(path: Path, delimiter: str = ",") -> list[str]:
    """The column names of a CSV file's first record."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if not head.strip():
        raise InputError(str(path), "the file is empty; expected a header row")
    text = codecs.decode(head, "utf-8", errors="replace").lstrip("\ufeff")
    return next(csv.reader(io.StringIO(text), delimiter=delimiter))


def require_columns(path: Path, header: Sequence[str], required: Sequence[str], what: str) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            str(path),
            f"missing column(s) {', '.join(missing)}; expected {what} (pass --format to choose "
            "another reader)",
            location="header",
        )


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load_raw(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    columns: Sequence[str],
    *,
    delimiter: str = ",",
    header: bool = True,
    quote: str = '"',
) -> None:
    """Load the file into table ``raw`` (all VARCHAR plus ``row_number``), strictly."""
    spec = "{" + ", ".join(f"{_sql_literal(c)}: 'VARCHAR'" for c in columns) + "}"
    quoting = f"quote={_sql_literal(quote)}, escape={_sql_literal(quote)}" if quote else "quote=''"
    sql = f"""
        CREATE OR REPLACE TEMP TABLE raw AS
        SELECT row_number() OVER () AS row_number, *
        FROM read_csv({_sql_literal(str(path))}, auto_detect=false, header={str(header).lower()},
                      delim={_sql_literal(delimiter)}, {quoting}, columns={spec},
                      strict_mode=true, null_padding=false, encoding='utf-8')
    """
    try:
        con.execute(sql)
    except duckdb.Error as exc:
        raise _csv_error(path, str(exc), header) from None


def _csv_error(path: Path, message: str, header: bool) -> InputError:
    """Turn DuckDB's CSV error into one line naming the row and what was expected."""
    line = _LINE.search(message)
    location = f"row {int(line.group(1)) - int(header)}" if line else None
    columns = _COLUMNS.search(message)
    if columns:
        expected, found = columns.groups()
        problem = f"expected {expected} columns, found {found}"
        if int(found) < int(expected):
            problem += " (is the file truncated?)"
    elif "unterminated quote" in message:
        problem = "a quoted value never ends; expected a closing quote (is the file truncated?)"
    elif "Invalid unicode" in message or "UTF-8" in message:
        problem = "not valid UTF-8; expected a UTF-8 encoded file"
    else:
        problem = "cannot be read as CSV: " + message.splitlines()[0]
    return InvalidRecord(str(path), problem, location=location)


def apply_checks(
    con: duckdb.DuckDBPyConnection, path: Path, checks: Sequence[Check], *, skip_bad: bool
) -> list[tuple[str, str]]:
    """Raise on the first row failing a check, or (``skip_bad``) drop failing rows and list them."""
    if not checks:
        return []
    failures = " UNION ALL ".join(
        f"SELECT row_number, {i} AS check_no, CAST({_sql_quote_col(c.column)} AS VARCHAR) AS value "
        f"FROM raw WHERE {c.bad}"
        for i, c in enumerate(checks)
    )
    limit = "" if skip_bad else "LIMIT 1"
    rows = con.execute(
        f"SELECT * FROM ({failures}) ORDER BY row_number, check_no {limit}"
    ).fetchall()
    problems = [
        (f"row {row}", f"{checks[no].column}: expected {checks[no].expected}, got {value!r}")
        for row, no, value in rows
    ]
    if problems and not skip_bad:
        location, problem = problems[0]
        raise InvalidRecord(str(path), problem, location=location)
    if problems:
        con.execute(f"DELETE FROM raw WHERE row_number IN (SELECT row_number FROM ({failures}))")
    return problems


def _sql_quote_col(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def not_date(column: str) -> str:
    """SQL: the column holds something that is not a date (empty is allowed)."""
    col = _sql_quote_col(column)
    return (
        f"({col} IS NOT NULL AND try_cast({col} AS TIMESTAMP) IS NULL "
        f"AND try_cast({col} AS DATE) IS NULL)"
    )


def not_number(column: str, kind: str = "DOUBLE") -> str:
    col = _sql_quote_col(column)
    return f"({col} IS NOT NULL AND try_cast({col} AS {kind}) IS NULL)"


def is_missing(column: str) -> str:
    col = _sql_quote_col(column)
    return f"({col} IS NULL OR trim({col}) = '')"
