"""The Syrian Archive reader on the bundled ``violations.csv`` (4,135 real rows)."""

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
from contested.sources.syrianarchive import attribute
from contested.store import Store
from tests._data import DATA, SYRIAN_ARCHIVE_CSV, table_counts

RUSSIAN = "Alleged civilian casualties from Russian attacks"


def _query(db: Path, sql: str, params: list[object] | None = None) -> list[dict[str, Any]]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql, params).to_pylist()


@pytest.fixture(scope="module")
def archive_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base holding the whole file, ingested once for this module."""
    path = tmp_path_factory.mktemp("syrianarchive") / "kb.duckdb"
    with Store.open(path) as store:
        ingest([SYRIAN_ARCHIVE_CSV], store)
    return path


@pytest.fixture(scope="module")
def archive_rows() -> list[dict[str, str]]:
    with SYRIAN_ARCHIVE_CSV.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_syrianarchive_rows_are_claims_not_events(archive_kb: Path) -> None:
    counts = _query(
        archive_kb, "SELECT n_events, n_claims, kind FROM sources WHERE kind <> 'registry'"
    )
    assert counts == [{"n_events": 0, "n_claims": 4135, "kind": "syrianarchive"}]


@pytest.mark.parametrize(
    ("row", "fields"),
    [
        (
            155,
            {
                "claim_id": "RU_76019",
                "claimant_text": "Qasioun News Agency",
                "date_start": date(2017, 4, 5),
                "date_end": date(2017, 4, 5),
                "statement": "one killed and many wounded by air bombardment on the southern "
                "villages of Aleppo",
                "about_event_type": "Explosions/Remote violence",
                "about_sub_event_type": "Air/drone strike",
                "about_actor1_text": "Russia",
                "about_actor2_text": "Civilians (Syria)",
                "about_place_text": "Um Al Karameel",
            },
        ),
        (
            3768,
            {
                "claim_id": "RU_2561",
                "claimant_text": "Palmyra Coordination",
                "date_start": date(2015, 9, 29),
                "about_actor1_text": "Russia",
                "about_place_text": "Palmyra @34.55972222,38.31583333",
                "lat": 34.55972222,
                "lon": 38.31583333,
            },
        ),
        (
            1062,
            {
                "claim_id": "HO_1014",
                "claimant_text": "Syrian Archive",
                "about_place_text": "Sakhour @36.216361,37.192778",
            },
        ),
        (
            2135,
            {
                "claim_id": "CL_1029",
                "about_sub_event_type": "Air/drone strike",
                "about_actor1_text": "Russia",
                "about_place_text": "@33.3732626,36.113797",
                "lat": 33.3732626,
            },
        ),
        (
            5,
            {
                "claim_id": "CL_817a0",
                "about_place_text": "Sarmin",
                "about_actor1_text": None,
                "about_event_type": "Explosions/Remote violence",
                "about_sub_event_type": "Shelling/artillery/missile attack",
            },
        ),
    ],
)
def test_syrianarchive_rows_map_to_claims(archive_kb: Path, row: int, fields: dict) -> None:
    claim = _query(archive_kb, "SELECT * FROM claims WHERE row_number = ?", [row])[0]
    assert {key: claim[key] for key in fields} == fields


def test_syrianarchive_russian_attacks_have_date_and_place(
    archive_kb: Path, archive_rows: list[dict[str, str]]
) -> None:
    """The strike-attribution analysis needs these: a date, a place, the file's coordinates."""
    claims = _query(
        archive_kb,
        "SELECT row_number, date_start, about_place_text, lat, lon "
        "FROM claims WHERE attrs->>'violation_type' = ?",
        [RUSSIAN],
    )
    assert len(claims) == 1635
    assert all(c["date_start"] is not None for c in claims)
    unplaced = [c["row_number"] for c in claims if c["about_place_text"] is None]
    assert [archive_rows[n - 1]["Neighborhood"] for n in unplaced] == ["NA"]
    for claim in claims:
        row = archive_rows[claim["row_number"] - 1]
        if row["Latitude"] != "NA":
            assert (claim["lat"], claim["lon"]) == (float(row["Latitude"]), float(row["Longitude"]))


def test_syrianarchive_places_are_named_and_placed(archive_kb: Path) -> None:
    found = _query(
        archive_kb,
        "SELECT name, mention, kind, admin1, country, lat FROM source_places "
        "WHERE ref IN ('Sarmin', 'Palmyra @34.55972222,38.31583333', "
        "'@33.3732626,36.113797') ORDER BY ref",
    )
    assert found == [
        {
            "name": None,
            "mention": None,
            "kind": None,
            "admin1": None,
            "country": "SY",
            "lat": 33.3732626,
        },
        {
            "name": "Palmyra",
            "mention": "Palmyra",
            "kind": None,
            "admin1": "Homs",
            "country": "SY",
            "lat": 34.55972222,
        },
        {
            "name": "Sarmin",
            "mention": "Sarmin nahiyah",
            "kind": "area",
            "admin1": "Idlib",
            "country": "SY",
            "lat": None,
        },
    ]


def test_syrianarchive_keeps_the_archive_fields(archive_kb: Path) -> None:
    attrs = _query(archive_kb, "SELECT attrs FROM claims WHERE claim_id = 'CL_817a0'")[0]["attrs"]
    assert json.loads(str(attrs)) == {
        "violation_type": "Use of illegal weapons",
        "weapons_used": "Cluster Munition",
        "recording_time": "18:02",
        "video_url": "https://media.syrianarchive.org/files/spoon2/sV_20170428_xDTt9gJix3k.mp4",
        "youtube_id": "https://www.youtube.com/watch?v=xDTt9gJix3k",
        "urls_and_news": None,
        "page_title": "817a0a26d201ab7f879e1574642ab99e6a966ce2f117d6fcbe0568c9",
        "database_id": 64246,
        "claimant_missing": False,
        "about_from": "weapons",
    }


def test_syrianarchive_source_less_rows_are_claimed_by_the_archive(archive_kb: Path) -> None:
    found = _query(
        archive_kb,
        "SELECT count(*) AS n FROM claims WHERE claimant_text = "
        "'Syrian Archive' AND (attrs->>'claimant_missing')::BOOLEAN",
    )
    assert found == [{"n": 47}]


@pytest.mark.parametrize(
    ("violation_type", "weapons", "description", "expected"),
    [
        (
            RUSSIAN,
            None,
            "Talbiseh Russian raid on the residential neighborhoods in the city",
            ("Explosions/Remote violence", "Air/drone strike", "Russia", "description"),
        ),
        (
            RUSSIAN,
            None,
            "145 civilians killed by the alleged Russian continuous shelling on Aleppo",
            (
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                "Russia",
                "description",
            ),
        ),
        (
            RUSSIAN,
            None,
            "Wounded being transported to a field hospital",
            ("Explosions/Remote violence", "Air/drone strike", "Russia", "violation_type"),
        ),
        (
            "Use of illegal weapons",
            "Barrel Bomb",
            "Targeting Hraytan town with barrel bombs - Aleppo countryside",
            ("Explosions/Remote violence", "Air/drone strike", None, "weapons"),
        ),
        (
            "Use of illegal weapons",
            "Chemical Weapons",
            "ISIS targeting Marea with chemical bombs",
            ("Explosions/Remote violence", "Chemical weapon", "Islamic State", "weapons"),
        ),
        (
            "Use of illegal weapons",
            "Cluster Munition",
            "Targeting Sarmin city in Idlib countryside with missile carrying cluster bombs.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack", None, "weapons"),
        ),
        (
            "Unlawful attacks",
            None,
            "tens of killed and wounded by a car bomb in Azaz town - Aleppo",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED", None, "description"),
        ),
        (
            "Other",
            None,
            "the destruction in Al-Sukkari Neighborhood by Assad's and Russian airstrikes - Aleppo",
            ("Explosions/Remote violence", "Air/drone strike", "Russia", "description"),
        ),
        (
            "Specifically protected persons and objects",
            None,
            "the destruction in a field hospital by Syrian regime's airstrikes - Aleppo",
            ("Explosions/Remote violence", "Air/drone strike", "Syrian regime", "description"),
        ),
        (
            None,
            None,
            "Faylaq Rahman spokesman Abdulrahman Alwan: Syrian regime in a state of Ego "
            "after Aleppo evacuation",
            (None, None, "Syrian regime", None),
        ),
    ],
)
def test_syrianarchive_attribute_reads_type_weapons_and_words(
    violation_type: str | None,
    weapons: str | None,
    description: str,
    expected: tuple[str | None, ...],
) -> None:
    found = attribute(violation_type, weapons, description)
    assert (found["event_type"], found["sub_event_type"], found["actor1"], found["basis"]) == (
        expected
    )


def _first_rows(count: int) -> list[list[str]]:
    with SYRIAN_ARCHIVE_CSV.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        return [next(reader) for _ in range(count + 1)]


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (
            17,
            "Recording_Date",
            "17/04/2017",
            "row 17: Recording_Date: expected a date as YYYY-MM-DD, got '17/04/2017'",
        ),
        (
            23,
            "Latitude",
            "35,9",
            "row 23: Latitude: expected a latitude in degrees or NA, got '35,9'",
        ),
        (
            31,
            "Reference_Code",
            "HO_dda72",
            "row 31: Reference_Code: 'HO_dda72' already appears in row 1; expected each reference "
            "code once",
        ),
    ],
)
def test_syrianarchive_bad_row_changes_nothing(
    invoke: Callable[..., Result],
    db_path: Path,
    tmp_path: Path,
    row: int,
    column: str,
    value: str,
    message: str,
) -> None:
    invoke("ingest", str(DATA / "acled_syria_sample.csv"))
    before = table_counts(db_path)
    rows = _first_rows(60)
    rows[row][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path = tmp_path / "violations.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: {message}\n"
    assert table_counts(db_path) == before
