"""The shared CSV machinery: row numbers stay right when DuckDB reads a big file in parallel."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from contested.errors import InvalidRecord
from contested.sources._csv import Check, CsvFile, check_rows, load_raw, read_header, scan_csv

ROWS = 400_000  # about 55 MB: more than one of DuckDB's 32 MB CSV buffers, so several threads


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rows numbered in their own ``n`` column, with a quoted, multi-line field now and then."""
    path = tmp_path_factory.mktemp("csv") / "big.csv"
    with duckdb.connect() as con:
        con.execute(
            f"""
            COPY (
                SELECT i + 1 AS n,
                       CASE WHEN i % 9973 = 0 THEN 'line one' || chr(10) || 'line "two"'
                            ELSE repeat('x', 100 + i % 50) END AS text,
                       CASE WHEN i = 200000 THEN 'not a number' ELSE (i * 0.5)::VARCHAR END AS value
                FROM range({ROWS}) AS s(i)
            ) TO '{path}' (FORMAT csv, HEADER true)
            """
        )
    return path


def test_csv_scan_numbers_rows_in_file_order(big_csv: Path) -> None:
    with duckdb.connect() as con:
        table = scan_csv(con, CsvFile(big_csv, tuple(read_header(big_csv))), "n::BIGINT AS n")
    assert table["n"].to_pylist() == table["row_number"].to_pylist()
    assert table.num_rows == ROWS


def test_csv_check_names_the_row_in_a_big_file(big_csv: Path) -> None:
    csv_file = CsvFile(big_csv, tuple(read_header(big_csv)))
    check = Check("value", "number IS NULL", "a number")
    with duckdb.connect() as con:
        table = scan_csv(con, csv_file, "try_cast(value AS DOUBLE) AS number")
        with pytest.raises(InvalidRecord) as caught:
            check_rows(con, csv_file, table, [check], skip_bad=False)
    assert (
        str(caught.value) == f"{big_csv}: row 200001: value: expected a number, got 'not a number'"
    )


def test_csv_load_raw_numbers_rows_in_file_order(big_csv: Path) -> None:
    with duckdb.connect() as con:
        load_raw(con, big_csv, read_header(big_csv))
        wrong = con.execute("SELECT count(*) FROM raw WHERE n::BIGINT <> row_number").fetchone()
    assert wrong == (0,)
