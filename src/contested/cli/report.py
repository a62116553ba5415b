"""``contested report``: write the analyst's report (HTML and Markdown with charts)."""

from __future__ import annotations

import time
from datetime import date

import click

from contested import derive
from contested.cli._options import ISO_DATE, db_option, progress_option, radius_option
from contested.cli._progress import progress_bar
from contested.errors import UsageError
from contested.report import DEFAULT_ACTOR, build_report
from contested.store import Store


@click.command(name="report")
@click.option(
    "--out",
    "out_dir",
    default="report",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory to write index.html, report.md and charts/ to.",
)
@click.option(
    "--from", "date_from", type=ISO_DATE, help="Strikes, changes and claims from this day."
)
@click.option("--to", "date_to", type=ISO_DATE, help="Strikes, changes and claims up to this day.")
@click.option(
    "--actor",
    default=DEFAULT_ACTOR,
    show_default=True,
    help="The striking actor whose strikes section 1 attributes: id, name or alias.",
)
@radius_option
@progress_option
@db_option
def report_command(
    out_dir: str,
    date_from: date | None,
    date_to: date | None,
    actor: str,
    radius_km: float,
    progress: bool,
    db_path: str,
) -> None:
    """Write the report: strike attribution, territorial change, claim audit, lineages.

    One self-contained index.html (inline CSS and SVG charts; no script, no network)
    and report.md with its charts as SVG files beside it. Each figure says where it
    comes from.

    \b
    Example:
        contested report --out report/
        contested report --from 2015-09-30 --to 2016-12-31 --actor Russia
    """
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"--from {date_from} is after --to {date_to}")
    started = time.perf_counter()
    with Store.open(db_path, read_only=True) as store:
        current = store.derived_is_current()
    if not current:
        with Store.open(db_path) as store:
            derive.refresh(store)
    with Store.open(db_path, read_only=True) as store, progress_bar(progress) as update:
        paths = build_report(
            store,
            out_dir,
            actor=actor,
            date_from=date_from,
            date_to=date_to,
            radius_km=radius_km,
            progress=update,
        )
    click.echo(f"{paths.html}")
    click.echo(
        f"{paths.markdown} ({len(paths.charts)} charts in {paths.markdown.parent / 'charts'})"
    )
    click.echo(f"built in {time.perf_counter() - started:.1f} s", err=True)


COMMANDS = [report_command]
