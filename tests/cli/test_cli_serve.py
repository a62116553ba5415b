"""``contested serve``: one request in-process with --get, and a real server on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from contested.cli import cli
from tests._data import ROOT, SEED_GOLD, Invoke


@pytest.fixture
def seeded(invoke: Invoke) -> Invoke:
    """The invoke fixture over a knowledge base holding the seed's gold facts."""
    assert invoke("ingest", str(SEED_GOLD)).exit_code == 0
    return invoke


@pytest.mark.parametrize("path", ["/api/summary", "api/summary"])
def test_cli_serve_get_prints_the_answer(seeded: Invoke, path: str) -> None:
    result = seeded("serve", "--get", path)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["claims"], summary["writable"]) == (29, False)


def test_cli_serve_get_error_exits_1_with_the_error(seeded: Invoke) -> None:
    result = seeded("serve", "--get", "/api/places/no-such-place")
    assert result.exit_code == 1
    error = json.loads(result.output)
    assert (error["ok"], error["status"]) == (False, 404)


def test_cli_serve_write_token_from_the_environment(seeded: Invoke, db_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["serve", "--get", "/api/summary", "--db", str(db_path)],
        env={"CONTESTED_WRITE_TOKEN": "s3cret"},
    )
    assert json.loads(result.output)["writable"] is True


def test_cli_serve_without_a_knowledge_base(invoke: Invoke, db_path: Path) -> None:
    result = invoke("serve", "--get", "/api/summary")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {db_path} does not exist. Run 'contested ingest FILE' first, or point --db "
        "at a knowledge base.\n"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_cli_serve_answers_on_loopback(seeded: Invoke, db_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "contested", "serve", "--db", str(db_path)]
    server = subprocess.Popen([*command, "--port", str(port)], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert response.json()["claims"] == 29
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert f"serving {db_path} at http://127.0.0.1:{port}/" in stderr.decode()
