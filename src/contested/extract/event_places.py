"""Where an event happened when its clause names no place, and what a withdrawal leaves.

An event whose clause names no place takes the nearest place of its sentence
that is not an owner, a doer or a mere locator of another place, else the
last place an event happened at; "the city" is the last city or town named.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from contested.extract import syntax
from contested.extract.annotations import (
    Arg,
    EventFrame,
    Mention,
    mention_at,
    mentions_in,
    sentence_of,
)
from contested.extract.event_args import arg
from contested.extract.event_words import (
    LOCATIVE,
    OWNER_DEPS,
    SETTLEMENTS,
    TOWNS,
    Context,
    EventWords,
)


def fallback_place(
    doc: Doc,
    sent: Span,
    head: Token,
    actors: list[Arg],
    context: Context,
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
        if _qualifies(doc, span):
            continue
        distance = abs(m.start - head.i)
        if best is None or distance < best[0]:
            best = (distance, m)
    if best is not None:
        return [arg(doc, best[1])]
    if sentence_only or context["place"] is None:
        return []
    return [context["place"]]


def leaves_place(doc: Doc, head: Token, words: EventWords) -> bool:
    """Whether a withdrawal names the place it leaves: "pulled out of Abu al-Duhour
    airbase", "withdrew from the town", "abandoned Tabqa"."""
    things = [
        o
        for o in syntax.objects(head)
        if o.lower_ not in words.place_anaphors
        and o.lower_ not in words.force_words
        and not syntax.nominal_mentions(doc, o)
    ]
    if things:
        return False  # "withdrawing their equipment from Palmyra" moves things, not control
    preps = syntax.prepositions(head)
    left = preps.get("from", []) + preps.get("out of", []) + preps.get("of", [])
    if head.dep_ == "amod" or any(c.dep_ == "prt" for c in head.children):
        left += syntax.objects(head)
    left += [o for o in syntax.objects(head) if o.lower_ in words.place_anaphors]
    left += [t for tok in left for t in syntax.prepositions(tok).get("of", [])]
    for tok in left + [o for o in syntax.objects(head) if mention_at(doc, o)]:
        found = mention_at(doc, tok)
        if tok.lower_ in words.place_anaphors or (
            found is not None and (found.label == "PLACE" or found.hint == "place")
        ):
            return True
        if any(m.label == "PLACE" for m in syntax.nominal_mentions(doc, tok)):
            return True
    return False


def to_movement(frame: EventFrame) -> None:
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


def update_settlement(doc: Doc, sent: Span, context: Context, words: EventWords) -> None:
    """Remember the first city, town or village the sentence names."""
    for m in mentions_in(doc, sent.start, sent.end):
        if _is_town(m, words):
            context["settlement"] = arg(doc, m)
            return


def town_before(doc: Doc, token: Token, words: EventWords) -> Arg | None:
    """The last city, town or village named before ``token`` in its sentence."""
    sent = sentence_of(doc, token.i)
    towns = [m for m in mentions_in(doc, sent.start, token.i) if _is_town(m, words)]
    return arg(doc, towns[-1]) if towns else None


def _is_town(mention: Mention, words: EventWords) -> bool:
    return mention.label == "PLACE" and any(words.place_kinds.get(i) in TOWNS for i in mention.ids)


def _qualifies(doc: Doc, span: Span) -> bool:
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


def _placed_name(mention: Mention, span: Span) -> bool:
    """An unknown name cued as a place, or not cued as an actor and after "in", "near"..."""
    if mention.hint == "place":
        return True
    prep = span.root.head
    return mention.hint != "actor" and span.root.dep_ == "pobj" and prep.lower_ in LOCATIVE
