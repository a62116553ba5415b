"""The ``contested`` command line: one click group, one module per command group.

DOCS: docs/cli.md
"""

from __future__ import annotations

from typing import Any

import click

from contested import __version__
from contested.errors import ContestedError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class ContestedGroup(click.Group):
    """A group that turns library errors into one-line ``Error: ...`` messages (exit 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContestedError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=ContestedGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="contested")
def cli() -> None:
    """Conflict intelligence: sourced facts about who did what, where and when.

    \b
    Example:
        contested ingest datasets/ucdp/ged-syria-19.1-2016-2019.csv
        contested events --actor "Islamic State" --from 2016-01-01 --to 2016-03-31
    """


def _register() -> None:
    from contested.cli import (
        analysis,
        demo,
        export,
        extract,
        ingest,
        query,
        report,
        resolve,
        serve,
    )

    for module in (ingest, query, export, resolve, extract, analysis, report, serve, demo):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
