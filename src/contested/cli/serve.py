"""``contested serve``: the HTTP API and the web map over a knowledge base."""

from __future__ import annotations

import os

import click

from contested.cli._options import db_option

WRITE_TOKEN_ENV = "CONTESTED_WRITE_TOKEN"


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port."
)
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Answer one GET request for PATH in-process, print the body and exit "
    "(0 for a 2xx answer, 1 otherwise); starts no server.",
)
@db_option
def serve_command(host: str, port: int, get_path: str | None, db_path: str) -> None:
    """Serve the HTTP API and the web map of the knowledge base.

    Read-only unless $CONTESTED_WRITE_TOKEN is set: then POST /api/ingest accepts
    'Authorization: Bearer <that token>'. The API is described at /openapi.json.

    \b
    Example:
        contested serve --port 8000
        contested serve --get "/api/control?on=2016-01-01"
    """
    from contested.web import create_app
    from contested.web._once import get_once

    app = create_app(db_path, write_token=os.environ.get(WRITE_TOKEN_ENV))
    if get_path is not None:
        try:
            status, body = get_once(app, get_path)
        finally:
            app.state.kb.close()
        click.echo(body)
        if not 200 <= status < 300:
            raise SystemExit(1)
        return
    import uvicorn

    click.echo(f"contested: serving {db_path} at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve_command]
