"""The event tagger: trigger words typed with the ACLED vocabulary, their arguments from the parse.

A trigger (``data/extract/events.yaml``) gives the event type and a *frame*
that maps grammatical roles to ``actor1`` / ``actor2`` / ``place``: the
subject of "captured" takes the object place; the passive subject of "was
swept from" is the loser and the "by" agent the winner. Names come from the
mentions; pronouns and "the group"/"the village" fall back to the last
actor or place named. Hypothetical and denied triggers are dropped; triggers
inside reported speech are kept for the claims, not stated as events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
    Mention,
    TimeRef,
    get,
    is_heading,
    mention_at,
    mentions_in,
    put,
    sentence_of,
    tokens_with,
)

_WORDS = load_yaml("events.yaml")
# Heads of reported speech ("claimed that ...", "Moscow's announcement that ...").
REPORTING_HEADS = frozenset(_WORDS["reporting_heads"])
CLAIM_NOUNS = frozenset(_WORDS["claim_nouns"])
MODALS = frozenset(_WORDS["modals"])
PRONOUNS = frozenset(_WORDS["pronouns"])
KILL_WORDS = frozenset(_WORDS["kill_words"])
# Attributions that report what happened; "claimed", "alleged", "denied" only report a claim.
NEUTRAL_REPORTING = frozenset(_WORDS["neutral_reporting"])
# A name in these roles owns or performs something; it is not where an event happened.
OWNER_DEPS = frozenset({"poss", "nsubj", "nsubjpass", "compound", "agent"})
# Triggers this sure need no date, actor or place to be events ("a suicide car bomb").
SELF_EVIDENT_WEIGHT = 0.9


@dataclass(frozen=True)
class Trigger:
    """One entry of the trigger lexicon."""

    event_type: str
    sub_event_type: str | None
    frame: str
    pos: str
    weight: float
    territory: str | None


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
        self.modifiers: dict[str, dict[str, str]] = data["modifiers"]
        self.instruments = {k: frozenset(v) for k, v in data["instruments"].items()}
        self.air_actor_names = frozenset(n.lower() for n in data["air_actors"])
        self.attempt_words = frozenset(data["attempt_verbs"])
        self.civilian_words = frozenset(data["civilian_words"])
        self.irrealis = frozenset(data["irrealis"])
        self.place_anaphors = frozenset(data["place_anaphors"])
        self.actor_anaphors = frozenset(data["actor_anaphors"])
        self.strings = nlp.vocab.strings
        self.default_place: str = data["default_place"]

    def __call__(self, doc: Doc) -> Doc:
        frames: list[EventFrame] = []
        times: list[TimeRef] = get(doc, TIMES)
        blocked = self._blocked_tokens(doc, times)
        matches = self._matches(doc, blocked)
        context: dict[str, Arg | None] = {"actor": None, "place": None}
        for sent in doc.sents:
            if is_heading(doc, sent):
                continue
            found = [(t, span) for t, span in matches if sent.start <= span.start < sent.end]
            sent_frames = []
            for trig, span in found:
                sent_frames.extend(self._frames(doc, sent, trig, span, times, context))
            sent_frames = self._merge(sent_frames)
            self._fatalities(doc, sent, sent_frames, context, times)
            for frame in sent_frames:
                if frame.actor1 is not None and frame.actor1.label in ("ACTOR", "NAME"):
                    context["actor"] = frame.actor1
                if frame.place is not None and frame.place.label in ("PLACE", "NAME"):
                    context["place"] = frame.place
            self._update_context(doc, sent, context, bool(sent_frames))
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
        out = []
        for span in filter_spans(spans):
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
        context: dict[str, Arg | None],
    ) -> list[EventFrame]:
        head = span.root
        verb = syntax.clause_verb(head)
        if self._denied(head, verb, times, sent):
            return []
        roles = self._roles(doc, trig, head, verb, context)
        if roles is None:
            return []
        actor1, assoc1, actor2, places = roles
        time_ref = _time_for(doc, sent, head, verb, times)
        if (
            _is_noun(head)
            and trig.weight < SELF_EVIDENT_WEIGHT
            and not self._noun_is_event(trig, head, time_ref, times, actor1, places)
        ):
            return []
        inferred = not places
        if inferred:
            actors = [a for a in (actor1, actor2) if a]
            local = trig.frame in ("agree", "change")
            places = self._fallback_place(doc, sent, head, actors, context, sentence_only=local)
            if not places and local:
                places = [Arg(self.default_place, head.idx, head.idx, "PLACE", (), "default")]
        event_type, sub = self._type(doc, sent, trig, head, actor1, actor2)
        territory = trig.territory
        if territory == "gain" and self._attempt(head, verb):
            territory, event_type, sub = None, "Battles", "Armed clash"
        weight = trig.weight * (0.75 + 0.1 * (actor1 is not None) + 0.15 * (not inferred))
        reported = self._in_claim(sent, head, verb)
        if (
            reported == "attributed"
            and actor1 is not None
            and self._reporter_is(doc, sent, verb, actor1)
        ):
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
                    confidence=round(min(weight, 0.95), 2),
                    trigger_text=span.text,
                    in_claim=reported is not None,
                    attributed=reported == "attributed",
                    frame=trig.frame,
                )
            )
        return frames

    def _reporter_is(self, doc: Doc, sent: Span, verb: Token, actor: Arg) -> bool:
        """True when the source reporting the event is its own doer ("Russia said it had
        killed ..."): a self-report stays a claim."""
        tok = verb
        for _ in range(4):
            if tok.head is tok:
                return False
            if tok.head.lower_ in REPORTING_HEADS:
                subjects = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                names = {
                    m.span(doc).text for s in subjects for m in syntax.nominal_mentions(doc, s)
                }
                return actor.text in names or any(s.lower_ in PRONOUNS for s in subjects)
            tok = tok.head
        return False

    def _noun_is_event(
        self,
        trig: Trigger,
        noun: Token,
        time_ref: int | None,
        times: list[TimeRef],
        actor1: Arg | None,
        places: list[Arg],
    ) -> bool:
        """A noun trigger reports an event, not a topic, when it is dated, done, or placed.

        "Russia's intervention on 30 September 2015" (dated in its clause), "launched
        airstrikes" (object of a verb of doing), "Russian airstrikes on Raqqa" (an
        actor and a place) are events; "the ceasefire" alone is a topic.
        """
        dated = (
            time_ref is not None
            and syntax.clause_verb(noun.doc[times[time_ref].start])
            in (noun, syntax.clause_verb(noun))
            and _attached(noun, times[time_ref])
        )
        if dated or trig.frame in ("change", "agree"):
            return dated
        if (
            noun.dep_ in ("dobj", "nsubj", "nsubjpass")
            and syntax.is_verb(noun.head)
            and noun.head.lower_ not in ("said", "says", "claimed", "reported")
        ):
            return actor1 is not None or bool(places)
        return actor1 is not None and bool(places)

    def _fallback_place(
        self,
        doc: Doc,
        sent: Span,
        head: Token,
        actors: list[Arg],
        context: dict[str, Arg | None],
        sentence_only: bool = False,
    ) -> list[Arg]:
        """A place for an event whose clause names none: the nearest in the sentence, else the
        last place an event happened at."""
        used = {(a.start_char, a.end_char) for a in actors}
        best: tuple[int, Mention] | None = None
        for m in mentions_in(doc, sent.start, sent.end):
            if m.label != "PLACE" and not (m.label == "NAME" and m.hint == "place"):
                continue
            span = m.span(doc)
            if (span.start_char, span.end_char) in used or span.root.dep_ in OWNER_DEPS:
                continue
            distance = abs(m.start - head.i)
            if best is None or distance < best[0]:
                best = (distance, m)
        if best is not None:
            return [_arg(doc, best[1])]
        if sentence_only or context["place"] is None:
            return []
        return [context["place"]]

    def _denied(self, head: Token, verb: Token, times: list[TimeRef], sent: Span) -> bool:
        """True for negated or hypothetical triggers ("did not go after", "if they conquer")."""
        left = min(t.i for t in verb.subtree)
        for tok in verb.doc[max(sent.start, left - 3) : left + 1]:
            if tok.lower_ in ("if", "unless", "whether"):
                return True
        for tok in (head, verb):
            for child in tok.children:
                if child.dep_ == "neg" or child.lower_ in ("never", "no"):
                    return True
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return True
                modal = child.dep_ == "aux" and child.lower_ in MODALS
                if modal and (child.lower_ != "would" or not _has_time(verb, times)):
                    return True
        up = verb
        for _ in range(3):
            if up.head is up:
                break
            up = up.head
            if up.lower_ in self.irrealis and up.i < verb.i:
                return True
        return False

    def _attempt(self, head: Token, verb: Token) -> bool:
        up = verb if verb.dep_ in ("xcomp", "acl", "advcl", "pcomp") else head
        for _ in range(2):
            if up.head is up:
                return False
            up = up.head
            if up.lower_ in self.attempt_words:
                return True
        return (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and verb.head.lower_ in self.attempt_words
        )

    def _in_claim(self, sent: Span, head: Token, verb: Token) -> str | None:
        """How the trigger is reported: None (the text states it), "quoted", "claimed", or
        "attributed" (a neutral "said"/"reported" of a source other than the doer)."""
        if syntax.in_quotes(sent, head):
            return "quoted"
        tok = verb
        for _ in range(4):
            if tok.dep_ == "xcomp" and tok.head.lower_ in ("denied", "denies", "deny"):
                return "claimed"
            if tok.dep_ in ("ccomp", "parataxis", "acl") and (
                tok.head.lower_ in REPORTING_HEADS or tok.head.lower_ in CLAIM_NOUNS
            ):
                return "attributed" if tok.head.lower_ in NEUTRAL_REPORTING else "claimed"
            if tok.head is tok:
                return None
            tok = tok.head
        return None

    # --- roles ------------------------------------------------------------------------------

    def _roles(
        self, doc: Doc, trig: Trigger, head: Token, verb: Token, context: dict[str, Arg | None]
    ) -> tuple[Arg | None, list[Arg], Arg | None, list[Arg]] | None:
        if syntax.is_noun(head) and not _verbal(head):
            slots = self._noun_slots(doc, head)
        else:
            slots = self._verb_slots(doc, trig, head)
        actors1, actors2, places = self._assign(doc, trig, slots, context)
        if not actors1 and slots.get("passive"):
            actors1 = self._loose_agent(doc, head)
        if trig.frame in ("gain", "lose", "withdraw") and not places:
            known = [a for a in (*actors1, *actors2)]
            places = self._fallback_place(
                doc, sentence_of(doc, head.i), head, known, context, sentence_only=True
            )
        if trig.frame in ("gain", "lose", "withdraw") and not places:
            return None
        if trig.frame == "expel" and not actors2 and not places:
            return None
        if trig.frame == "strike" and not actors1:
            return None
        if not actors1 and trig.frame == "gather" and _is_noun(head) and head.tag_ == "NNS":
            actors1 = [syntax.noun_arg(doc, head)]
        actor1 = actors1[0] if actors1 else None
        actor2 = actors2[0] if actors2 else None
        return actor1, actors1[1:], actor2, places

    def _loose_agent(self, doc: Doc, verb: Token) -> list[Arg]:
        """The "by X" of a passive the parser attached elsewhere ("swept from Idlib City, only
        the second capital to fall, by Jaysh al-Fatah")."""
        for tok in doc[verb.i + 1 : sentence_of(doc, verb.i).end]:
            if tok.lower_ == "by" and tok.dep_ in ("prep", "agent"):
                for obj in tok.children:
                    if obj.dep_ == "pobj":
                        found = _actors([_arg(doc, m) for m in syntax.nominal_mentions(doc, obj)])
                        if found:
                            return found
        return []

    def _verb_slots(self, doc: Doc, trig: Trigger, verb: Token) -> dict[str, list[Token]]:
        passive = syntax.is_passive(verb) or (
            verb.dep_ == "acomp" and verb.head.lower_ in ("was", "were", "is", "are", "been")
        )
        if verb.dep_ == "acomp" and passive:
            verb = verb.head
        parts = [
            verb,
            *(
                t
                for t in verb.children
                if t.dep_ in ("advcl", "amod", "prt", "conj", "acomp")
                and t.idx <= verb.idx + 14
                and not t.is_space
            ),
        ]
        preps: dict[str, list[Token]] = {}
        objs: list[Token] = []
        for part in parts:
            for key, toks in syntax.prepositions(part).items():
                preps.setdefault(key, []).extend(toks)
            objs.extend(syntax.objects(part))
        for obj in objs:
            for key, toks in syntax.prepositions(obj).items():
                if key in ("from", "to", "of"):
                    preps.setdefault(key, []).extend(toks)
        subj = syntax.subjects(verb, passive=passive) or syntax.subjects(verb)
        return {
            "subj": subj,
            "obj": objs,
            "passive": [verb] if passive else [],
            **{f"p:{k}": v for k, v in preps.items()},
        }

    def _noun_slots(self, doc: Doc, noun: Token) -> dict[str, list[Token]]:
        preps = syntax.prepositions(noun)
        slots: dict[str, list[Token]] = {f"p:{k}": v for k, v in preps.items()}
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        slots["owner"] = owners
        slots["self"] = [noun]
        gov = noun.head
        if noun.dep_ in ("dobj", "obj") and syntax.is_verb(gov):
            slots["subj"] = syntax.subjects(gov)
            for key, toks in syntax.prepositions(gov).items():
                slots.setdefault(f"p:{key}", []).extend(toks)
        elif noun.dep_ in ("nsubj", "nsubjpass") and syntax.is_verb(gov):
            for key, toks in syntax.prepositions(gov).items():
                slots.setdefault(f"p:{key}", []).extend(toks)
            slots["obj"] = syntax.objects(gov)
        elif (noun.dep_ == "pobj" and noun.head.dep_ in ("agent",)) or (
            noun.dep_ == "pobj" and noun.head.lower_ == "by"
        ):
            slots["victims"] = syntax.subjects(noun.head.head, passive=True)
        for child in noun.children:
            if child.dep_ == "acl" and child.lower_ in (
                "led",
                "spearheaded",
                "launched",
                "conducted",
            ):
                slots.setdefault("p:by", []).extend(syntax.prepositions(child).get("by", []))
        return slots

    def _assign(
        self,
        doc: Doc,
        trig: Trigger,
        slots: dict[str, list[Token]],
        context: dict[str, Arg | None],
    ) -> tuple[list[Arg], list[Arg], list[Arg]]:
        get_ = lambda key: self._args(doc, slots.get(key, []), context)  # noqa: E731
        frame, passive = trig.frame, bool(slots.get("passive"))
        subj, obj = get_("subj"), get_("obj")
        by, frm, to = get_("p:by"), get_("p:from") + get_("p:out of"), get_("p:to")
        located = []
        for key in (
            "p:in",
            "p:at",
            "p:near",
            "p:around",
            "p:outside",
            "p:inside",
            "p:into",
            "p:towards",
            "p:toward",
            "p:across",
            "p:throughout",
            "p:on",
            "p:against",
            "p:of",
            "p:over",
            "p:along",
        ):
            located.extend(get_(key))
        against = get_("p:on") + get_("p:against") + get_("p:with")
        owner = self._owner_args(doc, slots.get("owner", []), context)
        a1: list[Arg]
        a2: list[Arg]
        places = [a for a in located if a.label == "PLACE"]
        if frame in ("gain", "lose", "withdraw"):
            obj = [_as_place(a) for a in obj]
            subj = [_as_place(a) for a in subj] if passive or frame == "lose" else subj
        if frame in ("gain",):
            if passive:
                a1, a2 = by, _actors(frm)
                places = _places(subj) + _places(obj) + _places(frm) + places
            else:
                a1 = _actors(subj) or _actors(owner) or _actors(by)
                a2 = _actors(frm) + _actors(obj)
                places = (
                    _places(obj) + _places(get_("p:of")) + _places(frm) + _places(owner) + places
                )
        elif frame == "expel":
            if passive:
                a1, a2 = by, _actors(subj)
            else:
                a1, a2 = _actors(subj), _actors(obj)
            places = _places(frm) + _places(get_("p:of")) + places
        elif frame == "lose":
            a1 = _actors(to)
            a2 = _actors(subj) + _actors(owner)
            places = _places(subj) + _places(obj) + places
        elif frame == "withdraw":
            a1, a2 = _actors(to), _actors(subj) + _actors(owner)
            places = _places(frm) + _places(obj) + places
        elif frame in ("change", "gather", "agree"):
            a1 = _actors(subj) or _actors(owner) or _actors(by) or _actors(get_("self"))
            a2 = _actors(get_("p:with")) if frame == "agree" else []
            places = _places(obj) + places + _places(to)
        else:
            if passive:
                a1 = _actors(by)
                a2 = _actors(subj)
                places = _places(subj) + places
            else:
                a1 = _actors(subj) or _actors(owner) or _actors(by)
                a2 = _actors(obj, False) + _actors(against, False) + _actors(get_("p:of"), False)
                places = _places(obj) + places
            if not a1 and get_("p:between"):
                between = _actors(get_("p:between"))
                a1, a2 = between[:1], between[1:2]
        return _unique(a1), [a for a in _unique(a2) if a not in a1], _unique(places)

    def _args(self, doc: Doc, tokens: list[Token], context: dict[str, Arg | None]) -> list[Arg]:
        out: list[Arg] = []
        for tok in tokens:
            mentions = _leaders(doc, tok) + syntax.nominal_mentions(doc, tok)
            if mentions:
                out.extend(_arg(doc, m) for m in mentions)
                continue
            word = tok.lower_
            if word in PRONOUNS:
                mention = syntax.antecedent(doc, tok)
                found = _arg(doc, mention) if mention is not None else context["actor"]
                if found is not None:
                    out.append(found)
            elif word in self.actor_anaphors and context["actor"] is not None:
                out.append(context["actor"])
            elif word in self.place_anaphors and context["place"] is not None:
                if any(c.lower_ in ("the", "this", "that") for c in tok.children):
                    out.append(context["place"])
            elif word in self.civilian_words:
                out.append(syntax.noun_arg(doc, tok))
        return out

    def _owner_args(
        self, doc: Doc, tokens: list[Token], context: dict[str, Arg | None]
    ) -> list[Arg]:
        out = self._args(doc, tokens, context)
        for tok in tokens:
            if tok.dep_ == "amod" and mention_at(doc, tok) is None and tok.text[:1].isupper():
                out.append(Arg(tok.text, tok.idx, tok.idx + len(tok.text), "DEMONYM"))
        return out

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
        for child in head.children:
            mod = self.modifiers.get(child.lower_)
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
            if actor1 is not None and self._air_actor(actor1):
                return "Explosions/Remote violence", "Air/drone strike"
            if trig.frame == "strike" or event_type == "Explosions/Remote violence":
                words = {t.lower_ for t in sent}
                if words & self.instruments["shelling"] and not words & self.instruments["air"]:
                    return "Explosions/Remote violence", "Shelling/artillery/missile attack"
            if (
                event_type == "Battles"
                and actor2 is not None
                and actor2.label == "NOUN"
                and actor2.hint in self.civilian_words
            ):
                return "Violence against civilians", "Attack"
        return event_type, sub

    def _air_actor(self, arg: Arg) -> bool:
        if arg.label == "DEMONYM":
            return False
        text = arg.text.lower()
        if any(
            w in text
            for w in (
                "air force",
                "jets",
                "warplanes",
                "aircraft",
                "bombers",
                "aviation",
                "air power",
                "drones",
                "helicopters",
            )
        ):
            return True
        return text.removeprefix("the ") in self.air_actor_names

    # --- after the frames -----------------------------------------------------------------

    def _merge(self, frames: list[EventFrame]) -> list[EventFrame]:
        """Drop what restates another frame of the sentence: a second capture of the same
        place ("swept from Idlib City, the second capital to fall"), a clash beside a capture."""
        gains = [f for f in frames if f.territory]
        if any(f.frame != "kill" and not f.in_claim for f in frames):
            frames = [f for f in frames if f.frame != "kill"]
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
        context: dict[str, Arg | None],
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
        real = [f for f in frames if not f.in_claim]
        if real:
            real[0].fatalities = total

    def _update_context(
        self, doc: Doc, sent: Span, context: dict[str, Arg | None], had_events: bool
    ) -> None:
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
                context["place"] = _arg(doc, place)
        subj = next(
            (t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None
        )
        if subj is None:
            return
        found = syntax.nominal_mentions(doc, subj)
        if found and found[0].label in ("ACTOR", "NAME"):
            context["actor"] = _arg(doc, found[0])

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> EventTagger:
        return self


def _arg(doc: Doc, mention: Mention) -> Arg:
    arg = Arg.from_mention(doc, mention)
    if mention.label == "PLACE" and mention.metonym:
        arg.hint = "metonym:" + ",".join(mention.metonym)
    return arg


def _actors(args: list[Arg], metonyms: bool = True) -> list[Arg]:
    """Arguments that can act: actors, unknown names not cued as places, nouns, and (in a
    subject's role) capitals standing for states ("Moscow declared")."""
    out = []
    for a in args:
        if a.label in ("ACTOR", "DEMONYM") or (a.label == "NAME" and a.hint != "place"):
            out.append(a)
        elif metonyms and a.label == "PLACE" and a.hint and a.hint.startswith("metonym:"):
            out.append(
                Arg(
                    a.text,
                    a.start_char,
                    a.end_char,
                    "ACTOR",
                    tuple(a.hint.split(":", 1)[1].split(",")),
                    "metonym",
                )
            )
        elif a.label == "NOUN":
            out.append(a)
    return out


def _leaders(doc: Doc, token: Token) -> list[Mention]:
    """ "rebels, led by JAI": the named leader codes the event before the generic group."""
    for child in token.children:
        if child.dep_ == "acl" and child.lower_ in ("led", "spearheaded", "headed", "commanded"):
            for agent in syntax.prepositions(child).get("by", []):
                found = syntax.nominal_mentions(doc, agent)
                if found:
                    return found[:1]
    return []


def _as_place(arg: Arg) -> Arg:
    """An unknown name in a place slot ("captured Rasm al-Nafal") is a place, unless cued."""
    if arg.label == "NAME" and arg.hint not in ("actor", "person"):
        return Arg(arg.text, arg.start_char, arg.end_char, "NAME", arg.ids, "place")
    return arg


def _places(args: list[Arg]) -> list[Arg]:
    return [a for a in args if a.label == "PLACE" or (a.label == "NAME" and a.hint == "place")]


def _unique(args: list[Arg]) -> list[Arg]:
    out: list[Arg] = []
    for a in args:
        if all((a.start_char, a.end_char) != (b.start_char, b.end_char) for b in out):
            out.append(a)
    return out


def _is_noun(token: Token) -> bool:
    return syntax.is_noun(token)


def _attached(noun: Token, ref: TimeRef) -> bool:
    """True when the time expression hangs off the noun or the noun's governing verb, or
    follows the noun's phrase at once ("intervention in Syria on 30 September 2015")."""
    if noun.right_edge.i < ref.start <= noun.right_edge.i + 2:
        return True
    root = noun.doc[ref.start : ref.end].root
    up = root.head
    for _ in range(5):
        if up == noun or up == noun.head:
            return True
        if up.head is up:
            return False
        up = up.head
    return False


def _verbal(token: Token) -> bool:
    """A token the tagger called a noun but that heads a clause ("was overrun")."""
    if token.dep_ == "acomp" and token.head.lower_ in ("was", "were", "is", "are", "been"):
        return True
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children)


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "verb":
        return syntax.is_verb(token) or _verbal(token)
    if pos == "noun":
        return token.tag_.startswith("NN")
    return True


def _same_clause(a: Token, b: Token) -> bool:
    """True when one verb completes the other ("pushed on to take", "managed to capture"), or
    the time verb ``a`` governs the trigger's verb ``b`` ("over the summer of 2015, as the
    regime was ceding Palmyra, JAI destroyed ...")."""
    linked = ("xcomp", "advcl", "acl")
    if (b.head == a and b.dep_ in linked and not _own_subject(b)) or (
        a.head == b and a.dep_ in linked and not _own_subject(a)
    ):
        return True
    up = b
    for _ in range(4):
        if up.head is up or up.dep_ in ("relcl", "ccomp", "parataxis"):
            return False
        up = up.head
        if up == a:
            return True
    return False


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _has_time(verb: Token, times: list[TimeRef]) -> bool:
    return any(syntax.clause_verb(verb.doc[ref.start]) == verb for ref in times)


def _time_for(doc: Doc, sent: Span, head: Token, verb: Token, times: list[TimeRef]) -> int | None:
    """The time expression that dates this trigger: one in its clause, else the nearest main
    one before it in the sentence ("..., and on 24 January the town was overrun")."""
    before = None
    for index, ref in enumerate(times):
        if not sent.start <= ref.start < sent.end:
            continue
        gov = syntax.clause_verb(doc[ref.start : ref.end].root)
        if gov in (verb, head) or _same_clause(gov, verb):
            return index
        if ref.start < head.i and not ref.flashback:
            before = index
    return before
