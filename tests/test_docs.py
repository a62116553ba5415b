"""The docs cover every command and reader, and the public API is what __all__ says."""

from __future__ import annotations

import click
import pytest

import contested
from contested.cli import cli
from contested.sources import all_readers
from tests._data import ROOT

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
SOURCES_DOC = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_docs_every_command_has_a_section_and_an_example(path: tuple[str, ...]) -> None:
    assert f"## contested {' '.join(path)}\n" in CLI_DOC
    command: click.Command = cli
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert "Example:" in (command.help or "")


@pytest.mark.parametrize("kind", sorted(all_readers()))
def test_docs_every_reader_is_documented(kind: str) -> None:
    assert f'<a id="{kind}"></a>' in SOURCES_DOC
    assert f"| `{kind}` |" in SOURCES_DOC


def test_docs_public_api_is_sorted_and_importable() -> None:
    assert contested.__all__ == sorted(contested.__all__)
    for name in contested.__all__:
        assert hasattr(contested, name)
