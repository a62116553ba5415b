"""Request parameters and response bodies of the HTTP API (they make the OpenAPI spec).

DOCS: docs/api.md
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_LIMIT = 1000


class _Params(BaseModel):
    # A misspelt parameter (?actors=) is an error, not a silently ignored filter.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Page(_Params):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Rows per page (1..{MAX_LIMIT}).")
    offset: int = Field(0, ge=0, description="Rows to skip.")


class EventParams(Page):
    actor: str | None = Field(None, description="Actor id, name or alias, in any role.")
    place: str | None = Field(None, description="Place id, name or alias.")
    type: str | None = Field(None, description="ACLED event type or sub-event type.")
    date_from: date | None = Field(None, alias="from", description="Events ending on/after.")
    date_to: date | None = Field(None, alias="to", description="Events starting on/before.")
    source: str | None = Field(None, description="Source id, path or document id.")
    format: Literal["json", "geojson"] = Field(
        "json", description="geojson: a FeatureCollection of the events that have a point."
    )


class SearchParams(Page):
    q: str | None = Field(None, description="Part of a name or alias (case-insensitive).")


class ClaimParams(Page):
    claimant: str | None = Field(None, description="Claimant id, name or alias.")


class ContextParams(_Params):
    start: int = Field(ge=0, description="Offset of the span's first character.")
    end: int = Field(ge=0, description="Offset just past the span's last character.")
    sentences: int = Field(1, ge=1, le=5, description="Sentences to show on each side, plus 1.")


class IngestParams(_Params):
    filename: str = Field(
        min_length=1, max_length=200, description="The file's name; its suffix picks the reader."
    )
    format: str | None = Field(None, description="facts, ucdp, ...; guessed if omitted.")
    on_error: Literal["fail", "skip"] = "fail"
    published: date | None = Field(None, description="Publication date of a text.")


# Responses ---------------------------------------------------------------


class ErrorBody(BaseModel):
    ok: Literal[False] = False
    error: str
    errors: list[dict[str, Any]]
    status: int


class Event(BaseModel):
    source_id: str
    event_id: str
    date_start: date | None
    date_end: date | None
    event_type: str
    sub_event_type: str | None
    actor1: str | None
    actor1_name: str | None
    actor2: str | None
    actor2_name: str | None
    place_id: str | None
    place: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    source: str
    quote: str | None
    span_start: int | None
    span_end: int | None
    row_number: int | None


class EventActor(BaseModel):
    role: str
    actor_id: str
    name: str | None
    actor_text: str | None


class EventDetail(Event):
    date_text: str | None
    notes: str | None
    reported_by: str | None
    fatalities_low: int | None
    fatalities_high: int | None
    confidence: float | None
    place_text: str | None
    actor1_text: str | None
    actor2_text: str | None
    actors: list[EventActor]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[Event]


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any]
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]
    total: int | None = None


class Alias(BaseModel):
    alias: str
    source_id: str | None


class PlaceRow(BaseModel):
    place_id: str
    name: str
    kind: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    origin: str
    flagged: bool
    events: int


class PlacePage(BaseModel):
    total: int
    limit: int
    offset: int
    places: list[PlaceRow]


class ControlFact(BaseModel):
    """A capture that establishes a period of control, with its quote."""

    source_id: str
    event_id: str
    sub_event_type: str | None
    date_start: date | None
    date_end: date | None
    quote: str | None
    span_start: int | None
    span_end: int | None
    row_number: int | None
    source: str


class ControlSpan(BaseModel):
    """One period of control of a place (``controller`` is ``unknown`` before any evidence)."""

    controller: str
    controller_name: str | None
    valid_from: date | None
    valid_to: date | None = Field(description="Exclusive; null while still held.")
    conflict: bool
    n_sources: int
    facts: list[ControlFact]


class PlaceDetail(BaseModel):
    place_id: str
    name: str
    kind: str | None
    admin1: str | None
    admin1_pcode: str | None
    admin2: str | None
    admin2_pcode: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: int | None
    geonameid: int | None
    origin: str
    flagged: bool
    aliases: list[Alias]
    events: int
    control: list[ControlSpan]


class ActorRow(BaseModel):
    actor_id: str
    name: str
    kind: str | None
    parent_id: str | None
    country: str | None
    origin: str
    flagged: bool
    events: int


class ActorPage(BaseModel):
    total: int
    limit: int
    offset: int
    actors: list[ActorRow]


class Relation(BaseModel):
    source_id: str
    relation_id: str
    subject_id: str
    subject_name: str | None
    predicate: str
    object_id: str
    object_name: str | None
    valid_from: date | None
    valid_to: date | None
    notes: str | None
    quote: str | None
    span_start: int | None
    span_end: int | None
    source: str


class LineageStep(BaseModel):
    """One merger, absorption or rename in an actor's history."""

    direction: str = Field(description="predecessor or successor")
    depth: int
    actor_id: str
    actor: str | None
    predicate: str
    into_id: str
    into: str | None
    on: date | None
    sources: list[str]


class ActorDetail(BaseModel):
    actor_id: str
    name: str
    kind: str | None
    parent_id: str | None
    country: str | None
    inter_code: int | None
    origin: str
    flagged: bool
    aliases: list[Alias]
    relations: list[Relation]
    lineage: list[LineageStep]
    events: int


class Assessment(BaseModel):
    by_id: str
    by_name: str | None
    verdict: str
    statement: str | None
    quote: str | None
    span_start: int | None
    span_end: int | None


class Audit(BaseModel):
    """The claim audit's verdict: the claim checked against the rest of the record."""

    verdict: str = Field(description="supported, contradicted or unverifiable")
    supporting: int
    contradicting: int
    evidence: list[str]


class Claim(BaseModel):
    source_id: str
    claim_id: str
    claimant_id: str
    claimant_name: str | None
    date_start: date | None
    date_end: date | None
    date_text: str | None
    statement: str | None
    about_event_type: str | None
    about_sub_event_type: str | None
    about_actor1: str | None
    about_actor2: str | None
    about_place_id: str | None
    quote: str | None
    span_start: int | None
    span_end: int | None
    source: str
    assessments: list[Assessment]
    audit: Audit | None


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    claims: list[Claim]


class SourceRow(BaseModel):
    source_id: str
    kind: str
    path: str
    title: str | None
    published: date | None
    events: int
    relations: int
    claims: int
    skipped: int
    ingested_at: str


class SourceDetail(SourceRow):
    reader: str
    doc_id: str | None
    author: str | None
    has_text: bool
    text_length: int | None
    content_hash: str


class SourceList(BaseModel):
    sources: list[SourceRow]


class Context(BaseModel):
    source_id: str
    start: int
    end: int
    context_start: int
    context_end: int
    before: str
    quote: str
    after: str


class EventTypeCount(BaseModel):
    event_type: str
    sub_event_type: str | None
    events: int


class Summary(BaseModel):
    sources: int
    events: int
    actors: int
    places: int
    claims: int
    date_min: date | None
    date_max: date | None
    event_types: list[EventTypeCount]
    writable: bool


class IngestResult(BaseModel):
    source_id: str
    path: str
    added: bool
    counts: dict[str, int]
    skipped: list[dict[str, str]]


class IngestResponse(BaseModel):
    ok: Literal[True] = True
    results: list[IngestResult]
