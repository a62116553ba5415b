"""The report's sections on the seed's gold facts, one at a time (no charts rendered)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from contested import analysis
from contested.errors import StoreError
from contested.ingest import ingest
from contested.report import CAMPAIGN_PERIODS, Period, build_report
from contested.report._common import Context
from contested.report.lineage import lineage_section
from contested.report.strikes import strike_section
from contested.report.territory import territory_section
from contested.store import Store
from tests._data import SEED_GOLD


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "kb.duckdb"
    with Store.open(path) as store:
        ingest([SEED_GOLD], store)
    return path


@pytest.fixture(scope="module")
def seed_con(seed_db: Path) -> Iterator[Any]:
    with Store.open(seed_db, read_only=True) as store:
        yield store.ibis()


@pytest.mark.parametrize(
    "window",
    [Period("all"), Period("2016", date(2016, 1, 1), date(2016, 12, 31))],
    ids=["all", "2016"],
)
def test_report_sections_strikes_equal_the_analysis(seed_con: Any, window: Period) -> None:
    section = strike_section(Context.load(seed_con, window), "Russia", CAMPAIGN_PERIODS, 10.0)
    rows = analysis.strike_attribution(seed_con, "Russia", window.start, window.end)
    expected = rows.to_pyarrow().to_pylist()
    assert section.total == sum(r["strikes"] for r in expected)
    assert section.unknown == next(r["strikes"] for r in expected if r["controller"] == "unknown")
    assert [row[0] for row in section.shares.rows][-2:] == ["unknown", "Total"]


def test_report_sections_strikes_compare_the_state_department(seed_con: Any) -> None:
    section = strike_section(Context.load(seed_con, Period("all")), "Russia", CAMPAIGN_PERIODS, 10)
    said = {(f.claimant, f.percent, f.target) for f in section.figures}
    assert ("U.S. Department of State", 90.0, "IS") in said
    assert ("United Kingdom", 85.0, "IS") in said
    assert section.target == "Islamic State"
    assert section.comparison is not None


def test_report_sections_territory_palmyra_changes_hands(seed_con: Any) -> None:
    section = territory_section(Context.load(seed_con, Period("all")))
    palmyra = [row for row in section.listed.rows if row[1] == "Palmyra"]
    assert [(row[0], row[2], row[3]) for row in palmyra] == [
        ("2015-05-31", "unknown", "Islamic State"),
        ("2016-03-27", "Islamic State", "Syrian regime"),
    ]
    by_actor = {row[0]: row for row in section.by_actor.rows}
    assert by_actor["Syrian regime"][1] == "2"
    assert by_actor["Islamic State"][3] == "2"


def test_report_sections_territory_window(seed_con: Any) -> None:
    window = Period("2016", date(2016, 1, 1), date(2016, 12, 31))
    section = territory_section(Context.load(seed_con, window))
    assert section.listed.rows
    assert all(row[0].startswith("2016-") for row in section.listed.rows)


def test_report_sections_lineage_of_jaysh_khalid(seed_con: Any) -> None:
    section = lineage_section(Context.load(seed_con, Period("all")))
    lineages = {line.actor: line for line in section.lineages}
    jkbw = lineages["Jaysh Khalid ibn al-Walid"]
    rows = {row[0]: row for row in jkbw.members.rows}
    assert rows["Liwa Shuhada al-Yarmouk"][2] == "2016-05-21"
    assert (
        rows["Liwa Shuhada al-Yarmouk"][3] == "merged into Jaysh Khalid ibn al-Walid (2016-05-21)"
    )
    assert any(name.startswith("Harakat al-Muthanna") for name in rows)
    assert rows["Jaysh Khalid ibn al-Walid"][3] == "still active"
    assert "Russia" not in lineages  # states are left out (Soviet Union renamed to Russia)


def test_report_sections_refuses_stale_derived_tables_read_only(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    with Store.open(path) as store:
        ingest([SEED_GOLD], store, derive=False)
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError, match="derive"):
        build_report(store, tmp_path / "out")
    assert not (tmp_path / "out").exists()
