"""Who did an event: named doers, a state's generic forces, who can fight, and the doers a
sentence or a narrative lends to events that name none."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from contested.extract import syntax
from contested.extract.annotations import Arg, EventFrame, Mention, tokens_with
from contested.extract.event_args import arg
from contested.extract.event_words import CAUSE_TYPES, DEMONYMS, EventWords

# Sentences over which a narrative's doer carries to an agentless event.
DOER_SPAN = 3
_AIR_WORDS = (
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


def mention_arg(doc: Doc, mention: Mention, words: EventWords) -> Arg:
    """The argument a mention names; an unknown name headed by a force word ("the Army and
    Hezbollah", "the Iraqi Army") is a state's forces, not a group called "Army"."""
    span = mention.span(doc)
    head = span.root
    bare = all(t.i == head.i or t.text in DEMONYMS or t.lower_ == "the" for t in span)
    if mention.label == "NAME" and head.lower_ in words.state_force_words and bare:
        return state_force(doc, head, words)
    return arg(doc, mention)


def state_force(doc: Doc, token: Token, words: EventWords) -> Arg:
    """ "the army", "troops", "38 soldiers": a nation's forces when an adjective names it
    ("Turkish troops"), else the forces of the state the reports are about."""
    found = nation(token)
    if found is not None:
        return found
    noun = syntax.noun_arg(doc, token)
    return Arg(noun.text, noun.start_char, noun.end_char, "ACTOR", (words.home_actor,), "state")


def nation(token: Token) -> Arg | None:
    """The nationality adjective of a noun ("Turkish and allied forces", "Russian jets")."""
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.text in DEMONYMS:
            return Arg(child.text, child.idx, child.idx + len(child.text), "DEMONYM")
    return None


def leaders(doc: Doc, token: Token) -> list[Mention]:
    """ "rebels, led by JAI": the named leader codes the event before the generic group."""
    for child in token.children:
        if child.dep_ == "acl" and child.lower_ in ("led", "spearheaded", "headed", "commanded"):
            for agent in syntax.prepositions(child).get("by", []):
                found = syntax.nominal_mentions(doc, agent)
                if found:
                    return found[:1]
    return []


def air_actor(found: Arg, words: EventWords) -> bool:
    """Whether an actor fights only from the air ("Russian warplanes", "the coalition")."""
    if found.label == "DEMONYM":
        return False
    text = found.text.lower()
    if any(w in text for w in _AIR_WORDS):
        return True
    return text.removeprefix("the ") in words.air_actor_names


def can_fight(found: Arg, words: EventWords) -> bool:
    """Whether ``found`` can fight or take ground: a known armed actor or state, a nation, an
    unknown name cued as an armed group, a noun that is not a civilian one. Not a news
    agency, a person of no armed body, a weapon ("Scud missiles") or a flag."""
    if found.label == "NAME":
        return found.hint == "actor"
    if found.label == "NOUN":
        return found.hint not in words.civilian_words
    if found.label != "ACTOR" or found.hint == "metonym" or words.fighters is None:
        return True
    return not found.ids or any(i in words.fighters for i in found.ids)


def drop_non_fighters(frame: EventFrame, words: EventWords) -> None:
    """Fighting and territory are coded to armed actors only: a doer that is none is no
    doer ("a further Scud attack", "Reuters reported the SDF captured")."""
    if frame.event_type not in CAUSE_TYPES and not frame.territory:
        return
    if frame.actor1 is not None and not can_fight(frame.actor1, words):
        frame.actor1 = None
    frame.assoc_actor1 = [a for a in frame.assoc_actor1 if can_fight(a, words)]
    # A battle is fought, and ground lost, by an armed side: "which they breached" is
    # a village, not an enemy called Shilallah al-Kabeera.
    battle = frame.event_type == "Battles" or frame.territory
    if battle and frame.actor2 is not None and not can_fight(frame.actor2, words):
        frame.actor2 = None


def responsibility(doc: Doc, sent: Span, frames: list[EventFrame]) -> None:
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
                f.actor1 = arg(doc, found[0])
            return


def retreats(frames: list[EventFrame]) -> None:
    """Who takes over what a withdrawal leaves: the one it was handed to, else whoever the
    sentence says captured ground ("ISIS withdrew from most of the city, and pro-regime forces
    seized Palmyra Castle")."""
    takers = [f.actor1 for f in frames if f.territory == "gain" and f.actor1 is not None]
    for frame in frames:
        if frame.frame != "withdraw" or frame.actor1 is not None or frame.actor2 is None:
            continue
        if takers:
            frame.actor1 = takers[0]


def carry_doer(frames: list[EventFrame], doer: Arg | None) -> None:
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


def agents(doc: Doc, sent: Span) -> list[Arg]:
    """Actors a noun of the sentence says did something: "a push by the SNA"."""
    out: list[Arg] = []
    for tok in tokens_with(doc, sent, ("by",)):
        if tok.dep_ in ("prep", "agent") and syntax.is_noun(tok.head):
            for obj in (c for c in tok.children if c.dep_ == "pobj"):
                out.extend(
                    arg(doc, m) for m in syntax.nominal_mentions(doc, obj) if m.label == "ACTOR"
                )
    return out


def share_sides(frames: list[EventFrame], named: list[Arg]) -> None:
    """Give doerless fighting the sides the sentence names.

    "clashes renewed ..., following a push by Turkish-backed forces": the clash is the
    pusher's; "11 SNA and several SDF fighters died": the dead name the two sides.
    """
    doers = [f.actor1 for f in frames if f.event_type == "Battles" and f.actor1 is not None]
    doers += named
    for f in frames:
        if f.event_type != "Battles" or f.actor1 is not None:
            continue
        if doers:
            f.actor1 = doers[0]
        elif f.frame == "kill" and f.actor2 is not None and f.actor2.label != "NOUN":
            f.actor1, f.actor2 = f.actor2, None
