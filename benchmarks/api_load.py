"""Load on the HTTP API over loopback: latency percentiles and errors of the control map and events.

Builds a knowledge base of the seed's gold facts and UCDP GED Syria (or uses --db),
serves it with uvicorn in a subprocess on 127.0.0.1, and runs --clients concurrent
clients for --warmup then --seconds (at most --max-requests requests in all), and
measures the latter. Each client alternates
``/api/control?on=DATE`` and ``/api/events?...`` as the map page asks them.

Workloads:
  page    what the page asks while a slider is dragged across 2014-2019: two dates a month,
          the control map on each and the 30 days of events before it (288 distinct URLs)
  random  any day of 2012-2019 and, for events, a random actor/type filter: almost every
          request is new, so this measures the queries rather than the answer cache

Run from the repository root:
    python benchmarks/api_load.py --workload page
    python benchmarks/api_load.py --workload random --no-cache
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from contested.ingest import ingest  # noqa: E402
from contested.store import Store  # noqa: E402

INPUTS = [
    ROOT / "tests" / "data" / "gold" / "000_004d2f17e3819bd9.gold.json",
    ROOT / "datasets" / "ucdp" / "ged-syria-19.1-2016-2019.csv",
]
ACTORS = ["islamic-state", "syrian-regime", "Government of Syria", "russia", "Daesh", "SDF"]
TYPES = ["Battles", "Armed clash", "Attack", "Air/drone strike", "Violence against civilians"]
SERVER = """
import sys, uvicorn
from contested.web import create_app
app = create_app(sys.argv[1], cache_bytes=int(sys.argv[3]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def build_knowledge_base(folder: Path) -> Path:
    path = folder / "load.duckdb"
    with Store.open(path) as store:
        ingest(INPUTS, store)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def page_urls(rng: random.Random) -> tuple[str, str]:
    month = rng.randrange(72)
    day = date(2014 + month // 12, month % 12 + 1, rng.choice((1, 15)))
    return _control(day), _events(day, None, None)


def random_urls(rng: random.Random) -> tuple[str, str]:
    day = date(2012, 1, 1) + timedelta(days=rng.randrange(2891))
    actor = rng.choice([None, *ACTORS])
    kind = rng.choice([None, *TYPES])
    return _control(day), _events(day, actor, kind)


def _control(day: date) -> str:
    return f"/api/control?on={day.isoformat()}"


def _events(day: date, actor: str | None, kind: str | None) -> str:
    params = {
        "format": "geojson",
        "limit": "1000",
        "from": (day - timedelta(days=30)).isoformat(),
        "to": day.isoformat(),
    }
    if actor:
        params["actor"] = actor
    if kind:
        params["type"] = kind
    return "/api/events?" + str(httpx.QueryParams(params))


class Connection:
    """One keep-alive HTTP/1.1 connection: a lean client, so the load generator's own
    CPU (on the same 2 cores as the server) stays small."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        status = int((await reader.readline()).split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def client_loop(
    connection: Connection,
    rng: random.Random,
    workload: str,
    measured_from: float,
    deadline: float,
    budget: list[int],
    timings: dict[str, list[float]],
    errors: dict[str, int],
) -> None:
    pick = page_urls if workload == "page" else random_urls
    while time.perf_counter() < deadline and budget[0] > 0:
        for name, url in zip(("control", "events"), pick(rng), strict=True):
            budget[0] -= 1
            started = time.perf_counter()
            try:
                ok = await connection.get(url) == 200
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                connection.close()
                ok = False
            if started < measured_from:
                continue
            timings[name].append((time.perf_counter() - started) * 1000)
            if not ok:
                errors[name] += 1
    connection.close()


async def run_load(port: int, args: argparse.Namespace) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"control": [], "events": []}
    errors = {"control": 0, "events": 0}
    measured_from = time.perf_counter() + args.warmup
    deadline = measured_from + args.seconds
    budget = [args.max_requests]
    loops = [
        client_loop(
            Connection("127.0.0.1", port),
            random.Random(n),
            args.workload,
            measured_from,
            deadline,
            budget,
            timings,
            errors,
        )
        for n in range(args.clients)
    ]
    await asyncio.gather(*loops)
    print_figures(timings, errors, args)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def print_figures(
    timings: dict[str, list[float]], errors: dict[str, int], args: argparse.Namespace
) -> None:
    cache = "off" if args.no_cache else "on"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"workload={args.workload} clients={args.clients} seconds={args.seconds} "
        f"(after {args.warmup} s of warm-up) answer-cache={cache} load-average={load}"
    )
    print(f"{'endpoint':<10}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, values in timings.items():
        print(
            f"{name:<10}{len(values):>10}{errors[name]:>8}{percentile(values, 0.50):>9.1f}"
            f"{percentile(values, 0.95):>9.1f}{percentile(values, 0.99):>9.1f}"
        )
    total = sum(len(v) for v in timings.values())
    print(f"throughput: {total / args.seconds:.0f} requests/s")


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/summary", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing knowledge base (default: build one)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured time")
    parser.add_argument(
        "--warmup", type=float, default=5.0, help="seconds of load before measuring"
    )
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workload", choices=("page", "random"), default="page")
    parser.add_argument("--no-cache", action="store_true", help="turn the answer cache off")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or build_knowledge_base(Path(folder))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cache_bytes = "0" if args.no_cache else str(64 * 1024 * 1024)
        command = [sys.executable, "-c", SERVER, str(db), str(port), cache_bytes]
        env = {"PYTHONPATH": str(ROOT / "src")}
        server = subprocess.Popen(command, env={**os.environ, **env})
        try:
            wait_until_up(base, server)
            asyncio.run(run_load(port, args))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
