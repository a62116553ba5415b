"""Every analysis gives the same table on DuckDB and on Spark over the same knowledge base."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from contested import analysis, derive

CASES: dict[str, Callable[[Any], Any]] = {
    "control_intervals": derive.control_intervals,
    "control_evidence": derive.control_evidence,
    "affiliations": derive.affiliations,
    "control_at": lambda con: analysis.control_at(con, "Palmyra", date(2016, 1, 1)),
    "control_history": lambda con: analysis.control_history(con, "Aleppo–Khanasir road"),
    "control_map": lambda con: analysis.control_map(con, date(2016, 3, 1)),
    "territorial_change": lambda con: analysis.territorial_change(con, "Syrian regime"),
    "attributed_strikes": lambda con: analysis.attributed_strikes(con, "Russia"),
    "strike_attribution": lambda con: analysis.strike_attribution(con, "Russia"),
    "claim_audit": analysis.claim_audit,
    "members_at": lambda con: analysis.members_at(con, "Jaysh al-Fatah", date(2015, 4, 1)),
    "lineage": lambda con: analysis.lineage(con, "Jaysh Khalid bin al-Walid"),
}


def _normal(value: Any) -> Any:
    # DuckDB returns timestamps in microseconds, Spark in nanoseconds; dates compare as dates.
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond, tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _types(expr: Any) -> list[tuple[str, Any]]:
    return [(name, dtype.copy(nullable=True)) for name, dtype in expr.schema().items()]


def _table(expr: Any) -> list[tuple[Any, ...]]:
    rows = expr.to_pyarrow().to_pylist()
    return sorted((tuple(_normal(v) for v in row.values()) for row in rows), key=repr)


@pytest.mark.parametrize("backend", ["pyspark"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_analysis_backends_agree(
    duckdb_con: Any, pyspark_con: Any, case: str, backend: str
) -> None:
    on_duckdb = CASES[case](duckdb_con)
    on_spark = CASES[case](pyspark_con)
    # Nullability may differ (Spark infers it through unions); types and names may not.
    assert _types(on_spark) == _types(on_duckdb)
    assert _table(on_spark) == _table(on_duckdb)
