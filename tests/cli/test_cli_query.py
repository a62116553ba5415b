from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._data import SEED_GOLD, Invoke


@pytest.fixture
def seeded(invoke: Invoke) -> Invoke:
    """The invoke fixture over a knowledge base holding the seed's gold facts."""
    assert invoke("ingest", str(SEED_GOLD)).exit_code == 0
    return invoke


def _json(result) -> list[dict]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cli_sources_table(seeded: Invoke) -> None:
    result = seeded("sources")
    assert result.exit_code == 0
    assert "facts" in result.output
    assert "source_id" in result.output


def test_cli_sources_json(seeded: Invoke) -> None:
    registry, row = _json(seeded("sources", "--json"))
    assert (registry["kind"], registry["title"]) == ("registry", "contested actor registry")
    assert (row["kind"], row["events"], row["relations"], row["claims"]) == ("facts", 75, 63, 29)
    assert row["title"] == "Russia Needs the Islamic State to Save Assad"


def test_cli_sources_csv(seeded: Invoke) -> None:
    lines = seeded("sources", "--csv").output.splitlines()
    assert lines[0].startswith("source_id,kind,path,title,published,events")
    assert len(lines) == 3  # the header, the registry, the gold file


def test_cli_sources_json_and_csv_conflict(seeded: Invoke) -> None:
    result = seeded("sources", "--json", "--csv")
    assert result.exit_code == 1
    assert result.output == "Error: --json cannot be used with --csv\n"


@pytest.mark.parametrize(
    ("args", "expected_ids"),
    [
        (
            ["--actor", "Jaysh al-Fatah", "--from", "2015-01-01", "--to", "2015-12-31"],
            ["e02", "e03", "e04"],
        ),
        (["--actor", "JAF", "--to", "2015-04-30"], ["e02", "e03"]),
        (["--place", "Palmyra"], ["e13", "e38", "e39", "e41"]),
        (["--place", "tadmur"], ["e13", "e38", "e39", "e41"]),
        (
            [
                "--type",
                "Government regains territory",
                "--from",
                "2016-03-01",
                "--to",
                "2016-03-31",
            ],
            ["e41", "e42"],
        ),
    ],
)
def test_cli_events_filters(seeded: Invoke, args: list[str], expected_ids: list[str]) -> None:
    rows = _json(seeded("events", *args, "--json"))
    assert sorted(r["event_id"] for r in rows) == expected_ids


def test_cli_events_type_matches_event_type(seeded: Invoke) -> None:
    rows = _json(seeded("events", "--type", "battles", "--json", "--limit", "500"))
    assert rows and all(r["event_type"] == "Battles" for r in rows)


def test_cli_events_source_filter(seeded: Invoke) -> None:
    assert (
        len(_json(seeded("events", "--source", "000_004d2f17e3819bd9", "--json", "--limit", "500")))
        == 75
    )
    assert _json(seeded("events", "--source", "nope", "--json")) == []


def test_cli_events_limit_and_offset_page_in_order(seeded: Invoke) -> None:
    first = _json(seeded("events", "--limit", "5", "--json"))
    second = _json(seeded("events", "--limit", "5", "--offset", "5", "--json"))
    both = _json(seeded("events", "--limit", "10", "--json"))
    assert [r["event_id"] for r in first + second] == [r["event_id"] for r in both]
    assert [r["date_start"] for r in both] == sorted(r["date_start"] for r in both)


def test_cli_events_rows_carry_their_quote(seeded: Invoke) -> None:
    rows = _json(seeded("events", "--actor", "JAF", "--to", "2015-03-31", "--json"))
    assert rows[0]["quote"].startswith("In late March 2015, the Assad regime was swept from Idlib")
    assert rows[0]["source"] == "Russia Needs the Islamic State to Save Assad"


def test_cli_events_table_and_csv(seeded: Invoke) -> None:
    table = seeded("events", "--place", "Palmyra")
    assert table.exit_code == 0 and "Palmyra" in table.output
    lines = seeded("events", "--place", "Palmyra", "--csv").output.splitlines()
    assert lines[0].startswith("source_id,event_id,date_start")
    assert len(lines) == 5


def test_cli_sql_json(seeded: Invoke) -> None:
    rows = _json(
        seeded(
            "sql",
            "SELECT predicate, count(*) AS n FROM relations JOIN sources USING (source_id) "
            "WHERE kind = 'facts' GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1",
            "--json",
        )
    )
    assert rows == [{"predicate": "supported_by", "n": 23}]


def test_cli_sql_is_read_only(seeded: Invoke) -> None:
    result = seeded("sql", "DELETE FROM events")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "read-only" in result.output
    assert len(_json(seeded("sql", "SELECT * FROM events", "--json"))) == 75


def test_cli_sql_bad_query_is_one_line(seeded: Invoke) -> None:
    result = seeded("sql", "SELECT nope FROM events")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1


def test_cli_query_without_a_knowledge_base(invoke: Invoke, db_path: Path) -> None:
    result = invoke("events")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {db_path} does not exist. Run 'contested ingest FILE' first, or point --db at "
        "a knowledge base.\n"
    )
