"""Shared fixtures: real DuckDB files in tmp_path, the real CLI, the bundled data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contested.cli import cli
from contested.ingest import ingest
from contested.store import Store
from tests._data import HOSTILE_FACTS, SEED_GOLD, SYRIAN_ARCHIVE_CSV, Invoke


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh knowledge base (the file does not exist yet)."""
    return tmp_path / "kb.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def invoke(db_path: Path) -> Invoke:
    """Run ``contested ARGS... --db <db_path>`` in-process; returns click's Result."""

    def run(*args: str, db: Path | None = db_path, input: str | None = None) -> Result:
        runner = CliRunner()
        extra = ["--db", str(db)] if db is not None else []
        return runner.invoke(cli, [*args, *extra], input=input, catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base for reports: the seed's gold facts, the Syrian Archive, a hostile file.

    The hostile facts file carries HTML and Markdown in its names, quotes and
    statements, to show that every renderer prints them as text.
    """
    path = tmp_path_factory.mktemp("report") / "kb.duckdb"
    with Store.open(path) as opened:
        ingest([SEED_GOLD, SYRIAN_ARCHIVE_CSV, HOSTILE_FACTS], opened)
    return path
