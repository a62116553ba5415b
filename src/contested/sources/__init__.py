"""Readers: one per source kind, each turning a file into fact tables.

Readers live in the ``readers`` registry under versioned names
(``contested.ucdp_csv.v1``); contested's own are registered in
:mod:`contested.registrations` exactly as a plugin would register its own,
through the ``contested_readers`` entry point. DOCS: docs/extending.md
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

import catalogue

from contested.errors import UnknownFormat
from contested.tables import FactTables, SourceInfo

readers = catalogue.create("contested", "readers", entry_points=True)

_HEAD_BYTES = 64 * 1024


class Reader(Protocol):
    """What every reader offers; see ``contested.sources.ucdp`` for a full one."""

    name: str  # the registry name, e.g. "contested.ucdp_csv.v1"
    kind: str  # the --format name, e.g. "ucdp"

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether this file looks like this reader's format (from its name and first bytes)."""
        ...

    def read(self, path: Path, source: SourceInfo, *, skip_bad: bool) -> FactTables:
        """Read and validate the whole file; raise InputError or skip bad records."""
        ...


def all_readers() -> dict[str, Reader]:
    """Every registered reader by its ``--format`` name."""
    import contested.registrations  # noqa: F401  (fills the registry)

    found = [factory() for factory in readers.get_all().values()]
    return {reader.kind: reader for reader in found}


def content_hash(path: Path) -> str:
    """The sha256 of a file's bytes: a source's identity, so re-ingesting adds nothing."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pick_reader(path: Path, fmt: str | None = None) -> Reader:
    """The reader for ``path``: the one named by ``fmt``, else the first that sniffs it."""
    available = all_readers()
    if fmt is not None:
        if fmt not in available:
            raise UnknownFormat(
                str(path),
                f"unknown format {fmt!r}; expected one of: {', '.join(sorted(available))}",
            )
        return available[fmt]
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    for reader in available.values():
        if reader.sniff(path, head):
            return reader
    raise UnknownFormat(
        str(path),
        "cannot tell the format from the name and first bytes; pass --format "
        f"({', '.join(sorted(available))})",
    )
