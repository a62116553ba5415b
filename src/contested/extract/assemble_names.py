"""Names to ids for the assembler: actors and places resolved, remembered and flagged.

Each name a frame holds resolves through the knowledge (organs of a state the
text names, short forms of actors named before, nationalities to their
states); an unknown name becomes a new actor or place flagged as unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from contested.extract._data import load_yaml
from contested.extract.annotations import Arg
from contested.extract.knowledge import Knowledge, ResolutionContext, name_key
from contested.facts import Actor, Place
from contested.vocab import PLACE_KINDS

UNRESOLVED_NOTE = "flagged: not in the registry or gazetteer; kept as written"


class NameResolver:
    """The assembler's names: the actor and place ids of ``Arg``s, adding each to the lists.

    A base of :class:`~contested.extract.assemble.Assembler`, which holds the state.
    """

    knowledge: Knowledge
    text: str
    published: date | None
    context: Any
    actors: dict[str, Actor]
    places: dict[str, Place]
    _cache: dict[tuple[str, str, tuple[str, ...]], str]
    _seen: dict[str, list[int]]
    _offset: int
    _add_relation: Callable[..., None]

    def _actor(self, arg: Arg | None) -> str | None:
        """The id of the actor ``arg`` names, adding it to the actors list."""
        if arg is None:
            return None
        name = clean_name(arg.text)
        if not name:
            return None
        key = ("actor", name_key(name), arg.ids)
        owned = self._organ_of_named_state(arg, name)
        if owned is not None:
            ident = owned
        elif key in self._cache:
            ident = self._cache[key]
        else:
            ident = self._resolve_actor(arg, name)
            self._cache[key] = ident
        at = self._offset + arg.start_char
        if ident not in self.knowledge.actors and not self._after_capital(arg):
            ident = self._short_form(name, at) or ident
        self._remember_actor(ident, name, arg)
        return ident

    def _organ_of_named_state(self, arg: Arg, name: str) -> str | None:
        """ "Russia's Defence Ministry": of the organs the name may be, the state's own."""
        start = self._offset + arg.start_char
        owner = re.search(r"([A-Z][\w.\- ]{1,30}?)[’']s\s*$", self.text[max(0, start - 40) : start])
        if owner is None:
            return None
        state = self.knowledge.resolve_actor(owner.group(1), self.published, self.context)
        entry = self.knowledge.actors.get(state.id or "")
        if entry is None or entry.kind != "state":
            return None
        for ident in arg.ids:
            organ = self.knowledge.actors.get(ident)
            if organ is not None and organ.parent == entry.id:
                return ident
        found = self.knowledge.resolve_actor(f"{entry.name} {name}", self.published, self.context)
        organ = self.knowledge.actors.get(found.id or "")
        return organ.id if organ is not None and organ.parent == entry.id else None

    def _after_capital(self, arg: Arg) -> bool:
        """True when a capitalised word precedes the name ("the Central Division"): the
        name the ruler found is the end of a longer one, not a short form."""
        start = self._offset + arg.start_char
        word = re.search(r"(\w+)\s+$", self.text[max(0, start - 40) : start])
        return word is not None and word.group(1)[:1].isupper()

    def _short_form(self, name: str, at: int) -> str | None:
        """An unknown "JaI", "LF" or "Legion" that shortens a registry actor the document
        named before ``at``: its initials, or the last word of its name (the nearest such)."""
        words = name.split()
        if len(words) != 1 or not name[:1].isupper():
            return None
        key = name.lower()
        acronym = name.isalpha() and 2 <= len(name) <= 5 and sum(c.isupper() for c in name) >= 2
        last = {i: max((p for p in ps if p < at), default=-1) for i, ps in self._seen.items()}
        for ident in sorted(last, key=last.__getitem__, reverse=True):
            entry = self.knowledge.actors.get(ident)
            if last[ident] < 0:
                break
            if entry is None or entry.person or entry.generic:
                continue
            for full in entry.names():
                parts = re.findall(r"[A-Za-z]+", full)
                if len(parts) < 2:
                    continue
                if acronym and key in _initials(parts):
                    return ident
                if not acronym and parts[-1].lower() == key:
                    return ident
        return None

    def _resolve_actor(self, arg: Arg, name: str) -> str:
        if arg.label == "DEMONYM":
            country = _demonyms().get(arg.text)
            if country:
                found = self.knowledge.resolve_actor(country, self.published, self.context)
                if found.id:
                    return found.id
        actors = [i for i in arg.ids if i in self.knowledge.actors]
        seen = [i for i in actors if i in self.actors]
        if len(actors) > 1 and seen:
            return seen[-1]
        found = self.knowledge.resolve_actor(name, self.published, self.context)
        if found.id and not found.flagged:
            return found.id
        if actors:
            return actors[0]
        return found.id or slug(name)

    def _remember_actor(self, ident: str, name: str, arg: Arg) -> None:
        actor = self.actors.get(ident)
        self._organ_of_state(ident, name, arg)
        if actor is None:
            entry = self.knowledge.actors.get(ident)
            if entry is not None:
                actor = Actor(
                    id=ident, name=entry.name, aliases=list(entry.aliases), kind=entry.kind
                )
            else:
                actor = Actor(id=ident, name=name, kind=_guess_kind(arg), notes=UNRESOLVED_NOTE)
            self.actors[ident] = actor
        if name != actor.name and name not in actor.aliases:
            actor.aliases.append(name)

    def _organ_of_state(self, ident: str, name: str, arg: Arg) -> None:
        """ "Iran's SNSC", "the Ministry of Foreign Affairs of Egypt": an organ the text
        says is the state's (an adjective, "Russian jets", does not say it)."""
        entry = self.knowledge.actors.get(ident)
        parent = self.knowledge.actors.get(entry.parent or "") if entry else None
        if entry is None or parent is None or entry.kind != "state_force" or parent.kind != "state":
            return
        start, end = self._offset + arg.start_char, self._offset + arg.end_char
        names = [n for n in (parent.name, *parent.aliases) if n]
        before = self.text[max(0, start - 40) : start]
        owned = any(re.search(rf"\b{re.escape(n)}[’']s\s*$", before) for n in names)
        of_state = any(re.search(rf"\bof (the )?{re.escape(n)}$", name) for n in names)
        if owned or of_state:
            if parent.id not in self.actors:
                self.actors[parent.id] = Actor(
                    id=parent.id, name=parent.name, aliases=list(parent.aliases), kind=parent.kind
                )
            self._add_relation(
                ident, "part_of", parent.id, self.text[start:end], (start, end), "from name", 0.6
            )

    def _place(self, arg: Arg | None) -> str | None:
        """The id of the place ``arg`` names, adding it to the places list."""
        if arg is None:
            return None
        name = clean_name(arg.text)
        if not name:
            return None
        key = ("place", name_key(name), arg.ids)
        if key in self._cache:
            ident = self._cache[key]
        else:
            found = self.knowledge.resolve_place(name, context=self.context)
            places = [i for i in arg.ids if i in self.knowledge.places]
            if found.id and not found.flagged:
                ident = found.id
            elif places:
                ident = places[0]
            else:
                ident = found.id or slug(name)
            self._cache[key] = ident
        self._remember_place(
            ident,
            name,
            self.knowledge.resolve_place(name).kind if ident not in self.knowledge.places else None,
        )
        return ident

    def _remember_place(self, ident: str, name: str, kind: str | None = None) -> None:
        place = self.places.get(ident)
        entry = self.knowledge.places.get(ident)
        if place is None:
            if entry is not None:
                place = Place(
                    id=ident,
                    name=entry.name,
                    mention=name,
                    aliases=list(entry.aliases),
                    kind=entry.kind,
                    admin1=entry.admin1,
                    admin2=entry.admin2,
                    country=entry.country,
                    lat=entry.lat,
                    lon=entry.lon,
                    geonameid=entry.geonameid,
                )
                if isinstance(self.context, ResolutionContext):
                    self.context.places.append(entry)
            else:
                known_kind = kind if kind in PLACE_KINDS else None
                place = Place(
                    id=ident, name=name, mention=name, kind=known_kind, notes=UNRESOLVED_NOTE
                )
            self.places[ident] = place
        if name != place.name and name not in place.aliases:
            place.aliases.append(name)


_LEADING = re.compile(r"^(?:the|a|an|one|some|its|their|his|her)\s+", re.IGNORECASE)


def clean_name(text: str) -> str:
    """A name without a leading article, possessive ending or surrounding punctuation."""
    text = " ".join(text.split()).strip(" ,.;:()[]“”\"'")
    text = re.sub(r"[’']s$", "", text)
    return _LEADING.sub("", text)


def _initials(words: list[str]) -> set[str]:
    """Initials of a name, with and without its particles: {"jai", "ji"} for Jaysh al-Islam."""
    every = "".join(w[0] for w in words).lower()
    content = "".join(w[0] for w in words if w.lower() not in _PARTICLES).lower()
    return {every, content}


_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "ar",
        "an",
        "at",
        "az",
        "the",
        "of",
        "and",
        "for",
        "bin",
        "ibn",
        "wal",
    }
)


def slug(name: str) -> str:
    """An id for a name the knowledge does not hold."""
    out = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")
    return out or "unnamed"


def _guess_kind(arg: Arg) -> str:
    if arg.label == "NOUN":
        return "civilians" if arg.hint in _civilian_words() else "other"
    if arg.hint == "actor":
        return "armed_group"
    return "other"


def _demonyms() -> dict[str, str]:
    data: dict[str, str] = load_yaml("mentions.yaml")["demonyms"]
    return data


def _civilian_words() -> frozenset[str]:
    return frozenset(load_yaml("events.yaml")["civilian_words"])
