"""Exceptions and the catalog of warnings.

The library raises these and never prints or exits; the CLI turns them
into one-line ``Error: ...`` messages, the web layer into JSON errors.

    ContestedError
    ├── InputError            a source file is not what its reader expects
    │   ├── InvalidRecord     one record (row, JSON path, offset) is wrong
    │   └── UnknownFormat     no reader claims the file
    ├── StoreError            the DuckDB file cannot be used as asked
    │   └── SchemaTooNew      the file was written by a newer contested
    ├── NotFound              an actor, place or source id does not exist
    └── UsageError            arguments that contradict each other
"""

from __future__ import annotations

from enum import StrEnum


class ContestedError(Exception):
    """Base class of every error contested raises on purpose."""


class InputError(ContestedError):
    """A source file cannot be read as its format requires."""

    def __init__(self, path: str, problem: str, *, location: str | None = None) -> None:
        self.path = path
        self.location = location
        self.problem = problem
        where = f"{path}: {location}" if location else path
        super().__init__(f"{where}: {problem}")


class InvalidRecord(InputError):
    """One record of a source (a CSV row, a JSON path, a text offset) is wrong.

    ``location`` names the record: ``row 12``, ``events[12].date.start``.
    """


class UnknownFormat(InputError):
    """No reader recognises the file; the message lists the formats."""


class StoreError(ContestedError):
    """The knowledge-base file cannot be opened or changed as asked."""


class SchemaTooNew(StoreError):
    """The file's schema version is newer than this contested understands."""


class NotFound(ContestedError):
    """An actor, place, source or other id does not exist in the store."""


class UsageError(ContestedError):
    """Arguments that cannot be used together."""


class Warnings(StrEnum):
    """Stable warning codes: printed as ``[W001] ...`` so they can be grepped."""

    W001 = "{path}: not valid UTF-8; decoded with replacement characters"
    W002 = "{path}: the text does not look like English ({language}); nothing was extracted"
    W003 = "{path}: the file is empty; nothing was extracted"
    W004 = "{path}: {count} record(s) skipped because of errors"
    W005 = "{path}: {count} row(s) have no ACLED equivalent and were not stored ({detail})"

    def format(self, **values: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + str(self.value).format(**values)
