"""Reader for GDELT 2.0 event files (``*.export.CSV``: tab-separated, no header, 61 columns).

Mapping (GDELT 2.0 event codebook -> the facts format):

- ``GLOBALEVENTID`` -> the event id (unique within the file); ``SQLDATE``
  (YYYYMMDD) -> the date (start = end).
- The CAMEO ``EventCode`` -> an ACLED event type and sub-event type through
  ``data/sources/cameo_to_acled.csv``: the most specific row wins (the
  full code, then ``EventBaseCode``, then ``EventRootCode``), and code 192
  (occupy territory) depends on whether actor 1 is a state or a non-state
  armed actor (``Actor1Type1Code`` via ``data/sources/cameo_actor_types.csv``).
  Codes with no sound ACLED equivalent (statements, consultations, aid,
  threats, unspecified force ...) are not events in the ACLED sense: they
  are counted, left out, and reported with warning W005.
- ``Actor1Name`` / ``Actor2Name`` -> actor1 / actor2, declared with the
  kind their ``Type1Code`` gives.
- ``ActionGeo_*`` -> the event's place: ``ActionGeo_FullName`` ("Aleppo,
  Halab, Syria") gives the name (first part) and admin1 (second part, for a
  city), ``ActionGeo_Type`` the kind (1 country, 2/5 region), lat/long the
  point, and the FIPS ``ActionGeo_CountryCode`` the ISO country
  (``data/sources/countries.csv``).
- ``SOURCEURL``'s host -> reported_by.
- Kept in ``attrs``: the CAMEO code and root, QuadClass, GoldsteinScale,
  NumMentions, NumSources, NumArticles, AvgTone, the actor codes,
  IsRootEvent, DATEADDED, ``ActionGeo_FeatureID`` (a GNS/GNIS feature id or
  an ADM1 code, not a GeoNames id, so it stays here) and SOURCEURL.

DOCS: docs/sources.md#gdelt
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow as pa

from contested.errors import Warnings
from contested.sources._csv import (
    Check,
    CsvFile,
    Dialect,
    check_rows,
    duplicates,
    scan_csv,
    settle,
    without_rows,
)
from contested.sources._data import data_table
from contested.tables import FactTables, SourceInfo

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
DIALECT = Dialect(delimiter="\t", header=False, quote="")

_SELECT = """
    GLOBALEVENTID AS event_id,
    try_strptime(SQLDATE, '%Y%m%d')::DATE AS date_start,
    nullif(trim(Actor1Name), '') AS actor1, nullif(trim(Actor2Name), '') AS actor2,
    Actor1Type1Code AS actor1_type, Actor2Type1Code AS actor2_type,
    EventCode AS code, EventBaseCode AS base_code, EventRootCode AS root_code,
    CASE WHEN ActionGeo_FullName IS NOT NULL
         THEN ActionGeo_FullName || ' @' || ActionGeo_Lat || ',' || ActionGeo_Long END AS place,
    ActionGeo_FullName AS place_name, ActionGeo_Type AS place_type,
    ActionGeo_CountryCode AS place_fips,
    try_cast(ActionGeo_Lat AS DOUBLE) AS lat, try_cast(ActionGeo_Long AS DOUBLE) AS lon,
    lower(regexp_extract(SOURCEURL, '^[A-Za-z][A-Za-z0-9+.-]*://(?:www\\.)?([^/:?#]+)', 1))
        AS reported_by,
    try_cast(GLOBALEVENTID AS BIGINT) AS _id, try_cast(GoldsteinScale AS DOUBLE) AS _goldstein,
    try_cast(NumMentions AS INTEGER) AS _mentions, ActionGeo_Lat AS _lat_text,
    ActionGeo_Long AS _lon_text, SOURCEURL AS _url,
    to_json({'cameo_code': EventCode, 'cameo_root': EventRootCode,
             'quad_class': try_cast(QuadClass AS INTEGER),
             'goldstein': try_cast(GoldsteinScale AS DOUBLE),
             'num_mentions': try_cast(NumMentions AS INTEGER),
             'num_sources': try_cast(NumSources AS INTEGER),
             'num_articles': try_cast(NumArticles AS INTEGER),
             'avg_tone': try_cast(AvgTone AS DOUBLE),
             'actor1_code': Actor1Code, 'actor2_code': Actor2Code,
             'is_root_event': IsRootEvent = '1', 'date_added': DATEADDED,
             'action_geo_feature_id': ActionGeo_FeatureID,
             'source_url': SOURCEURL})::VARCHAR AS attrs
"""

CHECKS = (
    Check("GLOBALEVENTID", "_id IS NULL", "a numeric GDELT event id"),
    Check("SQLDATE", "date_start IS NULL", "a date as YYYYMMDD"),
    Check(
        "EventCode",
        "NOT coalesce(regexp_full_match(code, '[0-9]{2,4}'), false)",
        "a CAMEO event code (2 to 4 digits)",
    ),
    Check(
        "EventRootCode",
        "root_code IS NULL OR NOT starts_with(code, root_code)",
        "the first two digits of EventCode",
    ),
    Check("GoldsteinScale", "coalesce(abs(_goldstein) > 10, true)", "a number from -10 to 10"),
    Check("NumMentions", "coalesce(_mentions < 0, true)", "a count of mentions"),
    Check(
        "ActionGeo_Lat",
        "_lat_text IS NOT NULL AND coalesce(abs(lat) > 90, true)",
        "a latitude in degrees",
    ),
    Check(
        "ActionGeo_Long",
        "_lon_text IS NOT NULL AND coalesce(abs(lon) > 180, true)",
        "a longitude in degrees",
    ),
    Check("SOURCEURL", "_url IS NOT NULL AND reported_by = ''", "a URL (http://host/...)"),
)

_EVENTS = """
    SELECT r.event_id, m.event_type, m.sub_event_type, r.date_start, r.date_start AS date_end,
           r.actor1, r.actor2, r.place, r.lat, r.lon, r.reported_by, r.row_number, r.attrs
    FROM gdelt_rows r
    JOIN cameo_match m ON m.code = r.code AND m.base_code IS NOT DISTINCT FROM r.base_code
        AND m.root_code IS NOT DISTINCT FROM r.root_code
        AND m.actor1_type IS NOT DISTINCT FROM r.actor1_type
    ORDER BY r.row_number
"""

_KEPT = "SELECT * FROM gdelt_rows WHERE row_number IN (SELECT row_number FROM gdelt_events)"

_ACTORS = f"""
    WITH r AS ({_KEPT}),
    a AS (
        SELECT actor1 AS name, actor1_type AS type_code FROM r
        UNION ALL
        SELECT actor2, actor2_type FROM r
    )
    SELECT name AS ref, name, NULL::VARCHAR[] AS aliases, mode(t.kind) AS kind
    FROM a LEFT JOIN cameo_actor_types t ON t.type_code = a.type_code
    WHERE name IS NOT NULL
    GROUP BY name
    ORDER BY name
"""

_PLACES = f"""
    SELECT DISTINCT ON (r.place)
        r.place AS ref,
        trim(split_part(r.place_name, ',', 1)) AS name, r.place_name AS mention,
        [r.place_name] AS aliases,
        CASE r.place_type WHEN '1' THEN 'country' WHEN '2' THEN 'region' WHEN '5' THEN 'region'
        END AS kind,
        CASE WHEN r.place_type IN ('3', '4') AND len(string_split(r.place_name, ',')) >= 3
             THEN trim(split_part(r.place_name, ',', 2)) END AS admin1,
        c.iso2 AS country, r.lat, r.lon
    FROM ({_KEPT}) r
    LEFT JOIN countries c ON c.fips = r.place_fips
    WHERE r.place IS NOT NULL
    ORDER BY r.place
"""


def _cameo_match(codes: list[tuple[str, str | None, str | None, str | None]]) -> pa.Table:
    """The ACLED type for each distinct (code, base code, root code, actor 1 type)."""
    mapping: dict[tuple[str, str | None], tuple[str, str]] = {}
    for row in data_table("cameo_to_acled.csv").to_pylist():
        mapping[(row["cameo_code"], row["actor1_side"])] = (
            row["event_type"],
            row["sub_event_type"],
        )
    sides = {r["type_code"]: r["side"] for r in data_table("cameo_actor_types.csv").to_pylist()}
    rows = []
    for code, base, root, actor1_type in codes:
        side = sides.get(actor1_type or "")
        found = next(
            (
                mapping[key]
                for candidate in (code, base, root)
                for key in ((candidate, None), (candidate, side))
                if candidate and key in mapping
            ),
            None,
        )
        if found:
            rows.append((code, base, root, actor1_type, *found))
    names = ["code", "base_code", "root_code", "actor1_type", "event_type", "sub_event_type"]
    return pa.table(
        dict(zip(names, map(list, zip(*rows, strict=True)), strict=True))
        if rows
        else {n: pa.array([], pa.string()) for n in names}
    )


def _unmapped_detail(con: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    """How many rows had no ACLED equivalent, and their commonest CAMEO root codes."""
    roots = con.execute(
        "SELECT root_code, count(*) AS n FROM gdelt_rows WHERE row_number NOT IN "
        "(SELECT row_number FROM gdelt_events) GROUP BY root_code ORDER BY n DESC, root_code"
    ).fetchall()
    shown = ", ".join(f"{root}: {n}" for root, n in roots[:5])
    more = ", ..." if len(roots) > 5 else ""
    return sum(n for _, n in roots), f"by CAMEO root code {shown}{more}"


class GdeltReader:
    """GDELT 2.0 event exports (``YYYYMMDDHHMMSS.export.CSV``)."""

    name = "contested.gdelt_events.v1"
    kind = "gdelt"

    def sniff(self, path: Path, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return path.name.lower().endswith(".export.csv") or first.count(b"\t") == len(COLUMNS) - 1

    def read(self, path: Path, source: SourceInfo, *, skip_bad: bool) -> FactTables:
        csv_file = CsvFile(path, COLUMNS, DIALECT)
        with duckdb.connect() as con:
            rows = scan_csv(con, csv_file, _SELECT)
            rows, skipped = check_rows(con, csv_file, rows, CHECKS, skip_bad=skip_bad)
            repeated = duplicates(con, rows, "event_id", "event id", "GLOBALEVENTID")
            settle(path, repeated, skip_bad=skip_bad)
            rows = without_rows(rows, repeated)
            con.register("gdelt_rows", rows)
            codes = con.execute(
                "SELECT DISTINCT code, base_code, root_code, actor1_type FROM gdelt_rows"
            ).fetchall()
            con.register("cameo_match", _cameo_match(codes))
            con.register("cameo_actor_types", data_table("cameo_actor_types.csv"))
            con.register("countries", data_table("countries.csv"))
            con.execute(f"CREATE TEMP TABLE gdelt_events AS {_EVENTS}")
            events = con.execute("SELECT * FROM gdelt_events").to_arrow_table()
            actors = con.execute(_ACTORS).to_arrow_table()
            places = con.execute(_PLACES).to_arrow_table()
            count, detail = _unmapped_detail(con)
        warnings = (Warnings.W005.format(path=path, count=count, detail=detail),) if count else ()
        source = replace(source, title=source.title or path.name, author="GDELT")
        return FactTables(
            source=source,
            events=events,
            actors=actors,
            places=places,
            skipped=tuple(sorted(skipped + repeated, key=lambda p: int(p[0].split()[1]))),
            warnings=warnings,
        )
