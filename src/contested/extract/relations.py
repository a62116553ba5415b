"""The relation tagger: membership, mergers, allegiance, designation, support, hostility.

Patterns over the parse, with the verbs and nouns in ``data/extract/relations.yaml``:
verbs ("JAF included X, Y and Z", "X left JAF", "X and Y joined together to
form Z", "the US designated X a terrorist organisation"), compound
adjectives ("U.S.-backed X", "FSA-branded groups"), appositions ("X, the
Syrian branch of Y") and support or hostility nouns ("with the help of
Russian airstrikes", "the offensive against IS").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from contested.extract import syntax
from contested.extract._data import load_yaml, tokenize
from contested.extract.annotations import (
    RELATIONS,
    TIMES,
    Arg,
    Mention,
    RelationFrame,
    TimeRef,
    doc_text,
    get,
    is_heading,
    mention_at,
    put,
    sentence_of,
    tokens_with,
)

_HYPHEN_WORD = re.compile(r"^(?P<x>.+?)-(?P<suffix>[a-z]+)$")


class RelationTagger:
    """Find relation frames in each sentence (``annotations.get(doc, RELATIONS)``)."""

    def __init__(self, nlp: Language, name: str = "contested_relations") -> None:
        self.name = name
        data = load_yaml("relations.yaml")
        self.verbs: list[dict[str, Any]] = data["verbs"]
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, entry in enumerate(self.verbs):
            self.matcher.add(str(index), tokenize(nlp, entry["forms"]))
        self.roles = {w: pred for pred, words in data["role_nouns"].items() for w in words}
        self.suffixes: dict[str, str] = data["compound_suffixes"]
        self.suffix_words = frozenset(self.suffixes) | frozenset(data["pro_words"])
        self.pro_words: dict[str, str] = data["pro_words"]
        self.support_nouns = frozenset(data["support_nouns"])
        self.hostility_nouns = frozenset(data["hostility_nouns"])
        self.alliance_nouns = frozenset(data["alliance_nouns"])
        self.designation_words = frozenset(data["designation_words"])
        self.noun_words = (
            self.support_nouns
            | self.hostility_nouns
            | self.alliance_nouns
            | {"supporters", "backers", "patrons", "sponsors"}
        )
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        times: list[TimeRef] = get(doc, TIMES)
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        found: list[RelationFrame] = []
        for sent in doc.sents:
            if is_heading(doc, sent):
                continue
            before = len(found)
            for span in filter_spans([s for s in spans if sent.start <= s.start < sent.end]):
                entry = self.verbs[int(self.strings[span.label])]
                found.extend(self._verb(doc, sent, span, entry))
            found.extend(self._compounds(doc, sent))
            found.extend(self._appositions(doc, sent))
            found.extend(self._nouns(doc, sent))
            for frame in found[before:]:
                frame.time_ref = _time_of(
                    doc,
                    sent,
                    doc.char_span(frame.trigger_start, frame.trigger_end, alignment_mode="expand"),
                    times,
                )
        put(doc, RELATIONS, found)
        return doc

    # --- verbs ------------------------------------------------------------------------------

    def _verb(self, doc: Doc, sent: Span, span: Span, entry: dict[str, Any]) -> list[RelationFrame]:
        verb = span.root
        if any(c.dep_ == "neg" for c in verb.children):
            return []
        pattern, predicate = entry["pattern"], entry["predicate"]
        passive = syntax.is_passive(verb) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"))
        subj = self._subjects(doc, verb)
        objs = self._actors(doc, syntax.objects(verb))
        preps = {k: self._actors(doc, v) for k, v in syntax.prepositions(verb).items()}
        pairs: list[tuple[Arg, Arg]] = []
        if pattern == "members_are_objects":
            members = self._members(doc, verb)
            pairs = [(m, s) for s in subj[:1] for m in members]
        elif pattern in ("subject_joins_object", "subject_leaves_object"):
            target = objs or preps.get("from", [])
            pairs = [(s, o) for s in subj for o in target[:1]]
        elif pattern == "subject_into_object":
            target = preps.get("into", []) + preps.get("by", [])
            pairs = (
                [(s, o) for s in subj for o in target[:1]] if passive or preps.get("into") else []
            )
        elif pattern == "object_into_subject":
            if passive:
                pairs = [
                    (s, o) for s in subj for o in (preps.get("by", []) + preps.get("into", []))[:1]
                ]
            else:
                pairs = [(o, s) for s in subj[:1] for o in objs]
        elif pattern == "merge_to_form":
            pairs = self._merger(doc, verb, subj, preps)
        elif pattern == "subject_to_object":
            pairs = [(s, o) for s in subj for o in preps.get("to", [])[:1]]
        elif pattern == "object_designated_by_subject":
            pairs = self._designation(doc, verb, subj, objs, preps, passive)
        elif pattern == "object_supported_by_subject":
            if passive:
                pairs = [(s, o) for s in subj for o in preps.get("by", [])[:1]]
            else:
                pairs = [(o, s) for s in subj[:1] for o in objs]
        elif pattern == "symmetric":
            pairs = [(s, o) for s in subj[:1] for o in preps.get("with", []) + subj[1:]]
        elif pattern == "symmetric_object":
            if passive:
                pairs = [(o, s) for s in subj[:1] for o in preps.get("by", [])[:1]]
            else:
                pairs = [(s, o) for s in subj[:1] for o in objs + preps.get("against", [])]
        return [self._frame(sent, span, s, predicate, o, entry) for s, o in pairs]

    def _subjects(self, doc: Doc, verb: Token) -> list[Arg]:
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own and own[0].lower_ in ("both", "all", "each", "neither"):
            return self._listed_before(doc, own[0])
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            heads = syntax.relative_antecedents(verb)
            if not own or own[0].lower_ in syntax.RELATIVE_PRONOUNS:
                return self._actors(doc, heads)
        found = self._actors(doc, syntax.subjects(verb))
        if not found and verb.dep_ == "acl" and not own:
            m = syntax.antecedent(doc, verb)
            arg = _arg(doc, m) if m is not None else None
            found = [arg] if arg is not None else []
        return found

    def _listed_before(self, doc: Doc, quantifier: Token) -> list[Arg]:
        """ "A, B and C, both of which ...": the last two (or all) names listed before."""
        m = syntax.antecedent(doc, quantifier)
        if m is None:
            return []
        root = doc[m.start : m.end].root
        first = root.head if root.dep_ == "conj" else root
        while first.dep_ == "conj":
            first = first.head
        listed = [t for t in syntax.with_conjuncts(first) if t.i < quantifier.i]
        if quantifier.lower_ == "both":
            listed = listed[-2:]
        return self._actors(doc, listed)

    def _members(self, doc: Doc, verb: Token) -> list[Arg]:
        """Actors listed as the objects of "included" (not those inside "the branch of X")."""
        out: list[Arg] = []
        for obj in [c for c in verb.children if c.dep_ in syntax.OBJECT_DEPS]:
            for tok in obj.subtree:
                m = mention_at(doc, tok)
                if m is None or doc[m.start : m.end].root != tok or _inside_of_phrase(tok):
                    continue
                if tok.dep_ == "relcl" or any(
                    a.dep_ == "relcl" for a in tok.ancestors if a.i > obj.i and a in obj.subtree
                ):
                    continue
                arg = _arg(doc, m)
                if arg is not None and arg not in out:
                    out.append(arg)
        return out

    def _merger(
        self, doc: Doc, verb: Token, subj: list[Arg], preps: dict[str, list[Arg]]
    ) -> list[tuple[Arg, Arg]]:
        formed: list[Arg] = []
        for child in verb.children:
            if child.dep_ in ("xcomp", "advcl") and child.lower_ in (
                "form",
                "create",
                "found",
                "establish",
            ):
                formed = self._actors(doc, syntax.objects(child))
        merging = subj + preps.get("with", [])
        if (
            not formed
            and verb.lower_ in ("formed", "form", "forming", "founded", "established", "created")
            and len(merging) >= 2
        ):
            formed = self._actors(doc, syntax.objects(verb))
        return [(m, f) for f in formed[:1] for m in merging if m.text != f.text]

    def _designation(
        self,
        doc: Doc,
        verb: Token,
        subj: list[Arg],
        objs: list[Arg],
        preps: dict[str, list[Arg]],
        passive: bool,
    ) -> list[tuple[Arg, Arg]]:
        words = {t.lower_ for t in verb.subtree}
        if not words & self.designation_words:
            return []
        if passive:
            return [(s, b) for s in subj for b in preps.get("by", [])[:1]]
        return [(o, s) for s in subj[:1] for o in objs[:1]]

    # --- compounds, appositions, nouns ----------------------------------------------------

    def _compounds(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        out: list[RelationFrame] = []
        for tok in self._compound_candidates(doc, sent):
            suffix, owner = self._compound_parts(doc, tok)
            if suffix is None or owner is None:
                continue
            predicate = self.suffixes[suffix]
            for target in self._modified(doc, tok):
                out.append(
                    self._frame(
                        sent, doc[tok.i : tok.i + 1], target, predicate, owner, {}, confidence=0.7
                    )
                )
        return out

    def _compound_candidates(self, doc: Doc, sent: Span) -> list[Token]:
        """Tokens that can end a compound: "-backed" words, or the word after a hyphen."""
        text = doc_text(doc)[sent.start_char : sent.end_char]
        if "-" not in text:
            return []
        return [t for t in tokens_with(doc, sent, self.suffix_words) if t.i > sent.start] + [
            t for t in sent if "-" in t.text and len(t.text) > 2
        ]

    def _compound_parts(self, doc: Doc, tok: Token) -> tuple[str | None, Arg | None]:
        """("backed", U.S.) for "U.S.-backed"; ("branded", FSA) for "FSA - branded"."""
        m = _HYPHEN_WORD.match(tok.text)
        if m and m.group("suffix") in self.suffixes:
            x = m.group("x")
            label = "DEMONYM" if x in _demonym_names() else "ACTOR"
            if x.lower() == "pro":
                return None, None
            return m.group("suffix"), Arg(x, tok.idx, tok.idx + len(x), label)
        if tok.lower_ in self.suffixes and tok.i >= 2 and doc[tok.i - 1].text == "-":
            before = doc[tok.i - 2]
            found = mention_at(doc, before)
            if found is not None:
                return tok.lower_, _arg(doc, found)
            if before.text in _demonym_names():
                return tok.lower_, Arg(before.text, before.idx, before.idx + len(before), "DEMONYM")
        if (
            tok.lower_ in self.pro_words
            and tok.i >= 2
            and doc[tok.i - 1].text == "-"
            and doc[tok.i - 2].lower_ == "pro"
        ):
            name = self.pro_words[tok.lower_]
            return "allied", Arg(name, tok.idx, tok.idx + len(tok.text), "ACTOR")
        return None, None

    def _modified(self, doc: Doc, tok: Token) -> list[Arg]:
        """The actors a modifier describes: its head noun's name, or the name just after."""
        head = tok.head
        while head.dep_ in ("amod", "compound", "npadvmod") and head.head is not head:
            head = head.head
        found = self._actors(doc, [head])
        if found:
            return found
        for t in doc[head.i + 1 : min(head.i + 4, sentence_of(doc, head.i).end)]:
            m = mention_at(doc, t)
            if m is not None and m.label in ("ACTOR", "NAME"):
                arg = _arg(doc, m)
                return [arg] if arg else []
        siblings = [c for c in head.children if c.i < head.i and c is not tok]
        for sib in siblings:
            suffix, owner = self._compound_parts(doc, sib)
            if suffix == "branded" and owner is not None:
                return [owner]
        if head.dep_ in ("attr", "pobj", "dobj", "appos") and head.lower_ in syntax.CONTAINER_NOUNS:
            return self._subjects(doc, syntax.clause_verb(head))
        return []

    def _appositions(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        """ "X, the Syrian branch of Y", "Y's affiliates, A and B", "NDF units of A and B"."""
        out: list[RelationFrame] = []
        for tok in tokens_with(doc, sent, self.roles):
            predicate = self.roles[tok.lower_]
            if not tok.tag_.startswith("NN"):
                continue
            inside = mention_at(doc, tok)
            if inside is not None and (inside.end - 1 != tok.i or inside.end - inside.start < 2):
                continue
            owners = [a for a in [_arg(doc, inside)] if a] if inside else self._owners(doc, tok)
            named = self._named_by(doc, tok)
            for x in named:
                for y in owners:
                    if x.text != y.text:
                        out.append(
                            self._frame(
                                sent, doc[tok.i : tok.i + 1], x, predicate, y, {}, confidence=0.65
                            )
                        )
        return out

    def _owners(self, doc: Doc, role: Token) -> list[Arg]:
        """The one actor a role belongs to: "Iran's", "of al-Qaeda" (not what follows it)."""
        for child in role.children:
            if child.dep_ in ("poss", "compound"):
                found = self._single(doc, child)
                if found:
                    return found
        for child in role.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "within", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self._single(doc, obj)
                        if found:
                            return found
        return []

    def _single(self, doc: Doc, token: Token) -> list[Arg]:
        m = mention_at(doc, token)
        if m is None:
            mentions = syntax.nominal_mentions(doc, token)
            m = mentions[0] if mentions else None
        arg = _arg(doc, m) if m is not None else None
        return [arg] if arg is not None else []

    def _named_by(self, doc: Doc, role: Token) -> list[Arg]:
        """Who holds the role: the name it is in apposition to, or the names it lists."""
        if role.dep_ == "appos":
            return self._actors(doc, [role.head])
        named = [a for c in role.children if c.dep_ == "appos" for a in self._actors(doc, [c])]
        for child in role.children:
            if child.dep_ == "acl" and child.lower_ == "known":
                for grand in child.children:
                    if grand.dep_ == "prep" and grand.lower_ == "as":
                        named.extend(
                            self._actors(doc, [g for g in grand.children if g.dep_ == "pobj"])
                        )
            if child.dep_ == "prep" and child.lower_ == "of" and role.tag_ == "NNS":
                named.extend(self._actors(doc, [c for c in child.children if c.dep_ == "pobj"]))
        return named

    def _nouns(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        out: list[RelationFrame] = []
        for tok in tokens_with(doc, sent, self.noun_words):
            word = tok.lower_
            if word in self.support_nouns and tok.dep_ == "pobj":
                out.extend(self._support_phrase(doc, sent, tok))
            elif word in ("supporters", "backers", "patrons", "sponsors"):
                owners = self._actors(doc, [c for c in tok.children if c.dep_ == "poss"])
                backers = self._demonyms_and_names(doc, tok)
                out.extend(
                    self._frame(sent, doc[tok.i : tok.i + 1], o, "supported_by", b, {})
                    for o in owners
                    for b in backers
                )
            elif word in self.hostility_nouns or word in self.alliance_nouns:
                out.extend(self._stance_phrase(doc, sent, tok))
        return out

    def _support_phrase(self, doc: Doc, sent: Span, noun: Token) -> list[RelationFrame]:
        prep = noun.head
        verb = syntax.clause_verb(prep)
        if prep.lower_ == "with":
            backers = [
                a
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for a in self._pobj_actors(doc, c)
            ]
            backed = self._subjects(doc, verb)
        elif prep.lower_ == "in" and noun.lower_ == "support":
            backed = [
                a
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for a in self._pobj_actors(doc, c)
            ]
            owner = prep.head
            backers = (
                self._actors(doc, [owner])
                or self._demonyms_and_names(doc, owner)
                or self._subjects(doc, verb)
            )
        else:
            return []
        span = doc[noun.i : noun.i + 1]
        return [
            self._frame(sent, span, b, "supported_by", s, {}, confidence=0.6)
            for b in backed
            for s in backers
            if b.text != s.text
        ]

    def _stance_phrase(self, doc: Doc, sent: Span, noun: Token) -> list[RelationFrame]:
        alliance = noun.lower_ in self.alliance_nouns
        keys = ("with", "between") if alliance else ("against", "on")
        others = [
            a
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in keys
            for a in self._pobj_actors(doc, c)
        ]
        if not others:
            return []
        owners = self._actors(doc, [c for c in noun.children if c.dep_ in ("poss", "compound")])
        if not owners:
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            owners = self._subjects(doc, syntax.clause_verb(gov))
        predicate = "allied_with" if alliance else "fights"
        span = doc[noun.i : noun.i + 1]
        if alliance and not owners and len(others) >= 2:
            owners, others = others[:1], others[1:]
        return [
            self._frame(sent, span, o, predicate, x, {}, confidence=0.6)
            for o in owners
            for x in others
            if o.text != x.text
        ]

    # --- helpers ----------------------------------------------------------------------------

    def _pobj_actors(self, doc: Doc, prep: Token) -> list[Arg]:
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return self._actors(doc, objs) or [
            a for o in objs for a in self._demonyms_and_names(doc, o)
        ]

    def _demonyms_and_names(self, doc: Doc, noun: Token) -> list[Arg]:
        out = []
        for child in noun.children:
            if child.dep_ not in ("amod", "compound", "nmod"):
                continue
            for tok in syntax.with_conjuncts(child):
                if tok.text in _demonym_names():
                    out.append(Arg(tok.text, tok.idx, tok.idx + len(tok.text), "DEMONYM"))
                else:
                    out.extend(self._actors(doc, [tok]))
        return out

    def _actors(self, doc: Doc, tokens: Iterable[Token]) -> list[Arg]:
        out: list[Arg] = []
        for tok in tokens:
            mentions = syntax.nominal_mentions(doc, tok)
            if not mentions and tok.lower_ in ("it", "they", "its", "their"):
                found = syntax.antecedent(doc, tok)
                mentions = [found] if found is not None else []
            for m in mentions:
                arg = _arg(doc, m)
                if arg is not None and all(arg.text != a.text for a in out):
                    out.append(arg)
        return out

    def _frame(
        self,
        sent: Span,
        span: Span,
        subject: Arg,
        predicate: str,
        obj: Arg,
        entry: dict[str, Any],
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
            begins=bool(entry.get("begins")),
            ends=bool(entry.get("ends")),
            confidence=confidence,
        )

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the patterns ship with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> RelationTagger:
        return self


def _arg(doc: Doc, mention: Mention) -> Arg | None:
    """An actor argument for a mention: actors, names not cued as places, metonyms."""
    if mention.label == "ACTOR" or (mention.label == "NAME" and mention.hint != "place"):
        return Arg.from_mention(doc, mention)
    if mention.label == "PLACE" and mention.metonym:
        span = mention.span(doc)
        return Arg(span.text, span.start_char, span.end_char, "ACTOR", mention.metonym, "metonym")
    return None


def _inside_of_phrase(tok: Token) -> bool:
    """True for the Y of "the branch of Y": an object of "of" under a common noun."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.tag_ in ("NN", "NNS")


def _demonym_names() -> frozenset[str]:
    return frozenset(load_yaml("mentions.yaml")["demonyms"])


def _time_of(doc: Doc, sent: Span, span: Span | None, times: list[TimeRef]) -> int | None:
    if span is None:
        return None
    verb = syntax.clause_verb(span.root)
    for index, ref in enumerate(times):
        if (
            sent.start <= ref.start < sent.end
            and syntax.clause_verb(doc[ref.start : ref.end].root) == verb
        ):
            return index
    return None
