"""What the extractor knows about names: actors, places, and how to resolve them.

The mention ruler needs the names to look for and the assembler needs to turn
a name into an id with a kind, coordinates and aliases. :class:`Knowledge`
holds both, built from the actor registry and the gazetteer
(:func:`default_knowledge`) or from plain lists in tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from contested.vocab import CONTROLLER_KINDS

GOVERNMENT_KINDS = frozenset({"state", "state_force"})


@dataclass(frozen=True)
class ActorEntry:
    """An actor the extractor can name."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    parent: str | None = None
    case_sensitive: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    government_side: bool = False
    generic: bool = False
    friends: tuple[str, ...] = ()
    country: str | None = None
    person: bool = False
    enemies: tuple[str, ...] = ()
    # Dated links: (object, from, to). Memberships of a person; alliances with a state.
    memberships: tuple[tuple[str, date | None, date | None], ...] = ()
    state_links: tuple[tuple[str, date | None, date | None], ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class PlaceEntry:
    """A place of the gazetteer."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int | None = None

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one name: an id (None when unknown) and how sure."""

    id: str | None
    confidence: float
    rule: str
    flagged: bool = False
    kind: str | None = None


@dataclass
class ResolutionContext:
    """What one document has said so far: the places it named, to break ties."""

    places: list[PlaceEntry] = field(default_factory=list)
    country: str | None = "SY"


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-blind key of a name, without a leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`ʿʾ]s\b", "", text)
    text = re.sub(r"[’'`ʿʾ]", "", text)
    text = re.sub(r"[^a-z0-9\u0600-\u06ff]+", " ", text).strip()
    return re.sub(r"^(the|al|el)\s+(?=\S)", "", text)


class Knowledge:
    """Actors and places by id and by name key; resolution through ``contested.resolve``.

    Without a resolver (tests with hand-made lists) names resolve by exact key.
    """

    def __init__(
        self,
        actors: Iterable[ActorEntry] = (),
        places: Iterable[PlaceEntry] = (),
        resolver: Any = None,
    ) -> None:
        self.resolver = resolver
        self.actors: dict[str, ActorEntry] = {a.id: a for a in actors}
        self.places: dict[str, PlaceEntry] = {p.id: p for p in places}
        self._actor_keys: dict[str, list[str]] = defaultdict(list)
        self._place_keys: dict[str, list[str]] = defaultdict(list)
        for actor in self.actors.values():
            for name in {*actor.names(), *actor.metonyms}:
                self._add_key(self._actor_keys, name, actor.id)
        for place in self.places.values():
            for name in place.names():
                self._add_key(self._place_keys, name, place.id)

    @staticmethod
    def _add_key(index: dict[str, list[str]], name: str, ident: str) -> None:
        key = name_key(name)
        if key and ident not in index[key]:
            index[key].append(ident)

    def actor_patterns(self) -> Iterator[dict[str, Any]]:
        """Patterns for the mention ruler: every actor name, alias and metonym."""
        for actor in self.actors.values():
            strict = set(actor.case_sensitive)
            for name in actor.names():
                yield {
                    "label": "ACTOR",
                    "pattern": name,
                    "id": actor.id,
                    "case_sensitive": name in strict or _looks_like_acronym(name),
                }
            for name in actor.metonyms:
                yield {
                    "label": "ACTOR",
                    "pattern": name,
                    "id": actor.id,
                    "metonym": True,
                    "case_sensitive": True,
                }

    def place_patterns(self) -> Iterator[dict[str, Any]]:
        """Patterns for the mention ruler: every place name and alias."""
        for place in self.places.values():
            for name in place.names():
                yield {"label": "PLACE", "pattern": name, "id": place.id, "case_sensitive": False}

    def actor_candidates(self, name: str) -> list[str]:
        return list(self._actor_keys.get(name_key(name), ()))

    def place_candidates(self, name: str) -> list[str]:
        return list(self._place_keys.get(name_key(name), ()))

    def new_context(self, on: date | None) -> Any:
        """A resolution context for one document (the resolver's own, when there is one)."""
        if self.resolver is not None:
            return self.resolver.context(on=on)
        return ResolutionContext()

    def resolve_actor(self, name: str, on: date | None = None, context: Any = None) -> Resolution:
        """The registry actor ``name`` denotes, or an unknown, flagged result."""
        if self.resolver is not None:
            found = self.resolver.resolve_actor(name, on=on, context=context)
            known = found.id in self.actors
            return Resolution(
                found.id, found.confidence, found.rule, found.flagged or not known, found.kind
            )
        found = self.actor_candidates(name)
        if not found:
            return Resolution(None, 0.0, "unknown", flagged=True)
        if len(found) == 1:
            return Resolution(found[0], 1.0, "exact")
        specific = [i for i in found if not self.actors[i].generic]
        return Resolution((specific or found)[0], 0.6, "ambiguous", flagged=True)

    def resolve_place(self, name: str, near: str | None = None, context: Any = None) -> Resolution:
        """The gazetteer place ``name`` denotes, preferring the context's country and neighbours."""
        if self.resolver is not None:
            found = self.resolver.resolve_place(name, near=near, context=context)
            known = found.id in self.places
            return Resolution(
                found.id, found.confidence, found.rule, found.flagged or not known, found.kind
            )
        found = self.place_candidates(name)
        if not found:
            return Resolution(None, 0.0, "unknown", flagged=True)
        if len(found) == 1:
            return Resolution(found[0], 1.0, "exact")
        ranked = sorted(found, key=lambda pid: self._place_rank(self.places[pid], context))
        return Resolution(ranked[0], 0.7, "context")

    def _place_rank(self, place: PlaceEntry, context: ResolutionContext | None) -> tuple[Any, ...]:
        country = context.country if context else "SY"
        near = 0.0
        if context and place.lat is not None and place.lon is not None:
            seen = [p for p in context.places[-20:] if p.lat is not None and p.id != place.id]
            if seen:
                near = min(abs(p.lat - place.lat) + abs(p.lon - place.lon) for p in seen)  # type: ignore[operator]
        size = {"country": 0, "region": 1, "city": 2, "town": 3}.get(place.kind or "", 4)
        return (place.country != country, round(near), size, -(place.population or 0))

    def event_actor(self, actor_id: str, on: date | None = None) -> str:
        """The actor an event is coded to: a state's forces and organs fold into the state.

        ACLED codes the Tiger Forces or the Russian Aerospace Forces as the
        military forces of their state; named units stay in the actor list.
        A person acts for the armed body they belong to on ``on`` ("Baghdadi" is
        IS), or, with no such body and no other organisation, for their state
        ("Assad bombed", "Putin ordered").
        """
        actor_id = self._person_body(actor_id, on)
        seen = {actor_id}
        actor = self.actors.get(actor_id)
        while actor is not None and actor.kind == "state_force" and actor.parent:
            parent = self.actors.get(actor.parent)
            if parent is None or parent.id in seen:
                break
            seen.add(parent.id)
            actor = parent
            if actor.kind == "state":
                break
        return actor.id if actor is not None else actor_id

    def can_fight(self, actor_id: str, on: date | None = None) -> bool:
        """Whether fighting or taking ground can be coded to the actor: an armed body, a state,
        a party (the PYD holds towns through its forces), or a person acting for one of them
        on ``on``; not media, monitors, civilians or weapons."""
        actor = self.actors.get(self.event_actor(actor_id, on))
        return actor is not None and actor.kind in CONTROLLER_KINDS

    def friendly(self, a: str, b: str) -> bool:
        """True when the registry records an alliance, support or membership between them."""
        first, second = self.actors.get(a), self.actors.get(b)
        return bool(
            (first and (b in first.friends or first.parent == b))
            or (second and (a in second.friends or second.parent == a))
        )

    def actor_profiles(self) -> dict[str, tuple[str, list[str]]]:
        """``{id: (kind, names)}`` for coreference: kind is "person" or "generic" where tagged."""
        return {
            a.id: (
                "person" if a.person else "generic" if a.generic else a.kind or "other",
                list(a.names()),
            )
            for a in self.actors.values()
        }

    def hostile(self, a: str, b: str) -> bool:
        """True when the registry records hostility between them (either way)."""
        first, second = self.actors.get(a), self.actors.get(b)
        return bool((first and b in first.enemies) or (second and a in second.enemies))

    def _person_body(self, actor_id: str, on: date | None) -> str:
        person = self.actors.get(actor_id)
        if person is None or not person.person:
            return actor_id
        bodies = [o for o, start, end in person.memberships if _valid(start, end, on)]
        armed = [o for o in bodies if o in self.actors and self.actors[o].kind in _ARMED_KINDS]
        if armed:
            return armed[0]
        if any(o in self.actors and self.actors[o].kind != "political_party" for o in bodies):
            return actor_id
        states = [
            a.id for a in self.actors.values() if a.kind == "state" and a.country == person.country
        ]
        return states[0] if person.country and len(states) == 1 else actor_id

    def is_government_side(self, actor_id: str | None, on: date | None = None) -> bool:
        """True for a state, its forces, and actors the registry puts on a state's side on
        ``on`` (the SDF only from its 2019 pact with Damascus)."""
        actor = self.actors.get(actor_id or "")
        if actor is None:
            return False
        if actor.kind in GOVERNMENT_KINDS:
            return True
        if actor.state_links:
            return any(_valid(start, end, on) for _, start, end in actor.state_links)
        return actor.government_side


def _looks_like_acronym(name: str) -> bool:
    """Short all-capital names (IS, SAA, FSA) match only as written: "is" is a verb."""
    letters = name.replace(".", "").replace("-", "")
    return len(letters) <= 5 and letters.isupper()


# Relations that make two actors friends, so the text's "fights" between them is doubtful.
_FRIENDLY = frozenset({"allied_with", "supported_by", "part_of", "member_of", "allegiance_to"})
# Relations that put an actor on a state's side (support from a state does not: rebels get it too).
_GOVERNMENT_LINKS = frozenset({"allied_with", "part_of", "member_of"})


# Bodies a person's acts are coded to.
_ARMED_KINDS = frozenset(CONTROLLER_KINDS) - {"political_party"}


def _valid(start: date | None, end: date | None, on: date | None) -> bool:
    """Whether a dated link holds on ``on`` (undated questions accept every link)."""
    if on is None:
        return True
    return (start is None or start <= on) and (end is None or on <= end)


def actors_from_registry(registry: Iterable[Any]) -> list[ActorEntry]:
    """Actor entries from :class:`contested.resolve.registry.Registry` actors."""
    actors = list(registry)
    states = {a.id for a in actors if a.kind in GOVERNMENT_KINDS}
    out = []
    for a in actors:
        links = tuple(
            (r.object, r.valid_from, r.valid_to)
            for r in a.relations
            if r.predicate in _GOVERNMENT_LINKS and r.object in states
        )
        linked = bool(links)
        out.append(
            ActorEntry(
                id=a.id,
                name=a.name,
                aliases=tuple(a.aliases),
                kind=a.kind,
                parent=a.parent,
                case_sensitive=tuple(a.case_sensitive),
                metonyms=tuple(a.metonyms),
                government_side=linked or (a.parent in states),
                generic="generic" in a.tags,
                person="person" in a.tags,
                friends=tuple(r.object for r in a.relations if r.predicate in _FRIENDLY),
                enemies=tuple(r.object for r in a.relations if r.predicate == "fights"),
                country=a.country,
                memberships=tuple(
                    (r.object, r.valid_from, r.valid_to)
                    for r in a.relations
                    if r.predicate == "member_of"
                ),
                state_links=links,
            )
        )
    return out


def default_knowledge() -> Knowledge:
    """The shipped actor registry and gazetteer (``contested/data/``), loaded once per process."""
    return _default_knowledge()


@lru_cache(maxsize=1)
def _default_knowledge() -> Knowledge:
    from contested.resolve.resolver import default_resolver

    resolver = default_resolver()
    places = [_place_entry(p) for p in resolver.gazetteer]
    return Knowledge(actors_from_registry(resolver.registry), places, resolver)


def _place_entry(place: Any) -> PlaceEntry:
    return PlaceEntry(
        id=place.place_id,
        name=place.name,
        aliases=tuple(place.aliases),
        kind=place.kind,
        admin1=place.admin1,
        admin2=place.admin2,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        population=place.population,
    )


def places_from_rows(rows: Iterable[dict[str, Any]]) -> list[PlaceEntry]:
    """Place entries from gazetteer rows (``places.parquet`` as dicts)."""
    return [
        PlaceEntry(
            id=r["place_id"],
            name=r["name"],
            aliases=tuple(r.get("aliases") or ()),
            kind=r.get("kind"),
            admin1=r.get("admin1"),
            admin2=r.get("admin2"),
            country=r.get("country"),
            lat=r.get("lat"),
            lon=r.get("lon"),
            geonameid=r.get("geonameid"),
            population=r.get("population"),
        )
        for r in rows
    ]
