from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._data import PALMYRA_GOLD, SEED_GOLD, Invoke, table_counts


def test_cli_ingest_facts_file(invoke: Invoke, db_path: Path) -> None:
    result = invoke("ingest", str(SEED_GOLD))
    assert result.exit_code == 0
    assert result.output.endswith(": 75 events, 63 relations, 29 claims\n")
    assert table_counts(db_path)["events"] == 75


def test_cli_ingest_twice_adds_nothing(invoke: Invoke, db_path: Path) -> None:
    invoke("ingest", str(SEED_GOLD))
    before = table_counts(db_path)
    result = invoke("ingest", str(SEED_GOLD))
    assert result.exit_code == 0
    assert "already ingested as source" in result.output
    assert table_counts(db_path) == before


def test_cli_ingest_bad_field_fails_whole_file(invoke: Invoke, db_path: Path) -> None:
    invoke("ingest", str(SEED_GOLD))
    before = table_counts(db_path)
    result = invoke("ingest", str(PALMYRA_GOLD))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {PALMYRA_GOLD}: places[14].geonameid: input should be a valid integer, unable to "
        "parse string as an integer, got 'About 60 km long; the strike point is not given.'\n"
    )
    assert table_counts(db_path) == before


def test_cli_ingest_on_error_skip_reports_and_keeps_the_rest(invoke: Invoke, db_path: Path) -> None:
    result = invoke("ingest", str(PALMYRA_GOLD), "--on-error", "skip")
    assert result.exit_code == 0
    assert ": 65 events, 14 relations, 14 claims\n" in result.output
    assert "[W004] " in result.output
    assert "  places[14].geonameid: input should be a valid integer" in result.output
    assert table_counts(db_path)["events"] == 65


def test_cli_ingest_format_forces_the_reader(invoke: Invoke, tmp_path: Path) -> None:
    renamed = tmp_path / "gold.data"
    renamed.write_bytes(SEED_GOLD.read_bytes())
    assert invoke("ingest", str(renamed)).exit_code == 1
    result = invoke("ingest", str(renamed), "--format", "facts")
    assert result.exit_code == 0, result.output


def test_cli_ingest_unknown_format_lists_the_formats(invoke: Invoke) -> None:
    result = invoke("ingest", str(SEED_GOLD), "--format", "xml")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {SEED_GOLD}: unknown format 'xml'; expected one of: ")


def test_cli_ingest_published_overrides_the_date(invoke: Invoke, db_path: Path) -> None:
    invoke("ingest", str(SEED_GOLD), "--published", "2016-07-01")
    result = invoke("sql", "SELECT published FROM sources WHERE kind = 'facts'", "--json")
    assert json.loads(result.output) == [{"published": "2016-07-01"}]


@pytest.mark.parametrize("value", ["21 June 2016", "2016-13-01"])
def test_cli_ingest_published_must_be_iso(invoke: Invoke, value: str) -> None:
    result = invoke("ingest", str(SEED_GOLD), "--published", value)
    assert result.exit_code == 2
    assert f"'{value}' is not a date; expected YYYY-MM-DD" in result.output


def test_cli_ingest_no_progress_prints_only_results(invoke: Invoke) -> None:
    result = invoke("ingest", str(SEED_GOLD), "--no-progress")
    assert result.output.count("\n") == 1


def test_cli_ingest_missing_file_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("ingest", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert "does not exist" in result.output
