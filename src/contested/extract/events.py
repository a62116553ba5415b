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
# Nationality adjectives ("Turkish troops"), resolved to their state by the assembler.
DEMONYMS = frozenset(load_yaml("mentions.yaml")["demonyms"])
# A name in these roles owns or performs something; it is not where an event happened.
OWNER_DEPS = frozenset({"poss", "compound", "agent"})
# Head nouns whose name in compound is the place itself ("Duwaybiq village"); before other
# heads a name is a part or an owner ("M5 highway", "Aleppo offensive").
SETTLEMENTS = frozenset(
    {
        "village",
        "town",
        "city",
        "hamlet",
        "neighbourhood",
        "neighborhood",
        "district",
        "suburb",
        "area",
        "countryside",
        "outskirts",
        "region",
        "vicinity",
        "suburbs",
        "environs",
    }
)
_TOWNS = frozenset({"city", "town", "village"})
# Prepositions after which an unknown name is a place ("clashes in Tell Tamer").
LOCATIVE = (
    "in",
    "at",
    "near",
    "around",
    "outside",
    "inside",
    "into",
    "towards",
    "toward",
    "throughout",
    "across",
    "along",
)
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
        self.military_objects = frozenset(data["military_objects"])
        self.state_force_words = frozenset(data["state_force_words"])
        self.home_actor: str = data["home_actor"]
        self.crowds: dict[str, str] = data["crowds"]
        self.irrealis = frozenset(data["irrealis"])
        self.habitual_words = frozenset(data["habitual"])
        self.support_verbs = frozenset(data["support_verbs"])
        self.place_anaphors = frozenset(data["place_anaphors"])
        self.actor_anaphors = frozenset(data["actor_anaphors"])
        self.force_words = self.state_force_words | self.actor_anaphors
        self.strings = nlp.vocab.strings
        self.default_place: str = data["default_place"]
        self.place_kinds: dict[str, str] = {}
        self.fighters: frozenset[str] | None = None

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
        context: dict[str, Arg | None] = {"actor": None, "place": None, "settlement": None}
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
            _retreats(sent_frames)
            sent_frames = self._merge(_absorb(doc, sent_frames), _agents(doc, sent))
            _responsibility(doc, sent, sent_frames)
            self._fatalities(doc, sent, sent_frames, context, times)
            for frame in sent_frames:
                self._drop_non_fighters(frame)
            if number - doer[0] <= DOER_SPAN:
                _carry_doer(sent_frames, doer[1])
            for frame in sent_frames:
                frame.confidence = _confidence(frame)
            for frame in sent_frames:
                if frame.actor1 is not None and frame.actor1.label in ("ACTOR", "NAME"):
                    context["actor"] = frame.actor1
                    if (not frame.in_claim or frame.attributed) and self._fighter(frame.actor1):
                        doer = (number, frame.actor1)
                if frame.place is not None and frame.place.label in ("PLACE", "NAME"):
                    context["place"] = frame.place
            self._update_context(doc, sent, context, bool(sent_frames))
            self._update_settlement(doc, sent, context)
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
        context: dict[str, Arg | None],
        caused: set[int],
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
            and head.i not in caused
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
                    trigger_text=span.text,
                    in_claim=reported is not None,
                    attributed=reported == "attributed",
                    frame=trig.frame,
                    trigger_weight=trig.weight,
                    placed=not inferred,
                    dated=_dated(doc, sent, head, verb, time_ref, times),
                )
            )
            if trig.frame == "withdraw" and not self._leaves_place(doc, head):
                _to_movement(frames[-1])
        return frames

    def _reporter_is(self, doc: Doc, sent: Span, verb: Token, actor: Arg) -> bool:
        """True when the source reporting the event is its own doer ("Russia said it had
        killed ..."): a self-report stays a claim."""
        tok = verb
        for _ in range(4):
            if tok.head == tok:
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
        argument = noun.dep_ in ("dobj", "nsubj", "nsubjpass") and syntax.is_verb(noun.head)
        done = argument and noun.head.lower_ in self.support_verbs
        if argument and not done and _definite(noun):
            # "Ankara condemned the air strike", "The merger follows ...": a reference back
            # to an event, or a topic, not a new event.
            return False
        dated = (
            time_ref is not None
            and syntax.clause_verb(noun.doc[times[time_ref].start])
            in (noun, syntax.clause_verb(noun))
            and _attached(noun, times[time_ref])
        )
        if dated or trig.frame in ("change", "agree"):
            return dated
        if argument and noun.head.lower_ not in ("said", "says", "claimed", "reported"):
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
            span = m.span(doc)
            if m.label != "PLACE" and not (m.label == "NAME" and _placed_name(m, span)):
                continue
            owner = span.root.dep_ in OWNER_DEPS and span.root.head.lower_ not in SETTLEMENTS
            if (span.start_char, span.end_char) in used or owner:
                continue
            if span.root.dep_ == "nsubj" and m.metonym:
                continue
            if self._qualifies(doc, span):
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
        """True for negated, hypothetical or habitual triggers ("did not go after", "if they
        conquer", "could attempt to retake", "have repeatedly bombed", "groups that attack")."""
        left = min(t.i for t in verb.subtree)
        for tok in verb.doc[max(sent.start, left - 3) : left + 1]:
            if tok.lower_ in ("if", "unless", "whether"):
                return True
        if head == verb and _habitual(verb, self.habitual_words):
            return True
        for tok in (head, *_governing_verbs(verb)):
            for child in tok.children:
                if child.dep_ == "neg" or child.lower_ in ("never", "no"):
                    return True
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return True
                if child.dep_ == "advmod" and child.lower_ in self.irrealis:
                    return True
                modal = child.dep_ == "aux" and child.lower_ in MODALS
                if modal and (child.lower_ != "would" or not _has_time(verb, times)):
                    return True
        up = verb
        for _ in range(3):
            if up.head == up:
                break
            up = up.head
            if up.lower_ in self.irrealis and up.i < verb.i:
                return True
        return False

    def _attempt(self, head: Token, verb: Token) -> bool:
        up = verb if verb.dep_ in ("xcomp", "acl", "advcl", "pcomp") else head
        for _ in range(2):
            if up.head == up:
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
            if tok.head == tok:
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
        if trig.frame == "gather" and not [a for a in actors1 if a.label != "NOUN"]:
            # ACLED codes unnamed crowds as the generic protesters (or rioters) of the country.
            crowd = self.crowds.get(trig.event_type)
            if crowd is not None:
                actors1 = [Arg(head.text, head.idx, head.idx + len(head.text), "ACTOR", (crowd,))]
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
            # "secured 35% of the city": a quantity the parser took for an adverb.
            objs.extend(
                c
                for c in part.children
                if c.dep_ == "npadvmod" and any(g.dep_ == "nummod" for g in c.children)
            )
        for obj in objs:
            for key, toks in syntax.prepositions(obj).items():
                # "the villages of X and Y" name places the object already stands for.
                if key in ("from", "to") or (key == "of" and obj.lower_ not in self.place_anaphors):
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
            if gov.lower_ in self.support_verbs:
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
        elif (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "with"
            and syntax.is_verb(noun.head.head)
            and not syntax.is_passive(noun.head.head)
            and not owners
        ):
            # "The coalition made a great show of force, with 160 airstrikes": its doing.
            slots["subj"] = syntax.subjects(noun.head.head)
        for child in noun.children:
            if child.dep_ == "acl" and child.lower_ in (
                "led",
                "spearheaded",
                "launched",
                "conducted",
                "claimed",
                "carried",
                "perpetrated",
                "staged",
                "mounted",
            ):
                for key, toks in syntax.prepositions(child).items():
                    slots.setdefault(f"p:{key}", []).extend(toks)
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
        located = [_as_place(a, locative=True) for key in LOCATIVE for a in get_("p:" + key)]
        # "between Deir ez-Zor and Mayadin" is one stretch of land: its first end stands for it.
        located[-2:-2] = [_as_place(a, locative=True) for a in get_("p:between")[:1]]
        for key in ("p:on", "p:against", "p:of", "p:over"):
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

    def _args(
        self, doc: Doc, tokens: list[Token], context: dict[str, Arg | None], depth: int = 0
    ) -> list[Arg]:
        out: list[Arg] = []
        for tok in tokens:
            mentions = _leaders(doc, tok) + syntax.nominal_mentions(doc, tok)
            if mentions:
                args = [self._mention_arg(doc, m) for m in mentions]
                if tok.lower_ in self.place_anaphors:
                    # "the villages of Khaldiyah, Mu'alaq and Istirahat Saqr" are all places.
                    args = [_as_place(a, locative=True) for a in args]
                out.extend(args)
                continue
            word = tok.lower_
            nation = _nation(tok)
            if word in self.state_force_words:
                out.append(self._state_force(doc, tok))
            elif nation is not None and word not in self.civilian_words:
                out.append(nation)
            elif word in syntax.RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl"):
                # "the Sheikh Suleiman base north of Aleppo, which rebel forces had occupied":
                # the relative pronoun is the noun its clause hangs on, not the last name.
                if tok.head.head.i != tok.i and depth < 2:
                    out.extend(self._args(doc, [tok.head.head], context, depth + 1))
            elif word in PRONOUNS:
                mention = syntax.antecedent(doc, tok)
                found = self._mention_arg(doc, mention) if mention else context["actor"]
                if found is not None:
                    out.append(found)
            elif word in self.actor_anaphors and context["actor"] is not None:
                out.append(context["actor"])
            elif word in self.place_anaphors and context["place"] is not None:
                if any(c.lower_ in ("the", "this", "that") for c in tok.children):
                    # "the city" is the last city or town named, not the last quarter.
                    town = self._town_before(doc, tok) if word in _TOWNS else None
                    settled = word in _TOWNS and context["settlement"] is not None
                    out.append(town or context["settlement" if settled else "place"])  # type: ignore[arg-type]
            elif word in self.civilian_words:
                out.append(syntax.noun_arg(doc, tok))
        return out

    def _mention_arg(self, doc: Doc, mention: Mention) -> Arg:
        """The argument a mention names; an unknown name headed by a force word ("the Army and
        Hezbollah", "the Iraqi Army") is a state's forces, not a group called "Army"."""
        span = mention.span(doc)
        head = span.root
        bare = all(t.i == head.i or t.text in DEMONYMS or t.lower_ == "the" for t in span)
        if mention.label == "NAME" and head.lower_ in self.state_force_words and bare:
            return self._state_force(doc, head)
        return _arg(doc, mention)

    def _state_force(self, doc: Doc, token: Token) -> Arg:
        """ "the army", "troops", "38 soldiers": a nation's forces when an adjective names it
        ("Turkish troops"), else the forces of the state the reports are about."""
        nation = _nation(token)
        if nation is not None:
            return nation
        arg = syntax.noun_arg(doc, token)
        return Arg(arg.text, arg.start_char, arg.end_char, "ACTOR", (self.home_actor,), "state")

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
        if sub == "Looting/property destruction" and any(
            o.lower_ in self.military_objects for o in _object_heads(head)
        ):
            event_type, sub = "Battles", "Armed clash"
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

    def _merge(self, frames: list[EventFrame], agents: list[Arg]) -> list[EventFrame]:
        """Drop what restates another frame of the sentence: a second capture of the same
        place ("swept from Idlib City, the second capital to fall"), a clash beside a capture."""
        gains = [f for f in frames if f.territory]
        if any(f.frame != "kill" and (f.attributed or not f.in_claim) for f in frames):
            frames = [f for f in frames if f.frame != "kill"]
        frames = _fold_generic_attacks(frames)
        _share_sides(frames, agents)
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
        real = [f for f in frames if f.attributed or not f.in_claim]
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
        if subj is None or subj.head.lower_ in REPORTING_HEADS:
            return
        found = syntax.nominal_mentions(doc, subj)
        if found and found[0].label in ("ACTOR", "NAME"):
            context["actor"] = self._mention_arg(doc, found[0])

    def _qualifies(self, doc: Doc, span: Span) -> bool:
        """True for a place that only locates another ("the town of Khan Sheikhoun in Idlib
        province", "al-Sahabh checkpoint in the east of Khan Shaykhoun" keeps the town)."""
        prep = span.root.head
        if span.root.dep_ != "pobj" or prep.lower_ != "in" or prep.head == prep:
            return False
        host = prep.head
        found = mention_at(doc, host)
        if found is not None and (found.label == "PLACE" or found.hint == "place"):
            return True
        named = syntax.prepositions(host).get("of", [])
        return host.lower_ in SETTLEMENTS and any(mention_at(doc, t) is not None for t in named)

    def _leaves_place(self, doc: Doc, head: Token) -> bool:
        """Whether a withdrawal names the place it leaves: "pulled out of Abu al-Duhour
        airbase", "withdrew from the town", "abandoned Tabqa"."""
        things = [
            o
            for o in syntax.objects(head)
            if o.lower_ not in self.place_anaphors
            and o.lower_ not in self.force_words
            and not syntax.nominal_mentions(doc, o)
        ]
        if things:
            return False  # "withdrawing their equipment from Palmyra" moves things, not control
        preps = syntax.prepositions(head)
        left = preps.get("from", []) + preps.get("out of", []) + preps.get("of", [])
        if head.dep_ == "amod" or any(c.dep_ == "prt" for c in head.children):
            left += syntax.objects(head)
        left += [o for o in syntax.objects(head) if o.lower_ in self.place_anaphors]
        left += [t for tok in left for t in syntax.prepositions(tok).get("of", [])]
        for tok in left + [o for o in syntax.objects(head) if mention_at(doc, o)]:
            found = mention_at(doc, tok)
            if tok.lower_ in self.place_anaphors or (
                found is not None and (found.label == "PLACE" or found.hint == "place")
            ):
                return True
            if any(m.label == "PLACE" for m in syntax.nominal_mentions(doc, tok)):
                return True
        return False

    def _update_settlement(self, doc: Doc, sent: Span, context: dict[str, Arg | None]) -> None:
        for m in mentions_in(doc, sent.start, sent.end):
            if self._is_town(m):
                context["settlement"] = _arg(doc, m)
                return

    def _town_before(self, doc: Doc, token: Token) -> Arg | None:
        """The last city, town or village named before ``token`` in its sentence."""
        sent = sentence_of(doc, token.i)
        towns = [m for m in mentions_in(doc, sent.start, token.i) if self._is_town(m)]
        return _arg(doc, towns[-1]) if towns else None

    def _is_town(self, mention: Mention) -> bool:
        return mention.label == "PLACE" and any(
            self.place_kinds.get(i) in _TOWNS for i in mention.ids
        )

    def set_fighters(self, ids: frozenset[str]) -> None:
        """The registry's actors an event can be coded to (``Knowledge.can_fight``)."""
        self.fighters = ids

    def _fighter(self, arg: Arg) -> bool:
        """Whether ``arg`` can fight or take ground: a known armed actor or state, a nation, an
        unknown name cued as an armed group, a noun that is not a civilian one. Not a news
        agency, a person of no armed body, a weapon ("Scud missiles") or a flag."""
        if arg.label == "NAME":
            return arg.hint == "actor"
        if arg.label == "NOUN":
            return arg.hint not in self.civilian_words
        if arg.label != "ACTOR" or arg.hint == "metonym" or self.fighters is None:
            return True
        return not arg.ids or any(i in self.fighters for i in arg.ids)

    def _drop_non_fighters(self, frame: EventFrame) -> None:
        """Fighting and territory are coded to armed actors only: a doer that is none is no
        doer ("a further Scud attack", "Reuters reported the SDF captured")."""
        if frame.event_type not in _CAUSE_TYPES and not frame.territory:
            return
        if frame.actor1 is not None and not self._fighter(frame.actor1):
            frame.actor1 = None
        frame.assoc_actor1 = [a for a in frame.assoc_actor1 if self._fighter(a)]
        # A battle is fought, and ground lost, by an armed side: "which they breached" is
        # a village, not an enemy called Shilallah al-Kabeera.
        battle = frame.event_type == "Battles" or frame.territory
        if battle and frame.actor2 is not None and not self._fighter(frame.actor2):
            frame.actor2 = None

    def set_place_kinds(self, kinds: dict[str, str]) -> None:
        """The gazetteer's kind of each place id, so "the city" can find the last city named."""
        self.place_kinds = kinds

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> EventTagger:
        return self


# Roles in which an event noun causes what its verb reports: "strikes destroyed",
# "killed by Turkish shelling", "were hit with a Russian missile".
_CAUSE_DEPS = frozenset({"nsubj", "csubj"})
_CAUSE_PREPS = frozenset({"by", "with", "in"})
_CAUSE_TYPES = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})


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
        if syntax.is_noun(span.root) and f.event_type in _CAUSE_TYPES and f.frame != "kill":
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


def _responsibility(doc: Doc, sent: Span, frames: list[EventFrame]) -> None:
    """ "an attack claimed by Islamic State", "IS claimed responsibility": who claims a
    bombing or a killing is its doer, as ACLED codes it."""
    open_frames = [
        f
        for f in frames
        if f.actor1 is None
        and f.event_type in ("Explosions/Remote violence", "Violence against civilians")
    ]
    if not open_frames:
        return
    for tok in tokens_with(doc, sent, ("claimed", "claims", "claim")):
        claimers: list[Token] = []
        if tok.dep_ == "acl":
            claimers = syntax.prepositions(tok).get("by", [])
        elif any(c.lower_ == "responsibility" for c in tok.children):
            claimers = syntax.subjects(tok)
        found = [m for c in claimers for m in syntax.nominal_mentions(doc, c) if m.label == "ACTOR"]
        if found:
            for f in open_frames:
                f.actor1 = _arg(doc, found[0])
            return


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


def _retreats(frames: list[EventFrame]) -> None:
    """Who takes over what a withdrawal leaves: the one it was handed to, else whoever the
    sentence says captured ground ("ISIS withdrew from most of the city, and pro-regime forces
    seized Palmyra Castle")."""
    takers = [f.actor1 for f in frames if f.territory == "gain" and f.actor1 is not None]
    for frame in frames:
        if frame.frame != "withdraw" or frame.actor1 is not None or frame.actor2 is None:
            continue
        if takers:
            frame.actor1 = takers[0]


def _to_movement(frame: EventFrame) -> None:
    """A withdrawal that leaves no named place ("retreating towards al-Sukhnah", "withdrawing
    their equipment") moves forces, not control: the leaver's strategic development."""
    if frame.actor1 is not None or frame.actor2 is None:
        return
    frame.event_type, frame.sub_event_type, frame.territory = (
        "Strategic developments",
        "Other",
        None,
    )
    frame.actor1, frame.actor2 = frame.actor2, None


def _dated(
    doc: Doc, sent: Span, head: Token, verb: Token, time_ref: int | None, times: list[TimeRef]
) -> bool:
    """Whether the time expression that dates the trigger stands in its own sentence."""
    return time_ref is not None and sent.start <= times[time_ref].start < sent.end


# Sentences over which a narrative's doer carries to an agentless event.
DOER_SPAN = 3


def _carry_doer(frames: list[EventFrame], doer: Arg | None) -> None:
    """ "Later that day, the castle itself was captured": an agentless capture, strike or
    fight in a narrative is the doing of whoever did the last thing told."""
    if doer is None:
        return
    for f in frames:
        fighting = f.event_type in ("Battles", "Explosions/Remote violence")
        if f.actor1 is None and fighting and f.frame != "kill" and not f.in_claim:
            f.actor1 = doer
            if f.actor2 is not None and f.actor2.text == doer.text:
                f.actor2 = None


def _agents(doc: Doc, sent: Span) -> list[Arg]:
    """Actors a noun of the sentence says did something: "a push by the SNA"."""
    out: list[Arg] = []
    for tok in tokens_with(doc, sent, ("by",)):
        if tok.dep_ in ("prep", "agent") and syntax.is_noun(tok.head):
            for obj in (c for c in tok.children if c.dep_ == "pobj"):
                out.extend(
                    _arg(doc, m) for m in syntax.nominal_mentions(doc, obj) if m.label == "ACTOR"
                )
    return out


def _share_sides(frames: list[EventFrame], agents: list[Arg]) -> None:
    """Give doerless fighting the sides the sentence names.

    "clashes renewed ..., following a push by Turkish-backed forces": the clash is the
    pusher's; "11 SNA and several SDF fighters died": the dead name the two sides.
    """
    doers = [f.actor1 for f in frames if f.event_type == "Battles" and f.actor1 is not None]
    doers += agents
    for f in frames:
        if f.event_type != "Battles" or f.actor1 is not None:
            continue
        if doers:
            f.actor1 = doers[0]
        elif f.frame == "kill" and f.actor2 is not None and f.actor2.label != "NOUN":
            f.actor1, f.actor2 = f.actor2, None


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


def _as_place(arg: Arg, locative: bool = False) -> Arg:
    """An unknown name in a place slot ("captured Rasm al-Nafal") is a place, unless cued;
    after "in", "near" and kin only an actor cue stands against it."""
    cues = ("actor",) if locative else ("actor", "person")
    if arg.label == "NAME" and arg.hint not in cues:
        return Arg(arg.text, arg.start_char, arg.end_char, "NAME", arg.ids, "place")
    return arg


def _nation(token: Token) -> Arg | None:
    """The nationality adjective of a noun ("Turkish and allied forces", "Russian jets")."""
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.text in DEMONYMS:
            return Arg(child.text, child.idx, child.idx + len(child.text), "DEMONYM")
    return None


def _definite(noun: Token) -> bool:
    return any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
        for c in noun.children
    )


def _object_heads(verb: Token) -> list[Token]:
    """Objects of ``verb``, through a quantity: "destroyed most of IS's positions"."""
    out = []
    for obj in syntax.objects(verb):
        inner = syntax.prepositions(obj).get("of", []) if not syntax.is_noun(obj) else []
        out.extend(inner or [obj])
    return out


def _placed_name(mention: Mention, span: Span) -> bool:
    """An unknown name cued as a place, or not cued as an actor and after "in", "near"..."""
    if mention.hint == "place":
        return True
    prep = span.root.head
    return mention.hint != "actor" and span.root.dep_ == "pobj" and prep.lower_ in LOCATIVE


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
        if up.head == up:
            return False
        up = up.head
    return False


def _verbal(token: Token) -> bool:
    """A token the tagger called a noun but that heads a clause ("was overrun")."""
    if (
        token.dep_ in ("acomp", "attr")
        and token.head.lower_ in ("was", "were", "is", "are", "been")
        and not any(c.dep_ in ("det", "poss") for c in token.children)
    ):
        return True
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children)


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "verb":
        return syntax.is_verb(token) or _verbal(token)
    if pos == "noun":
        return token.tag_.startswith("NN")
    return True


def _governing_verbs(verb: Token) -> list[Token]:
    """``verb`` and the verbs it completes: "could attempt to retake" -> retake, attempt."""
    out = [verb]
    while verb.dep_ in ("xcomp", "conj") and verb.head != verb and len(out) < 4:
        verb = verb.head
        out.append(verb)
    return out


def _habitual(verb: Token, words: frozenset[str]) -> bool:
    """A habit or a generic truth, not one event: a habitual adverb ("repeatedly bombed"), or a
    verb in the simple present ("extremists that attack the rebellion")."""
    if any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children):
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ in ("VBZ", "VBP") and not aux


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
        if up.head == up or up.dep_ in ("relcl", "ccomp", "parataxis"):
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
    one before it in the sentence ("..., and on 24 January the town was overrun"), else the
    first main one after it: the sentence's own date beats the narrative's earlier one."""
    before = None
    after = None
    own: list[int] = []
    linked: list[int] = []
    for index, ref in enumerate(times):
        if not sent.start <= ref.start < sent.end:
            continue
        gov = syntax.clause_verb(doc[ref.start : ref.end].root)
        if gov in (verb, head):
            own.append(index)
        elif _same_clause(gov, verb):
            linked.append(index)
        if ref.start < head.i and ref.main and not ref.flashback:
            before = index
        elif after is None and ref.start > head.i and ref.main and not ref.flashback:
            after = index
    for found in (own, linked):
        if found:
            # The nearest before the trigger ("..., and on 24 January the town was overrun").
            preceding = [i for i in found if times[i].start < head.i]
            return preceding[-1] if preceding else found[0]
    return before if before is not None else after
