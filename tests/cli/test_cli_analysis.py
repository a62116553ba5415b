from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import Result

from contested.store import Store
from tests._data import SEED_GOLD, Invoke


@pytest.fixture
def seeded(invoke: Invoke) -> Invoke:
    """The invoke fixture over a knowledge base holding the seed's gold facts."""
    assert invoke("ingest", str(SEED_GOLD), "--no-progress").exit_code == 0
    return invoke


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("Palmyra", "--on", "2016-01-01"), ["islamic-state"]),
        # Tadmur names the city and its district; only the city has evidence.
        (("Tadmur", "--on", "2016-04-01"), ["syrian-regime", "unknown"]),
        (("Palmyra",), ["unknown", "islamic-state", "syrian-regime"]),
    ],
)
def test_cli_control_json(seeded: Invoke, args: tuple[str, ...], expected: list[str]) -> None:
    rows = _json(seeded("control", *args, "--json"))
    assert [r["controller"] for r in rows] == expected


def test_cli_control_table(seeded: Invoke) -> None:
    result = seeded("control", "Palmyra", "--on", "2016-01-01")
    assert result.exit_code == 0
    assert "Islamic State" in result.output


def test_cli_control_unknown_place(seeded: Invoke) -> None:
    result = seeded("control", "Atlantis")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith('Error: no place "Atlantis" in the knowledge')


def test_cli_map_csv(seeded: Invoke) -> None:
    lines = seeded("map", "--on", "2016-03-01", "--csv").output.splitlines()
    assert lines[0].startswith("place_id,place,admin1,lat,lon,controller,controller_name")
    assert any(line.startswith("palmyra,Palmyra,") and ",islamic-state," in line for line in lines)


def test_cli_map_geojson(seeded: Invoke) -> None:
    collection = _json(seeded("map", "--on", "2016-04-01", "--geojson"))
    [palmyra] = [f for f in collection["features"] if f["properties"]["place_id"] == "palmyra"]
    lon, lat = palmyra["geometry"]["coordinates"]
    assert (round(lon, 1), round(lat, 1)) == (38.3, 34.6)
    assert palmyra["properties"]["controller"] == "syrian-regime"


def test_cli_gains_json(seeded: Invoke) -> None:
    rows = _json(seeded("gains", "regime", "--from", "2016-03-01", "--to", "2016-03-31", "--json"))
    assert [(r["place_id"], r["change"], r["on"]) for r in rows] == [
        ("palmyra", "gained", "2016-03-27")
    ]


@pytest.mark.parametrize(("flags", "total"), [((), 19), (("--no-claims",), 6)])
def test_cli_attribute_json(seeded: Invoke, flags: tuple[str, ...], total: int) -> None:
    rows = _json(seeded("attribute", "--actor", "Russia", *flags, "--json"))
    assert sum(r["strikes"] for r in rows) == total
    assert "unknown" in {r["controller"] for r in rows}


def test_cli_attribute_each(seeded: Invoke) -> None:
    rows = _json(seeded("attribute", "--actor", "Russia", "--to", "2015-09-30", "--each", "--json"))
    assert {(r["kind"], r["fact_id"]) for r in rows} >= {("event", "e10"), ("claim", "c19")}


def test_cli_audit_json(seeded: Invoke) -> None:
    rows = _json(seeded("audit", "--claimant", "Kremlin", "--json"))
    assert [(r["claim_id"], r["verdict"]) for r in rows] == [("c27", "unverifiable")]
    assert len(rows[0]["evidence"]) == 2


def test_cli_members_table(seeded: Invoke) -> None:
    result = seeded("members", "Jaysh al-Fatah", "--on", "2015-04-01")
    assert result.exit_code == 0
    assert "Jabhat al-Nusra" in result.output and "Ahrar al-Sham" in result.output


def test_cli_lineage_csv(seeded: Invoke) -> None:
    lines = seeded("lineage", "Jaysh Khalid bin al-Walid", "--csv").output.splitlines()
    assert lines[0] == "direction,depth,actor_id,actor,predicate,into_id,into,on,sources"
    assert any(line.startswith("predecessor,1,liwa-shuhada-al-yarmouk,") for line in lines)


def test_cli_derive(seeded: Invoke) -> None:
    result = seeded("derive")
    assert result.exit_code == 0
    assert result.output == "49 rows in control_intervals, 27 rows in control_evidence\n"


def test_cli_analysis_rederives_when_sources_changed(seeded: Invoke, db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("DELETE FROM control_intervals")
    con.execute("UPDATE contested_meta SET value = 'stale' WHERE key = 'derived_fingerprint'")
    con.close()
    rows = _json(seeded("control", "Palmyra", "--on", "2016-01-01", "--json"))
    assert [r["controller"] for r in rows] == ["islamic-state"]
    with Store.open(db_path, read_only=True) as store:
        assert store.derived_is_current()
