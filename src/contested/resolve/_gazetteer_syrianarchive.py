"""Places of the Syrian Archive's video metadata: neighbourhoods and villages with a point.

Build-time only. The Syrian Archive (CC BY-SA 4.0) names where each video was
filmed: a governorate (``City``), a place (``Neighborhood``: a quarter of
Aleppo, Homs or Damascus, or a town) and often a point. Its spelling is loose
("KafrZita", "latamneh", "Tall Manissss") and some points are copied from
another row, so a place is kept only when its point lies in the governorate
the row names, is not the point of another known place, and no known place of
the same name lies in that governorate. The result is a separate, share-alike
layer of the gazetteer (see ``data/gazetteer/README.md``), never merged into
the CC BY file.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from contested.errors import InputError
from contested.resolve._gazetteer_admin import AdminLocator
from contested.resolve._gazetteer_sources import PlaceRecord, clean_name
from contested.resolve.gazetteer import haversine_km
from contested.resolve.names import fold

# The Syrian Archive's ``City`` column names a governorate; "DAMASCUS" covers
# the city and its countryside (Duma and Zamalka are filed under it).
GOVERNORATES = {
    "ALEPPO": ("SY02",),
    "DAMASCUS": ("SY01", "SY03"),
    "DARAA": ("SY12",),
    "DEIR EZZOR": ("SY09",),
    "HAMA": ("SY05",),
    "HOMS": ("SY04",),
    "IDLIB": ("SY07",),
    "LATTAKIA": ("SY06",),
}
# Words that make a row name an admin unit or a front line, not a place of its own.
_NOT_A_PLACE = re.compile(r"\b(nahiyah|nahiya|mantiqah|front|road|mall|na)\b", re.IGNORECASE)
# A known place this close (km) to a point, under another name, means the point was copied.
COPIED_KM = 0.5
# Points of one name this close (km) are one place.
SAME_PLACE_KM = 3.0
# A place this close (km) to a city is one of its quarters.
QUARTER_KM = 8.0


@dataclass(frozen=True)
class ArchiveRow:
    """One row's place: the governorate code, the name as written, the point."""

    city: str
    name: str
    lat: float
    lon: float


def tidy_name(raw: str) -> str:
    """A display form of a loosely spelt name (``KafrZita`` -> ``Kafr Zita``).

    >>> tidy_name("Tall Manissss"), tidy_name("latamneh"), tidy_name("Aljaser")
    ('Tall Manis', 'Latamneh', 'Al Jaser')
    """
    text = clean_name(raw)
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    text = re.sub(r"(\w)\1{2,}", r"\1", text)
    text = re.sub(r"\b([Aa])l(?=[bcdfghjklmnpqrstvwxyz][a-z]{2})", r"\1l ", text)
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


def read_archive(path: Path) -> list[ArchiveRow]:
    """Rows with a governorate, a place name and a point."""
    rows = []
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                city, name = row["City"].strip(), row["Neighborhood"].strip()
                if city not in GOVERNORATES or _NOT_A_PLACE.search(name) or len(name) < 3:
                    continue
                try:
                    lat, lon = round(float(row["Latitude"]), 5), round(float(row["Longitude"]), 5)
                except ValueError:
                    continue
                rows.append(ArchiveRow(city, tidy_name(name), lat, lon))
    except (OSError, KeyError) as exc:
        raise InputError(
            str(path), f"expected the Syrian Archive CSV with City, Neighborhood, Latitude ({exc})"
        ) from exc
    return rows


def _clusters(rows: list[ArchiveRow]) -> list[tuple[ArchiveRow, int, set[str]]]:
    """Rows of one folded name and governorate within a few km: (most filmed point, rows, names)."""
    by_key: dict[tuple[str, str], list[ArchiveRow]] = defaultdict(list)
    for row in rows:
        by_key[(fold(row.name), row.city)].append(row)
    found = []
    for _, members in sorted(by_key.items()):
        counts = Counter(members)
        remaining = sorted(counts, key=lambda r: (-counts[r], r.lat, r.lon, r.name))
        while remaining:
            head = remaining[0]
            group = [
                r
                for r in remaining
                if haversine_km(head.lat, head.lon, r.lat, r.lon) <= SAME_PLACE_KM
            ]
            remaining = [r for r in remaining if r not in group]
            found.append((head, sum(counts[r] for r in group), {r.name for r in group}))
    return found


def archive_records(
    rows: list[ArchiveRow], known: list[PlaceRecord], locator: AdminLocator
) -> list[PlaceRecord]:
    """The places of the archive that the other sources lack, each checked as described above."""
    keyed: dict[str, list[PlaceRecord]] = defaultdict(list)
    for record in known:
        for name in record.names():
            keyed[fold(name)].append(record)
    located = [r for r in known if r.lat is not None and r.lon is not None and r.country == "SY"]
    cities = [r for r in located if r.kind == "city"]
    records = []
    for head, count, names in _clusters(rows):
        units = locator.locate(head.lat, head.lon)
        governorate = units.get(1)
        if governorate is None or governorate.pcode not in GOVERNORATES[head.city]:
            continue
        if _copied_or_known(head, governorate.pcode, keyed, located, locator):
            continue
        near_city = any(_km(head, c) <= QUARTER_KM for c in cities)
        records.append(
            PlaceRecord(
                name=head.name,
                kind="district" if near_city else "village",
                lat=head.lat,
                lon=head.lon,
                country="SY",
                source="syrianarchive",
                source_id=f"syrianarchive:{head.city}:{head.name}",
                name_rank=3,
                aliases=names - {head.name},
                fixed_kind=True,
                note=f"Syrian Archive (CC BY-SA 4.0): {count} video(s) filmed here",
            )
        )
    return records


def _km(row: ArchiveRow, record: PlaceRecord) -> float:
    assert record.lat is not None and record.lon is not None
    return haversine_km(row.lat, row.lon, record.lat, record.lon)


def _copied_or_known(
    head: ArchiveRow,
    pcode: str,
    keyed: dict[str, list[PlaceRecord]],
    located: list[PlaceRecord],
    locator: AdminLocator,
) -> bool:
    """Known already (same name in the governorate), or the point of another named place."""
    for record in keyed.get(fold(head.name), []):
        if record.lat is None or record.lon is None:
            continue
        if _km(head, record) <= 10.0:
            return True
        held = locator.locate(record.lat, record.lon).get(1)
        if held is not None and held.pcode == pcode:
            return True
    return any(r.kind in ("village", "town") and _km(head, r) <= COPIED_KM for r in located)
