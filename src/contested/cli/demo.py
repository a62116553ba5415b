"""``contested demo``: the main job, from the bundled data to the report and the map."""

from __future__ import annotations

import time
from pathlib import Path

import click

from contested.cli._options import db_option, progress_option
from contested.cli._progress import progress_bar
from contested.demo import find_datasets, run_demo
from contested.store import Store, WriteResult


@click.command(name="demo")
@click.option(
    "--datasets",
    "datasets_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The bundled datasets folder (default: ./datasets, else the checkout's).",
)
@click.option(
    "--report",
    "report_dir",
    default="report",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write index.html and report.md.",
)
@click.option("--serve/--no-serve", default=True, help="Serve the map page when done.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@progress_option
@db_option
def demo_command(
    datasets_dir: Path | None,
    report_dir: Path,
    serve: bool,
    port: int,
    progress: bool,
    db_path: str,
) -> None:
    """Build a knowledge base from all bundled data, write the report and serve the map.

    Extracts the reference article and the Wikipedia corpus, ingests UCDP GED Syria and
    the Syrian Archive allegations, derives control of territory, writes the report, then
    serves the web map on 127.0.0.1 (unless --no-serve). A second run reuses what the
    knowledge base already holds.

    \b
    Example:
        contested demo
        contested demo --no-serve --db demo.duckdb --report demo-report/
    """
    started = time.perf_counter()
    datasets = find_datasets(datasets_dir)
    counts = {"events": 0, "relations": 0, "claims": 0}

    def note(result: WriteResult) -> None:
        for name in counts:
            counts[name] += result.counts.get(name, 0)

    with Store.open(db_path) as store, progress_bar(progress) as update:
        result = run_demo(store, datasets, report_dir, progress=update, on_result=note)
    click.echo(
        f"{db_path}: {len(result.added)} sources added ({counts['events']:,} events, "
        f"{counts['relations']:,} relations, {counts['claims']:,} claims), "
        f"{len(result.reused)} already there"
    )
    click.echo(f"report: {result.report.html} and {result.report.markdown}")
    click.echo(f"done in {time.perf_counter() - started:.0f} s")
    if serve:
        import uvicorn

        from contested.web import create_app

        click.echo(f"map: http://127.0.0.1:{port}/  (Ctrl-C to stop)")
        uvicorn.run(create_app(db_path), host="127.0.0.1", port=port, log_level="warning")


COMMANDS = [demo_command]
