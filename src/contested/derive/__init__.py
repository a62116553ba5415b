"""Derived views of the knowledge base, recomputed from facts and never edited by hand.

``control_intervals`` and ``control_evidence`` are tables in the store (schema
version 2), rebuilt by :func:`refresh` after every ingest and by ``contested
derive``; the store records which sources they reflect, and the analysis
commands rebuild them first when the sources have changed since. Affiliation
intervals and lineage are small and computed on demand from ``relations``.
Everything is built with Ibis on a backend it is given. DOCS: docs/analysis.md
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from contested.derive.actors import (
    AFFILIATION_PREDICATES,
    LINEAGE_PREDICATES,
    LineageStep,
    affiliations,
    ceased,
    descendants,
    lineage_steps,
)
from contested.derive.control import (
    UNKNOWN,
    control_evidence,
    control_intervals,
    territory_events,
)

if TYPE_CHECKING:
    from contested.store import Store


def derived_tables(con: ibis.BaseBackend) -> dict[str, ir.Table]:
    """The expressions of every derived table the store keeps."""
    return {
        "control_intervals": control_intervals(con),
        "control_evidence": control_evidence(con),
    }


def refresh(store: Store) -> dict[str, int]:
    """Recompute the store's derived tables from its facts; returns rows per table."""
    return store.replace_derived(derived_tables(store.ibis()))


def ensure_current(store: Store) -> bool:
    """Refresh the derived tables if the sources changed since; True if it did."""
    if store.derived_is_current():
        return False
    refresh(store)
    return True


__all__ = [
    "AFFILIATION_PREDICATES",
    "LINEAGE_PREDICATES",
    "UNKNOWN",
    "LineageStep",
    "affiliations",
    "ceased",
    "control_evidence",
    "control_intervals",
    "derived_tables",
    "descendants",
    "ensure_current",
    "lineage_steps",
    "refresh",
    "territory_events",
]
