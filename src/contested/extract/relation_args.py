"""The actors a relation joins: names in the parse, lists, examples, antecedents.

Shared by the verb patterns (:mod:`contested.extract.relations`) and the noun
patterns (:mod:`contested.extract.relation_nouns`). A noun phrase stands for
the names it holds ("ISIL and Jund al-Aqsa", "militants from ISIL"), the
examples it lists ("rebels like X, Y and Z"), the name it is called ("a
coalition called X") or, for "it" and "the group", an actor named before
(:mod:`contested.extract.coref`). A generic name with a quantifier ("3 rebel
groups", "other opposition groups") is some unnamed part of it, no actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from contested.extract import syntax
from contested.extract._data import load_yaml
from contested.extract.annotations import (
    Arg,
    Mention,
    RelationFrame,
    mention_at,
    mentions_in,
    sentence_of,
)
from contested.extract.coref import ActorProfile, Coref

_HYPHEN_WORD = re.compile(r"^(?P<x>.+?)-(?P<suffix>[a-z]+)$")
# "PYD-dominated forces", "a Pentagon-run program": the phrase stands for the first name.
_STANDS_FOR = frozenset({"dominated", "run", "operated"})
_NAMING_VERBS = frozenset({"called", "named", "dubbed", "known", "styled", "calling"})


class ArgReader:
    """Finds the actor arguments of relation frames; holds the lexicon and coreference."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.data: dict[str, Any] = load_yaml("relations.yaml")
        self.coref = Coref()
        self.example_markers = frozenset(m for m in self.data["example_markers"] if " " not in m)
        self.partial = frozenset(self.data["partial_quantifiers"])
        self.held = frozenset(self.data["held_nouns"])
        self.demonyms = frozenset(load_yaml("mentions.yaml")["demonyms"])
        self.pro_words: dict[str, str] = self.data["pro_words"]
        self.suffixes: dict[str, str] = self.data["compound_suffixes"]

    def use_actors(self, profiles: dict[str, ActorProfile]) -> None:
        """Give coreference the registry's kinds and names (see :mod:`contested.extract.coref`)."""
        self.coref.actors = profiles

    def kind_of(self, mention: Mention) -> str:
        """The registry kind of a mention ("person", "generic", "state", ...), "" if unknown."""
        if mention.label == "NAME":
            return mention.hint or ""
        profile = next((self.coref.actors[i] for i in mention.ids if i in self.coref.actors), None)
        return profile.kind if profile else ""

    # --- noun phrases -------------------------------------------------------------------------

    def _actors(
        self,
        doc: Doc,
        tokens: Iterable[Token],
        examples: bool = False,
        conjuncts: bool = True,
        exclude: frozenset[str] = frozenset(),
    ) -> list[Arg]:
        """The actors the noun phrases headed by ``tokens`` stand for, each once.

        ``examples``: a generic noun stands for the examples it lists; ``conjuncts``:
        with the names coordinated with it; ``exclude``: kinds an antecedent may not have.
        """
        out: list[Arg] = []
        for tok in tokens:
            args = self._examples(doc, tok) if examples else []
            if not args:
                mentions = self._mentions(doc, tok, exclude)
                if not conjuncts:
                    mentions = [m for m in mentions if m.start <= tok.i < m.end] or mentions[:1]
                args = [a for m in mentions if (a := Arg.actor_of(doc, m)) is not None]
            if not args:
                args = self._led_by(doc, tok, _STANDS_FOR)
            for arg in args:
                if all(arg.text != a.text for a in out):
                    out.append(arg)
        return out

    def _mentions(
        self, doc: Doc, tok: Token, exclude: frozenset[str] = frozenset()
    ) -> list[Mention]:
        mentions = [m for m in syntax.nominal_mentions(doc, tok) if not self._partial(doc, m)]
        if mentions:
            return mentions
        if tok.lower_ in syntax.RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return syntax.nominal_mentions(doc, tok.head.head)
        called = self._called(doc, tok)
        if called:
            return called
        if self.coref.is_anaphor(tok):
            found = self.coref.resolve(doc, tok, exclude=exclude)
            return [found] if found is not None else []
        if tok.lower_ in syntax.CONTAINER_NOUNS:
            inner = [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in syntax.CONTAINER_PREPS
                for g in c.children
                if g.dep_ == "pobj" and self.coref.is_anaphor(g)
            ]
            found = self.coref.resolve(doc, inner[0], exclude=exclude) if inner else None
            return [found] if found is not None else []
        return []

    def is_generic(self, arg: Arg) -> bool:
        """True for a generic name ("rebels", "the opposition") rather than a named group."""
        return any(
            self.coref.actors[i].kind == "generic" for i in arg.ids if i in self.coref.actors
        )

    def _compound_parts(
        self, doc: Doc, tok: Token, suffixes: frozenset[str] | dict[str, str]
    ) -> tuple[str | None, Arg | None]:
        """("backed", U.S.) for "U.S.-backed"; ("branded", FSA) for "FSA - branded"."""
        m = _HYPHEN_WORD.match(tok.text)
        if m and m.group("suffix") in suffixes:
            x = m.group("x")
            if x.lower() == "pro":
                return None, None
            label = "DEMONYM" if x in self.demonyms else "ACTOR"
            return m.group("suffix"), Arg(x, tok.idx, tok.idx + len(x), label)
        if tok.lower_ in suffixes and tok.i >= 2 and doc[tok.i - 1].text == "-":
            before = doc[tok.i - 2]
            found = mention_at(doc, before)
            if found is not None:
                return tok.lower_, Arg.actor_of(doc, found)
            if before.text in self.demonyms:
                return tok.lower_, Arg(before.text, before.idx, before.idx + len(before), "DEMONYM")
        if (
            suffixes is self.suffixes
            and tok.lower_ in self.pro_words
            and tok.i >= 2
            and doc[tok.i - 1].text == "-"
            and doc[tok.i - 2].lower_ == "pro"
        ):
            name = self.pro_words[tok.lower_]
            return "allied", Arg(name, tok.idx, tok.idx + len(tok.text), "ACTOR")
        return None, None

    def _led_by(self, doc: Doc, noun: Token, suffixes: frozenset[str]) -> list[Arg]:
        """ "PYD-dominated forces" (PYD), "a Turkish-led offensive" (Turkey): who the phrase is."""
        for child in noun.children:
            if child.dep_ not in ("amod", "compound", "nmod"):
                continue
            for tok in [child, *(c for c in child.children if c.dep_ in ("amod", "compound"))]:
                _, owner = self._compound_parts(doc, tok, suffixes)
                if owner is not None:
                    return [owner]
        return []

    def _partial(self, doc: Doc, mention: Mention) -> bool:
        """ "3 rebel groups", "other opposition groups": part of a generic name, no actor."""
        if self.kind_of(mention) != "generic":
            return False
        head = doc[mention.start : mention.end].root
        while head.dep_ == "compound" and head.head != head:
            head = head.head
        return any(
            c.dep_ in ("nummod", "amod", "det") and (c.lower_ in self.partial or c.like_num)
            for c in head.children
        )

    def _called(self, doc: Doc, noun: Token) -> list[Mention]:
        """ "a coalition called the Raqqa Liberation Front": the name the noun is given."""
        for child in noun.children:
            if child.dep_ == "acl" and child.lower_ in _NAMING_VERBS:
                targets = [g for g in child.children if g.dep_ in ("oprd", "attr", "dobj")]
                for grand in child.children:
                    if grand.dep_ == "prep" and grand.lower_ == "as":
                        targets += [g for g in grand.children if g.dep_ == "pobj"]
                found = [m for t in targets for m in syntax.nominal_mentions(doc, t)]
                if found:
                    return found
        return []

    def _examples(self, doc: Doc, noun: Token) -> list[Arg]:
        """ "nationalist rebels like A, B and C", "other groups including A": A, B, C."""
        own = mention_at(doc, noun)
        if own is not None and self.kind_of(own) != "generic":
            return []
        for child in noun.children:
            such_as = child.lower_ == "as" and doc[child.i - 1].lower_ == "such"
            if child.dep_ == "prep" and (child.lower_ in self.example_markers or such_as):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                found = self._actors(doc, [t for o in objs for t in _chained(o)])
                if found:
                    return found
        return []

    def _single(self, doc: Doc, token: Token) -> list[Arg]:
        m = mention_at(doc, token)
        if m is None:
            mentions = self._mentions(doc, token)
            m = mentions[0] if mentions else None
        arg = Arg.actor_of(doc, m) if m is not None else None
        return [arg] if arg is not None else []

    def _pobj_actors(self, doc: Doc, prep: Token) -> list[Arg]:
        return self._targets(doc, [c for c in prep.children if c.dep_ == "pobj"])

    def _targets(self, doc: Doc, tokens: list[Token]) -> list[Arg]:
        """What an attack or support reaches: named actors, else the owners of "the
        headquarters of X" or "ISIL positions", else the states adjectives name."""
        found = self._actors(doc, tokens)
        if found:
            return found
        for tok in tokens:
            if tok.lower_ in self.held:
                owners = [c for c in tok.children if c.dep_ == "poss" and c.tag_ != "PRP$"]
                owners += [
                    g
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                found += self._actors(doc, owners)
            found += self._demonyms_and_names(doc, tok)
        return found

    def _demonyms_and_names(self, doc: Doc, noun: Token) -> list[Arg]:
        """ "Iranian and Russian supporters", "Turkish backing": the actors the modifiers name."""
        out = []
        for child in noun.children:
            if child.dep_ not in ("amod", "compound", "nmod"):
                continue
            for tok in syntax.with_conjuncts(child):
                if tok.text in self.demonyms:
                    out.append(Arg(tok.text, tok.idx, tok.idx + len(tok.text), "DEMONYM"))
                else:
                    out.extend(self._actors(doc, [tok]))
        return out

    # --- clauses ------------------------------------------------------------------------------

    def _subjects(self, doc: Doc, verb: Token, exclude: frozenset[str] = frozenset()) -> list[Arg]:
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own and own[0].lower_ in ("both", "all", "each", "neither"):
            return self._listed_before(doc, own[0])
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            heads = syntax.relative_antecedents(verb)
            if not own or own[0].lower_ in syntax.RELATIVE_PRONOUNS:
                return self._actors(doc, heads, exclude=exclude)
        found = self._actors(doc, syntax.subjects(verb), examples=True, exclude=exclude)
        if not found and len(own) > 1:
            # "Islamist factions Nour al-Din al-Zenki and Ahrar al-Sham merged": the parse
            # gives the names as a second subject beside the generic noun.
            found = self._actors(doc, own[1:], exclude=exclude)
        if not found and verb.dep_ == "acl" and not own:
            m = syntax.antecedent(doc, verb)
            arg = Arg.actor_of(doc, m) if m is not None else None
            found = [arg] if arg is not None else []
        return found

    def _left_subjects(self, doc: Doc, verb: Token, sent: Span) -> list[Arg]:
        """Names before a verb the parse left without a subject, outside prepositional phrases."""
        out: list[Arg] = []
        for tok in doc[sent.start : verb.i]:
            m = mention_at(doc, tok)
            if m is None or doc[m.start : m.end].root != tok or self._partial(doc, m):
                continue
            path = [tok, *(a for a in tok.ancestors if a.i != verb.i and verb not in a.ancestors)]
            if any(t.dep_ in ("pobj", "poss", "dobj") for t in path):
                continue
            arg = Arg.actor_of(doc, m)
            if arg is not None and all(arg.text != a.text for a in out):
                out.append(arg)
        return out

    def _listed_before(self, doc: Doc, quantifier: Token) -> list[Arg]:
        """ "A, B and C, both of which ...": the last two (or all) names listed before."""
        if quantifier.lower_ == "both":
            sent = sentence_of(doc, quantifier.i)
            named = [
                a
                for m in mentions_in(doc, sent.start, quantifier.i)
                if doc[m.start : m.end].root.dep_ != "pobj"
                and (a := Arg.actor_of(doc, m)) is not None
            ]
            return named[-2:]
        m = syntax.antecedent(doc, quantifier)
        if m is None:
            return []
        root = doc[m.start : m.end].root
        first = root.head if root.dep_ == "conj" else root
        while first.dep_ == "conj":
            first = first.head
        return self._actors(doc, [t for t in syntax.with_conjuncts(first) if t.i < quantifier.i])

    def _frame(
        self,
        sent: Span,
        span: Span,
        subject: Arg,
        predicate: str,
        obj: Arg,
        source: str,
        *,
        begins: bool = False,
        ends: bool = False,
        confidence: float = 0.7,
    ) -> RelationFrame:
        return RelationFrame(
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            trigger_start=span.start_char,
            trigger_end=span.end_char,
            subject=subject,
            predicate=predicate,
            object=obj,
            begins=begins,
            ends=ends,
            confidence=confidence,
            source=f"{source} '{span.text}'",
        )


def _chained(token: Token) -> list[Token]:
    """``token`` and the items listed with it, through conjunctions and appositions."""
    out, todo = [], [token]
    while todo:
        tok = todo.pop(0)
        out.append(tok)
        todo.extend(c for c in tok.children if c.dep_ in ("conj", "appos"))
    return out
