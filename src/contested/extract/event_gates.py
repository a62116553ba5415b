"""Gates between a trigger and an event: what is denied, tried, reported, or only a topic.

A negated, hypothetical or habitual trigger is no event; an attempt to take
ground is a fight, not a capture; a trigger inside reported speech is a claim;
an event noun that is neither dated, done nor placed is a topic.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from contested.extract import syntax
from contested.extract.annotations import Arg, TimeRef
from contested.extract.event_words import (
    CLAIM_NOUNS,
    MODALS,
    NEUTRAL_REPORTING,
    PRONOUNS,
    REPORTING_HEADS,
    EventWords,
    Trigger,
)


def denied(head: Token, verb: Token, times: list[TimeRef], sent: Span, words: EventWords) -> bool:
    """True for negated, hypothetical or habitual triggers ("did not go after", "if they
    conquer", "could attempt to retake", "have repeatedly bombed", "groups that attack")."""
    left = min(t.i for t in verb.subtree)
    for tok in verb.doc[max(sent.start, left - 3) : left + 1]:
        if tok.lower_ in ("if", "unless", "whether"):
            return True
    if head == verb and _habitual(verb, words.habitual_words):
        return True
    for tok in (head, *_governing_verbs(verb)):
        for child in tok.children:
            if child.dep_ == "neg" or child.lower_ in ("never", "no"):
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return True
            if child.dep_ == "advmod" and child.lower_ in words.irrealis:
                return True
            modal = child.dep_ == "aux" and child.lower_ in MODALS
            if modal and (child.lower_ != "would" or not _has_time(verb, times)):
                return True
    up = verb
    for _ in range(3):
        if up.head == up:
            break
        up = up.head
        if up.lower_ in words.irrealis and up.i < verb.i:
            return True
    return False


def attempted(head: Token, verb: Token, words: EventWords) -> bool:
    """True when the trigger is only tried ("attempted to retake", "an attempt to seize")."""
    up = verb if verb.dep_ in ("xcomp", "acl", "advcl", "pcomp") else head
    for _ in range(2):
        if up.head == up:
            return False
        up = up.head
        if up.lower_ in words.attempt_words:
            return True
    return (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lower_ in words.attempt_words
    )


def reported_as(sent: Span, head: Token, verb: Token) -> str | None:
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


def reporter_is(doc: Doc, verb: Token, actor: Arg) -> bool:
    """True when the source reporting the event is its own doer ("Russia said it had
    killed ..."): a self-report stays a claim."""
    tok = verb
    for _ in range(4):
        if tok.head == tok:
            return False
        if tok.head.lower_ in REPORTING_HEADS:
            subjects = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            names = {m.span(doc).text for s in subjects for m in syntax.nominal_mentions(doc, s)}
            return actor.text in names or any(s.lower_ in PRONOUNS for s in subjects)
        tok = tok.head
    return False


def noun_is_event(
    trig: Trigger,
    noun: Token,
    time_ref: int | None,
    times: list[TimeRef],
    actor1: Arg | None,
    places: list[Arg],
    words: EventWords,
) -> bool:
    """A noun trigger reports an event, not a topic, when it is dated, done, or placed.

    "Russia's intervention on 30 September 2015" (dated in its clause), "launched
    airstrikes" (object of a verb of doing), "Russian airstrikes on Raqqa" (an
    actor and a place) are events; "the ceasefire" alone is a topic.
    """
    argument = noun.dep_ in ("dobj", "nsubj", "nsubjpass") and syntax.is_verb(noun.head)
    done = argument and noun.head.lower_ in words.support_verbs
    if argument and not done and _definite(noun):
        # "Ankara condemned the air strike", "The merger follows ...": a reference back
        # to an event, or a topic, not a new event.
        return False
    dated = (
        time_ref is not None
        and syntax.clause_verb(noun.doc[times[time_ref].start]) in (noun, syntax.clause_verb(noun))
        and _attached(noun, times[time_ref])
    )
    if dated or trig.frame in ("change", "agree"):
        return dated
    if argument and noun.head.lower_ not in ("said", "says", "claimed", "reported"):
        return actor1 is not None or bool(places)
    return actor1 is not None and bool(places)


def _definite(noun: Token) -> bool:
    return any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
        for c in noun.children
    )


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


def _has_time(verb: Token, times: list[TimeRef]) -> bool:
    return any(syntax.clause_verb(verb.doc[ref.start]) == verb for ref in times)
