"""One knowledge base of the seed's gold facts, served by each backend (DuckDB, Spark).

Tests take the ``con`` fixture and run once per backend, as in ibis's own backend
suite (no case needs a ``notimpl`` mark: every analysis runs on both). Spark needs
the ``contested[spark]`` extra: without it the Spark cases skip on a developer's
machine and fail in CI (``$CI`` set), where the extra is installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contested.ingest import ingest
from contested.store import Store
from tests._data import SEED_GOLD

BACKENDS = ("duckdb", "pyspark")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Spark cases are slow (a JVM, a query plan per call): mark them so."""
    here = Path(__file__).parent
    for item in items:
        if here not in item.path.parents:
            continue
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if params.get("con") == "pyspark" or "backend" in params:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base file holding the seed's gold facts, derived tables computed."""
    path = tmp_path_factory.mktemp("gold") / "gold.duckdb"
    with Store.open(path) as store:
        ingest([SEED_GOLD], store)
    return path


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("pyspark is not installed; CI must install the contested[spark] extra")
        pytest.skip("pyspark is not installed (pip install 'contested[spark]')")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("contested-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def duckdb_con(gold_db: Path) -> Iterator[Any]:
    with Store.open(gold_db, read_only=True) as store:
        yield store.ibis()


@pytest.fixture(scope="session")
def pyspark_con(gold_db: Path, spark_session: Any) -> Any:
    import ibis

    with Store.open(gold_db, read_only=True) as store:
        store.spark_views(spark_session)
    return ibis.pyspark.connect(spark_session)


@pytest.fixture(params=BACKENDS, scope="session")
def con(request: pytest.FixtureRequest) -> Any:
    """The gold knowledge base on each backend in turn."""
    return request.getfixturevalue(f"{request.param}_con")
