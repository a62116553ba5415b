"""OCHA administrative units: the places they make, and point-in-polygon admin codes.

Build-time only (shapely). Governorates (admin1), districts (admin2) and
sub-districts (admin3) become places of kind ``region`` with their P-code;
every Syrian point place gets the admin1/admin2/admin3 whose polygon holds it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from contested.errors import InputError
from contested.resolve._gazetteer_sources import PlaceRecord, clean_name

ADMIN_FILES = {
    1: "syria-ocha-admin1.geojson",
    2: "syria-ocha-admin2.geojson",
    3: "syria-ocha-admin3.geojson",
}
CAPITALS_FILE = "syria-ocha-admincapitals.geojson"
NEIGHBOURS_FILE = "syria-and-neighbours-naturalearth-10m.geojson"
SYRIA_FILE = "syria-naturalearth-10m.geojson"
# A point this close (degrees, about 5 km) to a polygon it is not inside is
# given that polygon: coordinates on the border or a river bank miss by a little.
NEAREST_LIMIT = 0.05


@dataclass(frozen=True)
class AdminUnit:
    """One OCHA admin unit with its polygon."""

    level: int
    pcode: str
    name: str
    name_ar: str
    ref_name: str
    parent_pcode: str | None
    geometry: BaseGeometry
    lat: float
    lon: float


def _features(path: Path) -> list[dict[str, Any]]:
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(path), f"expected a GeoJSON FeatureCollection ({exc})") from exc
    return list(features)


def read_admin_units(boundaries: Path) -> dict[int, list[AdminUnit]]:
    """The governorates, districts and sub-districts of the OCHA boundaries."""
    units: dict[int, list[AdminUnit]] = {}
    for level, filename in ADMIN_FILES.items():
        rows = []
        for feature in _features(boundaries / filename):
            p = feature["properties"]
            prefix = f"adm{level}_"
            rows.append(
                AdminUnit(
                    level=level,
                    pcode=p[prefix + "pcode"],
                    name=p[prefix + "name"],
                    name_ar=p[prefix + "name1"],
                    ref_name=p[prefix + "ref_n"],
                    parent_pcode=p.get(f"adm{level - 1}_pcode") if level > 1 else None,
                    geometry=shape(feature["geometry"]),
                    lat=round(float(p["center_lat"]), 5),
                    lon=round(float(p["center_lon"]), 5),
                )
            )
        units[level] = sorted(rows, key=lambda u: u.pcode)
    return units


_LEVEL_WORDS = {
    1: ("Governorate", ("Governorate", "Province", "governorate", "province")),
    2: ("District", ("District", "district", "Mintaqat")),
    3: ("Sub-district", ("Sub-district", "Subdistrict", "sub-district", "subdistrict", "Nahiya")),
}


def admin_records(units: dict[int, list[AdminUnit]], names: dict[str, Any]) -> list[PlaceRecord]:
    """One ``region`` place per admin unit; ``names`` (from the additions) sets common names."""
    records = []
    for level, level_units in units.items():
        label, words = _LEVEL_WORDS[level]
        for unit in level_units:
            extra = names.get(unit.pcode, {})
            common = extra.get("common", clean_name(unit.name))
            bare = {clean_name(unit.name), clean_name(unit.ref_name), common}
            aliases = set(bare) | {unit.name_ar} | set(extra.get("aliases", []))
            aliases |= {f"{b} {w}" for b in bare for w in words if w != "Mintaqat"}
            if level == 2:
                aliases |= {f"Mintaqat {b}" for b in bare}
            records.append(
                PlaceRecord(
                    name=f"{common} {label}",
                    kind="region",
                    lat=unit.lat,
                    lon=unit.lon,
                    country="SY",
                    source="ocha",
                    source_id=f"ocha:{unit.pcode}",
                    name_rank=0,
                    aliases={a for a in aliases if a},
                    admin_level=level,
                    pcode=unit.pcode,
                    fixed_kind=True,
                )
            )
    return records


def capital_records(boundaries: Path) -> list[PlaceRecord]:
    """Towns that are the seat of an admin unit (OCHA admin capitals)."""
    records = []
    for feature in _features(boundaries / CAPITALS_FILE):
        p = feature["properties"]
        level = int(p["adm_p_lvl"])
        # OCHA names the level-1 capitals after their district (Aleppo is "Jebel Saman").
        name = clean_name(p["adm1_name"] if level == 1 else p["name"])
        lon, lat = feature["geometry"]["coordinates"][:2]
        records.append(
            PlaceRecord(
                name=name,
                kind="city" if level <= 1 else "town",
                lat=round(float(lat), 5),
                lon=round(float(lon), 5),
                country="SY",
                source="ocha",
                source_id=f"ocha-capital:{level}:{name}",
                name_rank=4,
                aliases=set() if level == 1 else {clean_name(p["name"])} - {name},
            )
        )
    return sorted(records, key=lambda r: r.source_id)


class AdminLocator:
    """Point-in-polygon lookup of the admin units holding a point (shapely STRtree)."""

    def __init__(self, units: dict[int, list[AdminUnit]]) -> None:
        self.units = units
        self.trees = {lvl: STRtree([u.geometry for u in us]) for lvl, us in units.items()}
        self.by_pcode = {u.pcode: u for us in units.values() for u in us}

    def locate(self, lat: float, lon: float) -> dict[int, AdminUnit]:
        """The admin unit of each level holding the point, or the nearest within a few km."""
        point = Point(lon, lat)
        found: dict[int, AdminUnit] = {}
        for level, tree in self.trees.items():
            hits = sorted(int(i) for i in tree.query(point, predicate="within"))
            if not hits:
                nearest = tree.nearest(point)
                geom = self.units[level][int(nearest)].geometry
                if nearest is None or geom.distance(point) > NEAREST_LIMIT:
                    continue
                hits = [int(nearest)]
            found[level] = self.units[level][hits[0]]
        return found

    def inside_syria(self, lat: float, lon: float) -> bool:
        """Whether a point lies in (or within a few km of) a Syrian governorate."""
        return 1 in self.locate(lat, lon)


def country_points(boundaries: Path) -> dict[str, tuple[float, float]]:
    """A representative point (lat, lon) for Syria's neighbours, from Natural Earth."""
    points = {}
    for feature in _features(boundaries / NEIGHBOURS_FILE):
        point = shape(feature["geometry"]).representative_point()
        points[feature["properties"]["name"]] = (round(point.y, 5), round(point.x, 5))
    return points


def near_syria(boundaries: Path, band: float) -> Callable[[float, float], bool]:
    """A test of whether a point lies within ``band`` degrees of Syria (Natural Earth outline)."""
    outline = shape(_features(boundaries / SYRIA_FILE)[0]["geometry"]).buffer(band)
    return lambda lat, lon: bool(outline.contains(Point(lon, lat)))
