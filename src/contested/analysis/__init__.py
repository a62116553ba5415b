"""The questions an analyst asks, as functions returning Ibis tables.

Every function takes an Ibis backend (``Store.ibis()`` for the DuckDB file, or a
Spark session's backend with the same tables registered) and builds
expressions on it; nothing here knows which engine runs them. Actors and
places are accepted by id, name or alias. DOCS: docs/analysis.md
"""

from __future__ import annotations

from contested.analysis._names import actor_ids, place_ids
from contested.analysis.actors import lineage, members_at
from contested.analysis.claims import claim_audit, claim_evidence
from contested.analysis.control import (
    control_at,
    control_history,
    control_map,
    territorial_change,
)
from contested.analysis.strikes import attributed_strikes, haversine_km, strike_attribution

__all__ = [
    "actor_ids",
    "attributed_strikes",
    "claim_audit",
    "claim_evidence",
    "control_at",
    "control_history",
    "control_map",
    "haversine_km",
    "lineage",
    "members_at",
    "place_ids",
    "strike_attribution",
    "territorial_change",
]
