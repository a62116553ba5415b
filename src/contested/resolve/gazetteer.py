"""The gazetteer: Syrian and neighbouring places with coordinates, admin codes and aliases.

Read from the shipped ``data/gazetteer/places.parquet`` (built by
:mod:`contested.resolve.build_gazetteer`); nothing is downloaded.
DOCS: src/contested/data/gazetteer/README.md
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyarrow.parquet as pq

from contested.errors import InputError, NotFound

# How much a place of each kind weighs when several places share a name and
# nothing else tells them apart: a bare "Aleppo" is the city, not the governorate.
_KIND_WEIGHT = {
    "country": 6.0,
    "city": 3.0,
    "town": 2.0,
    "village": 1.0,
    "base": 1.5,
    "camp": 1.0,
    "district": 1.0,
    "area": 1.0,
    "route": 0.5,
}
_REGION_WEIGHT = {1: 2.5, 2: 0.5, 3: 0.0}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    place_id: str
    name: str
    kind: str
    country: str
    lat: float | None = None
    lon: float | None = None
    admin_level: int | None = None
    pcode: str | None = None
    admin1: str | None = None
    admin1_pcode: str | None = None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None
    population: int | None = None
    geonameid: int | None = None
    ucdp_name: str | None = None
    ucdp_events: int = 0
    sources: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)

    @property
    def importance(self) -> float:
        """A prior for ambiguous names: kind, population, conflict reporting, Syria first."""
        if self.kind == "region":
            weight = _REGION_WEIGHT.get(self.admin_level or 3, 0.0)
        else:
            weight = _KIND_WEIGHT.get(self.kind, 0.5)
        weight += math.log10((self.population or 0) + 1) * 0.6
        weight += math.log10(self.ucdp_events + 1) * 1.2
        return weight + (4.0 if self.country == "SY" else 0.0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(a))


def distance_km(a: Place, b: Place) -> float | None:
    """Distance between two places, or None when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


class Gazetteer:
    """All places, by id."""

    def __init__(self, places: list[Place]) -> None:
        self._places = {p.place_id: p for p in places}

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def get(self, place_id: str) -> Place:
        """The place with this id; raises :class:`NotFound` for an unknown id."""
        try:
            return self._places[place_id]
        except KeyError:
            raise NotFound(
                f"place {place_id!r} is not in the gazetteer; "
                "use `contested resolve place NAME` to find an id by name"
            ) from None


MAIN_LAYER = "places"
# Places only the Syrian Archive names: CC BY-SA 4.0, so kept in a file of their own.
ARCHIVE_LAYER = "places-syrianarchive"
SHIPPED_LAYERS = (ARCHIVE_LAYER,)


def layer_path(name: str, folder: Path | None = None) -> Path:
    """The parquet file of a gazetteer layer (in the package unless ``folder`` is given)."""
    if folder is None:
        folder = Path(str(resources.files("contested").joinpath("data/gazetteer")))
    return folder / f"{name}.parquet"


def default_path() -> Path:
    """The shipped gazetteer file."""
    return layer_path(MAIN_LAYER)


def _read_places(target: Path) -> list[Place]:
    try:
        rows = pq.read_table(target).to_pylist()
    except (OSError, ValueError) as exc:
        raise InputError(str(target), f"expected the gazetteer parquet file ({exc})") from exc
    places = []
    for row in rows:
        for column in ("sources", "source_ids", "aliases"):
            row[column] = tuple(row[column] or ())
        places.append(Place(**row))
    return places


def read_gazetteer(
    path: Path | str | None = None, *, layers: Sequence[Path | str] | None = None
) -> Gazetteer:
    """Read a gazetteer parquet file and its layers, uncached.

    Without ``path``, the shipped file and the shipped layers (the Syrian
    Archive's places, CC BY-SA 4.0); with ``path``, that file alone. ``layers``
    overrides either: ``layers=()`` reads no layer.
    """
    target = Path(path) if path is not None else default_path()
    if layers is None:
        layers = [layer_path(n) for n in SHIPPED_LAYERS] if path is None else []
    places = _read_places(target)
    for layer in layers:
        places += _read_places(Path(layer))
    return Gazetteer(places)


@lru_cache(maxsize=4)
def _cached(path: str | None, layers: tuple[str, ...] | None) -> Gazetteer:
    return read_gazetteer(path, layers=layers)


def load_gazetteer(
    path: Path | str | None = None, *, layers: Sequence[Path | str] | None = None
) -> Gazetteer:
    """The gazetteer from ``path`` (default: the shipped file and layers), read once and cached.

    Examples
    --------
    >>> load_gazetteer().get("palmyra").admin1
    'Homs'
    """
    key = tuple(str(Path(p).resolve()) for p in layers) if layers is not None else None
    return _cached(str(Path(path).resolve()) if path is not None else None, key)
