"""``contested extract`` and ``contested classify`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contested.cli import cli

pytestmark = pytest.mark.slow

SENTENCE = (
    "In late March 2015, the Assad regime was swept from Idlib City by Jaysh al-Fatah "
    "(JAF), a coalition of insurgents."
)


def _run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input)


def test_cli_extract_file_prints_facts(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    result = _run("extract", str(path), "--published", "2016-06-21", "--no-progress")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert facts["doc"] == {"id": "report", "published": "2016-06-21"}
    assert facts["events"][0]["sub_event_type"] == "Non-state actor overtakes territory"


def test_cli_extract_jsonl_batch_writes_one_document_per_line(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": SENTENCE, "published": "2016-06-21"},
        {"id": "b", "text": "Nothing happened here.", "published": None},
    ]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = _run("extract", "--jsonl", str(batch), "--no-progress")
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert [d["doc"]["id"] for d in docs] == ["a", "b"]
    assert docs[1].get("events", []) == []


def test_cli_extract_jsonl_with_files_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    result = _run("extract", str(path), "--jsonl", str(path))
    assert result.exit_code == 1
    assert (
        result.output.strip().splitlines()[-1]
        == "Error: --jsonl cannot be used with FILE arguments"
    )


def test_cli_extract_binary_file_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"abc\x00def")
    result = _run("extract", str(path))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {path}: byte 3: binary data (a NUL byte); expected a UTF-8 text report"
    )


def test_cli_extract_bad_jsonl_line_names_the_line(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": "a", "text": "ok"}\n{not json}\n', encoding="utf-8")
    result = _run("extract", "--jsonl", str(batch), "--no-progress")
    assert result.exit_code == 1
    assert (
        result.output.strip().splitlines()[-1].startswith(f"Error: {batch}: line 2: invalid JSON")
    )


def test_cli_classify_plain_lines_from_stdin() -> None:
    result = _run(
        "classify",
        "--no-progress",
        input="A suicide car bomb exploded at a checkpoint near Azaz.\n\n"
        "Heavy floods swept through the town.\n",
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["sub_event_type"]) for r in rows] == [("1", "Suicide bomb"), ("3", "none")]


def test_cli_ingest_text_report_stores_extracted_facts(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    result = _run(
        "ingest", str(path), "--published", "2016-06-21", "--no-progress", "--db", str(db)
    )
    assert result.exit_code == 0, result.output
    assert ": 1 events, " in result.output
    events = json.loads(_run("events", "--json", "--db", str(db)).output)
    assert [(e["sub_event_type"], e["date_start"]) for e in events] == [
        ("Non-state actor overtakes territory", "2015-03-21")
    ]
