"""Time deriving control and strike attribution on synthetic ACLED-shaped knowledge bases.

Writes knowledge bases of 1M and 10M events (captures, strikes and clashes over a few
thousand places, 2012-2019) straight into DuckDB store files with SQL, then prints, per
size: the time to derive control, to run ``strike_attribution`` through Ibis, a bare DuckDB
group-by over the same events table, and their ratio; peak memory; and the time on Spark
local mode for the 1M base (needs ``contested[spark]``).

    python benchmarks/analyses.py                  # 1M and 10M, Spark for 1M
    python benchmarks/analyses.py --sizes 1000000 --no-spark
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from contested import analysis, derive
from contested.store import Store

N_PLACES = 3000
DAYS = 2922  # 2012-01-01 .. 2019-12-31
CONTROLLERS = ["syrian-regime", "syrian-rebels", "islamic-state", "sdf", "hts"]
STRIKERS = ["russia", "russian-aerospace-forces", "syrian-regime", "us-led-coalition", "turkey"]
ACTORS = sorted({*CONTROLLERS, *STRIKERS, "civilians"})
STRIKES = "('Air/drone strike', 'Shelling/artillery/missile attack')"


def _list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


# Per 100 events: 4 captures, 46 strikes at a named place, 4 strikes known only by a point
# (matched by radius), 46 clashes.
EVENTS_SQL = f"""
INSERT INTO events (source_id, event_id, event_type, sub_event_type, date_start, date_end,
                    actor1, actor2, place_id, lat, lon, fatalities, row_number)
WITH draws AS (
    SELECT i, (hash(i, 'kind') % 100)::BIGINT AS k, (hash(i, 'place') % {N_PLACES})::BIGINT AS p,
           (hash(i, 'day') % {DAYS})::BIGINT AS d, (hash(i, 'actor') % 5)::BIGINT AS a,
           (hash(i, 'target') % 5)::BIGINT AS b
    FROM range($n) t(i)
)
SELECT 'synthetic', 'e' || i,
       CASE WHEN k < 4 THEN 'Battles' WHEN k < 54 THEN 'Explosions/Remote violence'
            ELSE 'Battles' END,
       CASE WHEN k < 4 AND a = 0 THEN 'Government regains territory'
            WHEN k < 4 THEN 'Non-state actor overtakes territory'
            WHEN k < 54 AND k % 3 = 0 THEN 'Shelling/artillery/missile attack'
            WHEN k < 54 THEN 'Air/drone strike'
            ELSE 'Armed clash' END,
       DATE '2012-01-01' + d::INTEGER, DATE '2012-01-01' + d::INTEGER,
       CASE WHEN k < 4 THEN {_list(CONTROLLERS)}[a + 1] WHEN k < 54 THEN {_list(STRIKERS)}[a + 1]
            ELSE {_list(CONTROLLERS)}[a + 1] END,
       {_list(CONTROLLERS)}[b + 1],
       CASE WHEN k BETWEEN 50 AND 53 THEN NULL ELSE 'p' || p END,
       pl.lat + CASE WHEN k BETWEEN 50 AND 53 THEN 0.02 ELSE 0 END, pl.lon,
       (hash(i, 'dead') % 5)::BIGINT, i
FROM draws JOIN bench_places pl ON pl.n = draws.p
"""


def build(path: Path, n: int) -> None:
    """A knowledge base of ``n`` synthetic events, written with SQL (no ingest path)."""
    with Store.open(path) as store:
        con = store.con
        con.execute(
            f"""CREATE TEMP TABLE bench_places AS
            SELECT i AS n, 32.5 + (hash(i, 'lat') % 100000) / 100000 * 4.5 AS lat,
                   35.8 + (hash(i, 'lon') % 100000) / 100000 * 6.2 AS lon
            FROM range({N_PLACES}) t(i)"""
        )
        con.execute(
            """INSERT INTO sources VALUES ('synthetic', 'synthetic', 'acled', 'benchmark',
               'synthetic', NULL, NULL, NULL, NULL, NULL, now()::TIMESTAMP, 0, 0, 0, 0)"""
        )
        con.execute(
            "INSERT INTO places (place_id, name, kind, country, lat, lon, origin, flagged) "
            "SELECT 'p' || n, 'Place ' || n, 'town', 'SY', lat, lon, 'gazetteer', false "
            "FROM bench_places"
        )
        for actor in ACTORS:
            parent = "russia" if actor == "russian-aerospace-forces" else None
            con.execute(
                "INSERT INTO actors (actor_id, name, parent_id, origin, flagged) "
                "VALUES (?, ?, ?, 'registry', false)",
                [actor, actor.replace("-", " ").title(), parent],
            )
        con.execute(EVENTS_SQL, {"n": n})
        con.execute(
            "INSERT INTO event_actors SELECT source_id, event_id, 'actor1', actor1, actor1 "
            "FROM events WHERE actor1 IS NOT NULL"
        )
        con.execute("CHECKPOINT")


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BARE_SQL = f"""
SELECT place_id, count(*) AS strikes FROM events
WHERE sub_event_type IN {STRIKES} AND actor1 IN ('russia', 'russian-aerospace-forces')
GROUP BY place_id
"""


def run_duckdb(path: Path) -> dict[str, float]:
    with Store.open(path) as store:
        derive_s, _counts = timed(lambda: derive.refresh(store), repeat=1)
        con = store.ibis()
        bare_s, _ = timed(lambda: store.con.execute(BARE_SQL).fetchall())
        attribution_s, table = timed(
            lambda: analysis.strike_attribution(con, "Russia").to_pyarrow()
        )
        # The fixed part: name and hierarchy look-ups while building, then SQL generation.
        build_s, expr = timed(lambda: analysis.strike_attribution(con, "Russia"))
        compile_s, _sql = timed(lambda: con.compile(expr))
        intervals = store.con.execute("SELECT count(*) FROM control_intervals").fetchone()[0]
    unknown = next(r for r in table.to_pylist() if r["controller"] == "unknown")
    return {
        "derive_s": derive_s,
        "attribution_s": attribution_s,
        "bare_groupby_s": bare_s,
        "build_s": build_s,
        "compile_s": compile_s,
        "intervals": intervals,
        "strikes": sum(table["strikes"].to_pylist()),
        "unknown_share": unknown["share"],
        "peak_mb": peak_mb(),
    }


def run_spark(path: Path) -> dict[str, float]:
    import ibis
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    names = ["events", "places", "actors", "actor_aliases", "source_actors", "relations"]
    names += ["claims", "control_intervals", "control_evidence"]
    with Store.open(path, read_only=True) as store:
        start = time.perf_counter()
        store.spark_views(spark, names)
        for name in names:
            spark.table(name).cache().count()
        load_s = time.perf_counter() - start
    con = ibis.pyspark.connect(spark)
    derive_s, _ = timed(lambda: derive.control_intervals(con).count().to_pyarrow(), repeat=1)
    attribution_s, _ = timed(lambda: analysis.strike_attribution(con, "Russia").to_pyarrow(), 1)
    spark.stop()
    return {"load_s": load_s, "derive_s": derive_s, "attribution_s": attribution_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--dir", type=Path, default=None, help="Keep the files here.")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="contested-bench-"))
    for n in args.sizes:
        path = folder / f"synthetic-{n}.duckdb"
        if not path.exists():
            build_s, _ = timed(lambda: build(path, n), repeat=1)  # noqa: B023
            print(f"{n:>11,} events: built in {build_s:.1f} s ({path})")
        r = run_duckdb(path)
        total = r["derive_s"] + r["attribution_s"]
        print(
            f"{n:>11,} events, {r['intervals']:,} intervals, {r['strikes']:,} Russian strikes "
            f"({r['unknown_share']:.1%} unknown)\n"
            f"    derive control     {r['derive_s']:7.3f} s\n"
            f"    strike_attribution {r['attribution_s']:7.3f} s (ibis on duckdb; of which "
            f"{r['build_s']:.3f} s building the expression, {r['compile_s']:.3f} s compiling SQL)\n"
            f"    bare group-by      {r['bare_groupby_s']:7.3f} s (duckdb SQL)\n"
            f"    ratio              {r['attribution_s'] / r['bare_groupby_s']:7.1f}x attribution, "
            f"{total / r['bare_groupby_s']:.1f}x derive + attribution\n"
            f"    peak memory        {r['peak_mb']:7.0f} MB (this process)"
        )
        if n == min(args.sizes) and not args.no_spark:
            s = run_spark(path)
            print(
                f"    spark local: load {s['load_s']:.1f} s, derive control {s['derive_s']:.1f} s,"
                f" strike_attribution {s['attribution_s']:.1f} s"
            )


if __name__ == "__main__":
    main()
