"""Which time expression dates an event trigger, and whether its own sentence dates it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from contested.extract import syntax
from contested.extract.annotations import TimeRef


def time_for(doc: Doc, sent: Span, head: Token, verb: Token, times: list[TimeRef]) -> int | None:
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


def dated(sent: Span, time_ref: int | None, times: list[TimeRef]) -> bool:
    """Whether the time expression that dates the trigger stands in its own sentence."""
    return time_ref is not None and sent.start <= times[time_ref].start < sent.end


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
