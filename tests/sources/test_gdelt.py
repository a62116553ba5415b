"""The GDELT 2.0 event reader, on a synthetic export in GDELT's format."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from contested.ingest import ingest
from contested.sources import pick_reader
from contested.sources.gdelt import COLUMNS, _cameo_match
from contested.store import Store
from tests._data import DATA, table_counts

GDELT_SAMPLE = DATA / "gdelt_sample.export.CSV"
W005 = (
    "[W005] {path}: 5 row(s) have no ACLED equivalent and were not stored "
    "(by CAMEO root code 01: 1, 04: 1, 11: 1, 13: 1, 18: 1)"
)


def _query(db: Path, sql: str, params: list[object] | None = None) -> list[dict[str, Any]]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql, params).to_pylist()


def _lines() -> list[list[str]]:
    return [line.split("\t") for line in GDELT_SAMPLE.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, lines: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(fields) + "\n" for fields in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gdelt_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base holding the sample, ingested once for the tests that only read it."""
    path = tmp_path_factory.mktemp("gdelt") / "kb.duckdb"
    with Store.open(path) as store:
        ingest([GDELT_SAMPLE], store)
    return path


def test_gdelt_ingest_warns_about_rows_without_acled_equivalent(
    invoke: Callable[..., Result], db_path: Path
) -> None:
    result = invoke("ingest", str(GDELT_SAMPLE))
    assert result.exit_code == 0
    source_id = _query(db_path, "SELECT source_id FROM sources WHERE kind = 'gdelt'")[0][
        "source_id"
    ]
    assert result.output.splitlines() == [
        f"{GDELT_SAMPLE}: source {source_id}: 16 events, 0 relations, 0 claims",
        W005.format(path=GDELT_SAMPLE),
    ]


@pytest.mark.parametrize(
    ("event_id", "event_type", "sub_event_type"),
    [
        ("598187155", "Battles", "Armed clash"),  # 190
        ("598187161", "Explosions/Remote violence", "Air/drone strike"),  # 195
        ("598187170", "Explosions/Remote violence", "Air/drone strike"),  # 1951, via 195
        ("598187188", "Explosions/Remote violence", "Shelling/artillery/missile attack"),  # 194
        ("598187190", "Explosions/Remote violence", "Suicide bomb"),  # 1831
        ("598187204", "Explosions/Remote violence", "Remote explosive/landmine/IED"),  # 1832
        ("598187215", "Violence against civilians", "Abduction/forced disappearance"),  # 181
        ("598187223", "Strategic developments", "Arrests"),  # 173
        ("598187230", "Protests", "Peaceful protest"),  # 1411, via root 14
        ("598187231", "Riots", "Violent demonstration"),  # 145
        ("598187244", "Strategic developments", "Agreement"),  # 057
        ("598187250", "Strategic developments", "Agreement"),  # 0871
        ("598187263", "Battles", "Government regains territory"),  # 192 by SYRMIL
        ("598187270", "Battles", "Non-state actor overtakes territory"),  # 192 by SYRREB
        ("598187281", "Battles", "Armed clash"),  # 193
        ("598187333", "Violence against civilians", "Attack"),  # 186
    ],
)
def test_gdelt_cameo_codes_map_to_acled(
    gdelt_kb: Path, event_id: str, event_type: str, sub_event_type: str
) -> None:
    found = _query(
        gdelt_kb, "SELECT event_type, sub_event_type FROM events WHERE event_id = ?", [event_id]
    )
    assert found == [{"event_type": event_type, "sub_event_type": sub_event_type}]


@pytest.mark.parametrize(
    ("code", "actor1_type", "expected"),
    [
        ("1952", "MIL", ("Explosions/Remote violence", "Air/drone strike")),
        ("1413", "CVL", ("Protests", "Peaceful protest")),
        ("1454", None, ("Riots", "Violent demonstration")),
        ("1821", None, ("Violence against civilians", "Sexual violence")),
        ("2041", "MIL", ("Explosions/Remote violence", "Chemical weapon")),
        ("0874", "REB", ("Strategic developments", "Non-violent transfer of territory")),
        ("192", "GOV", ("Battles", "Government regains territory")),
        ("192", "INS", ("Battles", "Non-state actor overtakes territory")),
        ("192", "CVL", None),
        ("192", None, None),
        ("180", "REB", None),
        ("191", "MIL", None),
        ("042", "GOV", None),
        ("1246", "GOV", None),
    ],
)
def test_gdelt_cameo_mapping_takes_the_most_specific_row(
    code: str, actor1_type: str | None, expected: tuple[str, str] | None
) -> None:
    base, root = code[:3], code[:2]
    found = _cameo_match([(code, base, root, actor1_type)]).to_pylist()
    assert [(r["event_type"], r["sub_event_type"]) for r in found] == (
        [expected] if expected else []
    )


def test_gdelt_event_fields(gdelt_kb: Path) -> None:
    event = _query(gdelt_kb, "SELECT * FROM events WHERE event_id = '598187161'")[0]
    assert {
        k: event[k]
        for k in (
            "date_start",
            "date_end",
            "actor1_text",
            "actor2_text",
            "place_text",
            "lat",
            "lon",
            "reported_by",
            "row_number",
            "fatalities",
        )
    } == {
        "date_start": date(2016, 9, 13),
        "date_end": date(2016, 9, 13),
        "actor1_text": "RUSSIA",
        "actor2_text": "REBEL",
        "place_text": "Idlib, Idlib, Syria @35.9306,36.6339",
        "lat": 35.9306,
        "lon": 36.6339,
        "reported_by": "aljazeera.com",
        "row_number": 2,
        "fatalities": None,
    }
    assert json.loads(str(event["attrs"])) == {
        "cameo_code": "195",
        "cameo_root": "19",
        "quad_class": 4,
        "goldstein": -10.0,
        "num_mentions": 24,
        "num_sources": 3,
        "num_articles": 22,
        "avg_tone": -7.4138,
        "actor1_code": "RUSMIL",
        "actor2_code": "SYRREB",
        "is_root_event": True,
        "date_added": "20160913141500",
        "action_geo_feature_id": "-2343576",
        "source_url": "http://www.aljazeera.com/news/2016/09/russian-jets-strike-idlib-160913.html",
    }


def test_gdelt_event_without_action_location_has_no_place(gdelt_kb: Path) -> None:
    found = _query(gdelt_kb, "SELECT place_id, lat FROM events WHERE event_id = '598187333'")
    assert found == [{"place_id": None, "lat": None}]


@pytest.mark.parametrize(
    ("ref", "place"),
    [
        (
            "Aleppo, Halab, Syria @36.2028,37.1586",
            {"name": "Aleppo", "kind": None, "admin1": "Halab", "country": "SY"},
        ),
        ("Syria @35,38", {"name": "Syria", "kind": "country", "admin1": None, "country": "SY"}),
    ],
)
def test_gdelt_places_come_from_action_geo(gdelt_kb: Path, ref: str, place: dict) -> None:
    found = _query(
        gdelt_kb, "SELECT name, kind, admin1, country FROM source_places WHERE ref = ?", [ref]
    )
    assert found == [place]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("REBEL", "armed_group"),
        ("ISLAMIC STATE", "armed_group"),
        ("POLICE", "state_force"),
        ("CIVILIAN", "civilians"),
        ("UNITED STATES", None),
    ],
)
def test_gdelt_actor_kinds_come_from_type_codes(gdelt_kb: Path, name: str, kind: str) -> None:
    assert _query(gdelt_kb, "SELECT kind FROM source_actors WHERE ref = ?", [name]) == [
        {"kind": kind}
    ]


@pytest.mark.parametrize("name", ["20160913141500.export.CSV", "gdelt-events.tsv"])
def test_gdelt_sniffs_the_name_or_the_column_count(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copy(GDELT_SAMPLE, path)
    assert pick_reader(path).kind == "gdelt"


def _field(lines: list[list[str]], row: int, column: str, value: str) -> list[list[str]]:
    lines[row - 1][COLUMNS.index(column)] = value
    return lines


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda lines: _field(lines, 4, "SQLDATE", "2016-09-13"),
            "row 4: SQLDATE: expected a date as YYYYMMDD, got '2016-09-13'",
        ),
        (
            lambda lines: _field(lines, 6, "EventCode", "19x"),
            "row 6: EventCode: expected a CAMEO event code (2 to 4 digits), got '19x'",
        ),
        (
            lambda lines: _field(lines, 7, "GLOBALEVENTID", "598187155"),
            "row 7: GLOBALEVENTID: '598187155' already appears in row 1; expected each event id "
            "once",
        ),
        (
            lambda lines: _field(lines, 8, "ActionGeo_Lat", "north"),
            "row 8: ActionGeo_Lat: expected a latitude in degrees, got 'north'",
        ),
        (
            lambda lines: [*lines[:9], lines[9][:58]],
            "row 10: expected 61 columns, found 58 (is the file truncated?)",
        ),
    ],
)
def test_gdelt_bad_row_changes_nothing(
    invoke: Callable[..., Result],
    db_path: Path,
    tmp_path: Path,
    change: Callable[[list[list[str]]], list[list[str]]],
    message: str,
) -> None:
    invoke("ingest", str(DATA / "acled_syria_sample.csv"))
    before = table_counts(db_path)
    path = _write(tmp_path / "20160913141500.export.CSV", change(_lines()))
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: {message}\n"
    assert table_counts(db_path) == before
