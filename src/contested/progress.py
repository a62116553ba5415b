"""The progress callback that long work (ingest, reports) reports through.

Library code calls ``progress(description, steps_done, steps_total)``; the CLI
turns that into a Rich progress bar, and callers that want silence pass nothing.
"""

from collections.abc import Callable

ProgressFn = Callable[[str, int, int], None]


def no_progress(description: str, done: int, total: int) -> None:
    """Report nothing: the default for library callers."""
