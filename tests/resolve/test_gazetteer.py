"""The shipped gazetteer: coverage, ids, admin codes, and well-known places."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from contested.errors import NotFound
from contested.resolve.gazetteer import (
    ARCHIVE_LAYER,
    Gazetteer,
    default_path,
    layer_path,
    load_gazetteer,
    read_gazetteer,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_gazetteer_covers_syria(gazetteer: Gazetteer) -> None:
    syrian = [p for p in gazetteer if p.country == "SY" and p.lat is not None]
    assert len(syrian) >= 2490
    assert sum(p.kind == "region" for p in syrian) == 14 + 62 + 272


def test_gazetteer_reads_the_syrian_archive_layer_only_by_default(gazetteer: Gazetteer) -> None:
    # "Sheikh Maqsoud", an Aleppo quarter, is named by the Syrian Archive alone (CC BY-SA).
    layer = read_gazetteer(layer_path(ARCHIVE_LAYER))
    assert any(p.name == "Sheikh Maqsoud" for p in layer)
    assert gazetteer.get(next(p.place_id for p in layer if p.name == "Sheikh Maqsoud")).admin1 == (
        "Aleppo"
    )
    main_only = read_gazetteer(default_path())
    assert len(main_only) + len(layer) == len(gazetteer)
    assert all(p.sources == ("syrianarchive",) for p in layer)


def test_gazetteer_place_ids_are_unique_kebab_slugs(gazetteer: Gazetteer) -> None:
    ids = [p.place_id for p in gazetteer]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_gazetteer_every_syrian_place_has_admin1_and_admin2(gazetteer: Gazetteer) -> None:
    missing = [
        p.place_id
        for p in gazetteer
        if p.country == "SY"
        and p.kind != "country"
        and p.admin_level != 1
        and not (p.admin1_pcode and p.admin2_pcode and p.admin1 and p.admin2)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("place_id", "expected"),
    [
        (
            "aleppo",
            {"kind": "city", "admin1": "Aleppo", "admin1_pcode": "SY02", "geonameid": 170063},
        ),
        ("aleppo-governorate", {"kind": "region", "admin_level": 1, "pcode": "SY02"}),
        (
            "palmyra",
            {"kind": "city", "admin1": "Homs", "admin1_pcode": "SY04", "geonameid": 163808},
        ),
        ("kuweires-air-base", {"kind": "base", "admin1_pcode": "SY02"}),
        ("eastern-ghouta", {"kind": "area", "admin1_pcode": "SY03"}),
        ("hmeimim-air-base", {"kind": "base", "admin1_pcode": "SY06"}),
        ("syria", {"kind": "country", "country": "SY", "geonameid": 163843}),
        ("moscow", {"kind": "city", "country": "RU"}),
    ],
)
def test_gazetteer_well_known_places(
    gazetteer: Gazetteer, place_id: str, expected: dict[str, object]
) -> None:
    place = gazetteer.get(place_id)
    assert {k: getattr(place, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("place_id", "alias"),
    [("palmyra", "Tadmur"), ("daraa", "Deraa"), ("kobani", "Ayn al-Arab"), ("tabqa", "Al-Thawrah")],
)
def test_gazetteer_merges_sources_into_one_place_with_all_aliases(
    gazetteer: Gazetteer, place_id: str, alias: str
) -> None:
    place = gazetteer.get(place_id)
    assert alias in place.aliases
    assert {"geonames", "ucdp"} <= set(place.sources)


def test_gazetteer_unknown_id_is_not_found(gazetteer: Gazetteer) -> None:
    with pytest.raises(NotFound, match="'atlantis' is not in the gazetteer"):
        gazetteer.get("atlantis")


def test_gazetteer_hand_additions_each_cite_a_source() -> None:
    ref = resources.files("contested").joinpath("data/gazetteer/additions.yaml")
    places = yaml.safe_load(ref.read_text(encoding="utf-8"))["places"]
    assert places
    assert all(len(p["source"]) > 10 and -90 <= p["lat"] <= 90 for p in places)
