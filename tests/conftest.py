"""Shared fixtures: real DuckDB files in tmp_path, the real CLI, the bundled data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contested.cli import cli
from contested.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DATASETS = ROOT / "datasets"
SEED_GOLD = DATA / "gold" / "000_004d2f17e3819bd9.gold.json"
PALMYRA_GOLD = DATA / "gold" / "palmyra_offensive_(march_2016).gold.json"
UCDP_CSV = DATASETS / "ucdp" / "ged-syria-19.1-2016-2019.csv"
SYRIAN_ARCHIVE_CSV = DATASETS / "syrianarchive" / "violations.csv"
SEED_TEXT = DATASETS / "corpus" / "000_004d2f17e3819bd9.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh knowledge base (the file does not exist yet)."""
    return tmp_path / "kb.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def invoke(db_path: Path):  # type: ignore[no-untyped-def]
    """Run ``contested ARGS... --db <db_path>`` in-process; returns click's Result."""

    def run(*args: str, db: Path | None = db_path, input: str | None = None) -> Result:
        runner = CliRunner()
        extra = ["--db", str(db)] if db is not None else []
        return runner.invoke(cli, [*args, *extra], input=input, catch_exceptions=False)

    return run


def table_counts(path: Path) -> dict[str, int]:
    """Row counts of every table, or {} when there is no file: the 'database unchanged' check."""
    if not path.exists():
        return {}
    with Store.open(path, read_only=True) as opened:
        return opened.counts()
