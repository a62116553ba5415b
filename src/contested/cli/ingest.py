"""``contested ingest``: add files to the knowledge base."""

from __future__ import annotations

from datetime import date

import click

from contested.cli._options import ISO_DATE, db_option, progress_option
from contested.cli._progress import progress_bar
from contested.errors import Warnings
from contested.ingest import ON_ERROR, ingest_each
from contested.store import Store, WriteResult

MAX_SKIPPED_SHOWN = 20


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    default=None,
    help="The files' format (facts, text, ucdp, acled, gdelt, syrianarchive); guessed if omitted.",
)
@click.option(
    "--on-error",
    type=click.Choice(ON_ERROR),
    default="fail",
    show_default=True,
    help="fail: a bad record stops the file and stores none of it; "
    "skip: leave it out and report it.",
)
@click.option(
    "--published",
    type=ISO_DATE,
    default=None,
    help="Publication date of a text, for resolving its dates (YYYY-MM-DD).",
)
@progress_option
@db_option
def ingest_command(
    paths: tuple[str, ...],
    fmt: str | None,
    on_error: str,
    published: date | None,
    progress: bool,
    db_path: str,
) -> None:
    """Read files, extract and resolve their facts, and store them with their source.

    A file already ingested (same content) adds nothing.

    \b
    Example:
        contested ingest datasets/ucdp/ged-syria-19.1-2016-2019.csv
        contested ingest report.txt --published 2016-06-21
    """
    with Store.open(db_path) as store, progress_bar(progress) as update:
        results = ingest_each(
            paths, store, fmt=fmt, on_error=on_error, published=published, progress=update
        )
        for result in results:
            _report(result)


def _report(result: WriteResult) -> None:
    if not result.added:
        click.echo(f"{result.path}: already ingested as source {result.source_id}; nothing added")
        return
    counts = ", ".join(f"{n:,} {name}" for name, n in result.counts.items())
    click.echo(f"{result.path}: source {result.source_id}: {counts}")
    for warning in result.warnings:
        click.echo(warning, err=True)
    if result.skipped:
        click.echo(Warnings.W004.format(path=result.path, count=len(result.skipped)), err=True)
        for location, reason in result.skipped[:MAX_SKIPPED_SHOWN]:
            click.echo(f"  {location}: {reason}", err=True)
        if len(result.skipped) > MAX_SKIPPED_SHOWN:
            click.echo(f"  ... and {len(result.skipped) - MAX_SKIPPED_SHOWN} more", err=True)


COMMANDS = [ingest_command]
