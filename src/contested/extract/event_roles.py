"""An event's roles from the parse: the grammatical slots of its trigger, mapped by the
trigger's frame to ``actor1`` / ``actor2`` / places.

The subject of "captured" takes the object place; the passive subject of "was
swept from" is the loser and the "by" agent the winner. Pronouns and "the
group"/"the village" fall back to the last actor or place named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from contested.extract import syntax
from contested.extract.annotations import Arg, mention_at, sentence_of
from contested.extract.event_actors import leaders, mention_arg, nation, state_force
from contested.extract.event_args import actors_of, arg, as_place, places_of, unique
from contested.extract.event_places import fallback_place, town_before
from contested.extract.event_words import LOCATIVE, PRONOUNS, TOWNS, Context, EventWords, Trigger

Roles = tuple[Arg | None, list[Arg], Arg | None, list[Arg]]
Slots = dict[str, list[Token]]
# Doers, other sides and places.
Sides = tuple[list[Arg], list[Arg], list[Arg]]
# Participles after an event noun whose prepositions name its arguments ("an attack led by").
_DOING_PARTICIPLES = (
    "led",
    "spearheaded",
    "launched",
    "conducted",
    "claimed",
    "carried",
    "perpetrated",
    "staged",
    "mounted",
)
_COPULAS = ("was", "were", "is", "are", "been")


def roles(
    doc: Doc, trig: Trigger, head: Token, context: Context, words: EventWords
) -> Roles | None:
    """The doer, its associates, the other side and the places of a trigger; None when the
    frame lacks what it needs (a capture of no place, a strike by no one)."""
    if syntax.is_noun(head) and not verbal(head):
        slots = _noun_slots(head, words)
    else:
        slots = _verb_slots(head, words)
    actors1, actors2, places = _assign(doc, trig, slots, context, words)
    if not actors1 and slots.get("passive"):
        actors1 = _loose_agent(doc, head)
    if trig.frame in ("gain", "lose", "withdraw") and not places:
        known = [a for a in (*actors1, *actors2)]
        places = fallback_place(
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
        crowd = words.crowds.get(trig.event_type)
        if crowd is not None:
            actors1 = [Arg(head.text, head.idx, head.idx + len(head.text), "ACTOR", (crowd,))]
    actor1 = actors1[0] if actors1 else None
    actor2 = actors2[0] if actors2 else None
    return actor1, actors1[1:], actor2, places


def verbal(token: Token) -> bool:
    """A token the tagger called a noun but that heads a clause ("was overrun")."""
    if (
        token.dep_ in ("acomp", "attr")
        and token.head.lower_ in _COPULAS
        and not any(c.dep_ in ("det", "poss") for c in token.children)
    ):
        return True
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children)


def args_of(
    doc: Doc, tokens: list[Token], context: Context, words: EventWords, depth: int = 0
) -> list[Arg]:
    """The arguments ``tokens`` stand for: the names they hold, else what a force word,
    pronoun or anaphor refers to."""
    out: list[Arg] = []
    for tok in tokens:
        mentions = leaders(doc, tok) + syntax.nominal_mentions(doc, tok)
        if mentions:
            found = [mention_arg(doc, m, words) for m in mentions]
            if tok.lower_ in words.place_anaphors:
                # "the villages of Khaldiyah, Mu'alaq and Istirahat Saqr" are all places.
                found = [as_place(a, locative=True) for a in found]
            out.extend(found)
            continue
        word = tok.lower_
        adjective = nation(tok)
        if word in words.state_force_words:
            out.append(state_force(doc, tok, words))
        elif adjective is not None and word not in words.civilian_words:
            out.append(adjective)
        elif word in syntax.RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl"):
            # "the Sheikh Suleiman base north of Aleppo, which rebel forces had occupied":
            # the relative pronoun is the noun its clause hangs on, not the last name.
            if tok.head.head.i != tok.i and depth < 2:
                out.extend(args_of(doc, [tok.head.head], context, words, depth + 1))
        elif word in PRONOUNS:
            mention = syntax.antecedent(doc, tok)
            referent = mention_arg(doc, mention, words) if mention else context["actor"]
            if referent is not None:
                out.append(referent)
        elif word in words.actor_anaphors and context["actor"] is not None:
            out.append(context["actor"])
        elif word in words.place_anaphors and context["place"] is not None:
            if any(c.lower_ in ("the", "this", "that") for c in tok.children):
                # "the city" is the last city or town named, not the last quarter.
                town = town_before(doc, tok, words) if word in TOWNS else None
                settled = word in TOWNS and context["settlement"] is not None
                out.append(town or context["settlement" if settled else "place"])  # type: ignore[arg-type]
        elif word in words.civilian_words:
            out.append(syntax.noun_arg(doc, tok))
    return out


def _loose_agent(doc: Doc, verb: Token) -> list[Arg]:
    """The "by X" of a passive the parser attached elsewhere ("swept from Idlib City, only
    the second capital to fall, by Jaysh al-Fatah")."""
    for tok in doc[verb.i + 1 : sentence_of(doc, verb.i).end]:
        if tok.lower_ == "by" and tok.dep_ in ("prep", "agent"):
            for obj in tok.children:
                if obj.dep_ == "pobj":
                    found = actors_of([arg(doc, m) for m in syntax.nominal_mentions(doc, obj)])
                    if found:
                        return found
    return []


def _verb_slots(verb: Token, words: EventWords) -> Slots:
    passive = syntax.is_passive(verb) or (verb.dep_ == "acomp" and verb.head.lower_ in _COPULAS)
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
    preps: Slots = {}
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
            if key in ("from", "to") or (key == "of" and obj.lower_ not in words.place_anaphors):
                preps.setdefault(key, []).extend(toks)
    subj = syntax.subjects(verb, passive=passive) or syntax.subjects(verb)
    return {
        "subj": subj,
        "obj": objs,
        "passive": [verb] if passive else [],
        **{f"p:{k}": v for k, v in preps.items()},
    }


def _noun_slots(noun: Token, words: EventWords) -> Slots:
    preps = syntax.prepositions(noun)
    slots: Slots = {f"p:{k}": v for k, v in preps.items()}
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    slots["owner"] = owners
    slots["self"] = [noun]
    gov = noun.head
    if noun.dep_ in ("dobj", "obj") and syntax.is_verb(gov):
        if gov.lower_ in words.support_verbs:
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
        if child.dep_ == "acl" and child.lower_ in _DOING_PARTICIPLES:
            for key, toks in syntax.prepositions(child).items():
                slots.setdefault(f"p:{key}", []).extend(toks)
    return slots


@dataclass
class _SlotArgs:
    """The arguments of a trigger's main slots, and a reader for the others."""

    subj: list[Arg]
    obj: list[Arg]
    by: list[Arg]
    frm: list[Arg]
    to: list[Arg]
    owner: list[Arg]
    get: Callable[[str], list[Arg]]


def _assign(doc: Doc, trig: Trigger, slots: Slots, context: Context, words: EventWords) -> Sides:
    """Map the slots to doers, other sides and places by the trigger's frame."""
    get_ = lambda key: args_of(doc, slots.get(key, []), context, words)  # noqa: E731
    frame, passive = trig.frame, bool(slots.get("passive"))
    subj, obj = get_("subj"), get_("obj")
    by, frm, to = get_("p:by"), get_("p:from") + get_("p:out of"), get_("p:to")
    located = [as_place(a, locative=True) for key in LOCATIVE for a in get_("p:" + key)]
    # "between Deir ez-Zor and Mayadin" is one stretch of land: its first end stands for it.
    located[-2:-2] = [as_place(a, locative=True) for a in get_("p:between")[:1]]
    for key in ("p:on", "p:against", "p:of", "p:over"):
        located.extend(get_(key))
    owner = _owner_args(doc, slots.get("owner", []), context, words)
    places = [a for a in located if a.label == "PLACE"]
    if frame in ("gain", "lose", "withdraw"):
        obj = [as_place(a) for a in obj]
        subj = [as_place(a) for a in subj] if passive or frame == "lose" else subj
    found = _SlotArgs(subj, obj, by, frm, to, owner, get_)
    if frame in ("gain", "expel", "lose", "withdraw"):
        a1, a2, places = _territory_sides(frame, passive, found, places)
    else:
        a1, a2, places = _other_sides(frame, passive, found, places)
    return unique(a1), [a for a in unique(a2) if a not in a1], unique(places)


def _territory_sides(frame: str, passive: bool, s: _SlotArgs, places: list[Arg]) -> Sides:
    """Sides and places of a change of ground: "captured", "were expelled from", "withdrew"."""
    if frame == "gain":
        if passive:
            return (
                s.by,
                actors_of(s.frm),
                places_of(s.subj) + places_of(s.obj) + places_of(s.frm) + places,
            )
        a1 = actors_of(s.subj) or actors_of(s.owner) or actors_of(s.by)
        a2 = actors_of(s.frm) + actors_of(s.obj)
        of = places_of(s.get("p:of"))
        return a1, a2, places_of(s.obj) + of + places_of(s.frm) + places_of(s.owner) + places
    if frame == "expel":
        a1, a2 = (s.by, actors_of(s.subj)) if passive else (actors_of(s.subj), actors_of(s.obj))
        return a1, a2, places_of(s.frm) + places_of(s.get("p:of")) + places
    losers = actors_of(s.subj) + actors_of(s.owner)
    if frame == "lose":
        return actors_of(s.to), losers, places_of(s.subj) + places_of(s.obj) + places
    return actors_of(s.to), losers, places_of(s.frm) + places_of(s.obj) + places


def _other_sides(frame: str, passive: bool, s: _SlotArgs, places: list[Arg]) -> Sides:
    """Sides and places of fighting, strikes, gatherings, agreements and changes."""
    if frame in ("change", "gather", "agree"):
        a1 = actors_of(s.subj) or actors_of(s.owner) or actors_of(s.by) or actors_of(s.get("self"))
        a2 = actors_of(s.get("p:with")) if frame == "agree" else []
        return a1, a2, places_of(s.obj) + places + places_of(s.to)
    if passive:
        a1, a2 = actors_of(s.by), actors_of(s.subj)
        places = places_of(s.subj) + places
    else:
        a1 = actors_of(s.subj) or actors_of(s.owner) or actors_of(s.by)
        against = s.get("p:on") + s.get("p:against") + s.get("p:with")
        a2 = actors_of(s.obj, False) + actors_of(against, False) + actors_of(s.get("p:of"), False)
        places = places_of(s.obj) + places
    if not a1 and s.get("p:between"):
        between = actors_of(s.get("p:between"))
        a1, a2 = between[:1], between[1:2]
    return a1, a2, places


def _owner_args(doc: Doc, tokens: list[Token], context: Context, words: EventWords) -> list[Arg]:
    out = args_of(doc, tokens, context, words)
    for tok in tokens:
        if tok.dep_ == "amod" and mention_at(doc, tok) is None and tok.text[:1].isupper():
            out.append(Arg(tok.text, tok.idx, tok.idx + len(tok.text), "DEMONYM"))
    return out
