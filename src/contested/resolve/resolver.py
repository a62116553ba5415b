"""One resolver for places and actors, loaded once and shared by the extractor and ingest.

>>> resolver = default_resolver()
>>> resolver.resolve_place("Deraa").id
'daraa'
>>> resolver.resolve_actor("al-Nusra", on="2017-06-01").successor
'hayat-tahrir-al-sham'
"""

from __future__ import annotations

from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

from contested.resolve.actors import ActorResolution, ActorResolver
from contested.resolve.context import ResolutionContext
from contested.resolve.gazetteer import Gazetteer, Place, load_gazetteer
from contested.resolve.places import PlaceResolution, PlaceResolver
from contested.resolve.registry import Registry, load_registry
from contested.resolve.tables import Resolved

# A name the resolver answered with at least this confidence is taken over the
# other names of the same entity (ingest passes a name and its aliases).
_GOOD_ENOUGH = 0.95


class Resolver:
    """Place and actor resolution over one gazetteer and one registry.

    The indexes are built on first use; answers are cached per name. Use
    :meth:`context` for one document, so that its places and date break ties.
    It also answers ingest's ``NameResolver`` protocol (:meth:`actor`, :meth:`place`).
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | Path | str | None = None,
        registry: Registry | Path | str | None = None,
    ) -> None:
        self._gazetteer_source = gazetteer
        self._registry_source = registry

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer (the shipped one unless another was given)."""
        source = self._gazetteer_source
        return source if isinstance(source, Gazetteer) else load_gazetteer(source)

    @cached_property
    def registry(self) -> Registry:
        """The actor registry (the shipped one unless another was given)."""
        source = self._registry_source
        return source if isinstance(source, Registry) else load_registry(source)

    @cached_property
    def places(self) -> PlaceResolver:
        """The place resolver and its indexes."""
        return PlaceResolver(self.gazetteer)

    @cached_property
    def actors(self) -> ActorResolver:
        """The actor resolver and its indexes."""
        return ActorResolver(self.registry)

    def context(
        self, *, on: date | str | None = None, country: str | None = None
    ) -> ResolutionContext:
        """A fresh context for one document, dated ``on`` (its publication date)."""
        day = date.fromisoformat(on) if isinstance(on, str) else on
        return ResolutionContext(date=day, country=country)

    def resolve_place(
        self,
        name: str,
        *,
        near: Place | str | tuple[float, float] | None = None,
        context: ResolutionContext | None = None,
    ) -> PlaceResolution:
        """Resolve a place name; see :class:`~contested.resolve.places.PlaceResolver`."""
        return self.places.resolve(name, near=near, context=context)

    def resolve_actor(
        self,
        name: str,
        *,
        on: date | str | None = None,
        context: ResolutionContext | None = None,
        kind: str | None = None,
    ) -> ActorResolution:
        """Resolve an actor name; see :class:`~contested.resolve.actors.ActorResolver`."""
        return self.actors.resolve(name, on=on, context=context, kind=kind)

    def actor(self, names: list[str], kind: str | None, on: date | None) -> Resolved:
        """Ingest's protocol: the best answer over an entity's names (else new, from the first)."""
        answers = [self.resolve_actor(n, on=on, kind=kind) for n in _unique(names)]
        best = _best(answers)
        return Resolved(best.id, best.rule, best.confidence)

    def place(
        self, names: list[str], lat: float | None, lon: float | None, admin1: str | None
    ) -> Resolved:
        """Ingest's protocol: names of one place, with the row's point and governorate if any."""
        context = ResolutionContext()
        if admin1:
            named = admin1.lower().endswith(("governorate", "province"))
            region = self.resolve_place(admin1 if named else f"{admin1} Governorate")
            if region.place is not None and region.place.admin_level == 1:
                context.note_place(region.place)
        near = (lat, lon) if lat is not None and lon is not None else None
        answers = [self.resolve_place(n, near=near, context=context) for n in _unique(names)]
        best = _best(answers)
        return Resolved(best.id, best.rule, best.confidence)


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n and n.strip()))


_Answer = TypeVar("_Answer", PlaceResolution, ActorResolution)


def _best(answers: list[_Answer]) -> _Answer:
    """The first answer good enough, else the most confident, else the first (a new entity)."""
    for answer in answers:
        if answer.confidence >= _GOOD_ENOUGH:
            return answer
    return max(answers, key=lambda a: a.confidence)


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The resolver over the shipped gazetteer and registry, shared by everything in a process."""
    return Resolver()


def resolve_place(
    name: str,
    *,
    near: Place | str | tuple[float, float] | None = None,
    context: ResolutionContext | None = None,
) -> PlaceResolution:
    """Resolve a place name with the shared resolver.

    Examples
    --------
    >>> resolve_place("Tadmur").id
    'palmyra'
    >>> resolve_place("Aleppo province").kind
    'region'
    """
    return default_resolver().resolve_place(name, near=near, context=context)


def resolve_actor(
    name: str,
    *,
    on: date | str | None = None,
    context: ResolutionContext | None = None,
) -> ActorResolution:
    """Resolve an actor name with the shared resolver.

    Examples
    --------
    >>> resolve_actor("Nusra Front").id
    'jabhat-al-nusra'
    """
    return default_resolver().resolve_actor(name, on=on, context=context)
