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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from contested.errors import InputError, InvalidRecord

Fold = Callable[[str], str]

_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COLUMNS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass(frozen=True)
class Dialect:
    """How the file is delimited; ``quote=""`` for formats without quoting (GDELT)."""

    delimiter: str = ","
    header: bool = True
    quote: str = '"'


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


def _read_csv(path: Path, columns: Sequence[str], dialect: Dialect) -> str:
    """SQL: DuckDB's strict ``read_csv`` of the file, every column VARCHAR."""
    spec = "{" + ", ".join(f"{_sql_literal(c)}: 'VARCHAR'" for c in columns) + "}"
    quote = dialect.quote
    quoting = f"quote={_sql_literal(quote)}, escape={_sql_literal(quote)}" if quote else "quote=''"
    return f"""
        read_csv({_sql_literal(str(path))}, auto_detect=false, header={str(dialect.header).lower()},
                 delim={_sql_literal(dialect.delimiter)}, {quoting}, columns={spec},
                 strict_mode=true, null_padding=false, encoding='utf-8')
    """


def load_raw(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    columns: Sequence[str],
    *,
    delimiter: str = ",",
    header: bool = True,
    quote: str = '"',
) -> None:
    """Load the file into view ``raw`` (all VARCHAR plus ``row_number``), strictly."""
    # The table keeps the file's order (DuckDB preserves insertion order), so rowid + 1 is
    # the record's number; row_number() OVER () would cost a second, serial pass.
    dialect = Dialect(delimiter, header, quote)
    scan = _read_csv(path, columns, dialect)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE raw_rows AS SELECT * FROM {scan}")
    except duckdb.Error as exc:
        raise _csv_error(path, str(exc), header) from None
    con.execute(
        "CREATE OR REPLACE TEMP VIEW raw AS SELECT rowid + 1 AS row_number, * FROM raw_rows"
    )


def drop_rows(con: duckdb.DuckDBPyConnection, row_numbers: str) -> None:
    """Delete from ``raw`` the rows whose numbers the SQL ``row_numbers`` lists."""
    con.execute(f"DELETE FROM raw_rows WHERE rowid + 1 IN ({row_numbers})")


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
        drop_rows(con, f"SELECT row_number FROM ({failures})")
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


@dataclass(frozen=True)
class CsvFile:
    """A delimited file and how to read it; ``absent`` optional columns read as nulls."""

    path: Path
    columns: tuple[str, ...]
    dialect: Dialect = Dialect()
    absent: tuple[str, ...] = ()

    def source(self) -> str:
        """SQL: the file as a relation of VARCHAR columns, in file order."""
        scan = _read_csv(self.path, self.columns, self.dialect)
        if not self.absent:
            return scan
        nulls = ", ".join(f"NULL::VARCHAR AS {_sql_quote_col(c)}" for c in self.absent)
        return f"(SELECT *, {nulls} FROM {scan})"


def scan_csv(con: duckdb.DuckDBPyConnection, csv_file: CsvFile, select: str) -> pa.Table:
    """Map every row of the file with the SQL ``select`` list, in one pass; add ``row_number``.

    The query is a plain projection, which DuckDB returns in file order even
    when it reads in parallel, so a row's position is its number: no join,
    filter or window may enter ``select``.
    """
    try:
        table = con.execute(f"SELECT {select} FROM {csv_file.source()}").to_arrow_table()
    except duckdb.Error as exc:
        raise _csv_error(csv_file.path, str(exc), csv_file.dialect.header) from None
    numbers = con.execute(f"SELECT range FROM range(1, {table.num_rows + 1})").to_arrow_table()
    return table.append_column("row_number", numbers.column(0))


def check_rows(
    con: duckdb.DuckDBPyConnection,
    csv_file: CsvFile,
    table: pa.Table,
    checks: Sequence[Check],
    *,
    skip_bad: bool,
) -> tuple[pa.Table, list[tuple[str, str]]]:
    """Raise on the first row failing a check, or (``skip_bad``) leave failing rows out.

    Checks run on the mapped (typed) columns, which is cheap; only the rows
    that fail are read again for the message's original value. Columns
    whose names start with ``_`` exist for checks and are dropped here.
    """
    when = " ".join(f"WHEN {c.bad} THEN {i}" for i, c in enumerate(checks))
    limit = "" if skip_bad else "LIMIT 1"
    con.register("_scanned", table)
    sql = (
        f"SELECT row_number, check_no FROM (SELECT row_number, CASE {when} END AS check_no "
        f"FROM _scanned) WHERE check_no IS NOT NULL ORDER BY row_number {limit}"
    )
    try:
        failed = con.execute(sql).fetchall() if checks else []
    finally:
        con.unregister("_scanned")
    values = _original_values(con, csv_file, [(row, checks[no].column) for row, no in failed])
    problems = [
        (f"row {row}", f"{checks[no].column}: expected {checks[no].expected}, {_got(value)}")
        for (row, no), value in zip(failed, values, strict=True)
    ]
    settle(csv_file.path, problems, skip_bad=skip_bad)
    helpers = [name for name in table.column_names if name.startswith("_")]
    return without_rows(table, problems).drop_columns(helpers), problems


def _got(value: str | None) -> str:
    return "got nothing" if value is None else f"got {value!r}"


def _original_values(
    con: duckdb.DuckDBPyConnection, csv_file: CsvFile, wanted: Sequence[tuple[int, str]]
) -> list[str | None]:
    """The file's own text at (row number, column) for each pair, read again."""
    if not wanted:
        return []
    columns = sorted({column for _, column in wanted})
    table = scan_csv(con, csv_file, ", ".join(_sql_quote_col(c) for c in columns))
    rows = table.take(pa.array([row - 1 for row, _ in wanted], pa.int64()))
    return [rows[column][i].as_py() for i, (_, column) in enumerate(wanted)]


def canonical(table: pa.Table, column: str, lookup: Mapping[str, str], fold: Fold) -> pa.Table:
    """Replace ``column`` by ``lookup[fold(value)]`` (null when absent), value by distinct value.

    A dataset column such as an event type holds a handful of distinct values
    in a million rows; mapping the distinct values costs nothing per row.
    """
    encoded = pc.dictionary_encode(table[column].combine_chunks())
    distinct = encoded.dictionary.to_pylist()
    mapped = [None if value is None else lookup.get(fold(value)) for value in distinct]
    values = pc.take(pa.array(mapped, pa.string()), encoded.indices)
    return table.set_column(table.column_names.index(column), column, values)


def map_distinct(
    con: duckdb.DuckDBPyConnection, table: pa.Table, column: str, sql: str
) -> pa.Array:
    """The SQL expression ``sql`` (over a column named ``value``) for every row of ``column``.

    It runs once per distinct value: parsing three date formats costs a second
    per million rows, and an ACLED file has a few thousand distinct dates.
    """
    encoded = pc.dictionary_encode(table[column].combine_chunks())
    con.register("_distinct", pa.table({"value": encoded.dictionary}))
    try:
        mapped = con.execute(f"SELECT {sql} FROM _distinct").to_arrow_table().column(0)
    finally:
        con.unregister("_distinct")
    return pc.take(mapped.combine_chunks(), encoded.indices)


def duplicates(
    con: duckdb.DuckDBPyConnection, table: pa.Table, column: str, what: str, label: str
) -> list[tuple[str, str]]:
    """Rows whose ``column`` value an earlier row already has, each naming that row.

    ``label`` is the column's name in the file, for the message.
    """
    values = table[column]
    if pc.count_distinct(values).as_py() == len(values) - values.null_count:
        return []
    con.register("_dup_rows", table.select([column, "row_number"]))
    col = _sql_quote_col(column)
    try:
        rows = con.execute(
            f"""
            SELECT row_number, {col},
                   first_value(row_number) OVER (PARTITION BY {col} ORDER BY row_number) AS first
            FROM _dup_rows
            WHERE {col} IN (SELECT {col} FROM _dup_rows WHERE {col} IS NOT NULL
                            GROUP BY {col} HAVING count(*) > 1)
            QUALIFY row_number > first
            ORDER BY row_number
            """
        ).fetchall()
    finally:
        con.unregister("_dup_rows")
    return [
        (
            f"row {row}",
            f"{label}: {value!r} already appears in row {first}; expected each {what} once",
        )
        for row, value, first in rows
    ]


def settle(path: Path, problems: Sequence[tuple[str, str]], *, skip_bad: bool) -> None:
    """Raise the first problem unless bad records are to be skipped."""
    if problems and not skip_bad:
        location, problem = problems[0]
        raise InvalidRecord(str(path), problem, location=location)


def without_rows(table: pa.Table, problems: Sequence[tuple[str, str]]) -> pa.Table:
    """The table less the rows the problems name (``row N``)."""
    if not problems:
        return table
    doomed = pa.array([int(location.removeprefix("row ")) for location, _ in problems], pa.int64())
    return table.filter(pc.invert(pc.is_in(table["row_number"], value_set=doomed)))
