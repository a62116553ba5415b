"""``contested report``: the report written from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._data import Invoke


@pytest.mark.slow
def test_cli_report_writes_html_and_markdown(
    invoke: Invoke, report_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke("report", "--out", str(out), "--no-progress", db=report_db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == str(out / "index.html")
    assert lines[1].startswith(f"{out / 'report.md'} (")
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (out / "charts" / "strikes-by-month.svg").exists()


@pytest.mark.slow
def test_cli_report_window_and_actor(invoke: Invoke, report_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(
        "report",
        "--out",
        str(out),
        "--from",
        "2016-01-01",
        "--to",
        "2016-12-31",
        "--actor",
        "Syrian regime",
        "--no-progress",
        db=report_db,
    )
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "period: 2016-01-01 to 2016-12-31" in page
    assert "strikes by Syrian regime" in page


@pytest.mark.slow
def test_cli_report_unknown_actor(invoke: Invoke, report_db: Path, tmp_path: Path) -> None:
    result = invoke(
        "report", "--out", str(tmp_path), "--actor", "Nobody at all", "--no-progress", db=report_db
    )
    assert result.exit_code == 1
    assert result.output.startswith('Error: no actor "Nobody at all" in the knowledge base')


def test_cli_report_dates_out_of_order(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("report", "--from", "2017-01-01", "--to", "2016-12-31", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == "Error: --from 2017-01-01 is after --to 2016-12-31\n"


def test_cli_report_missing_knowledge_base(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("report", "--out", str(tmp_path / "out"), db=tmp_path / "none.duckdb")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'none.duckdb'} does not exist.")
