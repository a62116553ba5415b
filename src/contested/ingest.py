"""The one orchestration of read -> extract -> resolve -> store.

Each path becomes one source. A source already in the store (same content
hash) is skipped before it is even read, so ingesting twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from contested.derive import refresh
from contested.errors import InputError
from contested.progress import ProgressFn, no_progress
from contested.reference import ensure_reference
from contested.resolve.resolver import Resolver, default_resolver
from contested.resolve.tables import resolve_tables
from contested.sources import content_hash, pick_reader
from contested.store import Store, WriteResult
from contested.tables import SourceInfo

ON_ERROR = ("fail", "skip")
_STEPS = ("reading", "resolving", "storing")


def ingest(paths: Iterable[str | Path], store: Store, **options: object) -> list[WriteResult]:
    """Ingest each file as one source; see :func:`ingest_each`."""
    return list(ingest_each(paths, store, **options))  # type: ignore[arg-type]


def ingest_each(
    paths: Iterable[str | Path],
    store: Store,
    *,
    fmt: str | None = None,
    on_error: str = "fail",
    published: date | None = None,
    resolver: Resolver | None = None,
    progress: ProgressFn = no_progress,
    derive: bool = True,
) -> Iterator[WriteResult]:
    """Ingest each file as one source, yielding what each did as it lands.

    With ``on_error="fail"`` the first bad record stops that file and nothing
    of it is stored; with ``"skip"`` bad records are left out and listed in
    the result's ``skipped``. Files before a failing one stay ingested.
    With ``derive`` the derived tables (control intervals) are recomputed once
    after the last file, if anything was added.
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {ON_ERROR}, got {on_error!r}")
    files = [Path(p) for p in paths]
    resolver = resolver or default_resolver()
    ensure_reference(store, resolver)
    total = len(files) * len(_STEPS)
    added = False
    for n, path in enumerate(files):
        base = n * len(_STEPS)
        if not path.is_file():
            raise InputError(str(path), "no such file")
        reader = pick_reader(path, fmt)
        digest = content_hash(path)
        known = store.has_source(digest)
        if known:
            progress(f"{path.name}: already ingested", base + len(_STEPS), total)
            yield WriteResult(known, str(path), False, {})
            continue
        source = SourceInfo(
            content_hash=digest,
            kind=reader.kind,
            reader=reader.name,
            path=str(path),
            doc_id=path.stem,
            published=published,
        )
        progress(f"{path.name}: {_STEPS[0]}", base, total)
        facts = reader.read(path, source, skip_bad=on_error == "skip")
        if published is not None:
            facts = replace(facts, source=replace(facts.source, published=published))
        progress(f"{path.name}: {_STEPS[1]}", base + 1, total)
        facts = resolve_tables(facts, resolver)
        progress(f"{path.name}: {_STEPS[2]}", base + 2, total)
        result = store.write(facts)
        added = added or result.added
        progress(f"{path.name}: done", base + 3, total)
        yield result
    if derive and added:
        progress("deriving control of territory", total, total)
        refresh(store)
