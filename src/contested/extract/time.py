"""The time tagger: temporal expressions on a Doc, and whether each one moves the narrative.

Expressions come from :func:`contested.extract.timeparse.find_time_expressions`;
resolving them needs the narrative of the whole document, so that happens
later (:mod:`contested.extract.timeline`). Here each expression learns from
the parse whether it belongs to the main clause ("On 21 May, X joined Y")
or to an aside ("IS, which had been expelled in January 2014, ..."): only
main-clause dates carry over to the next sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from contested.extract._data import load_yaml
from contested.extract.annotations import TIMES, TimeRef, doc_text, put, sentence_of
from contested.extract.syntax import is_noun, is_verb
from contested.extract.timeparse import find_time_expressions

# Dependencies that put a phrase in an aside rather than in the sentence's main line.
ASIDE_DEPS = frozenset({"relcl", "acl", "appos", "parataxis", "csubj", "meta"})
# Conjunctions that make a clause background to the sentence ("since it took Ramadi in May 2015").
SUBORDINATE_MARKS = frozenset(
    {
        "since",
        "after",
        "before",
        "until",
        "because",
        "although",
        "though",
        "while",
        "as",
        "once",
        "whereas",
    }
)
# Event nouns a relative clause may date ("the offensive, which began on 9 March"): such a
# date is the time of the sentence, not an aside.
DATED_NOUNS = frozenset(load_yaml("time.yaml")["dated_nouns"])
# Words that make a date a boundary of a period, not the time of what the clause reports.
BOUNDARY_CUES = ("after ", "since ", "until ", "till ", "before ", "through ", "throughout ")


class TimeTagger:
    """Mark temporal expressions (``annotations.get(doc, TIMES)``)."""

    def __init__(self, nlp: Language, name: str = "contested_time") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        refs: list[TimeRef] = []
        parsed = doc.has_annotation("DEP")
        for match in find_time_expressions(doc_text(doc)):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            main = _is_main(span) if parsed else True
            initial = _is_initial(span) if parsed else span.start == 0
            refs.append(
                TimeRef(
                    span.start,
                    span.end,
                    match,
                    main,
                    initial,
                    _is_flashback(span) if parsed else False,
                )
            )
        put(doc, TIMES, refs)
        return doc

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the grammar ships with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> TimeTagger:
        return self


def _is_main(span: Span) -> bool:
    """True when the expression dates the sentence's main line.

    Not when an aside (relative clause, apposition, parenthesis, dash) holds it,
    when it dates a noun ("the crushing of Poland in September 1939") rather
    than a verb, or when it bounds a period ("after 2003", "since 2011").
    """
    if span.text.lower().startswith(BOUNDARY_CUES):
        return False
    sent = sentence_of(span.doc, span.start)
    text = doc_text(span.doc)[sent.start_char : span.start_char]
    if text.count("—") % 2 == 1:
        return False
    if text.count("(") > text.count(")"):
        return False
    token = span.root
    modifier = token.dep_ in ("compound", "nmod", "amod", "nummod") and is_noun(token.head)
    if modifier and token.head.i >= span.end:
        # "the October 2019 agreements": the date names a thing, not this sentence's time.
        return False
    clause = token
    for _ in range(8):
        if is_verb(clause) or clause.head == clause:
            break
        clause = clause.head
    if clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in SUBORDINATE_MARKS for c in clause.children
    ):
        return False
    governor = token.head
    if governor.dep_ == "prep" or governor.tag_ == "IN":
        governor = governor.head
    if is_noun(governor) and governor.i < span.start and governor.head != governor:
        return False
    for _ in range(12):
        if token.dep_ in ("relcl", "acl") and token.head.lower_ in DATED_NOUNS:
            # "an offensive that began on 9 March": the clause dates the event noun itself.
            token = token.head
            continue
        if token.dep_ in ASIDE_DEPS:
            return False
        if token.head == token or token.dep_ == "ROOT":
            return True
        token = token.head
    return True


def _is_initial(span: Span) -> bool:
    """True when the expression opens its sentence ("On 21 May, ...")."""
    sent = sentence_of(span.doc, span.start)
    words = [t for t in sent if not t.is_space and not t.is_punct]
    return bool(words) and span.start <= words[0].i + 1


def _is_flashback(span: Span) -> bool:
    """True when the expression dates a past-perfect verb: "had tried ... in November 2014"."""
    verb = span.root
    for _ in range(6):
        if is_verb(verb) or verb.head == verb:
            break
        verb = verb.head
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children):
            return True
        if verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            return False
        verb = verb.head
    return False
