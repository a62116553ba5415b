"""The event tagger: trigger words typed with the ACLED vocabulary, their arguments from the parse.

A trigger (``data/extract/events.yaml``, read by :mod:`.event_words`) gives the
event type and a *frame* that maps grammatical roles to ``actor1`` /
``actor2`` / ``place`` (:mod:`.event_roles`). Hypothetical and denied triggers
are dropped and triggers inside reported speech are kept for the claims, not
stated as events (:mod:`.event_gates`); doers and places the clause does not
name come from the sentence or the narrative (:mod:`.event_actors`,
:mod:`.event_places`). This module matches the triggers, builds the frames of
each sentence and settles what the frames of one sentence say together.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from contested.extract import syntax
from contested.extract._data import load_yaml, tokenize
from contested.extract.annotations import (
    EVENTS,
    MENTIONS,
    TIMES,
    Arg,
    EventFrame,
    TimeRef,
    get,
    is_heading,
    mentions_in,
    put,
    tokens_with,
)
from contested.extract.event_actors import (
    DOER_SPAN,
    agents,
    air_actor,
    can_fight,
    carry_doer,
    drop_non_fighters,
    mention_arg,
    responsibility,
    retreats,
    share_sides,
)
from contested.extract.event_args import arg
from contested.extract.event_dates import dated, time_for
from contested.extract.event_gates import (
    attempted,
    denied,
    noun_is_event,
    reported_as,
    reporter_is,
)
from contested.extract.event_places import (
    fallback_place,
    leaves_place,
    to_movement,
    update_settlement,
)
from contested.extract.event_roles import Roles, roles, verbal
from contested.extract.event_words import (
    CAUSE_TYPES,
    KILL_WORDS,
    REPORTING_HEADS,
    Context,
    EventWords,
    Trigger,
)

# Triggers this sure need no date, actor or place to be events ("a suicide car bomb").
SELF_EVIDENT_WEIGHT = 0.9


class EventTagger:
    """Find event frames in each sentence (``annotations.get(doc, EVENTS)``)."""

    def __init__(self, nlp: Language, name: str = "contested_events") -> None:
        self.name = name
        data = load_yaml("events.yaml")
        self.triggers: list[Trigger] = []
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, entry in enumerate(data["triggers"]):
            self.triggers.append(
                Trigger(
                    entry["event_type"],
                    entry.get("sub_event_type"),
                    entry["frame"],
                    entry.get("pos", "any"),
                    float(entry.get("weight", 0.6)),
                    entry.get("territory"),
                )
            )
            self.matcher.add(str(index), tokenize(nlp, entry["forms"]))
        self.words = EventWords.from_data(data)
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        frames: list[EventFrame] = []
        times: list[TimeRef] = get(doc, TIMES)
        blocked = self._blocked_tokens(doc, times)
        matches = self._matches(doc, blocked)
        caused = {
            c.i for _, span in matches if not syntax.is_noun(span.root) for c in _causes(span.root)
        }
        targets = {
            o.i
            for trig, span in matches
            if trig.frame in ("attack", "strike") and not syntax.is_noun(span.root)
            for o in syntax.objects(span.root)
        }
        context: Context = {"actor": None, "place": None, "settlement": None}
        doer: tuple[int, Arg | None] = (-10, None)
        for number, sent in enumerate(doc.sents):
            if is_heading(doc, sent):
                doer = (-10, None)
                continue
            found = [(t, span) for t, span in matches if sent.start <= span.start < sent.end]
            sent_frames = []
            for trig, span in found:
                if trig.event_type == "Strategic developments" and span.root.i in targets:
                    continue  # "struck a Turkish military convoy": the target, not an event
                sent_frames.extend(self._frames(doc, sent, trig, span, times, context, caused))
            retreats(sent_frames)
            sent_frames = self._merge(_absorb(doc, sent_frames), agents(doc, sent))
            responsibility(doc, sent, sent_frames)
            self._fatalities(doc, sent, sent_frames, context, times)
            for frame in sent_frames:
                drop_non_fighters(frame, self.words)
            if number - doer[0] <= DOER_SPAN:
                carry_doer(sent_frames, doer[1])
            for frame in sent_frames:
                frame.confidence = _confidence(frame)
            for frame in sent_frames:
                if frame.actor1 is not None and frame.actor1.label in ("ACTOR", "NAME"):
                    context["actor"] = frame.actor1
                    if (not frame.in_claim or frame.attributed) and can_fight(
                        frame.actor1, self.words
                    ):
                        doer = (number, frame.actor1)
                if frame.place is not None and frame.place.label in ("PLACE", "NAME"):
                    context["place"] = frame.place
            self._update_context(doc, sent, context, bool(sent_frames))
            update_settlement(doc, sent, context, self.words)
            frames.extend(sent_frames)
        put(doc, EVENTS, frames)
        return doc

    # --- trigger matching -----------------------------------------------------------------

    def _blocked_tokens(self, doc: Doc, times: list[TimeRef]) -> set[int]:
        blocked = {i for ref in times for i in range(ref.start, ref.end)}
        for m in get(doc, MENTIONS):
            blocked.update(range(m.start, m.end))
        return blocked

    def _matches(self, doc: Doc, blocked: set[int]) -> list[tuple[Trigger, Span]]:
        spans: list[Span] = []
        tagged = doc.has_annotation("TAG")
        for match_id, start, end in self.matcher(doc):
            if any(i in blocked for i in range(start, end)):
                continue
            trig = self.triggers[int(self.strings[match_id])]
            span = Span(doc, start, end, label=match_id)
            if tagged and not _pos_ok(span.root, trig.pos):
                continue
            spans.append(span)
        kept = filter_spans(spans)
        roots = {s.root.i for s in kept}
        out = []
        for span in kept:
            root = span.root
            if root.dep_ == "compound" and syntax.is_noun(root.head) and root.head.i not in roots:
                # "fighting positions", "attack helicopters": a modifier, not an event.
                continue
            out.append((self.triggers[int(self.strings[span.label])], span))
        return out

    # --- frames -----------------------------------------------------------------------------

    def _frames(
        self,
        doc: Doc,
        sent: Span,
        trig: Trigger,
        span: Span,
        times: list[TimeRef],
        context: Context,
        caused: set[int],
    ) -> list[EventFrame]:
        """The frames a trigger states, one per place: none when it is denied, when its frame
        lacks what it needs, or when an event noun only names a topic."""
        head = span.root
        verb = syntax.clause_verb(head)
        if denied(head, verb, times, sent, self.words):
            return []
        found = roles(doc, trig, head, context, self.words)
        if found is None:
            return []
        actor1, assoc1, actor2, places = found
        time_ref = time_for(doc, sent, head, verb, times)
        if (
            syntax.is_noun(head)
            and trig.weight < SELF_EVIDENT_WEIGHT
            and head.i not in caused
            and not noun_is_event(trig, head, time_ref, times, actor1, places, self.words)
        ):
            return []
        inferred = not places
        if inferred:
            actors = [a for a in (actor1, actor2) if a]
            local = trig.frame in ("agree", "change")
            places = fallback_place(doc, sent, head, actors, context, sentence_only=local)
            if not places and local:
                places = [Arg(self.words.default_place, head.idx, head.idx, "PLACE", (), "default")]
        found = (actor1, assoc1, actor2, places)
        return self._build(doc, sent, trig, span, verb, found, time_ref, times, inferred)

    def _build(
        self,
        doc: Doc,
        sent: Span,
        trig: Trigger,
        span: Span,
        verb: Token,
        found: Roles,
        time_ref: int | None,
        times: list[TimeRef],
        inferred: bool,
    ) -> list[EventFrame]:
        """The typed frames of a trigger whose roles are found, one per place."""
        head = span.root
        actor1, assoc1, actor2, places = found
        event_type, sub = self._type(doc, sent, trig, head, actor1, actor2)
        territory = trig.territory
        if territory == "gain" and attempted(head, verb, self.words):
            territory, event_type, sub = None, "Battles", "Armed clash"
        reported = reported_as(sent, head, verb)
        if reported == "attributed" and actor1 is not None and reporter_is(doc, verb, actor1):
            reported = "claimed"
        frames = []
        slots: list[Arg | None] = list(places) or [None]
        for place in slots:
            frames.append(
                EventFrame(
                    sent_start=sent.start_char,
                    sent_end=sent.end_char,
                    trigger_start=span.start_char,
                    trigger_end=span.end_char,
                    time_ref=time_ref,
                    event_type=event_type,
                    sub_event_type=sub,
                    territory=territory,
                    actor1=actor1,
                    assoc_actor1=assoc1,
                    actor2=actor2,
                    place=place,
                    trigger_text=span.text,
                    in_claim=reported is not None,
                    attributed=reported == "attributed",
                    frame=trig.frame,
                    trigger_weight=trig.weight,
                    placed=not inferred,
                    dated=dated(sent, time_ref, times),
                )
            )
            if trig.frame == "withdraw" and not leaves_place(doc, head, self.words):
                to_movement(frames[-1])
        return frames

    # --- typing -----------------------------------------------------------------------------

    def _type(
        self,
        doc: Doc,
        sent: Span,
        trig: Trigger,
        head: Token,
        actor1: Arg | None,
        actor2: Arg | None,
    ) -> tuple[str, str | None]:
        event_type, sub = trig.event_type, trig.sub_event_type
        if sub == "Looting/property destruction" and any(
            o.lower_ in self.words.military_objects for o in _object_heads(head)
        ):
            event_type, sub = "Battles", "Armed clash"
        for child in head.children:
            mod = self.words.modifiers.get(child.lower_)
            if (
                mod
                and child.dep_ in ("compound", "amod", "nmod")
                and event_type in ("Battles", "Explosions/Remote violence")
            ):
                return mod["event_type"], mod["sub_event_type"]
        if trig.frame in ("attack", "strike") and event_type in (
            "Battles",
            "Explosions/Remote violence",
        ):
            if actor1 is not None and air_actor(actor1, self.words):
                return "Explosions/Remote violence", "Air/drone strike"
            if trig.frame == "strike" or event_type == "Explosions/Remote violence":
                words = {t.lower_ for t in sent}
                instruments = self.words.instruments
                if words & instruments["shelling"] and not words & instruments["air"]:
                    return "Explosions/Remote violence", "Shelling/artillery/missile attack"
            if (
                event_type == "Battles"
                and actor2 is not None
                and actor2.label == "NOUN"
                and actor2.hint in self.words.civilian_words
            ):
                return "Violence against civilians", "Attack"
        return event_type, sub

    # --- after the frames -----------------------------------------------------------------

    def _merge(self, frames: list[EventFrame], named: list[Arg]) -> list[EventFrame]:
        """Drop what restates another frame of the sentence: a second capture of the same
        place ("swept from Idlib City, the second capital to fall"), a clash beside a capture."""
        gains = [f for f in frames if f.territory]
        if any(f.frame != "kill" and (f.attributed or not f.in_claim) for f in frames):
            frames = [f for f in frames if f.frame != "kill"]
        frames = _fold_generic_attacks(frames)
        share_sides(frames, named)
        out: list[EventFrame] = []
        for f in sorted(frames, key=lambda f: (f.actor1 is None, f.trigger_start)):
            if f.territory and any(
                g.territory and g.place and f.place and g.place.text == f.place.text for g in out
            ):
                continue
            if (
                f.event_type == "Battles"
                and not f.territory
                and any(
                    g.place is not None and f.place is not None and g.place.text == f.place.text
                    for g in gains
                )
            ):
                continue
            if f.event_type == "Battles" and not f.territory and f.place is None and gains:
                continue
            out.append(f)
        return sorted(out, key=lambda f: f.trigger_start)

    def _fatalities(
        self,
        doc: Doc,
        sent: Span,
        frames: list[EventFrame],
        context: Context,
        times: list[TimeRef],
    ) -> None:
        total = 0
        for tok in tokens_with(doc, sent, KILL_WORDS):
            victims = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
            if tok.lower_ in ("died", "dead"):
                victims = [c for c in tok.children if c.dep_ == "nsubj"] or [tok.head]
            for v in victims:
                for each in syntax.with_conjuncts(v):
                    total += syntax.count_of(each) or 0
        if not total:
            return
        real = [f for f in frames if f.attributed or not f.in_claim]
        if real:
            real[0].fatalities = total

    def _update_context(self, doc: Doc, sent: Span, context: Context, had_events: bool) -> None:
        if not had_events:
            place = next(
                (
                    m
                    for m in mentions_in(doc, sent.start, sent.end)
                    if (m.label == "PLACE" or (m.label == "NAME" and m.hint == "place"))
                ),
                None,
            )
            if place is not None:
                context["place"] = arg(doc, place)
        subj = next(
            (t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None
        )
        if subj is None or subj.head.lower_ in REPORTING_HEADS:
            return
        found = syntax.nominal_mentions(doc, subj)
        if found and found[0].label in ("ACTOR", "NAME"):
            context["actor"] = mention_arg(doc, found[0], self.words)

    def set_fighters(self, ids: frozenset[str]) -> None:
        """The registry's actors an event can be coded to (``Knowledge.can_fight``)."""
        self.words.fighters = ids

    def set_place_kinds(self, kinds: dict[str, str]) -> None:
        """The gazetteer's kind of each place id, so "the city" can find the last city named."""
        self.words.place_kinds = kinds

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> EventTagger:
        return self


# Roles in which an event noun causes what its verb reports: "strikes destroyed",
# "killed by Turkish shelling", "were hit with a Russian missile".
_CAUSE_DEPS = frozenset({"nsubj", "csubj"})
_CAUSE_PREPS = frozenset({"by", "with", "in"})


def _absorb(doc: Doc, frames: list[EventFrame]) -> list[EventFrame]:
    """Fold a verb's frame into the event noun that caused it.

    "19 strikes destroyed 25 fighting positions" is one air strike, not a strike and
    a destruction; "civilians were killed by Turkish shelling" is shelling whose
    victims are civilians. The noun's frame takes the verb's victim and place.
    """
    nouns: dict[int, list[EventFrame]] = {}
    heads: dict[int, Token] = {}
    for index, f in enumerate(frames):
        span = doc.char_span(f.trigger_start, f.trigger_end, alignment_mode="expand")
        if span is None:
            continue
        heads[index] = span.root
        if syntax.is_noun(span.root) and f.event_type in CAUSE_TYPES and f.frame != "kill":
            nouns.setdefault(span.root.i, []).append(f)
    out = []
    for index, f in enumerate(frames):
        head = heads.get(index)
        causes = [] if head is None or syntax.is_noun(head) else _causes(head)
        found = [g for c in causes for g in nouns.get(c.i, ()) if g is not f]
        if not found:
            out.append(f)
            continue
        for g in found:
            g.actor2 = g.actor2 or f.actor2
            if g.place is None:
                g.place = f.place
    return out


# Events that need no named doer to be reported: a bombing is one whoever set it off.
_DOERLESS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Chemical weapon"})


def _confidence(frame: EventFrame) -> float:
    """How sure the frame is a reportable event, from the evidence the sentence gives.

    Measured on the development sets, who did it is what separates events from
    analytic statements and background mentions; a place and a date of the
    clause's own add some; the trigger word itself little. An event without a
    doer scores below ``min_confidence`` (events.yaml) unless it is a bombing.
    """
    doer = frame.actor1 or (frame.actor2 if frame.territory == "transfer" else None)
    named = doer is not None and doer.label != "NOUN"
    named = named or frame.sub_event_type in _DOERLESS
    evidence = 0.25 + 0.4 * named + 0.15 * frame.placed + 0.2 * frame.dated
    return round(min(0.95, evidence * (0.85 + 0.15 * frame.trigger_weight)), 2)


_GENERIC_ATTACKS = frozenset({"attack", "attacks", "assault", "assaults"})


def _fold_generic_attacks(frames: list[EventFrame]) -> list[EventFrame]:
    """ "A suicide bomber killed 19 people in an attack claimed by IS": the word "attack"
    restates the bombing of its sentence; the bombing takes its doer."""
    specific = [f for f in frames if f.event_type == "Explosions/Remote violence"]
    if not specific:
        return frames
    out = []
    for f in frames:
        generic = f.event_type == "Battles" and f.trigger_text.lower() in _GENERIC_ATTACKS
        same = [
            g
            for g in specific
            if g.place is None or f.place is None or g.place.text == f.place.text
        ]
        if not generic or not same:
            out.append(f)
            continue
        for g in same:
            g.actor1 = g.actor1 or f.actor1
            g.actor2 = g.actor2 or f.actor2
    return out


def _causes(verb: Token) -> list[Token]:
    out = [c for c in verb.children if c.dep_ in _CAUSE_DEPS]
    if not out and verb.dep_ == "conj" and syntax.is_verb(verb.head):
        out = [c for c in verb.head.children if c.dep_ in _CAUSE_DEPS]
    if syntax.is_passive(verb):
        for child in verb.children:
            if child.dep_ in ("agent", "prep") and child.lower_ in _CAUSE_PREPS:
                out.extend(c for c in child.children if c.dep_ == "pobj")
    return [t for c in out for t in syntax.with_conjuncts(c)]


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "verb":
        return syntax.is_verb(token) or verbal(token)
    if pos == "noun":
        return token.tag_.startswith("NN")
    return True


def _object_heads(verb: Token) -> list[Token]:
    """Objects of ``verb``, through a quantity: "destroyed most of IS's positions"."""
    out = []
    for obj in syntax.objects(verb):
        inner = syntax.prepositions(obj).get("of", []) if not syntax.is_noun(obj) else []
        out.extend(inner or [obj])
    return out
