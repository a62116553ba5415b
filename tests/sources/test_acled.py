"""The ACLED reader, on a synthetic export in ACLED's format (ACLED data may not be shipped)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from contested.ingest import ingest
from contested.store import Store
from contested.vocab import SUB_EVENT_TYPES
from tests._data import DATA, table_counts

ACLED_SAMPLE = DATA / "acled_syria_sample.csv"
Rows = list[list[str]]


def _sample() -> Rows:
    with ACLED_SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: Rows) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _set(rows: Rows, row: int, column: str, value: str) -> Rows:
    rows[row][rows[0].index(column)] = value
    return rows


def _query(db: Path, sql: str, params: list[object] | None = None) -> list[dict[str, Any]]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql, params).to_pylist()


@pytest.fixture(scope="module")
def acled_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base holding the sample, ingested once for the tests that only read it."""
    path = tmp_path_factory.mktemp("acled") / "kb.duckdb"
    with Store.open(path) as store:
        ingest([ACLED_SAMPLE], store)
    return path


def test_acled_ingest_reports_counts(invoke: Callable[..., Result], db_path: Path) -> None:
    result = invoke("ingest", str(ACLED_SAMPLE))
    assert result.exit_code == 0
    assert result.output.endswith(": 30 events, 0 relations, 0 claims\n")
    assert _query(db_path, "SELECT kind, reader, author FROM sources WHERE kind = 'acled'") == [
        {"kind": "acled", "reader": "contested.acled_csv.v1", "author": "ACLED"}
    ]


def test_acled_sample_covers_every_sub_event_type(acled_kb: Path) -> None:
    found = _query(acled_kb, "SELECT DISTINCT event_type, sub_event_type FROM events")
    assert {(r["sub_event_type"], r["event_type"]) for r in found} == set(SUB_EVENT_TYPES.items())


@pytest.mark.parametrize(
    ("event_id", "fields"),
    [
        (
            "SYR20871",
            {
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "date_start": date(2017, 12, 31),
                "date_end": date(2017, 12, 31),
                "date_precision": 1,
                "actor1_text": "Military Forces of Russia (2000-)",
                "actor2_text": "Civilians (Syria)",
                "place_text": "Maarrat An Nu'man @35.6477,36.6722",
                "lat": 35.6477,
                "lon": 36.6722,
                "location_precision": 1,
                "fatalities": 3,
                "reported_by": "Syrian Observatory for Human Rights",
                "row_number": 1,
            },
        ),
        (
            "SYR20860",
            {
                "sub_event_type": "Non-state actor overtakes territory",
                "actor1_text": "Hayat Tahrir al-Sham",
                "fatalities": 10,
                "notes": "On 29 December 2017, HTS and Jaysh al-Izza fighters took control"
                " of Al-Zalaqiyat checkpoint, north of Hama, from regime forces. "
                '"Several" soldiers were reported killed; 10 fatalities coded.',
            },
        ),
        ("SYR20830", {"sub_event_type": "Grenade", "actor2": None, "actor2_text": None}),
        (
            "SYR20750",
            {
                "date_precision": 3,
                "location_precision": 2,
                "reported_by": "Syrian Observatory for Human Rights",
            },
        ),
        (
            "SYR20725",
            {
                "event_type": "Violence against civilians",
                "row_number": 30,
                "date_start": date(2017, 12, 3),
            },
        ),
    ],
)
def test_acled_rows_map_to_events(acled_kb: Path, event_id: str, fields: dict[str, object]) -> None:
    event = _query(acled_kb, "SELECT * FROM events WHERE event_id = ?", [event_id])[0]
    assert {key: event[key] for key in fields} == fields


@pytest.mark.parametrize(
    ("event_id", "role", "actors"),
    [
        ("SYR20870", "assoc_actor1", ["NDF: National Defence Forces", "Hezbollah"]),
        (
            "SYR20735",
            "assoc_actor1",
            ["YPG: People's Protection Units", "YPJ: Women's Protection Units"],
        ),
        (
            "SYR20785",
            "assoc_actor2",
            ["Military Forces of Turkey (2016-)", "Military Forces of Russia (2000-)"],
        ),
        ("SYR20830", "actor2", []),
    ],
)
def test_acled_actor_lists_split_on_semicolons(
    acled_kb: Path, event_id: str, role: str, actors: list[str]
) -> None:
    found = _query(
        acled_kb,
        "SELECT actor_text FROM event_actors WHERE event_id = ? AND role = ?",
        [event_id, role],
    )
    assert sorted(r["actor_text"] for r in found) == sorted(actors)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Military Forces of Russia (2000-)", "state_force"),
        ("Police Forces of Syria (2000-)", "state_force"),
        ("Hayat Tahrir al-Sham", "armed_group"),
        ("Unidentified Armed Group (Syria)", "militia"),
        ("Civilians (Syria)", "civilians"),
        ("Protesters (Syria)", "other"),
        ("Hezbollah", None),
    ],
)
def test_acled_actor_kinds_come_from_inter_codes(acled_kb: Path, name: str, kind: str) -> None:
    found = _query(acled_kb, "SELECT kind FROM source_actors WHERE ref = ?", [name])
    assert found == [{"kind": kind}]


def test_acled_places_carry_admin_and_country(acled_kb: Path) -> None:
    found = _query(
        acled_kb,
        "SELECT name, admin1, admin2, country, lat, lon FROM source_places "
        "WHERE ref = 'Atshan @35.2875,36.8403'",
    )
    assert found == [
        {
            "name": "Atshan",
            "admin1": "Hama",
            "admin2": "As-Salamiyeh",
            "country": "SY",
            "lat": 35.2875,
            "lon": 36.8403,
        }
    ]


def test_acled_keeps_codebook_fields_in_attrs(acled_kb: Path) -> None:
    attrs = _query(acled_kb, "SELECT attrs FROM events WHERE event_id = 'SYR20810'")[0]["attrs"]
    assert json.loads(str(attrs)) == {
        "disorder_type": "Demonstrations",
        "inter1": "6",
        "inter2": "0",
        "interaction": "60",
        "civilian_targeting": None,
        "admin3": "Atma",
        "source_scale": "Subnational",
        "tags": "crowd size=around 200",
        "timestamp": 1618528312,
    }


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2017-12-31", date(2017, 12, 31)),
        ("31 December 2017", date(2017, 12, 31)),
        ("31-December-2017", date(2017, 12, 31)),
        ("5 December 2017", date(2017, 12, 5)),
    ],
)
def test_acled_accepts_acled_date_forms(
    invoke: Callable[..., Result], db_path: Path, tmp_path: Path, written: str, expected: date
) -> None:
    path = _write(tmp_path / "acled.csv", _set(_sample(), 1, "event_date", written))
    assert invoke("ingest", str(path)).exit_code == 0
    found = _query(db_path, "SELECT date_start FROM events WHERE row_number = 1")
    assert found == [{"date_start": expected}]


def test_acled_reads_older_exports(
    invoke: Callable[..., Result], db_path: Path, tmp_path: Path
) -> None:
    """Upper-case headers, no 2023 columns, "Strategic Developments", "protestors"."""
    dropped = {"disorder_type", "civilian_targeting", "tags"}
    keep = [i for i, name in enumerate(_sample()[0]) if name not in dropped]
    rows = [[row[i] for i in keep] for row in _sample()]
    rows[0] = [name.upper() for name in rows[0]]
    for row in rows[1:]:
        row[4] = row[4].replace("Strategic developments", "Strategic Developments")
        row[5] = row[5].replace("protesters", "protestors")
    result = invoke("ingest", str(_write(tmp_path / "old.csv", rows)))
    assert result.exit_code == 0, result.output
    found = _query(
        db_path,
        "SELECT sub_event_type, attrs->>'tags' AS tags FROM events "
        "WHERE event_id IN ('SYR20800', 'SYR20785') ORDER BY event_id",
    )
    assert found == [
        {"sub_event_type": "Agreement", "tags": None},
        {"sub_event_type": "Excessive force against protesters", "tags": None},
    ]


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (
            5,
            "event_date",
            "12/28/2017",
            "row 5: event_date: expected a date as 2016-03-15, 15 March 2016 or 15-March-2016, "
            "got '12/28/2017'",
        ),
        (
            5,
            "event_date",
            "2017-02-30",
            "row 5: event_date: expected a date as 2016-03-15, 15 March 2016 or 15-March-2016, "
            "got '2017-02-30'",
        ),
        (6, "year", "2016", "row 6: year: expected the year of event_date, got '2016'"),
        (
            7,
            "event_type",
            "Battle",
            "row 7: event_type: expected an ACLED event type: Battles, Explosions/Remote violence, "
            "Violence against civilians, Protests, Riots, Strategic developments, got 'Battle'",
        ),
        (
            8,
            "sub_event_type",
            "Armed clash",
            "row 8: sub_event_type: expected an ACLED sub-event type of the row's event_type, "
            "got 'Armed clash'",
        ),
        (
            9,
            "fatalities",
            "1.5",
            "row 9: fatalities: expected a whole number of fatalities (0 or more), got '1.5'",
        ),
        (10, "latitude", "", "row 10: latitude: expected a latitude in degrees, got nothing"),
        (11, "actor1", " ", "row 11: actor1: expected the name of actor 1, got ' '"),
        (
            12,
            "event_id_cnty",
            "SYR20870",
            "row 12: event_id_cnty: 'SYR20870' already appears in row 2; "
            "expected each event id once",
        ),
    ],
)
def test_acled_bad_value_names_the_row(
    invoke: Callable[..., Result],
    db_path: Path,
    tmp_path: Path,
    row: int,
    column: str,
    value: str,
    message: str,
) -> None:
    invoke("ingest", str(DATA / "gdelt_sample.export.CSV"))
    before = table_counts(db_path)
    path = _write(tmp_path / "acled.csv", _set(_sample(), row, column, value))
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: {message}\n"
    assert table_counts(db_path) == before


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (
            "SYR20730,4 December 2017,2017,1,Political violence,Explosions/Remote violence",
            "row 29: expected 31 columns, found 6 (is the file truncated?)",
        ),
        (
            "SYR20730,4 December 2017,2017,1,Political violence,Explosions/Remote violence,"
            "Shelling/artillery/missile attack,Hayat Tahrir al-Sham,,2,Military Forces of Syria "
            "(2000-),,1,12,,760,Middle East,Syria,Aleppo,Jebel Saman,Aleppo,Aleppo - New Aleppo,"
            '36.1950,37.1025,1,SANA,National,"On 4 December',
            "row 29: a quoted value never ends; expected a closing quote (is the file truncated?)",
        ),
    ],
)
def test_acled_truncated_file_changes_nothing(
    invoke: Callable[..., Result], db_path: Path, tmp_path: Path, cut: str, message: str
) -> None:
    invoke("ingest", str(DATA / "gdelt_sample.export.CSV"))
    before = table_counts(db_path)
    text = ACLED_SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "acled.csv"
    path.write_text(text[: text.index(cut) + len(cut)], encoding="utf-8")
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: {message}\n"
    assert table_counts(db_path) == before


def test_acled_skip_leaves_out_bad_rows_only(
    invoke: Callable[..., Result], db_path: Path, tmp_path: Path
) -> None:
    rows = _set(_set(_sample(), 3, "fatalities", "many"), 20, "event_id_cnty", "SYR20871")
    path = _write(tmp_path / "acled.csv", rows)
    result = invoke("ingest", str(path), "--on-error", "skip")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{path}: source {_source_id(db_path)}: 28 events, 0 relations, 0 claims",
        f"[W004] {path}: 2 record(s) skipped because of errors",
        "  row 3: fatalities: expected a whole number of fatalities (0 or more), got 'many'",
        "  row 20: event_id_cnty: 'SYR20871' already appears in row 1; expected each event id once",
    ]
    rows_kept = _query(db_path, "SELECT row_number FROM events ORDER BY row_number")
    assert [r["row_number"] for r in rows_kept] == [n for n in range(1, 31) if n not in (3, 20)]


def _source_id(db: Path) -> str:
    return str(_query(db, "SELECT source_id FROM sources WHERE kind = 'acled'")[0]["source_id"])
