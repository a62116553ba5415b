"""Reader for ACLED CSV exports (the Armed Conflict Location & Event Data codebook columns).

Mapping (ACLED codebook -> the facts format):

- ``event_id_cnty`` -> the event id; it must be unique within the file.
- ``event_date`` -> the date (start = end). ACLED writes it as ``2016-03-15``
  (API), ``15 March 2016`` (export tool) or ``15-March-2016`` (older Excel
  exports); anything else is an error, so a day/month swap never slips in.
  ``time_precision`` (1 day, 2 week, 3 month) -> date precision. When the
  file has a ``year`` column it must agree with the date.
- ``event_type`` / ``sub_event_type`` -> the same fields, matched to the
  ACLED vocabulary of :mod:`contested.vocab` ignoring case (older files
  write "Strategic Developments", "protestors").
- ``actor1`` / ``actor2`` -> actor1 / actor2 as ACLED names them (an empty
  actor2 is none); ``assoc_actor_1`` / ``assoc_actor_2`` (``;``-separated)
  -> the associated actor lists. Each named actor1/actor2 is declared with
  the kind its ``inter1``/``inter2`` code gives (``data/sources/acled_inter.csv``).
- ``location`` + ``latitude``/``longitude`` -> the event's place and point,
  with ``admin1``/``admin2`` and the country (ISO ``iso`` number or
  ``country`` name -> two-letter code, ``data/sources/countries.csv``);
  ``geo_precision`` -> location precision.
- ``fatalities`` -> fatalities; ``source`` -> reported_by; ``notes`` -> notes.
- Kept in ``attrs``: disorder_type, inter1, inter2, interaction,
  civilian_targeting, admin3, source_scale, tags, timestamp (older files
  lack some; those are null). ``iso``, ``region`` and ``country`` are the
  place's (its country code), not repeated per event.

Column names are matched ignoring case (older exports are upper case); extra
columns (``data_id``, ``iso3``, ...) are ignored.

DOCS: docs/sources.md#acled
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb

from contested.sources._csv import (
    Check,
    CsvFile,
    canonical,
    check_rows,
    duplicates,
    map_distinct,
    read_header,
    require_columns,
    scan_csv,
    settle,
    without_rows,
)
from contested.sources._data import data_table
from contested.tables import FactTables, SourceInfo
from contested.vocab import EVENT_TYPES, SUB_EVENT_TYPES

REQUIRED = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)
OPTIONAL = (
    "year",
    "disorder_type",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "tags",
    "timestamp",
)

DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y")
# Over the distinct values of event_date (map_distinct): a few thousand, not a million.
_DATE = "try_strptime(trim(value), [" + ", ".join(f"'{f}'" for f in DATE_FORMATS) + "])::DATE"
_PLACE_REF = "location || ' @' || latitude || ',' || longitude"
_EVENT_TYPES = {t.lower(): t for t in EVENT_TYPES}
_SUB_EVENT_TYPES = {s.lower(): s for s in SUB_EVENT_TYPES}


def _fold_sub_event_type(value: str) -> str:
    # Older codebooks spell the sub-event "Excessive force against protestors".
    return value.strip().lower().replace("protestors", "protesters")


def _assoc(column: str) -> str:
    """SQL: a ``;``-separated actor list as a list of trimmed, non-empty names."""
    parts = f"list_transform(string_split({column}, ';'), x -> trim(x))"
    return f"coalesce(list_filter({parts}, x -> x <> ''), []::VARCHAR[])"


def _in(column: str, values: str) -> str:
    return f"coalesce({column} NOT IN ({values}), true)"


def _checks() -> tuple[Check, ...]:
    """Rules over the mapped columns of :data:`_SELECT` (``column`` names the file's)."""
    type_of = " ".join(f"WHEN '{s}' THEN '{t}'" for s, t in SUB_EVENT_TYPES.items())
    return (
        Check(
            "event_id_cnty",
            "event_id IS NULL OR trim(event_id) = ''",
            "an event id (e.g. SYR12345)",
        ),
        Check(
            "event_date",
            "date_start IS NULL",
            "a date as 2016-03-15, 15 March 2016 or 15-March-2016",
        ),
        Check(
            "year",
            "_year IS DISTINCT FROM year(date_start) AND _year IS NOT NULL",
            "the year of event_date",
        ),
        Check("time_precision", _in("date_precision", "1, 2, 3"), "1, 2 or 3"),
        Check("event_type", "event_type IS NULL", "an ACLED event type: " + ", ".join(EVENT_TYPES)),
        Check(
            "sub_event_type",
            f"coalesce(CASE sub_event_type {type_of} END <> event_type, true)",
            "an ACLED sub-event type of the row's event_type",
        ),
        Check("actor1", "actor1 IS NULL OR actor1 = ''", "the name of actor 1"),
        Check("location", "location IS NULL OR trim(location) = ''", "a location name"),
        Check("latitude", "coalesce(abs(lat) > 90, true)", "a latitude in degrees"),
        Check("longitude", "coalesce(abs(lon) > 180, true)", "a longitude in degrees"),
        Check("geo_precision", _in("location_precision", "1, 2, 3"), "1, 2 or 3"),
        Check(
            "fatalities",
            "coalesce(fatalities < 0 OR fatalities <> floor(fatalities), true)",
            "a whole number of fatalities (0 or more)",
        ),
    )


# One file row -> one event row, plus what the checks, places and actors need.
# Numbers are read as DOUBLE so the checks see "1.5" as such (casting straight to
# an integer would round it); the fact tables' schema makes them integers after.
_SELECT = f"""
    event_id_cnty AS event_id, event_type, sub_event_type, event_date,
    CASE WHEN year IS NOT NULL THEN coalesce(try_cast(year AS INTEGER), -1) END AS _year,
    try_cast(time_precision AS DOUBLE) AS date_precision,
    trim(actor1) AS actor1, {_assoc("assoc_actor_1")} AS assoc_actor1,
    nullif(trim(actor2), '') AS actor2, {_assoc("assoc_actor_2")} AS assoc_actor2,
    {_PLACE_REF} AS place,
    try_cast(latitude AS DOUBLE) AS lat, try_cast(longitude AS DOUBLE) AS lon,
    try_cast(geo_precision AS DOUBLE) AS location_precision,
    try_cast(fatalities AS DOUBLE) AS fatalities,
    notes, source AS reported_by,
    to_json({{'disorder_type': disorder_type, 'inter1': inter1, 'inter2': inter2,
              'interaction': interaction, 'civilian_targeting': civilian_targeting,
              'admin3': admin3, 'source_scale': source_scale, 'tags': tags,
              'timestamp': try_cast(timestamp AS BIGINT)}})::VARCHAR AS attrs,
    location, admin1, admin2, iso, country, trim(inter1) AS inter1, trim(inter2) AS inter2
"""

# Extra columns the single pass carries for the place and actor tables.
_EXTRA = ["event_date", "location", "admin1", "admin2", "iso", "country", "inter1", "inter2"]

# ACLED names state forces "Military Forces of Russia (2000-)", "Police Forces of
# Syria (2000-)"; foreign ones carry inter code 8 (external/other), yet are state forces.
_ACTOR_KIND = """
    CASE WHEN name SIMILAR TO '(Military|Police) Forces of .*' THEN 'state_force'
         ELSE arg_max(k.kind, a.n) END
"""

_ACTORS = f"""
    WITH a AS (
        SELECT name, inter, count(*) AS n
        FROM (
            SELECT actor1 AS name, inter1 AS inter FROM acled_rows
            UNION ALL
            SELECT actor2, inter2 FROM acled_rows
        )
        WHERE name IS NOT NULL
        GROUP BY ALL
    )
    SELECT name AS ref, name, NULL::VARCHAR[] AS aliases, {_ACTOR_KIND} AS kind
    FROM a LEFT JOIN acled_inter k ON a.inter = k.code OR lower(a.inter) = lower(k.label)
    GROUP BY name
    ORDER BY name
"""

_PLACES = """
    WITH p AS (
        SELECT DISTINCT ON (place) place, location, admin1, admin2, lat, lon, iso, country
        FROM acled_rows
    )
    SELECT p.place AS ref, p.location AS name, p.location AS mention,
           [p.location] AS aliases, p.admin1, p.admin2, coalesce(n.iso2, c.iso2) AS country,
           p.lat, p.lon
    FROM p
    LEFT JOIN countries n ON n.isonumeric = p.iso
    LEFT JOIN countries c ON lower(c.name) = lower(p.country)
    ORDER BY p.place
"""


class AcledReader:
    """ACLED CSV exports (API, export tool, or older upper-case files)."""

    name = "contested.acled_csv.v1"
    kind = "acled"

    def sniff(self, path: Path, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0].lower()
        return b"event_id_cnty" in first and b"sub_event_type" in first

    def read(self, path: Path, source: SourceInfo, *, skip_bad: bool) -> FactTables:
        columns = [name.strip().lower() for name in read_header(path)]
        require_columns(path, columns, REQUIRED, "the ACLED codebook columns")
        csv_file = CsvFile(
            path, tuple(columns), absent=tuple(c for c in OPTIONAL if c not in columns)
        )
        with duckdb.connect() as con:
            rows = scan_csv(con, csv_file, _SELECT)
            rows = rows.append_column("date_start", map_distinct(con, rows, "event_date", _DATE))
            rows = canonical(rows, "event_type", _EVENT_TYPES, str.lower)
            rows = canonical(rows, "sub_event_type", _SUB_EVENT_TYPES, _fold_sub_event_type)
            rows, skipped = check_rows(con, csv_file, rows, _checks(), skip_bad=skip_bad)
            repeated = duplicates(con, rows, "event_id", "event id", "event_id_cnty")
            settle(path, repeated, skip_bad=skip_bad)
            rows = without_rows(rows, repeated)
            con.register("acled_rows", rows)
            con.register("acled_inter", data_table("acled_inter.csv"))
            con.register("countries", data_table("countries.csv"))
            actors = con.execute(_ACTORS).to_arrow_table()
            places = con.execute(_PLACES).to_arrow_table()
        events = rows.drop_columns(_EXTRA).append_column("date_end", rows["date_start"])
        source = replace(source, title=source.title or Path(path).name, author="ACLED")
        return FactTables(
            source=source,
            events=events,
            actors=actors,
            places=places,
            skipped=tuple(sorted(skipped + repeated, key=_row_order)),
        )


def _row_order(problem: tuple[str, str]) -> int:
    return int(problem[0].removeprefix("row "))
