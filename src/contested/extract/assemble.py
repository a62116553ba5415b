"""From annotated Docs to one facts document: dates, resolution, sub-types, provenance.

The components leave frames with surface names and doc-relative offsets.
Here, in reading order, the narrative clock dates every frame, every name is
resolved through the knowledge (unknown names become new, flagged actors
and places), territorial events get their sub-type from who took the place,
and quotes and spans are taken from the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from contested.extract._data import load_yaml
from contested.extract.annotations import (
    CLAIMS,
    EVENTS,
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
from contested.extract.knowledge import Knowledge, ResolutionContext, name_key
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
from contested.vocab import PLACE_KINDS

UNRESOLVED_NOTE = "flagged: not in the registry or gazetteer; kept as written"
_GAIN = {True: "Government regains territory", False: "Non-state actor overtakes territory"}
# Events scored below this are not reported (tuned on the development sets, events.yaml).
MIN_CONFIDENCE: float = load_yaml("events.yaml")["min_confidence"]


@dataclass
class _Dated:
    span: DateSpan | None
    text: str | None


@dataclass
class Assembler:
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
    _offset: int = 0

    def add(self, doc: Doc, offset: int) -> None:
        """Take the frames of one chunk Doc that starts at ``offset`` in the original text."""
        self._offset = offset
        dates = self._date_refs(doc)
        for frame in get(doc, EVENTS):
            if (not frame.in_claim or frame.attributed) and frame.confidence >= MIN_CONFIDENCE:
                self._event(frame, offset, dates)
        for rel in get(doc, RELATIONS):
            self._relation(rel, offset, dates)
        for claim in get(doc, CLAIMS):
            self._claim(claim, offset, dates)

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
        return out

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
        """What an event says of its actors: co-actors are allies; an attack on an armed
        actor is hostility."""
        quote, span = event.quote, event.span
        for ally in event.assoc_actor1:
            if event.actor1:
                self._add_relation(event.actor1, "allied_with", ally, quote, span, 0.5)
        hostile = frame.frame in ("attack", "strike") and event.event_type in (
            "Battles",
            "Explosions/Remote violence",
        )
        if hostile and event.actor1 and event.actor2:
            kind = self.actors[event.actor2].kind if event.actor2 in self.actors else None
            if kind not in ("civilians", None) and not self.knowledge.friendly(
                event.actor1, event.actor2
            ):
                self._add_relation(event.actor1, "fights", event.actor2, quote, span, 0.5)

    def _add_relation(
        self,
        subject: str,
        predicate: str,
        obj: str,
        quote: str | None,
        span: tuple[int, int] | None,
        confidence: float,
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
            )
        )

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
        predicate = self._predicate(frame.predicate, subject, obj)
        if predicate is None:
            return
        own = dates.get(frame.time_ref) if frame.time_ref is not None else None
        span = own.span if own else None
        start, end = offset + frame.sent_start, offset + frame.sent_end
        rel = Relation(
            id=f"r{len(self.relations) + 1}",
            subject=subject,
            predicate=predicate,
            object=obj,
            valid_from=span.start if span and frame.begins else None,
            valid_to=span.end if span and frame.ends else None,
            confidence=frame.confidence,
            quote=self.text[start:end].strip(),
            span=_strip_span(self.text, start, end),
        )
        if not any(
            (r.subject, r.predicate, r.object) == (subject, predicate, obj) for r in self.relations
        ):
            self.relations.append(rel)

    def _predicate(self, predicate: str, subject: str, obj: str) -> str | None:
        """Fit a stated predicate to what the two actors are: a state has allies, not members."""
        kind = self.knowledge.actors[obj].kind if obj in self.knowledge.actors else None
        if predicate == "member_of" and kind == "state":
            return "allied_with"
        return predicate

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
        present = frame.time_ref is None and frame.present_tense
        if present and when.span and self.published and when.span.start <= self.published:
            when = _Dated(DateSpan(when.span.start, self.published), when.text)
        start, end = offset + frame.sent_start, offset + frame.sent_end
        about = self._about(frame.about) if frame.about else None
        assessments = []
        for a in frame.assessments:
            by = self._actor(a.by)
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

    def _about(self, frame: EventFrame) -> ClaimAbout:
        actor1 = self._event_actor(frame.actor1)
        actor2 = self._event_actor(frame.actor2)
        place = self._place(frame.place) if frame.place else None
        event_type, sub = self._subtype(frame, actor1, actor2, place)
        return ClaimAbout(
            event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2, place=place
        )

    # --- names ------------------------------------------------------------------------------

    def _actor(self, arg: Arg | None) -> str | None:
        """The id of the actor ``arg`` names, adding it to the actors list."""
        if arg is None:
            return None
        name = _clean_name(arg.text)
        if not name:
            return None
        key = ("actor", name_key(name), arg.ids)
        if key in self._cache:
            ident = self._cache[key]
        else:
            ident = self._resolve_actor(arg, name)
            self._cache[key] = ident
        self._remember_actor(ident, name, arg)
        return ident

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
        return found.id or _slug(name)

    def _remember_actor(self, ident: str, name: str, arg: Arg) -> None:
        actor = self.actors.get(ident)
        if actor is None:
            self._organ_of_state(ident, name, arg)
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
        """ "Iran's SNSC", "the US State Department": a name that says whose organ it is."""
        entry = self.knowledge.actors.get(ident)
        parent = self.knowledge.actors.get(entry.parent or "") if entry else None
        if entry is None or parent is None or entry.kind != "state_force" or parent.kind != "state":
            return
        words = set(re.findall(r"[\w.]+", name))
        stated = {w for n in (parent.name, *parent.aliases) for w in [n] if " " not in n}
        stated |= {d for d, country in _demonyms().items() if country == parent.name}
        if words & stated:
            if parent.id not in self.actors:
                self.actors[parent.id] = Actor(
                    id=parent.id, name=parent.name, aliases=list(parent.aliases), kind=parent.kind
                )
            start, end = self._offset + arg.start_char, self._offset + arg.end_char
            self._add_relation(ident, "part_of", parent.id, self.text[start:end], (start, end), 0.6)

    def _place(self, arg: Arg | None) -> str | None:
        """The id of the place ``arg`` names, adding it to the places list."""
        if arg is None:
            return None
        name = _clean_name(arg.text)
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
                ident = found.id or _slug(name)
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
) -> Assembler:
    """An assembler for one document whose narrative starts at ``anchor``."""
    clock = NarrativeClock(published, anchor)
    assembler = Assembler(knowledge, text, doc_id, published, title, clock, air_ids)
    assembler.context = knowledge.new_context(published)
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


_LEADING = re.compile(r"^(?:the|a|an|one|some|its|their|his|her)\s+", re.IGNORECASE)


def _clean_name(text: str) -> str:
    """A name without a leading article, possessive ending or surrounding punctuation."""
    text = " ".join(text.split()).strip(" ,.;:()[]“”\"'")
    text = re.sub(r"[’']s$", "", text)
    return _LEADING.sub("", text)


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")
    return slug or "unnamed"


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
