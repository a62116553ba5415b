"""The progress bar every long command shows on stderr."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# Called as update(description, done, total); total None while it is unknown.
UpdateFn = Callable[[str, int, "int | None"], None]


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[UpdateFn]:
    """A rich progress bar, fed by the library's progress callback.

    It only draws on a terminal, so piped output and tests stay clean.
    """
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not (enabled and console.is_terminal),
    ) as bar:
        task = bar.add_task("starting", total=None)

        def update(description: str, done: int, total: int | None) -> None:
            bar.update(task, description=description, completed=done, total=total)

        yield update
