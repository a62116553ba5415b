"""Write the small boundary files the web map ships, from the bundled full-size ones.

The map needs outlines, not survey precision: simplifying to about 1 km and
rounding to 4 decimals keeps the page's GeoJSON small. Run from the repository
root: ``python scripts/simplify_boundaries.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "datasets" / "boundaries"
TARGET = ROOT / "src" / "contested" / "web" / "static" / "boundaries"
# file name -> (properties kept, tolerance in degrees)
FILES: dict[str, tuple[tuple[str, ...], float]] = {
    "syria-and-neighbours-naturalearth-10m.geojson": (("name",), 0.01),
    "syria-ocha-admin1.geojson": (("adm1_name", "adm1_pcode"), 0.005),
    "syria-ocha-admin2.geojson": (("adm2_name", "adm2_pcode", "adm1_name"), 0.005),
}


def _round(coords: Any) -> Any:
    if isinstance(coords, float):
        return round(coords, 4)
    return [_round(c) for c in coords]


def simplify(name: str, keep: tuple[str, ...], tolerance: float) -> dict[str, Any]:
    """One boundary file with simpler shapes and only the properties the map uses."""
    data = json.loads((SOURCE / name).read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        geometry = mapping(shape(feature["geometry"]).simplify(tolerance, preserve_topology=True))
        geometry = {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}
        properties = {k: feature["properties"].get(k) for k in keep}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (keep, tolerance) in FILES.items():
        shapes = simplify(name, keep, tolerance)
        text = json.dumps(shapes, ensure_ascii=False, separators=(",", ":"))
        (TARGET / name).write_text(text + "\n", encoding="utf-8")
        print(f"{name}: {len(text):,} bytes")


if __name__ == "__main__":
    main()
