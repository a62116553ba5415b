"""Reader for the Syrian Archive's ``violations.csv`` (verified-video metadata, 2012-2017).

Each row is an allegation made by the channel that published a video, not an
established event, so each becomes a CLAIM:

- ``Reference_Code`` -> the claim id (unique within the file).
- ``Source`` (a channel or organisation) -> the claimant; the 47 rows
  without one are claimed by "Syrian Archive", which verified and published
  them (``attrs.claimant_missing`` marks them).
- ``Recording_Date`` -> the date (start = end); ``Recording_Hour`` /
  ``Recording_Minute`` -> ``attrs.recording_time``.
- ``Description`` -> the statement.
- ``Neighborhood`` (else ``City``) -> the place, with ``City`` (in fact the
  governorate, "ALEPPO") as admin1 and ``Latitude``/``Longitude`` when given;
  a "... nahiyah" / "... mantiqah" neighbourhood is a sub-district (kind
  area). Rows with coordinates but no name get a place named by the point.
- ``about`` (the alleged event), from three data tables in ``data/sources/``:
  ``Violation_Type`` (``syrianarchive_violation_types.csv``: "Alleged civilian
  casualties from Russian attacks" -> actor1 Russia, actor2 civilians, an air
  strike unless the row says otherwise), ``Weapons_Used`` then the
  description's words (``syrianarchive_keywords.csv``: barrel bomb, air
  strike, shelling, cluster munitions, chemical ...) -> event type and
  sub-event type, the most specific source first; and, where the type names
  no attacker, the description's words (``syrianarchive_actor_keywords.csv``)
  -> actor1. ``attrs.about_from`` says which source gave the event type.
- Kept in ``attrs``: Violation_Type, Weapons_Used, Video_URL, Youtube_ID,
  URLs_And_News, Page_Title, Database_ID. "NA" in any column means missing.

DOCS: docs/sources.md#syrian-archive
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from contested.sources._csv import (
    Check,
    CsvFile,
    check_rows,
    duplicates,
    read_header,
    require_columns,
    scan_csv,
    settle,
    without_rows,
)
from contested.sources._data import data_table
from contested.tables import FactTables, SourceInfo

COLUMNS = (
    "Description",
    "City",
    "Neighborhood",
    "Latitude",
    "Longitude",
    "Reference_Code",
    "Violation_Type",
    "Recording_Date",
    "Recording_Hour",
    "Recording_Minute",
    "Source",
    "Youtube_ID",
    "Weapons_Used",
    "URLs_And_News",
    "Page_Title",
    "Video_URL",
    "Database_ID",
)
PUBLISHER = "Syrian Archive"


def _value(column: str) -> str:
    """SQL: the column with "NA" and blanks as null."""
    return f"nullif(nullif(trim(\"{column}\"), 'NA'), '')"


# "Sarmin nahiyah", "Daraya mantiqah": sub-districts, named without the suffix.
_SUBDISTRICT = r"\s+(nahiyah|mantiqah)$"
# "DEIR EZZOR" -> "Deir Ezzor"
_GOVERNORATE = (
    f"array_to_string(list_transform(string_split(lower({_value('City')}), ' '), "
    "w -> upper(w[1]) || w[2:]), ' ')"
)
_NAME = f"""coalesce(trim(regexp_replace({_value("Neighborhood")}, '{_SUBDISTRICT}', '', 'i')),
                     {_GOVERNORATE})"""
_POINT = f"{_value('Latitude')} || ',' || {_value('Longitude')}"

_SELECT = f"""
    {_value("Reference_Code")} AS claim_id,
    coalesce({_value("Source")}, '{PUBLISHER}') AS claimant,
    try_cast({_value("Recording_Date")} AS DATE) AS date_start,
    {_value("Description")} AS statement,
    {_value("Violation_Type")} AS violation_type, {_value("Weapons_Used")} AS weapons,
    coalesce({_NAME} || coalesce(' @' || {_POINT}, ''), '@' || {_POINT}) AS about_place,
    {_NAME} AS place_name, {_value("Neighborhood")} AS place_mention,
    CASE WHEN regexp_matches({_value("Neighborhood")}, '{_SUBDISTRICT}', 'i') THEN 'area' END
        AS place_kind,
    {_GOVERNORATE} AS admin1,
    try_cast({_value("Latitude")} AS DOUBLE) AS lat,
    try_cast({_value("Longitude")} AS DOUBLE) AS lon,
    {_value("Latitude")} AS _lat_text, {_value("Longitude")} AS _lon_text,
    to_json({{'violation_type': {_value("Violation_Type")},
              'weapons_used': {_value("Weapons_Used")},
              'recording_time': lpad(try_cast(try_cast({_value("Recording_Hour")} AS DOUBLE)
                                              AS INTEGER)::VARCHAR, 2, '0')
                  || ':' || lpad(try_cast(try_cast({_value("Recording_Minute")} AS DOUBLE)
                                          AS INTEGER)::VARCHAR, 2, '0'),
              'video_url': {_value("Video_URL")}, 'youtube_id': {_value("Youtube_ID")},
              'urls_and_news': {_value("URLs_And_News")}, 'page_title': {_value("Page_Title")},
              'database_id': try_cast({_value("Database_ID")} AS BIGINT),
              'claimant_missing': {_value("Source")} IS NULL}}) AS attrs
"""

CHECKS = (
    Check("Reference_Code", "claim_id IS NULL", "a reference code (e.g. HO_dda72)"),
    Check("Recording_Date", "date_start IS NULL", "a date as YYYY-MM-DD"),
    Check(
        "Latitude",
        "_lat_text IS NOT NULL AND coalesce(abs(lat) > 90, true)",
        "a latitude in degrees or NA",
    ),
    Check(
        "Longitude",
        "_lon_text IS NOT NULL AND coalesce(abs(lon) > 180, true)",
        "a longitude in degrees or NA",
    ),
    Check(
        "Latitude",
        "(_lat_text IS NULL) <> (_lon_text IS NULL)",
        "both Latitude and Longitude, or neither",
    ),
)

_CLAIMS = """
    SELECT r.claim_id, r.claimant, r.date_start, r.date_start AS date_end, r.statement,
           a.event_type AS about_event_type, a.sub_event_type AS about_sub_event_type,
           a.actor1 AS about_actor1, a.actor2 AS about_actor2, r.about_place, r.row_number,
           json_merge_patch(r.attrs, json_object('about_from', a.basis))::VARCHAR AS attrs
    FROM archive_rows r JOIN attributions a USING (row_number)
    ORDER BY r.row_number
"""

_PLACES = """
    SELECT DISTINCT ON (about_place)
        about_place AS ref, place_name AS name, place_mention AS mention,
        list_filter([place_mention], x -> x IS NOT NULL) AS aliases, place_kind AS kind,
        admin1, 'SY' AS country, lat, lon
    FROM archive_rows
    WHERE about_place IS NOT NULL
    ORDER BY about_place
"""

_ACTORS = """
    SELECT DISTINCT ON (name) name AS ref, name, kind
    FROM (
        SELECT claimant AS name, 'other' AS kind, 1 AS priority FROM archive_rows
        UNION ALL
        SELECT actor1, actor1_kind, 0 FROM attributions
        UNION ALL
        SELECT actor2, actor2_kind, 0 FROM attributions
    )
    WHERE name IS NOT NULL
    ORDER BY name, priority
"""


@dataclass(frozen=True)
class Rule:
    """A pattern (a regular expression over lower-cased text) and what a match means."""

    pattern: re.Pattern[str]
    event_type: str | None
    sub_event_type: str | None


@cache
def _rules() -> dict[str, list[Rule]]:
    rules: dict[str, list[Rule]] = {"weapons": [], "description": []}
    for row in data_table("syrianarchive_keywords.csv").to_pylist():
        rule = Rule(re.compile(row["pattern"]), row["event_type"], row["sub_event_type"])
        rules[row["field"]].append(rule)
    return rules


@cache
def _actor_rules() -> list[tuple[re.Pattern[str], str, str]]:
    return [
        (re.compile(row["pattern"]), row["actor"], row["kind"])
        for row in data_table("syrianarchive_actor_keywords.csv").to_pylist()
    ]


@cache
def _violation_types() -> dict[str, dict[str, str | None]]:
    return {
        row["violation_type"]: row
        for row in data_table("syrianarchive_violation_types.csv").to_pylist()
    }


def _first(rules: list[Rule], text: str | None) -> Rule | None:
    lowered = (text or "").lower()
    return next((rule for rule in rules if rule.pattern.search(lowered)), None)


def attribute(violation_type: str | None, weapons: str | None, description: str | None) -> dict:
    """What one allegation is about: event type, sub-event type, actors, and the basis."""
    known = _violation_types().get(violation_type or "", {})
    typed = Rule(re.compile(""), known.get("event_type"), known.get("sub_event_type"))
    found = [
        (basis, rule)
        for basis, rule in (
            ("weapons", _first(_rules()["weapons"], weapons)),
            ("description", _first(_rules()["description"], description)),
            ("violation_type", typed),
        )
        if rule is not None and rule.event_type
    ]
    basis, event_type = (found[0][0], found[0][1].event_type) if found else (None, None)
    sub = next(
        (r.sub_event_type for _, r in found if r.event_type == event_type and r.sub_event_type),
        None,
    )
    actor1, kind1 = known.get("actor1"), known.get("actor1_kind")
    if not actor1:
        lowered = (description or "").lower()
        actor1, kind1 = next(
            ((actor, kind) for pattern, actor, kind in _actor_rules() if pattern.search(lowered)),
            (None, None),
        )
    return {
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actor1,
        "actor1_kind": kind1,
        "actor2": known.get("actor2"),
        "actor2_kind": known.get("actor2_kind"),
        "basis": basis,
    }


def _attributions(rows: pa.Table) -> pa.Table:
    found = [
        {"row_number": n, **attribute(v, w, d)}
        for n, v, w, d in zip(
            rows["row_number"].to_pylist(),
            rows["violation_type"].to_pylist(),
            rows["weapons"].to_pylist(),
            rows["statement"].to_pylist(),
            strict=True,
        )
    ]
    schema = pa.schema(
        [("row_number", pa.int64())]
        + [
            (name, pa.string())
            for name in (
                "event_type",
                "sub_event_type",
                "actor1",
                "actor1_kind",
                "actor2",
                "actor2_kind",
                "basis",
            )
        ]
    )
    return pa.Table.from_pylist(found, schema=schema)


class SyrianArchiveReader:
    """The Syrian Archive's violations database export (``violations.csv``)."""

    name = "contested.syrianarchive_csv.v1"
    kind = "syrianarchive"

    def sniff(self, path: Path, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return b"Reference_Code" in first and b"Violation_Type" in first

    def read(self, path: Path, source: SourceInfo, *, skip_bad: bool) -> FactTables:
        header = read_header(path)
        require_columns(path, header, COLUMNS, "the Syrian Archive violations.csv columns")
        csv_file = CsvFile(path, tuple(header))
        with duckdb.connect() as con:
            rows = scan_csv(con, csv_file, _SELECT)
            rows, skipped = check_rows(con, csv_file, rows, CHECKS, skip_bad=skip_bad)
            repeated = duplicates(con, rows, "claim_id", "reference code", "Reference_Code")
            settle(path, repeated, skip_bad=skip_bad)
            rows = without_rows(rows, repeated)
            con.register("archive_rows", rows)
            con.register("attributions", _attributions(rows))
            claims = con.execute(_CLAIMS).to_arrow_table()
            places = con.execute(_PLACES).to_arrow_table()
            actors = con.execute(_ACTORS).to_arrow_table()
        source = replace(source, title=source.title or path.name, author=PUBLISHER)
        return FactTables(
            source=source,
            claims=claims,
            places=places,
            actors=actors,
            skipped=tuple(sorted(skipped + repeated, key=lambda p: int(p[0].split()[1]))),
        )
