"""The actor registry: the actors of the Syrian and Iraqi wars 2011-2020, read from data files.

The knowledge lives in ``contested/data/actors/*.yaml`` (one YAML list of actors per
file, schema in that folder's README); this module reads it, validates it and answers
questions about it: an actor's names, its place in a hierarchy, its dated relations,
and its lineage (what it came from, what it became, and which incarnation of it
existed on a given day).

Validation is strict because the extractor turns every alias into a pattern: an error
names the file, the actor's index in that file and the field, e.g.
``opposition.yaml: actors[12].relations[0].object``.

DOCS: src/contested/data/actors/README.md
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from contested.errors import InputError, InvalidRecord, NotFound
from contested.facts import IsoDate
from contested.vocab import ACTOR_KINDS, REGISTRY_PREDICATES

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors"

# Predicates that end an actor's life as a separate body, in favour of their object.
LINEAGE_PREDICATES: tuple[str, ...] = ("absorbed_into", "merged_into", "renamed_to")

# Free labels that sort actors beyond their kind; a closed list so typos are caught.
TAGS: frozenset[str] = frozenset(
    {
        "generic",  # a referent for a side ("the regime", "rebels"), not a named body
        "person",
        "media",
        "monitor",  # documents violations or casualties (SOHR, SNHR, Airwars)
        "think_tank",
        "ngo",
        "operation",  # a named military operation reports treat as an actor
        "operations_room",
        "ministry",
        "intelligence",
        "wilayah",  # a province of the Islamic State
        "dataset",  # an actor name that exists only in a dataset's coding
    }
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


# libyaml's parser is about five times faster than PyYAML's; fall back where it is missing.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDateLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader that leaves dates as text, so a bad date is a field error, not a crash."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


def _check_order(value: date | None, info: ValidationInfo) -> date | None:
    start = info.data.get("valid_from")
    if value is not None and start is not None and value < start:
        raise ValueError(f"expected 'to' >= 'from' ({start}), got {value}")
    return value


class ActiveSpan(BaseModel):
    """When an actor existed as such; either end may be unknown."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    valid_from: IsoDate = Field(default=None, alias="from")
    valid_to: IsoDate = Field(default=None, alias="to")
    precision: Literal["day", "month", "year"] = "day"

    _ordered = field_validator("valid_to")(_check_order)


class RegistryRelation(BaseModel):
    """One dated, sourced statement about an actor (the actor is the subject)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    predicate: str
    object: str = Field(min_length=1)
    valid_from: IsoDate = Field(default=None, alias="from")
    valid_to: IsoDate = Field(default=None, alias="to")
    precision: Literal["day", "month", "year"] = "day"
    source: str = Field(min_length=3)
    note: str | None = None

    @field_validator("predicate")
    @classmethod
    def _known_predicate(cls, value: str) -> str:
        if value not in REGISTRY_PREDICATES:
            raise ValueError(f"expected one of {', '.join(REGISTRY_PREDICATES)}, got {value!r}")
        return value

    _ordered = field_validator("valid_to")(_check_order)


class RegistryActor(BaseModel):
    """One actor as the data files describe it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    kind: str
    parent: str | None = None
    country: str | None = None
    inter: int | None = Field(default=None, ge=1, le=8)
    active: ActiveSpan | None = None
    relations: tuple[RegistryRelation, ...] = ()
    tags: tuple[str, ...] = ()
    external: bool = False
    notes: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"expected a kebab-case slug (a-z, 0-9, '-'), got {value!r}")
        return value

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in ACTOR_KINDS:
            raise ValueError(f"expected one of {', '.join(ACTOR_KINDS)}, got {value!r}")
        return value

    @field_validator("country")
    @classmethod
    def _iso_country(cls, value: str | None) -> str | None:
        if value is not None and not _COUNTRY.match(value):
            raise ValueError(f"expected an ISO 3166-1 alpha-2 code such as 'SY', got {value!r}")
        return value

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - TAGS)
        if unknown:
            raise ValueError(f"expected tags among {', '.join(sorted(TAGS))}, got {unknown}")
        return value

    @field_validator("aliases", "case_sensitive", "ambiguous", "metonyms")
    @classmethod
    def _clean_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not name.strip() or name != name.strip():
                raise ValueError(f"expected names without surrounding spaces, got {name!r}")
        return value

    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases (metonyms are not names)."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class RelationView:
    """A relation seen from one actor: ``direction`` is ``out`` when that actor is the subject."""

    subject: str
    predicate: str
    object: str
    valid_from: date | None
    valid_to: date | None
    precision: str
    source: str
    note: str | None
    direction: Literal["out", "in"]


@dataclass(frozen=True)
class MatchName:
    """One written name of an actor as a matcher should use it.

    ``case_sensitive`` names ("IS", "US") must match in the case written; ``ambiguous``
    names belong to several actors and need context; ``metonym`` names ("Moscow") stand
    for the actor only in some sentences and are places otherwise.
    """

    text: str
    actor: str
    case_sensitive: bool
    ambiguous: bool
    metonym: bool


@dataclass(frozen=True)
class Lineage:
    """What an actor came from and what it became, each a list of transitions by date."""

    actor: str
    came_from: tuple[RelationView, ...]
    became: tuple[RelationView, ...]


def name_key(name: str) -> str:
    """The form under which two written names count as the same alias.

    Case, curly quotes, runs of spaces and Unicode compatibility forms are ignored;
    transliteration variants are not (those are the resolver's business).
    """
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).casefold()


def _by_date(view: RelationView) -> tuple[date, str, str]:
    return (view.valid_from or date.min, view.subject, view.object)


class Registry:
    """The loaded registry: lookups by id and name, hierarchy, relations and lineage."""

    def __init__(self, actors: list[RegistryActor], where: dict[str, tuple[str, int]]) -> None:
        self._actors = {actor.id: actor for actor in actors}
        self._where = where
        self._children: dict[str, list[str]] = defaultdict(list)
        self._relations: dict[str, list[RelationView]] = defaultdict(list)
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for actor in actors:
            if actor.parent:
                self._children[actor.parent].append(actor.id)
            for rel in actor.relations:
                self._relations[actor.id].append(_view(actor.id, rel, "out"))
                self._relations[rel.object].append(_view(actor.id, rel, "in"))
            for name in (*actor.names(), *actor.metonyms):
                ids = self._by_name[name_key(name)]
                if actor.id not in ids:
                    ids.append(actor.id)
        for views in self._relations.values():
            views.sort(key=_by_date)

    def __iter__(self) -> Iterator[RegistryActor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def get(self, actor_id: str) -> RegistryActor:
        """The actor with this id; raises :class:`NotFound` for an unknown id."""
        try:
            return self._actors[actor_id]
        except KeyError:
            raise NotFound(
                f"actor {actor_id!r} is not in the registry; "
                "use `contested resolve actor NAME` to find an id by name"
            ) from None

    def where(self, actor_id: str) -> tuple[str, int]:
        """The data file and index within it that define an actor."""
        self.get(actor_id)
        return self._where[actor_id]

    def lookup(self, name: str) -> list[RegistryActor]:
        """Actors whose name, alias or metonym equals ``name`` (ignoring case and spacing)."""
        return [self._actors[i] for i in self._by_name.get(name_key(name), [])]

    def aliases_of(self, actor_id: str) -> list[str]:
        """The canonical name and every alias of an actor, canonical name first."""
        return list(self.get(actor_id).names())

    def match_names(self, *, metonyms: bool = False) -> list[MatchName]:
        """Every name and alias of every actor, flagged for an entity ruler or matcher.

        Metonyms are left out unless asked for: fed to a ruler as actors they would
        hide the place names they also are.
        """
        found = []
        for actor in self:
            exact = {name_key(n) for n in actor.case_sensitive}
            shared = {name_key(n) for n in actor.ambiguous}
            written = [(n, False) for n in actor.names()]
            written += [(n, True) for n in actor.metonyms] if metonyms else []
            for text, is_metonym in written:
                key = name_key(text)
                found.append(MatchName(text, actor.id, key in exact, key in shared, is_metonym))
        return found

    def children(self, actor_id: str) -> list[RegistryActor]:
        """Actors whose ``parent`` is this actor (one level down)."""
        self.get(actor_id)
        return [self._actors[i] for i in self._children.get(actor_id, [])]

    def ancestors(self, actor_id: str) -> list[RegistryActor]:
        """The chain of parents, nearest first: Quds Force -> [IRGC, Iran]."""
        chain: list[RegistryActor] = []
        parent = self.get(actor_id).parent
        while parent is not None:
            actor = self._actors[parent]
            chain.append(actor)
            parent = actor.parent
        return chain

    def relations_of(self, actor_id: str) -> list[RelationView]:
        """Every relation the actor takes part in, as subject or object, by start date."""
        self.get(actor_id)
        return list(self._relations.get(actor_id, []))

    def lineage(self, actor_id: str) -> Lineage:
        """The transitions (absorbed, merged, renamed) leading to and from an actor.

        Both directions are followed transitively: for Hayat Tahrir al-Sham, ``came_from``
        holds Jabhat Fateh al-Sham's merger and, before it, al-Nusra's renaming.
        """
        self.get(actor_id)
        return Lineage(
            actor=actor_id,
            came_from=tuple(sorted(self._walk(actor_id, "in"), key=_by_date)),
            became=tuple(sorted(self._walk(actor_id, "out"), key=_by_date)),
        )

    def _walk(self, start: str, direction: Literal["in", "out"]) -> list[RelationView]:
        seen, found, todo = {start}, [], [start]
        while todo:
            current = todo.pop()
            for view in self._relations.get(current, []):
                if view.direction != direction or view.predicate not in LINEAGE_PREDICATES:
                    continue
                found.append(view)
                nxt = view.subject if direction == "in" else view.object
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return found

    def successor_on(self, actor_id: str, on: date | str) -> str:
        """The id of the incarnation of an actor's lineage that existed on a day.

        Follows dated ``renamed_to``/``merged_into``/``absorbed_into`` transitions that had
        happened by ``on`` (and not been undone: a transition with ``to`` set lapses on that
        day), latest first. Undated transitions are not followed: they cannot be placed in time.

        >>> registry = load_registry()
        >>> registry.successor_on("jabhat-al-nusra", "2017-06-01")
        'hayat-tahrir-al-sham'
        >>> registry.successor_on("jabhat-al-nusra", "2015-01-01")
        'jabhat-al-nusra'
        """
        day = date.fromisoformat(on) if isinstance(on, str) else on
        current, since, seen = self.get(actor_id).id, date.min, {actor_id}
        while True:
            steps = [
                v
                for v in self._relations.get(current, [])
                if v.direction == "out"
                and v.predicate in LINEAGE_PREDICATES
                and v.valid_from is not None
                and since <= v.valid_from <= day
                and (v.valid_to is None or day < v.valid_to)
            ]
            if not steps:
                return current
            step = max(steps, key=_by_date)
            if step.object in seen:
                return current
            current, since = step.object, step.valid_from or since
            seen.add(current)


def _view(subject: str, rel: RegistryRelation, direction: Literal["out", "in"]) -> RelationView:
    return RelationView(
        subject=subject,
        predicate=rel.predicate,
        object=rel.object,
        valid_from=rel.valid_from,
        valid_to=rel.valid_to,
        precision=rel.precision,
        source=rel.source,
        note=rel.note,
        direction=direction,
    )


def _location(index: int, loc: tuple[int | str, ...]) -> str:
    text = f"actors[{index}]"
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _read_file(path: Path) -> list[tuple[RegistryActor, int]]:
    """Parse and validate one data file; each actor with its index in the file."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDateLoader)
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise InputError(str(path), "expected a YAML list of actors at the top level")
    actors = []
    for index, record in enumerate(raw):
        if not isinstance(record, dict):
            raise InvalidRecord(
                str(path), "expected a mapping (id, name, ...)", location=f"actors[{index}]"
            )
        try:
            actors.append((RegistryActor.model_validate(record), index))
        except ValidationError as exc:
            first = exc.errors()[0]
            who = f"actor {record.get('id')!r}: " if record.get("id") else ""
            raise InvalidRecord(
                str(path), who + first["msg"], location=_location(index, first["loc"])
            ) from None
    return actors


def _check_own_names(actor: RegistryActor, path: str, index: int) -> None:
    """Within one actor: no repeated names; case_sensitive and ambiguous name real aliases."""
    seen: set[str] = set()
    for name in (*actor.names(), *actor.metonyms):
        key = name_key(name)
        if key in seen:
            raise InvalidRecord(
                path,
                f"actor {actor.id!r}: {name!r} is listed twice (names compare ignoring case)",
                location=f"actors[{index}].aliases",
            )
        seen.add(key)
    listed = {name_key(n) for n in (*actor.names(), *actor.metonyms)}
    for field in ("case_sensitive", "ambiguous"):
        for name in getattr(actor, field):
            if name_key(name) not in listed:
                raise InvalidRecord(
                    path,
                    f"actor {actor.id!r}: {name!r} is not one of its names, aliases or metonyms",
                    location=f"actors[{index}].{field}",
                )


def _check_shared_names(actors: list[RegistryActor], where: dict[str, tuple[str, int]]) -> None:
    """A name may belong to several actors only if each of them lists it as ambiguous."""
    owners: dict[str, list[RegistryActor]] = defaultdict(list)
    for actor in actors:
        for name in (*actor.names(), *actor.metonyms):
            owners[name_key(name)].append(actor)
    for key, holders in owners.items():
        if len({actor.id for actor in holders}) < 2:
            continue
        for actor in holders:
            if key not in {name_key(n) for n in actor.ambiguous}:
                others = ", ".join(a.id for a in holders if a is not actor)
                path, index = where[actor.id]
                raise InvalidRecord(
                    path,
                    f"actor {actor.id!r}: the name {key!r} also belongs to {others}; "
                    "list it under 'ambiguous' in every actor that carries it",
                    location=f"actors[{index}].ambiguous",
                )


def _check_references(actors: list[RegistryActor], where: dict[str, tuple[str, int]]) -> None:
    """Parents and relation objects must be actors of the registry; parents form no cycle."""
    ids = {actor.id for actor in actors}
    parents = {actor.id: actor.parent for actor in actors}
    for actor in actors:
        path, index = where[actor.id]
        if actor.parent is not None and actor.parent not in ids:
            raise InvalidRecord(
                path,
                f"actor {actor.id!r}: parent {actor.parent!r} is not an actor of the registry",
                location=f"actors[{index}].parent",
            )
        for r, rel in enumerate(actor.relations):
            if rel.object not in ids:
                raise InvalidRecord(
                    path,
                    f"actor {actor.id!r}: relation object {rel.object!r} is not an actor of "
                    "the registry (define it, with external: true if it is out of scope)",
                    location=f"actors[{index}].relations[{r}].object",
                )
        chain, parent = {actor.id}, actor.parent
        while parent is not None:
            if parent in chain:
                raise InvalidRecord(
                    path,
                    f"actor {actor.id!r}: the parent chain loops back through {parent!r}",
                    location=f"actors[{index}].parent",
                )
            chain.add(parent)
            parent = parents.get(parent)


def _data_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.glob("*.yaml"))
        if not files:
            raise InputError(str(path), "no *.yaml actor files in this folder")
        return files
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    return [path]


def read_registry(path: Path | str | None = None) -> Registry:
    """Read and validate actor data files (a folder of ``*.yaml`` or one file), uncached."""
    actors: list[RegistryActor] = []
    where: dict[str, tuple[str, int]] = {}
    for file in _data_files(Path(path) if path is not None else DEFAULT_PATH):
        for actor, index in _read_file(file):
            if actor.id in where:
                first_file, first_index = where[actor.id]
                raise InvalidRecord(
                    str(file),
                    f"actor id {actor.id!r} is already defined in {first_file} "
                    f"at actors[{first_index}]; ids must be unique",
                    location=f"actors[{index}].id",
                )
            where[actor.id] = (str(file), index)
            _check_own_names(actor, str(file), index)
            actors.append(actor)
    _check_references(actors, where)
    _check_shared_names(actors, where)
    return Registry(actors, where)


@lru_cache(maxsize=8)
def _cached(path: str | None) -> Registry:
    return read_registry(path)


def load_registry(path: Path | str | None = None) -> Registry:
    """The registry from ``path`` (default: the shipped data), read once and cached.

    Parameters
    ----------
    path
        A folder of ``*.yaml`` actor files or a single file; ``None`` for the data
        shipped in ``contested/data/actors``.

    Returns
    -------
    Registry
        The validated registry. Raises :class:`~contested.errors.InvalidRecord` naming
        file, actor index and field when the data are wrong.

    Examples
    --------
    >>> registry = load_registry()
    >>> [a.id for a in registry.ancestors("quds-force")]
    ['irgc', 'iran']
    """
    return _cached(str(Path(path).resolve()) if path is not None else None)
