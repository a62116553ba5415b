"""The event tagger's lexicon: triggers and word lists of ``data/extract/events.yaml``.

The fixed word sets every rule reads are module constants; the lists the
tagger reads per instance, and what the knowledge base adds later (the kinds
of places, the actors that can fight), are an :class:`EventWords`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contested.extract._data import load_yaml
from contested.extract.annotations import Arg

_WORDS = load_yaml("events.yaml")
# Heads of reported speech ("claimed that ...", "Moscow's announcement that ...").
REPORTING_HEADS = frozenset(_WORDS["reporting_heads"])
CLAIM_NOUNS = frozenset(_WORDS["claim_nouns"])
MODALS = frozenset(_WORDS["modals"])
PRONOUNS = frozenset(_WORDS["pronouns"])
KILL_WORDS = frozenset(_WORDS["kill_words"])
# Attributions that report what happened; "claimed", "alleged", "denied" only report a claim.
NEUTRAL_REPORTING = frozenset(_WORDS["neutral_reporting"])
# Nationality adjectives ("Turkish troops"), resolved to their state by the assembler.
DEMONYMS = frozenset(load_yaml("mentions.yaml")["demonyms"])
# A name in these roles owns or performs something; it is not where an event happened.
OWNER_DEPS = frozenset({"poss", "compound", "agent"})
# Head nouns whose name in compound is the place itself ("Duwaybiq village"); before other
# heads a name is a part or an owner ("M5 highway", "Aleppo offensive").
SETTLEMENTS = frozenset(
    {
        "village",
        "town",
        "city",
        "hamlet",
        "neighbourhood",
        "neighborhood",
        "district",
        "suburb",
        "area",
        "countryside",
        "outskirts",
        "region",
        "vicinity",
        "suburbs",
        "environs",
    }
)
TOWNS = frozenset({"city", "town", "village"})
# Prepositions after which an unknown name is a place ("clashes in Tell Tamer").
LOCATIVE = (
    "in",
    "at",
    "near",
    "around",
    "outside",
    "inside",
    "into",
    "towards",
    "toward",
    "throughout",
    "across",
    "along",
)
# Event types coded to armed actors, and which an event noun can cause ("strikes destroyed").
CAUSE_TYPES = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})

# What the tagger knows so far of a text: the last actor, place and settlement named.
Context = dict[str, Arg | None]


@dataclass(frozen=True)
class Trigger:
    """One entry of the trigger lexicon."""

    event_type: str
    sub_event_type: str | None
    frame: str
    pos: str
    weight: float
    territory: str | None


@dataclass
class EventWords:
    """The word lists of ``events.yaml`` the rules consult, and the knowledge base's facts."""

    modifiers: dict[str, dict[str, str]]
    instruments: dict[str, frozenset[str]]
    air_actor_names: frozenset[str]
    attempt_words: frozenset[str]
    civilian_words: frozenset[str]
    military_objects: frozenset[str]
    state_force_words: frozenset[str]
    home_actor: str
    crowds: dict[str, str]
    irrealis: frozenset[str]
    habitual_words: frozenset[str]
    support_verbs: frozenset[str]
    place_anaphors: frozenset[str]
    actor_anaphors: frozenset[str]
    force_words: frozenset[str]
    default_place: str
    place_kinds: dict[str, str] = field(default_factory=dict)
    fighters: frozenset[str] | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> EventWords:
        """The word lists of a loaded ``events.yaml``."""
        state_force_words = frozenset(data["state_force_words"])
        actor_anaphors = frozenset(data["actor_anaphors"])
        return cls(
            modifiers=data["modifiers"],
            instruments={k: frozenset(v) for k, v in data["instruments"].items()},
            air_actor_names=frozenset(n.lower() for n in data["air_actors"]),
            attempt_words=frozenset(data["attempt_verbs"]),
            civilian_words=frozenset(data["civilian_words"]),
            military_objects=frozenset(data["military_objects"]),
            state_force_words=state_force_words,
            home_actor=data["home_actor"],
            crowds=data["crowds"],
            irrealis=frozenset(data["irrealis"]),
            habitual_words=frozenset(data["habitual"]),
            support_verbs=frozenset(data["support_verbs"]),
            place_anaphors=frozenset(data["place_anaphors"]),
            actor_anaphors=actor_anaphors,
            force_words=state_force_words | actor_anaphors,
            default_place=data["default_place"],
        )
