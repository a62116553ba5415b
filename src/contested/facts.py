"""The facts model: actors, places, events, relations and claims with provenance.

One :class:`FactsDocument` per source text, as in ``docs/facts-format.md``.
It is what the extractor emits, what gold files hold, and what
``contested export --format facts`` writes. Validation happens on the way
in: every error names the JSON path of the bad value and what was expected.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from contested.errors import InputError, InvalidRecord
from contested.vocab import (
    ACTOR_KINDS,
    EVENT_TYPES,
    FACTS_FORMAT,
    PLACE_KINDS,
    RELATION_PREDICATES,
    SUB_EVENT_TYPES,
    VERDICTS,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECTIONS = ("actors", "places", "events", "relations", "claims")


def _iso_date(value: Any) -> Any:
    """Accept ``YYYY-MM-DD`` strings (and dates); reject every other spelling."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {value!r}")


IsoDate = Annotated[date | None, BeforeValidator(_iso_date)]


def _one_of(name: str, allowed: tuple[str, ...] | list[str]) -> BeforeValidator:
    """Check a value against a vocabulary, listing the vocabulary in the error."""

    def check(value: Any) -> Any:
        if value is not None and value not in allowed:
            raise ValueError(f"expected {name} ({', '.join(allowed)}), got {value!r}")
        return value

    return BeforeValidator(check)


class _Fact(BaseModel):
    """Fields every fact may carry: its provenance in the source.

    ``quote``/``span`` locate a fact in a text; ``row`` is the 1-based data
    row of a dataset record.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    quote: str | None = None
    span: tuple[int, int] | None = None
    row: int | None = Field(default=None, ge=1)
    notes: str | None = None

    @field_validator("span")
    @classmethod
    def _span_in_order(cls, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is not None and not 0 <= span[0] <= span[1]:
            raise ValueError(f"expected [start, end] with 0 <= start <= end, got {list(span)}")
        return span


class DateRange(BaseModel):
    """The day range a text allows, and the phrase as written."""

    model_config = ConfigDict(extra="ignore")

    start: IsoDate = None
    end: IsoDate = None
    text: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"expected end >= start, got {self.start} .. {self.end}")
        return self


def _date_range(value: Any) -> Any:
    # A bare ISO string is shorthand for a one-day range.
    if isinstance(value, str):
        return {"start": value, "end": value}
    return value


DateField = Annotated[DateRange | None, BeforeValidator(_date_range)]


class Actor(_Fact):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    kind: Annotated[str | None, _one_of("an actor kind", ACTOR_KINDS)] = None


class Place(_Fact):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    mention: str | None = None
    aliases: list[str] = Field(default_factory=list)
    kind: Annotated[str | None, _one_of("a place kind", PLACE_KINDS)] = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonameid: int | None = None


PlaceRef = str | Place


class Event(_Fact):
    id: str | None = None
    event_type: Annotated[str, _one_of("an ACLED event type", list(EVENT_TYPES))]
    sub_event_type: str | None = None
    date: DateField = None
    actor1: str | None = None
    assoc_actor1: list[str] = Field(default_factory=list)
    actor2: str | None = None
    assoc_actor2: list[str] = Field(default_factory=list)
    place: PlaceRef | None = None
    fatalities: int | None = Field(default=None, ge=0)
    confidence: float | None = Field(default=None, ge=0, le=1)
    # Dataset fields kept so an exported source re-ingests unchanged.
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    fatalities_low: int | None = Field(default=None, ge=0)
    fatalities_high: int | None = Field(default=None, ge=0)
    date_precision: int | None = None
    location_precision: int | None = None
    reported_by: str | None = None
    attrs: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _sub_type_belongs(self) -> Event:
        sub = self.sub_event_type
        if sub is not None and SUB_EVENT_TYPES.get(sub) != self.event_type:
            allowed = ", ".join(EVENT_TYPES[self.event_type])
            raise ValueError(
                f"sub_event_type {sub!r} is not a kind of {self.event_type!r}; expected one of: "
                f"{allowed}"
            )
        return self


class Relation(_Fact):
    id: str | None = None
    subject: str = Field(min_length=1)
    predicate: Annotated[str, _one_of("a relation predicate", RELATION_PREDICATES)]
    object: str = Field(min_length=1)
    valid_from: IsoDate = None
    valid_to: IsoDate = None
    confidence: float | None = Field(default=None, ge=0, le=1)


class ClaimAbout(BaseModel):
    """The event a claim asserts, as far as the text says."""

    model_config = ConfigDict(extra="ignore")

    event_type: Annotated[str | None, _one_of("an ACLED event type", list(EVENT_TYPES))] = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: PlaceRef | None = None


class Assessment(_Fact):
    by: str = Field(min_length=1)
    verdict: Annotated[Literal["supports", "disputes", "unclear"], _one_of("a verdict", VERDICTS)]
    statement: str | None = None


class Claim(_Fact):
    id: str | None = None
    claimant: str = Field(min_length=1)
    date: DateField = None
    statement: str | None = None
    about: ClaimAbout | None = None
    assessments: list[Assessment] = Field(default_factory=list)
    confidence: float | None = Field(default=None, ge=0, le=1)
    attrs: dict[str, Any] | None = None


class Origin(BaseModel):
    """Where an exported document's facts first came from."""

    model_config = ConfigDict(extra="ignore")

    kind: str
    reader: str | None = None
    path: str | None = None
    content_hash: str | None = None
    author: str | None = None


class DocInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    published: IsoDate = None
    title: str | None = None
    origin: Origin | None = None


class FactsDocument(BaseModel):
    """Everything one source says, in the facts format."""

    model_config = ConfigDict(extra="ignore")

    format: Literal["contested-facts/1"] = "contested-facts/1"
    doc: DocInfo
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise to the facts format, leaving out fields that are unset."""
        data = self.model_dump(mode="json", exclude_none=True)
        return json.dumps(data, indent=indent, ensure_ascii=False)


_RECORD_MODELS: dict[str, type[BaseModel]] = {
    "actors": Actor,
    "places": Place,
    "events": Event,
    "relations": Relation,
    "claims": Claim,
}


def json_path(loc: tuple[str | int, ...]) -> str:
    """Render a pydantic error location as ``events[12].date.start``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _FIELD_NAMES:
            out += f".{part}" if out else part
        # Anything else is a pydantic union-branch label such as "str" or "Place".
    return out


_MODELS: tuple[type[BaseModel], ...] = (
    *_RECORD_MODELS.values(),
    FactsDocument,
    DocInfo,
    Origin,
    DateRange,
    ClaimAbout,
    Assessment,
)
_FIELD_NAMES = frozenset(name for model in _MODELS for name in model.model_fields)


def _explain(error: dict[str, Any]) -> str:
    """One phrase saying what was expected, from a pydantic error."""
    kind, msg = error["type"], str(error["msg"])
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "literal_error" and error["loc"][-1:] == ("format",):
        return f"expected {FACTS_FORMAT!r}, got {error.get('input')!r}"
    got = error.get("input")
    return f"{msg[0].lower()}{msg[1:]}, got {got!r}" if "input" in error else msg


def _first_error(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> tuple[str, str]:
    errors = exc.errors()
    # A union reports one error per branch; the shortest path is the real culprit.
    error = min(errors, key=lambda e: len(e["loc"]))
    return json_path(prefix + tuple(error["loc"])), _explain(dict(error))


def parse_facts(
    data: Any, path: str, *, skip_bad: bool = False
) -> tuple[FactsDocument, list[InvalidRecord]]:
    """Validate a decoded facts document.

    With ``skip_bad`` a bad record (one actor, event, ...) is dropped and
    returned among the problems; without it the first problem is raised.
    A bad envelope (``format``, ``doc``) is always raised.
    """
    if not isinstance(data, dict):
        raise InvalidRecord(
            path, f"expected a JSON object, got {type(data).__name__}", location="$"
        )
    problems: list[InvalidRecord] = []
    records: dict[str, list[Any]] = {}
    for section, model in _RECORD_MODELS.items():
        items = data.get(section, [])
        if not isinstance(items, list):
            raise InvalidRecord(path, "expected a list", location=section)
        kept: list[Any] = []
        for i, item in enumerate(items):
            try:
                kept.append(model.model_validate(item))
            except ValidationError as exc:
                where, why = _first_error(exc, (section, i))
                problem = InvalidRecord(path, why, location=where)
                if not skip_bad:
                    raise problem from None
                problems.append(problem)
        records[section] = kept
    envelope = {k: v for k, v in data.items() if k not in _RECORD_MODELS}
    try:
        document = FactsDocument.model_validate(envelope)
    except ValidationError as exc:
        where, why = _first_error(exc)
        raise InvalidRecord(path, why, location=where) from None
    return document.model_copy(update=records), problems


def load_facts(
    path: str | Path, *, skip_bad: bool = False
) -> tuple[FactsDocument, list[InvalidRecord]]:
    """Read and validate a facts JSON file; see :func:`parse_facts`."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"not UTF-8 at byte {exc.start}; expected a UTF-8 JSON file"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, f"invalid JSON ({exc.msg})", location=f"line {exc.lineno} column {exc.colno}"
        ) from None
    return parse_facts(data, name, skip_bad=skip_bad)
