"""The controlled vocabularies of the facts format.

Event types follow the ACLED codebook, so the knowledge base reads and
writes the categories analysts already use. DOCS: docs/facts-format.md
"""

from __future__ import annotations

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Chemical weapon",
        "Grenade",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TYPES: dict[str, str] = {
    sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs
}

# Sub-event types that move control of a place to actor1 from date.end on.
TERRITORY_SUB_EVENT_TYPES: frozenset[str] = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)

# Sub-event types that strike a place from afar: what strike attribution counts.
STRIKE_SUB_EVENT_TYPES: frozenset[str] = frozenset(
    {"Air/drone strike", "Shelling/artillery/missile attack"}
)

RELATION_PREDICATES: tuple[str, ...] = (
    "member_of",
    "part_of",
    "absorbed_into",
    "merged_into",
    "allegiance_to",
    "designated_by",
    "supported_by",
    "allied_with",
    "fights",
)

# Predicates stated in either direction mean the same thing.
SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"allied_with", "fights"})

# The registry also records renames, which the facts format of a single text does not need.
REGISTRY_PREDICATES: tuple[str, ...] = (*RELATION_PREDICATES, "renamed_to")

ACTOR_KINDS: tuple[str, ...] = (
    "state",
    "state_force",
    "armed_group",
    "coalition",
    "militia",
    "political_party",
    "intl_org",
    "civilians",
    "other",
)

# Kinds of actor that can hold a place. Monitors, news agencies, persons, civilians
# and international bodies name places in reports, but never control them. Parties
# stay: reports say "PYD-held" of the towns a party governs through its militia.
CONTROLLER_KINDS: tuple[str, ...] = tuple(
    kind for kind in ACTOR_KINDS if kind not in ("intl_org", "civilians", "other")
)

PLACE_KINDS: tuple[str, ...] = (
    "country",
    "region",
    "city",
    "town",
    "village",
    "district",
    "base",
    "camp",
    "route",
    "area",
)

VERDICTS: tuple[str, ...] = ("supports", "disputes", "unclear")

FACTS_FORMAT = "contested-facts/1"
