"""Reader for the UCDP Georeferenced Event Dataset (GED) CSV.

Mapping (UCDP GED codebook 19.1 -> the facts format):

- ``type_of_violence`` 1 (state-based) and 2 (non-state) -> Battles / Armed
  clash; 3 (one-sided violence) -> Violence against civilians / Attack. UCDP
  does not record the means (air strike, shelling), so nothing finer is
  claimed; the code stays in ``attrs.type_of_violence``.
- ``side_a`` -> actor1, ``side_b`` -> actor2, as UCDP names them (the
  resolver maps them to registry actors). A side listing several groups
  ("Ahrar al-Sham, Jabhat Fateh al-Sham") gives the first as the actor and
  the rest as associated actors.
- ``where_coordinates`` + ``latitude``/``longitude`` -> the event's place
  (``"Teir Maaleh village"`` -> place "Teir Maaleh", kind village) and point.
- ``date_start``/``date_end`` -> the date range; ``date_prec`` and
  ``where_prec`` -> date and location precision (UCDP's 1-5 and 1-7 scales).
- ``best``/``low``/``high`` -> fatalities (best estimate), low, high.
- ``source_office`` -> reported_by; ``source_headline`` -> notes.

DOCS: docs/sources.md#ucdp
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb

from contested.sources._csv import (
    Check,
    apply_checks,
    is_missing,
    load_raw,
    not_date,
    not_number,
    read_header,
    require_columns,
)
from contested.tables import FactTables, SourceInfo

REQUIRED = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "where_prec",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "low",
    "high",
    "source_office",
    "source_headline",
)

CHECKS = (
    Check("id", is_missing("id"), "an event id"),
    Check(
        "type_of_violence",
        "type_of_violence NOT IN ('1', '2', '3') OR type_of_violence IS NULL",
        "1, 2 or 3",
    ),
    Check(
        "date_start",
        is_missing("date_start") + " OR " + not_date("date_start"),
        "a date (YYYY-MM-DD)",
    ),
    Check(
        "date_end", is_missing("date_end") + " OR " + not_date("date_end"), "a date (YYYY-MM-DD)"
    ),
    Check("latitude", not_number("latitude"), "a latitude in degrees"),
    Check("longitude", not_number("longitude"), "a longitude in degrees"),
    Check("best", not_number("best", "BIGINT"), "a whole number of deaths"),
    Check("low", not_number("low", "BIGINT"), "a whole number of deaths"),
    Check("high", not_number("high", "BIGINT"), "a whole number of deaths"),
    Check("side_a", is_missing("side_a"), "the name of side A"),
)

# "Teir Maaleh village" -> ("Teir Maaleh", "village"); UCDP's own suffixes.
_PLACE_KIND = """
    CASE
        WHEN where_coordinates ILIKE '% village' THEN 'village'
        WHEN where_coordinates ILIKE '% town' THEN 'town'
        WHEN where_coordinates ILIKE '% city' THEN 'city'
        WHEN where_coordinates ILIKE '% governorate' OR where_coordinates ILIKE '% province'
            THEN 'region'
        WHEN where_coordinates ILIKE '% district' OR where_coordinates ILIKE '% subdistrict'
            THEN 'area'
        ELSE NULL
    END
"""
_PLACE_NAME = (
    "trim(regexp_replace(where_coordinates, "
    "'\\s+(village|town|city|governorate|province|district|subdistrict)$', '', 'i'))"
)
_PLACE_REF = "where_coordinates || ' @' || latitude || ',' || longitude"

_EVENTS = f"""
    SELECT
        id AS event_id,
        CASE type_of_violence WHEN '3' THEN 'Violence against civilians' ELSE 'Battles' END
            AS event_type,
        CASE type_of_violence WHEN '3' THEN 'Attack' ELSE 'Armed clash' END AS sub_event_type,
        try_cast(date_start AS TIMESTAMP)::DATE AS date_start,
        try_cast(date_end AS TIMESTAMP)::DATE AS date_end,
        NULL AS date_text,
        try_cast(date_prec AS TINYINT) AS date_precision,
        string_split(side_a, ', ')[1] AS actor1, string_split(side_a, ', ')[2:] AS assoc_actor1,
        string_split(side_b, ', ')[1] AS actor2, string_split(side_b, ', ')[2:] AS assoc_actor2,
        CASE WHEN where_coordinates IS NOT NULL THEN {_PLACE_REF} END AS place,
        try_cast(latitude AS DOUBLE) AS lat, try_cast(longitude AS DOUBLE) AS lon,
        try_cast(where_prec AS TINYINT) AS location_precision,
        try_cast(best AS BIGINT) AS fatalities,
        try_cast(low AS BIGINT) AS fatalities_low,
        try_cast(high AS BIGINT) AS fatalities_high,
        source_headline AS notes,
        source_office AS reported_by,
        NULL AS confidence, NULL AS quote, NULL AS span_start, NULL AS span_end, row_number,
        to_json({{'type_of_violence': try_cast(type_of_violence AS INTEGER),
                  'dyad_name': dyad_name, 'conflict_name': conflict_name,
                  'source_article': source_article,
                  'deaths_civilians': try_cast(deaths_civilians AS BIGINT)}})::VARCHAR AS attrs
    FROM raw
    ORDER BY row_number
"""

_PLACES = f"""
    SELECT DISTINCT ON ({_PLACE_REF})
        {_PLACE_REF} AS ref,
        {_PLACE_NAME} AS name,
        where_coordinates AS mention,
        [where_coordinates] AS aliases,
        {_PLACE_KIND} AS kind,
        trim(regexp_replace(adm_1, '\\s+governorate$', '', 'i')) AS admin1,
        trim(regexp_replace(adm_2, '\\s+district$', '', 'i')) AS admin2,
        'SY' AS country,
        try_cast(latitude AS DOUBLE) AS lat, try_cast(longitude AS DOUBLE) AS lon,
        NULL AS geonameid, NULL AS place_id, NULL AS resolution_rule,
        NULL AS resolution_confidence
    FROM raw
    WHERE where_coordinates IS NOT NULL
    ORDER BY ref
"""


class UcdpReader:
    """UCDP GED CSV (any country extract of the standard GED columns)."""

    name = "contested.ucdp_csv.v1"
    kind = "ucdp"

    def sniff(self, path: Path, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return b"dyad_name" in first and b"side_a" in first and b"where_coordinates" in first

    def read(self, path: Path, source: SourceInfo, *, skip_bad: bool) -> FactTables:
        header = read_header(path)
        require_columns(path, header, REQUIRED, "the UCDP GED columns")
        with duckdb.connect() as con:
            load_raw(con, path, header)
            skipped = apply_checks(con, path, CHECKS, skip_bad=skip_bad)
            events = con.execute(_EVENTS).to_arrow_table()
            places = con.execute(_PLACES).to_arrow_table()
        source = replace(source, title=source.title or Path(path).name, author="UCDP")
        return FactTables(source=source, events=events, places=places, skipped=tuple(skipped))
