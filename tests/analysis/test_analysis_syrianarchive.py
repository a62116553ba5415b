"""Strike attribution on the Syrian Archive's allegations of Russian attacks (real data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contested import analysis
from contested.ingest import ingest
from contested.store import Store
from tests._data import SEED_GOLD, SYRIAN_ARCHIVE_CSV

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's gold facts (control evidence) and the Syrian Archive's 4,135 videos."""
    path = tmp_path_factory.mktemp("archive") / "kb.duckdb"
    with Store.open(path) as store:
        ingest([SEED_GOLD, SYRIAN_ARCHIVE_CSV], store)
    return path


def test_analysis_syrianarchive_russian_attacks_by_controller(archive_db: Path) -> None:
    with Store.open(archive_db, read_only=True) as store:
        con = store.ibis()
        rows = analysis.strike_attribution(con, "Russia").to_pyarrow().to_pylist()
    by_controller = {r["controller"]: r for r in rows}
    # 1,635 rows are "Alleged civilian casualties from Russian attacks".
    assert sum(r["claims"] for r in rows) >= 1635
    assert by_controller["unknown"]["share"] > 0
    assert len(by_controller) > 1
    assert sum(r["share"] for r in rows) == pytest.approx(1.0, abs=1e-3)


def test_analysis_syrianarchive_matches_by_radius(archive_db: Path) -> None:
    with Store.open(archive_db, read_only=True) as store:
        each = analysis.attributed_strikes(store.ibis(), "Russia").to_pyarrow().to_pylist()
    radius = [r for r in each if r["matched_by"] == "radius"]
    assert radius
    assert all(0 <= r["distance_km"] <= 10 for r in radius)
