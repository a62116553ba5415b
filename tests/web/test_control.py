"""Who held each place on a date, from control periods (contested.web.control)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from contested.web.control import control_on, holds_on, place_periods


def _period(
    place: str,
    controller: str,
    valid_from: date | None,
    valid_to: date | None,
    *,
    conflict: bool = False,
    lat: float | None = 34.56,
) -> dict[str, Any]:
    facts = [] if controller == "unknown" else [{"source_id": "s1", "event_id": f"{controller}-e"}]
    return {
        "place_id": place,
        "name": place.title(),
        "admin1": "Homs",
        "lat": lat,
        "lon": 38.27 if lat is not None else None,
        "controller": controller,
        "controller_name": controller.replace("-", " ").title(),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "conflict": conflict,
        "facts": facts,
    }


# Palmyra as the seed's gold facts tell it, and a road two sources give to two holders.
PERIODS = [
    _period("palmyra", "unknown", None, date(2015, 5, 31)),
    _period("palmyra", "islamic-state", date(2015, 5, 31), date(2016, 3, 27)),
    _period("palmyra", "syrian-regime", date(2016, 3, 27), None),
    _period("road", "unknown", None, date(2016, 2, 21)),
    _period("road", "islamic-state", date(2016, 2, 21), None, conflict=True),
    _period("road", "jund-al-aqsa", date(2016, 2, 21), None, conflict=True),
    _period("nowhere", "islamic-state", date(2014, 1, 1), None, lat=None),
]


@pytest.mark.parametrize(
    ("on", "palmyra", "road"),
    [
        (date(2015, 1, 1), "unknown", ["unknown"]),
        (date(2015, 5, 31), "islamic-state", ["unknown"]),
        (date(2016, 3, 26), "islamic-state", ["islamic-state", "jund-al-aqsa"]),
        (date(2016, 3, 27), "syrian-regime", ["islamic-state", "jund-al-aqsa"]),
    ],
)
def test_control_on_a_date(on: date, palmyra: str, road: list[str]) -> None:
    rows = {r["place_id"]: r for r in control_on(PERIODS, on)}
    assert set(rows) == {"palmyra", "road"}, "places without coordinates are left off the map"
    assert rows["palmyra"]["controller"] == palmyra
    assert rows["road"]["controllers"] == road
    assert rows["road"]["conflict"] == (len(road) > 1)
    assert rows["road"]["controller"] == road[0]


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "on", "covered"),
    [
        (None, None, date(2016, 1, 1), True),
        (date(2016, 1, 1), None, date(2016, 1, 1), True),
        (None, date(2016, 1, 1), date(2016, 1, 1), False),
        (date(2016, 1, 2), date(2016, 2, 1), date(2016, 1, 1), False),
    ],
)
def test_control_holds_on_ends_are_exclusive(
    valid_from: date | None, valid_to: date | None, on: date, covered: bool
) -> None:
    assert holds_on(_period("p", "x", valid_from, valid_to), on) is covered


def test_control_place_periods_oldest_first() -> None:
    assert [p["controller"] for p in place_periods(PERIODS, "palmyra")] == [
        "unknown",
        "islamic-state",
        "syrian-regime",
    ]
