"""Ingest speed: the bundled UCDP file, and a generated 1,000,000-row ACLED-format CSV.

Prints, for each measurement, the wall time and the peak memory (max RSS) of
the process that did it. Each measurement runs in a fresh child process, so
the peaks are its own, and writes into a fresh DuckDB file:

- ``ucdp``: ``contested.ingest`` of datasets/ucdp (read -> resolve -> store);
- ``acled``: the same for the generated ACLED CSV;
- ``bare``: DuckDB's own ``CREATE TABLE t AS SELECT * FROM read_csv(file)``
  of that CSV into a fresh file, the floor an ingest is measured against.

The ACLED CSV is generated once (about 0.5 GB) into ``--cache`` and reused.
Goal: acled / bare <= 1.5.

Usage::

    python benchmarks/ingest.py [--rows 1000000] [--repeat 3] [--cache DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
UCDP = ROOT / "datasets" / "ucdp" / "ged-syria-19.1-2016-2019.csv"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "contested-bench"
# Loading the shipped registry and gazetteer into a new knowledge base: once per file.
REFERENCE = "reference"

# ACLED's Syria mix, roughly: (event_type, sub_event_type, weight, verb for the notes).
EVENT_MIX = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 40, "shelled"),
    ("Explosions/Remote violence", "Air/drone strike", 15, "carried out air strikes on"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 5, "detonated an IED near"),
    ("Explosions/Remote violence", "Suicide bomb", 1, "sent a suicide bomber against"),
    ("Explosions/Remote violence", "Grenade", 1, "threw a grenade at"),
    ("Explosions/Remote violence", "Chemical weapon", 1, "fired chemical munitions at"),
    ("Battles", "Armed clash", 18, "clashed with"),
    ("Battles", "Government regains territory", 1, "regained control from"),
    ("Battles", "Non-state actor overtakes territory", 1, "took control from"),
    ("Violence against civilians", "Attack", 5, "attacked"),
    ("Violence against civilians", "Abduction/forced disappearance", 2, "abducted"),
    ("Violence against civilians", "Sexual violence", 1, "sexually assaulted"),
    ("Protests", "Peaceful protest", 4, "demonstrated against"),
    ("Protests", "Protest with intervention", 1, "protested and were dispersed by"),
    ("Protests", "Excessive force against protesters", 1, "fired on protesters facing"),
    ("Riots", "Violent demonstration", 1, "rioted against"),
    ("Riots", "Mob violence", 1, "attacked in a mob"),
    ("Strategic developments", "Agreement", 1, "reached an agreement with"),
    ("Strategic developments", "Arrests", 1, "arrested members of"),
    ("Strategic developments", "Change to group/activity", 1, "reorganised alongside"),
    ("Strategic developments", "Disrupted weapons use", 1, "defused explosives left by"),
    ("Strategic developments", "Headquarters or base established", 1, "set up a base against"),
    ("Strategic developments", "Looting/property destruction", 1, "looted property of"),
    ("Strategic developments", "Non-violent transfer of territory", 1, "took over positions of"),
    ("Strategic developments", "Other", 1, "moved reinforcements against"),
]
GOVERNORATES = [
    ("Aleppo", 36.2, 37.2),
    ("Idleb", 35.9, 36.6),
    ("Hama", 35.1, 36.8),
    ("Homs", 34.7, 36.7),
    ("Rural Damascus", 33.5, 36.4),
    ("Damascus", 33.5, 36.3),
    ("Dar'a", 32.6, 36.1),
    ("Quneitra", 33.1, 35.8),
    ("As-Sweida", 32.7, 36.6),
    ("Lattakia", 35.5, 35.8),
    ("Tartous", 34.9, 35.9),
    ("Deir-ez-Zor", 35.3, 40.1),
    ("Ar-Raqqa", 35.9, 39.0),
    ("Al-Hasakeh", 36.5, 40.7),
]
PREFIXES = [
    "Kafr",
    "Tell",
    "Deir",
    "Ain",
    "Jisr",
    "Khan",
    "Tal",
    "Abu",
    "Beit",
    "Maarat",
    "Umm",
    "Arab",
    "Jabal",
    "Wadi",
    "Qasr",
    "Sheikh",
    "Hazm",
    "Mazraat",
    "Bab",
    "Dahiyat",
]
ROOTS = [
    "Nabl",
    "Zeita",
    "Hamra",
    "Sijn",
    "Shughur",
    "Tuman",
    "Saad",
    "Ali",
    "Sahem",
    "Kabir",
    "Saghir",
    "Sharqi",
    "Gharbi",
    "Halaba",
    "Nasr",
    "Rifaat",
    "Nour",
    "Jandal",
    "Karm",
    "Naser",
    "Ruman",
    "Akhdar",
    "Hosn",
    "Hawa",
    "Dahab",
    "Tina",
    "Hadid",
    "Amud",
    "Raml",
    "Fakhr",
    "Salam",
    "Qurna",
    "Jarrah",
    "Misk",
    "Tabqa",
    "Zaytun",
    "Sultan",
    "Hajar",
    "Kharab",
    "Jamil",
    "Tahun",
    "Buri",
    "Basal",
    "Muhsin",
    "Mahmud",
    "Nahr",
    "Jazira",
    "Shams",
    "Fawqani",
    "Tahtani",
]
ARMED = [
    "Liwa",
    "Jaysh",
    "Katibat",
    "Harakat",
    "Firqat",
    "Tajammu",
    "Alwiya",
    "Suqour",
    "Kataib",
    "Faylaq",
]
ARMED_NAMES = [
    "al-Fatah",
    "al-Islam",
    "al-Sham",
    "al-Haq",
    "al-Nasr",
    "al-Tawhid",
    "al-Izza",
    "al-Ansar",
    "al-Furqan",
    "al-Mujahideen",
    "al-Sunna",
    "al-Umma",
    "Shuhada Badr",
    "al-Muntasir Billah",
    "Ahrar",
    "Thuwar",
    "al-Asala",
    "al-Rahman",
    "Salah al-Din",
    "Omar al-Mukhtar",
    "al-Qadisiya",
    "al-Hamza",
    "al-Mutasim",
    "al-Sultan Murad",
    "al-Nukhba",
    "al-Badiya",
    "Usud al-Sharqiya",
    "Ahl al-Sham",
    "al-Ghab",
    "al-Qalamoun",
    "al-Jabal",
    "al-Furat",
    "Halab",
    "Idlib",
    "Homs",
    "Hama",
    "Dimashq",
    "Hauran",
    "al-Jazira",
    "al-Sahel",
    "al-Khayr",
    "al-Wafa",
    "al-Ikhlas",
    "Daraa",
    "al-Ghouta",
    "al-Quds",
    "al-Aqsa",
    "al-Iman",
    "al-Huda",
    "al-Karama",
]
FIXED_ACTORS = [
    ("Military Forces of Syria (2000-)", 1),
    ("Military Forces of Russia (2000-)", 8),
    ("Islamic State (Syria)", 2),
    ("Hayat Tahrir al-Sham", 2),
    ("QSD: Syrian Democratic Forces", 2),
    ("Military Forces of Turkey (2016-)", 8),
    ("Civilians (Syria)", 7),
    ("Protesters (Syria)", 6),
    ("Rioters (Syria)", 5),
    ("Unidentified Armed Group (Syria)", 3),
    ("NDF: National Defence Forces", 3),
    ("Hezbollah", 8),
    ("Police Forces of Syria (2000-)", 1),
    ("Military Forces of Israel (2022-)", 8),
    ("NLF: National Liberation Front", 2),
]
SOURCES = [
    "Syrian Observatory for Human Rights",
    "SANA",
    "Step News Agency",
    "Enab Baladi",
    "Deir Ezzor 24",
    "ANHA",
    "Qasioun News Agency",
    "SMART News Agency",
    "Orient News",
    "Syrian Network for Human Rights",
    "Violations Documentation Center",
    "Reuters",
    "AFP",
    "Al Watan (Syria)",
    "Nedaa Syria",
    "Jisr TV",
    "Halab Today TV",
    "Baladi News",
    "Suwayda 24",
    "Horan Free League",
    "Raqqa is Being Slaughtered Silently",
    "North Press Agency",
    "Hawar News Agency",
    "Sham Network",
    "Al Mayadeen",
    "Syrian Arab News Agency",
    "Euphrates Post",
    "Levant24",
    "Syria Direct",
    "Zaman al-Wasl",
]
SCALES = [
    "National",
    "Subnational",
    "Other-National",
    "National-International",
    "New media",
    "International",
    "Subnational-National",
    "Local partner-Other",
]
FILLERS = [
    "Casualties were reported on both sides; the number is unknown. Local sources said the"
    " fighting lasted several hours.",
    "Several houses were damaged and a number of people were wounded, according to local sources.",
    "The attack came amid an escalation of hostilities in the area over the past week, local"
    " activists said.",
    "Local sources reported material damage only; no casualties were reported in the town or"
    " its outskirts.",
    "Activists said the bombardment targeted residential neighbourhoods and a market near the"
    " town centre.",
    "The reported fatalities include fighters and civilians; the figures could not be"
    " independently verified.",
]


def _lookup_tables(con: duckdb.DuckDBPyConnection, n_places: int, n_actors: int) -> None:
    """Small dimension tables the generator draws rows from, indexed from 0."""
    con.execute("CREATE TABLE mix (i INT, event_type VARCHAR, sub VARCHAR, w INT, verb VARCHAR)")
    con.executemany(
        "INSERT INTO mix VALUES (?, ?, ?, ?, ?)", [(i, *row) for i, row in enumerate(EVENT_MIX)]
    )
    con.execute(
        "CREATE TABLE mixcum AS SELECT *, sum(w) OVER (ORDER BY i) - w AS lo, "
        "sum(w) OVER (ORDER BY i) AS hi FROM mix"
    )
    places = []
    for i in range(n_places):
        gov, lat, lon = GOVERNORATES[i % len(GOVERNORATES)]
        name = f"{PREFIXES[(i // 14) % len(PREFIXES)]} {ROOTS[(i * 7 + i // 280) % len(ROOTS)]}"
        if i >= len(PREFIXES) * len(ROOTS):
            name += f" {('Sharqi', 'Gharbi', 'Shamali', 'Janubi')[i % 4]}"
        district = f"{ROOTS[(i * 3) % len(ROOTS)]} District"
        dlat, dlon = ((i * 7919) % 1000) / 1000 - 0.5, ((i * 104729) % 1000) / 1000 - 0.5
        places.append(
            (
                i,
                name,
                gov,
                district,
                f"{ROOTS[(i * 11) % len(ROOTS)]} Subdistrict",
                round(lat + dlat, 4),
                round(lon + dlon, 4),
                1 + (i % 7 == 0),
            )
        )
    con.execute(
        "CREATE TABLE places (i INT, location VARCHAR, admin1 VARCHAR, admin2 VARCHAR, "
        "admin3 VARCHAR, lat DOUBLE, lon DOUBLE, geo INT)"
    )
    con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
    actors = list(FIXED_ACTORS)
    for i in range(n_actors - len(FIXED_ACTORS)):
        name = f"{ARMED[i % len(ARMED)]} {ARMED_NAMES[(i // len(ARMED)) % len(ARMED_NAMES)]}"
        actors.append((name, 2 if i % 3 else 3))
    con.execute("CREATE TABLE actors (i INT, name VARCHAR, inter INT)")
    con.executemany(
        "INSERT INTO actors VALUES (?, ?, ?)",
        [(i, name, inter) for i, (name, inter) in enumerate(actors)],
    )
    for name, values in (("sources", SOURCES), ("scales", SCALES), ("fillers", FILLERS)):
        con.execute(f"CREATE TABLE {name} (i INT, v VARCHAR)")
        con.executemany(f"INSERT INTO {name} VALUES (?, ?)", list(enumerate(values)))


# u(k): a uniform number in [0, 1) for row i, the k-th draw; deterministic across threads.
_U = "((hash(i, {k}) % 1000003) / 1000003.0)"


# The generated file: one row per draw, values picked from the lookup tables by hashed draws.
_GENERATE = """
    COPY (
      WITH r AS (
        SELECT i,
          DATE '2017-01-01' + CAST(floor({u0} * 2922) AS INT) AS d,
          CAST(floor({u1} * {total}) AS INT) AS t,
          CAST(floor(pow({u2}, 2.0) * {n_places}) AS INT) AS p,
          CAST(floor(pow({u3}, 3.0) * {n_actors}) AS INT) AS a1,
          CAST(floor(pow({u4}, 2.5) * {n_actors}) AS INT) AS a2,
          {u5} AS u5, {u6} AS u6, {u7} AS u7, {u8} AS u8
        FROM range({rows}) AS s(i)
      )
      SELECT
        'SYR' || (100000 + r.i) AS event_id_cnty,
        strftime(r.d, '%Y-%m-%d') AS event_date,
        year(r.d) AS year,
        CASE WHEN u5 < 0.9 THEN 1 WHEN u5 < 0.98 THEN 2 ELSE 3 END AS time_precision,
        CASE m.event_type WHEN 'Protests' THEN 'Demonstrations' WHEN 'Riots' THEN 'Demonstrations'
             WHEN 'Strategic developments' THEN 'Strategic developments'
             ELSE 'Political violence' END AS disorder_type,
        m.event_type, m.sub AS sub_event_type,
        x1.name AS actor1,
        CASE WHEN u6 < 0.2 THEN x3.name WHEN u6 < 0.3 THEN x3.name || '; ' || x4.name
             ELSE NULL END AS assoc_actor_1,
        x1.inter AS inter1,
        CASE WHEN u7 < 0.35 THEN NULL ELSE x2.name END AS actor2,
        CASE WHEN u7 > 0.9 THEN 'Civilians (Syria)' ELSE NULL END AS assoc_actor_2,
        CASE WHEN u7 < 0.35 THEN 0 ELSE x2.inter END AS inter2,
        CASE WHEN u7 < 0.35 THEN x1.inter * 10
             ELSE least(x1.inter, x2.inter) * 10 + greatest(x1.inter, x2.inter) END
            AS interaction,
        CASE WHEN x2.inter = 7 AND u7 >= 0.35 THEN 'Civilian targeting' END AS civilian_targeting,
        760 AS iso, 'Middle East' AS region, 'Syria' AS country,
        pl.admin1, pl.admin2, pl.admin3, pl.location,
        pl.lat AS latitude, pl.lon AS longitude, pl.geo AS geo_precision,
        src.v || CASE WHEN u8 < 0.3 THEN '; ' || src2.v ELSE '' END AS source,
        sc.v AS source_scale,
        'On ' || strftime(r.d, '%-d %B %Y') || ', ' || x1.name || ' ' || m.verb || ' '
          || coalesce(CASE WHEN u7 < 0.35 THEN NULL ELSE x2.name END, 'positions')
          || ' in ' || pl.location || ' (' || pl.admin2 || ', ' || pl.admin1 || '). '
          || f.v AS notes,
        CASE WHEN u8 < 0.6 THEN 0 WHEN u8 < 0.9 THEN CAST(floor(u5 * 5) AS INT) + 1
             ELSE CAST(floor(pow(u6, 3) * 120) AS INT) END AS fatalities,
        CASE WHEN m.event_type = 'Protests' THEN 'crowd size=no report' END AS tags,
        -- ACLED stamps events in weekly uploads, so timestamps repeat.
        epoch(date_trunc('week', r.d) + INTERVAL 9 DAY)::BIGINT AS timestamp
      FROM r
      JOIN mixcum m ON r.t >= m.lo AND r.t < m.hi
      JOIN places pl ON pl.i = r.p
      JOIN actors x1 ON x1.i = r.a1
      JOIN actors x2 ON x2.i = (r.a2 + 1) % {n_actors}
      JOIN actors x3 ON x3.i = (r.a1 * 7 + 3) % {n_actors}
      JOIN actors x4 ON x4.i = (r.a2 * 13 + 5) % {n_actors}
      JOIN sources src ON src.i = r.i % {n_sources}
      JOIN sources src2 ON src2.i = (r.i * 7 + 3) % {n_sources}
      JOIN scales sc ON sc.i = (r.i * 5) % {n_scales}
      JOIN fillers f ON f.i = (r.i * 3) % {n_fillers}
      ORDER BY r.i
    ) TO '{path}' (FORMAT csv, HEADER true)
    """


def _generate_sql(rows: int, n_places: int, n_actors: int, path: Path) -> str:
    draws = {f"u{k}": _U.format(k=k) for k in range(9)}
    return _GENERATE.format(
        **draws,
        rows=rows,
        n_places=n_places,
        n_actors=n_actors,
        path=path,
        total=sum(w for *_, w, _ in EVENT_MIX),
        n_sources=len(SOURCES),
        n_scales=len(SCALES),
        n_fillers=len(FILLERS),
    )


def generate_acled(path: Path, rows: int, n_places: int = 3000, n_actors: int = 500) -> None:
    """Write ``rows`` synthetic events in ACLED's export format to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    with duckdb.connect() as con:
        _lookup_tables(con, n_places, n_actors)
        con.execute(_generate_sql(rows, n_places, n_actors, tmp))
    tmp.replace(path)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process, all threads: steadier than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _Laps:
    """Wall time per step, fed by the ingest progress callback (called as each step starts)."""

    def __init__(self, first: str) -> None:
        self.times: dict[str, float] = {}
        self.step, self.since = first, time.perf_counter()

    def next(self, step: str) -> None:
        now = time.perf_counter()
        self.times[self.step] = now - self.since
        self.step, self.since = step, now

    def progress(self, description: str, done: int, total: int) -> None:
        self.next(description.split(": ", 1)[-1])


def _ingest(csv_path: Path, db_path: Path, laps: _Laps) -> dict[str, int]:
    """contested's ingest, as the CLI runs it, with the reference load timed on its own."""
    from contested.ingest import ingest
    from contested.reference import ensure_reference
    from contested.resolve.resolver import default_resolver
    from contested.store import Store

    with Store.open(db_path) as store:
        resolver = default_resolver()
        ensure_reference(store, resolver)
        laps.next("hashing")
        results = ingest([csv_path], store, resolver=resolver, progress=laps.progress)
    return results[0].counts


def run_one(what: str, csv_path: Path, db_path: Path) -> dict[str, Any]:
    """One measurement in this process: ingest with contested, or DuckDB's bare CTAS."""
    if db_path.exists():
        db_path.unlink()
    laps = _Laps(REFERENCE)
    cpu_started = _cpu_seconds()
    started = time.perf_counter()
    if what == "bare":
        with duckdb.connect(str(db_path)) as con:
            con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{csv_path}')")
        counts = {"rows": -1}
        laps.times.clear()
    else:
        counts = _ingest(csv_path, db_path, laps)
        laps.next("")
        laps.times.pop("done", None)
    return {
        "what": what,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu_seconds() - cpu_started,
        "peak_mb": _peak_mb(),
        "counts": counts,
        "stages": laps.times,
        "db_mb": db_path.stat().st_size / 2**20,
    }


def measure(what: str, csv_path: Path, workdir: Path) -> dict[str, Any]:
    """Run one measurement in a fresh child process and return what it printed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, __file__, "--one", what, str(csv_path), str(workdir / f"{what}.duckdb")],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _show(label: str, runs: list[dict[str, Any]]) -> dict[str, float]:
    """Print one measurement's best and median times; return the best run's figures."""
    times = [float(r["seconds"]) for r in runs]
    best = runs[times.index(min(times))]
    cpu = min(float(r["cpu_seconds"]) for r in runs)
    peak = max(float(r["peak_mb"]) for r in runs)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in best["stages"].items())
    print(
        f"{label:<34} best {min(times):6.2f} s  median {statistics.median(times):6.2f} s  "
        f"cpu {cpu:6.2f} s  peak {peak:5.0f} MB  db {float(runs[0]['db_mb']):4.0f} MB"
        + (f"\n{'':<36}({stages})" if stages else "")
    )
    once = float(best["stages"].get(REFERENCE, 0.0))
    return {"wall": min(times), "cpu": cpu, "wall_per_file": min(times) - once}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--skip-ucdp", action="store_true")
    parser.add_argument("--one", nargs=3, metavar=("WHAT", "CSV", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        what, csv_path, db_path = args.one
        print(json.dumps(run_one(what, Path(csv_path), Path(db_path))))
        return
    csv_path = args.cache / f"acled-{args.rows}.csv"
    if not csv_path.exists():
        started = time.perf_counter()
        generate_acled(csv_path, args.rows)
        print(f"generated {csv_path} in {time.perf_counter() - started:.1f} s")
    print(
        f"ACLED-format CSV: {csv_path} ({csv_path.stat().st_size / 2**20:.0f} MB, "
        f"{args.rows:,} rows); {os.cpu_count()} CPUs; duckdb {duckdb.__version__}"
    )
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        work = Path(tmp)
        if not args.skip_ucdp:
            _show(
                "UCDP GED (16,566 rows) ingest",
                [measure("ucdp", UCDP, work) for _ in range(args.repeat)],
            )
        runs: dict[str, list[dict[str, Any]]] = {"bare": [], "acled": []}
        for _ in range(args.repeat):  # interleaved, so background load hits both alike
            for what in runs:
                runs[what].append(measure(what, csv_path, work))
        bare = _show("DuckDB CREATE TABLE AS read_csv", runs["bare"])
        ours = _show(f"contested ingest ({args.rows:,} rows)", runs["acled"])
    print(
        f"ratio ingest / bare read_csv: {ours['wall'] / bare['wall']:.2f} wall, "
        f"{ours['cpu'] / bare['cpu']:.2f} CPU; {ours['wall_per_file'] / bare['wall']:.2f} wall "
        f"without the once-per-knowledge-base {REFERENCE} load (goal <= 1.5)"
    )


if __name__ == "__main__":
    main()
