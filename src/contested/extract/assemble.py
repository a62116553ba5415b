"""From annotated Docs to one facts document: dates, resolution, sub-types, provenance.

The components leave frames with surface names and doc-relative offsets.
Here, in reading order, the narrative clock dates every frame, every name is
resolved through the knowledge (unknown names become new, flagged actors
and places), territorial events get their sub-type from who took the place,
and quotes and spans are taken from the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from contested.extract._data import load_yaml
from contested.extract.annotations import (
    CLAIMS,
    EVENTS,
    MENTIONS,
    RELATIONS,
    TIMES,
    Arg,
    ClaimFrame,
    EventFrame,
    RelationFrame,
    TimeRef,
    doc_text,
    get,
    is_heading,
)
from contested.extract.assemble_names import NameResolver, clean_name, slug
from contested.extract.assessments import AUTHOR
from contested.extract.knowledge import Knowledge, ResolutionContext
from contested.extract.timeline import NarrativeClock
from contested.extract.timeparse import DateSpan
from contested.facts import (
    Actor,
    Assessment,
    Claim,
    ClaimAbout,
    DateRange,
    DocInfo,
    Event,
    FactsDocument,
    Place,
    Relation,
)

# A report whose first date is this close to its publication is news (see _is_news).
NEWS_DAYS = 7
_GAIN = {True: "Government regains territory", False: "Non-state actor overtakes territory"}
# Events scored below this are not reported (tuned on the development sets, events.yaml).
MIN_CONFIDENCE: float = load_yaml("events.yaml")["min_confidence"]


@dataclass
class _Dated:
    span: DateSpan | None
    text: str | None


@dataclass
class Assembler(NameResolver):
    """Collects the facts of one document, chunk Doc after chunk Doc, in reading order."""

    knowledge: Knowledge
    text: str
    doc_id: str
    published: date | None
    title: str | None
    clock: NarrativeClock
    air_ids: frozenset[str] = frozenset()
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    context: Any = field(default_factory=ResolutionContext)
    _cache: dict[tuple[str, str, tuple[str, ...]], str] = field(default_factory=dict)
    _event_keys: set[tuple[Any, ...]] = field(default_factory=set)
    _seen: dict[str, list[int]] = field(default_factory=dict)
    _news: bool | None = None
    author: str | None = None
    _offset: int = 0

    def add(self, doc: Doc, offset: int) -> None:
        """Take the frames of one chunk Doc that starts at ``offset`` in the original text."""
        self._offset = offset
        dates = self._date_refs(doc)
        for m in get(doc, MENTIONS):
            if m.label == "ACTOR":
                at = offset + doc[m.start].idx
                for ident in m.ids:
                    self._seen.setdefault(ident, []).append(at)
                if len(m.ids) == 1:
                    arg = Arg.from_mention(doc, m)
                    self._organ_of_state(m.ids[0], clean_name(arg.text), arg)
        for frame in get(doc, EVENTS):
            if (not frame.in_claim or frame.attributed) and frame.confidence >= MIN_CONFIDENCE:
                self._event(frame, offset, dates)
        for rel in get(doc, RELATIONS):
            self._relation(rel, offset, dates)
        for claim in get(doc, CLAIMS):
            self._claim(claim, offset, dates)
        self._drop_contradicted()

    def _date_refs(self, doc: Doc) -> dict[Any, _Dated]:
        """Resolve the Doc's time expressions; key them by index and by sentence start."""
        refs: list[TimeRef] = get(doc, TIMES)
        out: dict[Any, _Dated] = {}
        text = doc_text(doc)
        for sent in doc.sents:
            if is_heading(doc, sent):
                self.clock.new_section()
            elif "\n" in text[max(0, sent.start_char - 3) : sent.start_char + 1]:
                self.clock.new_paragraph()
            inside = [(i, r) for i, r in enumerate(refs) if sent.start <= r.start < sent.end]
            before, resolved = self.clock.sentence([r for _, r in inside])
            out[("sent", sent.start_char)] = _Dated(before.span, before.text)
            after = self.clock.current
            out[("after", sent.start_char)] = _Dated(after.span, after.text)
            for (i, ref), span in zip(inside, resolved, strict=True):
                out[i] = _Dated(span, ref.match.text)
                if self._news is None and span is not None and _is_prose(sent):
                    self._news = self._is_news(span)
        return out

    def _is_news(self, first: DateSpan) -> bool:
        """A news report: its first date is within a week of publication and its anchor (if
        any) too. Its statements without a date of their own were made on the day it reports,
        not on the date of the background sentence before them."""
        if self.published is None:
            return False
        anchor = self.clock.anchor
        recent = (self.published - first.end).days <= NEWS_DAYS
        return recent and (anchor is None or (self.published - anchor.end).days <= NEWS_DAYS)

    def _when(self, frame_time: int | None, sent_start: int, dates: dict[Any, _Dated]) -> _Dated:
        """The frame's own date, else the narrative's, else (news) the publication day."""
        if frame_time is not None and dates.get(frame_time) and dates[frame_time].span:
            return dates[frame_time]
        found = dates.get(("sent", sent_start))
        if found is not None and found.span is not None:
            return found
        if self.published is not None:
            return _Dated(DateSpan(self.published, self.published), None)
        return _Dated(None, None)

    # --- facts ------------------------------------------------------------------------------

    def _event(self, frame: EventFrame, offset: int, dates: dict[Any, _Dated]) -> None:
        when = self._when(frame.time_ref, frame.sent_start, dates)
        on = when.span.end if when.span else None
        place = self._place(frame.place) if frame.place else None
        actor1 = self._doer(frame, self._event_actor(frame.actor1, on), on)
        actor2 = self._event_actor(frame.actor2, on)
        event_type, sub = self._subtype(frame, actor1, actor2, place, on)
        start, end = offset + frame.sent_start, offset + frame.sent_end
        event = Event(
            id=f"e{len(self.events) + 1}",
            event_type=event_type,
            sub_event_type=sub,
            date=_date_range(when),
            actor1=actor1,
            assoc_actor1=[
                a
                for a in (self._event_actor(x, on) for x in frame.assoc_actor1)
                if a and a != actor1
            ],
            actor2=actor2 if actor2 != actor1 else None,
            place=place,
            fatalities=frame.fatalities,
            confidence=frame.confidence,
            quote=self.text[start:end].strip(),
            span=_strip_span(self.text, start, end),
            notes=f"trigger: {frame.trigger_text}",
        )
        key = _event_key(event)
        if key not in self._event_keys:
            self._event_keys.add(key)
            self.events.append(event)
            self._event_relations(frame, event)

    def _event_relations(self, frame: EventFrame, event: Event) -> None:
        """What an event says of its actors: co-actors are allies (unless the registry knows
        them as enemies); an attack on an armed actor (not a person) is hostility."""
        quote, span = event.quote, event.span
        note = f"from event '{frame.trigger_text}'"
        for ally in event.assoc_actor1:
            if event.actor1 and not self.knowledge.hostile(event.actor1, ally):
                self._add_relation(event.actor1, "allied_with", ally, quote, span, note)
        hostile = frame.frame in ("attack", "strike", "gain", "expel") and event.event_type in (
            "Battles",
            "Explosions/Remote violence",
        )
        if hostile and event.actor1 and event.actor2:
            entry = self.knowledge.actors.get(event.actor2)
            kind = self.actors[event.actor2].kind if event.actor2 in self.actors else None
            known = entry is not None or kind == "armed_group"
            if (
                known
                and kind not in ("civilians", None)
                and not (entry is not None and entry.person)
                and not self.knowledge.friendly(event.actor1, event.actor2)
            ):
                self._add_relation(event.actor1, "fights", event.actor2, quote, span, note)

    def _add_relation(
        self,
        subject: str,
        predicate: str,
        obj: str,
        quote: str | None,
        span: tuple[int, int] | None,
        note: str,
        confidence: float = 0.5,
    ) -> None:
        if subject == obj or any(
            {r.subject, r.object} == {subject, obj} and r.predicate == predicate
            for r in self.relations
        ):
            return
        self.relations.append(
            Relation(
                id=f"r{len(self.relations) + 1}",
                subject=subject,
                predicate=predicate,
                object=obj,
                confidence=confidence,
                quote=quote,
                span=span,
                notes=note,
            )
        )

    def _drop_contradicted(self) -> None:
        """An event's reading of a pair gives way to what the same sentence states of it
        ("X and Y clashed": the co-actors are enemies, not allies)."""
        stated = {
            (frozenset((r.subject, r.object)), r.span): r.predicate
            for r in self.relations
            if not (r.notes or "").startswith("from event")
        }
        self.relations = [
            r
            for r in self.relations
            if not (r.notes or "").startswith("from event")
            or stated.get((frozenset((r.subject, r.object)), r.span), r.predicate) == r.predicate
        ]

    def _event_actor(self, arg: Arg | None, on: date | None = None) -> str | None:
        ident = self._actor(arg) if arg is not None else None
        if ident is None:
            return None
        folded = self.knowledge.event_actor(ident, on)
        if folded != ident:
            self._remember_actor(folded, self.knowledge.actors[folded].name, arg)  # type: ignore[arg-type]
        return folded

    def _doer(self, frame: EventFrame, actor1: str | None, on: date | None) -> str | None:
        """A registry person who led no armed body on the event's date fights for no one."""
        fighting = frame.event_type in _FIGHTING or frame.territory is not None
        known = actor1 is not None and actor1 in self.knowledge.actors
        if fighting and known and not self.knowledge.can_fight(actor1, on):  # type: ignore[arg-type]
            return None
        return actor1

    def _subtype(
        self,
        frame: EventFrame,
        actor1: str | None,
        actor2: str | None,
        place: str | None = None,
        on: date | None = None,
    ) -> tuple[str, str | None]:
        if frame.territory == "transfer" and place and self.places[place].kind == "country":
            return "Strategic developments", "Change to group/activity"
        if frame.territory == "gain":
            if actor1 is not None:
                return "Battles", _GAIN[self.knowledge.is_government_side(actor1, on)]
            if actor2 is not None:
                return "Battles", _GAIN[not self.knowledge.is_government_side(actor2, on)]
            return "Battles", _GAIN[False]
        if (
            frame.frame in ("attack", "strike", "kill")
            and actor1 in self.air_ids
            and (frame.event_type == "Battles" or frame.sub_event_type == "Attack")
        ):
            return "Explosions/Remote violence", "Air/drone strike"
        return frame.event_type, frame.sub_event_type

    def _relation(self, frame: RelationFrame, offset: int, dates: dict[Any, _Dated]) -> None:
        if frame.subject is None or frame.object is None:
            return
        subject, obj = self._actor(frame.subject), self._actor(frame.object)
        if subject is None or obj is None or subject == obj:
            return
        predicate = self._predicate(frame, subject, obj)
        if predicate is None:
            return
        own = dates.get(frame.time_ref) if frame.time_ref is not None else None
        span = own.span if own else None
        valid_to = span.end if span and frame.ends else None
        if frame.ends and valid_to is None:
            valid_to = self.published
        start, end = offset + frame.sent_start, offset + frame.sent_end
        rel = Relation(
            id=f"r{len(self.relations) + 1}",
            subject=subject,
            predicate=predicate,
            object=obj,
            valid_from=span.start if span and frame.begins else None,
            valid_to=valid_to,
            confidence=frame.confidence,
            quote=self.text[start:end].strip(),
            span=_strip_span(self.text, start, end),
            notes=f"from {frame.source}" if frame.source else None,
        )
        same = [r for r in self.relations if (r.subject, r.predicate, r.object) == rel_key(rel)]
        if not same:
            self.relations.append(rel)
        elif (same[0].notes or "").startswith("from event") and same[0].span == rel.span:
            same[0].notes, same[0].confidence = rel.notes, rel.confidence

    def _predicate(self, frame: RelationFrame, subject: str, obj: str) -> str | None:
        """Fit a stated predicate to what the two actors are: a state has allies, not members;
        "X, part of Y" and "Y's X" are hierarchy where the registry makes Y X's parent, and
        wrong where it gives X another parent (membership in a parent is hierarchy); people's
        relations are kept only where they speak for a group, or receive its allegiance."""
        if self._is_person(obj, frame.object) and frame.predicate == "allegiance_to":
            return frame.predicate
        if self._is_person(subject, frame.subject) or self._is_person(obj, frame.object):
            return frame.predicate if frame.source.startswith("role") else None
        entry = self.knowledge.actors.get(subject)
        kind = self.knowledge.actors[obj].kind if obj in self.knowledge.actors else None
        predicate = frame.predicate
        if frame.source.startswith("part") and entry is not None and entry.parent:
            return "part_of" if entry.parent == obj else None
        if predicate == "member_of" and entry is not None and entry.parent == obj:
            return "part_of"
        if predicate == "member_of" and kind == "state":
            return "allied_with"
        return predicate

    def _is_person(self, ident: str, arg: Arg | None) -> bool:
        entry = self.knowledge.actors.get(ident)
        if entry is not None:
            return entry.person
        return arg is not None and arg.label == "NAME" and arg.hint == "person"

    def _claim(self, frame: ClaimFrame, offset: int, dates: dict[Any, _Dated]) -> None:
        if frame.claimant is None:
            return
        claimant = self._actor(frame.claimant)
        if claimant is None:
            return
        when = self._when(frame.time_ref, frame.sent_start, dates)
        after = dates.get(("after", frame.sent_start))
        if frame.time_ref is None and after is not None and after.span is not None:
            when = after
        if frame.time_ref is None and self._news and self.published is not None:
            when = _Dated(DateSpan(self.published, self.published), None)
        present = frame.time_ref is None and frame.present_tense
        if present and when.span and self.published and when.span.start <= self.published:
            when = _Dated(DateSpan(when.span.start, self.published), when.text)
        start, end = offset + frame.sent_start, offset + frame.sent_end
        about = self._about(frame.about) if frame.about else None
        assessments = []
        for a in frame.assessments:
            by = self._author() if a.by.label == AUTHOR else self._actor(a.by)
            if by and by != claimant:
                assessments.append(
                    Assessment.model_validate(
                        {
                            "by": by,
                            "verdict": a.verdict,
                            "statement": a.statement,
                            "quote": a.statement,
                            "span": (offset + a.start_char, offset + a.end_char),
                        }
                    )
                )
        self.claims.append(
            Claim(
                id=f"c{len(self.claims) + 1}",
                claimant=claimant,
                date=_date_range(when),
                statement=frame.statement,
                about=about,
                assessments=assessments,
                confidence=frame.confidence,
                quote=self.text[start:end].strip(),
                span=_strip_span(self.text, start, end),
            )
        )

    def _author(self) -> str | None:
        """The id of the document's author (added to the actors), if the metadata names one."""
        if not self.author:
            return None
        name = self.author.strip()
        found = self.knowledge.resolve_actor(name, self.published, self.context)
        ident = found.id if found.id and not found.flagged else slug(name)
        if ident not in self.actors:
            entry = self.knowledge.actors.get(ident)
            self.actors[ident] = Actor(
                id=ident,
                name=entry.name if entry else name,
                kind=entry.kind if entry else "other",
                notes=None if entry else "the document's author",
            )
        return ident

    def _about(self, frame: EventFrame) -> ClaimAbout:
        actor1 = self._event_actor(frame.actor1)
        actor2 = self._event_actor(frame.actor2)
        place = self._place(frame.place) if frame.place else None
        event_type, sub = self._subtype(frame, actor1, actor2, place)
        return ClaimAbout(
            event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2, place=place
        )

    def result(self) -> FactsDocument:
        return FactsDocument(
            doc=DocInfo(id=self.doc_id, published=self.published, title=self.title),
            actors=list(self.actors.values()),
            places=list(self.places.values()),
            events=self.events,
            relations=self.relations,
            claims=self.claims,
        )


def new_assembler(
    knowledge: Knowledge,
    text: str,
    doc_id: str,
    published: date | None,
    title: str | None,
    anchor: DateSpan | None,
    air_ids: frozenset[str] = frozenset(),
    author: str | None = None,
) -> Assembler:
    """An assembler for one document whose narrative starts at ``anchor``; ``author`` (from
    the document's metadata) is who the prose's own verdicts on claims are credited to."""
    clock = NarrativeClock(published, anchor)
    assembler = Assembler(knowledge, text, doc_id, published, title, clock, air_ids)
    assembler.context = knowledge.new_context(published)
    assembler.author = author
    return assembler


def air_actor_ids(knowledge: Knowledge) -> frozenset[str]:
    """Ids of the actors that fight only from the air (``events.yaml`` ``air_actors``)."""
    names = load_yaml("events.yaml")["air_actors"]
    return frozenset(i for n in names if (i := knowledge.resolve_actor(n).id))


_FIGHTING = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _date_range(when: _Dated) -> DateRange | None:
    if when.span is None:
        return None
    return DateRange(start=when.span.start, end=when.span.end, text=when.text)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _event_key(event: Event) -> tuple[Any, ...]:
    """Events stated twice in one sentence (two triggers, same facts) are kept once."""
    when = (event.date.start, event.date.end) if event.date else None
    return (event.event_type, event.sub_event_type, event.actor1, event.place, when, event.span)


def rel_key(rel: Relation) -> tuple[str, str, str]:
    return (rel.subject, rel.predicate, rel.object)


def _is_prose(sent: Any) -> bool:
    """A sentence of running text, not a dateline or a by-line on a line of its own."""
    return sum(1 for tok in sent if tok.is_alpha) >= 8
