"""The relation tagger: membership, mergers, allegiance, designation, support, hostility.

Verb patterns over the parse, with the verbs in ``data/extract/relations.yaml``:
"JAF included X, Y and Z", "X left JAF", "X and Y joined together to form
Z", "the US designated X a terrorist organisation", "X received weapons
from Y", "X and Y clashed". Actors acting beside the subject ("X, along
with Y, ...") share its relation. Noun and modifier patterns are in
:mod:`contested.extract.relation_nouns`.
DOCS: docs/extract.md
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from contested.extract import syntax
from contested.extract._data import tokenize
from contested.extract.annotations import (
    RELATIONS,
    TIMES,
    Arg,
    RelationFrame,
    TimeRef,
    get,
    is_heading,
    mention_at,
    put,
)
from contested.extract.relation_nouns import NounRelations

Pairs = list[tuple[Arg, Arg]]
# Prepositions whose object may be "the positions of X" or "Turkish artillery".
_TARGETED = frozenset({"by", "against", "on"})
_FORMING = frozenset({"form", "create", "found", "establish"})
_FORMED = frozenset({"formed", "form", "forming", "founded", "established", "created"})
# Patterns whose subject may be found left of the verb when the parse gives it none.
_LEFT_SUBJECT = frozenset({"merge_to_form", "subject_joins_object", "subject_to_object"})


@dataclass
class _Clause:
    """What one relation verb governs."""

    verb: Token
    subj: list[Arg]
    objs: list[Arg]
    preps: dict[str, list[Arg]]
    passive: bool
    companions: list[Arg] = field(default_factory=list)
    predicate: str | None = None


class RelationTagger(NounRelations):
    """Find relation frames in each sentence (``annotations.get(doc, RELATIONS)``)."""

    def __init__(self, nlp: Language, name: str = "contested_relations") -> None:
        super().__init__(nlp, name)
        self.verbs: list[dict[str, Any]] = self.data["verbs"]
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, entry in enumerate(self.verbs):
            self.matcher.add(str(index), tokenize(nlp, entry["forms"]))
        self.designation_words = frozenset(self.data["designation_words"])
        self.reciprocal = frozenset(self.data["reciprocal_verbs"])
        self.received = frozenset(self.data["received_support"])
        self.operations = frozenset(self.data["operation_nouns"])
        self.coalitions = frozenset(self.data["coalition_nouns"])
        self.part_nouns = frozenset(self.data["part_nouns"])
        self.blocking = frozenset(self.data["blocking_governors"])
        self.strings = nlp.vocab.strings
        self.patterns: dict[str, Callable[[Doc, _Clause], Pairs]] = {
            "members_are_objects": self._members_pairs,
            "subject_joins_object": self._joins,
            "subject_leaves_object": self._joins,
            "subject_into_object": self._into_object,
            "object_into_subject": self._into_subject,
            "merge_to_form": self._merger,
            "subject_to_object": self._to_object,
            "object_designated_by_subject": self._designation,
            "object_supported_by_subject": self._support,
            "subject_receives_from": self._receives,
            "object_given_to": self._given,
            "operation_led_by": self._operation_led_by,
            "symmetric": self._symmetric,
            "symmetric_object": self._hostility,
        }

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
            found.extend(self.noun_frames(doc, sent))
            found.extend(self._coalition_members(doc, sent))
            found[before:] = [f for f in found[before:] if not self._unasserted(doc, f)]
            for frame in found[before:]:
                frame.time_ref = _time_of(
                    doc,
                    sent,
                    doc.char_span(frame.trigger_start, frame.trigger_end, alignment_mode="expand"),
                    times,
                )
        put(doc, RELATIONS, found)
        return doc

    # --- verbs --------------------------------------------------------------------------------

    def _verb(self, doc: Doc, sent: Span, span: Span, entry: dict[str, Any]) -> list[RelationFrame]:
        verb = span.root
        if any(c.dep_ == "neg" for c in verb.children):
            return []
        preps: dict[str, list[Arg]] = {}
        for tok in span:
            for key, tokens in syntax.prepositions(tok).items():
                found = (
                    self._targets(doc, tokens) if key in _TARGETED else self._actors(doc, tokens)
                )
                preps.setdefault(key, []).extend(found)
        clause = _Clause(
            verb=verb,
            subj=self._subjects(doc, verb, frozenset(entry.get("not_subject", ()))),
            objs=self._actors(doc, syntax.objects(verb)),
            preps=preps,
            passive=syntax.is_passive(verb)
            or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")),
            companions=[a for _, found in self.companions_of(doc, verb) for a in found],
        )
        if not clause.subj and entry["pattern"] in _LEFT_SUBJECT:
            clause.subj = self._left_subjects(doc, verb, sent)
        pairs = self.patterns[entry["pattern"]](doc, clause)
        frames = [
            self._frame(
                sent,
                span,
                s,
                clause.predicate or entry["predicate"],
                o,
                "verb",
                begins=bool(entry.get("begins")),
                ends=bool(entry.get("ends")),
            )
            for s, o in pairs
        ]
        if entry["pattern"] == "symmetric_object" and not clause.passive:
            frames += self._co_actors(sent, span, clause)
        if entry["pattern"] == "symmetric":
            frames += [
                self._frame(sent, span, s, "fights", o, "verb", confidence=0.6)
                for s in clause.subj[:1]
                for o in clause.preps.get("against", [])
            ]
        return frames

    def _co_actors(self, sent: Span, span: Span, c: _Clause) -> list[RelationFrame]:
        """ "the regime and Russia attacked X": coordinated attackers act together."""
        if c.verb.lower_ in self.reciprocal or len(c.subj) < 2:
            return []
        first = c.subj[0]
        return [
            self._frame(sent, span, first, "allied_with", o, "co-actors", confidence=0.6)
            for o in c.subj[1:]
        ]

    def _members_pairs(self, doc: Doc, c: _Clause) -> Pairs:
        return [(m, s) for s in c.subj[:1] for m in self._members(doc, c.verb)]

    def _joins(self, doc: Doc, c: _Clause) -> Pairs:
        target = (
            c.objs or c.preps.get("to", []) or c.preps.get("from", []) or c.preps.get("with", [])
        )
        subjects = [s for s in c.subj + c.companions if not self._a_part(doc, s)]
        return [(s, o) for s in subjects for o in target[:1]]

    def _a_part(self, doc: Doc, arg: Arg) -> bool:
        """ "120 Ahrar al-Sham fighters", "several Ahrar al-Sham factions": some of a group."""
        span = doc.char_span(arg.start_char, arg.end_char, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("compound", "nmod", "amod"):
            return False
        head = span.root.head
        return head.lower_ in self.part_nouns and any(
            k.like_num or k.lower_ in self.partial for k in head.children
        )

    def _into_object(self, doc: Doc, c: _Clause) -> Pairs:
        target = c.preps.get("into", []) + c.preps.get("by", [])
        if not (c.passive or c.preps.get("into")):
            return []
        return [(s, o) for s in c.subj for o in target[:1]]

    def _into_subject(self, doc: Doc, c: _Clause) -> Pairs:
        if c.passive:
            target = c.preps.get("by", []) + c.preps.get("into", [])
            return [(s, o) for s in c.subj for o in target[:1]]
        return [(o, s) for s in c.subj[:1] for o in c.objs]

    def _to_object(self, doc: Doc, c: _Clause) -> Pairs:
        return [(s, o) for s in c.subj + c.companions for o in c.preps.get("to", [])[:1]]

    def _support(self, doc: Doc, c: _Clause) -> Pairs:
        if c.passive:
            return [(s, o) for s in c.subj for o in c.preps.get("by", [])]
        return [(o, s) for s in c.subj[:1] + c.companions for o in c.objs]

    def _receives(self, doc: Doc, c: _Clause) -> Pairs:
        """ "X received anti-tank missiles from Y": Y supports X."""
        things = syntax.objects(c.verb)
        if not any(t.lower_ in self.received for t in things):
            return []
        return [(s, o) for s in c.subj for o in c.preps.get("from", [])]

    def _given(self, doc: Doc, c: _Clause) -> Pairs:
        """ "Russia provided airstrikes for the PYD", "Iran sent weapons to Hezbollah"."""
        things = [t for t in syntax.objects(c.verb) if t.lower_ in self.received]
        if not things or c.passive:
            return []
        preps = dict(c.preps)
        for thing in things:
            for key, tokens in syntax.prepositions(thing).items():
                preps.setdefault(key, []).extend(self._actors(doc, tokens))
        given = preps.get("to", []) + preps.get("for", []) + preps.get("dative", [])
        for clause in c.verb.children:
            if clause.dep_ == "advcl" and any(
                k.dep_ == "mark" and k.lower_ == "for" for k in clause.children
            ):
                given += self._actors(doc, [k for k in clause.children if k.dep_ == "nsubj"])
        return [(g, s) for s in c.subj[:1] for g in given]

    def _operation_led_by(self, doc: Doc, c: _Clause) -> Pairs:
        """ "the regime tried, in an effort spearheaded by Hezbollah": Hezbollah is its ally;
        "the SDF, an alliance led by the YPG", "the coalition Army of Conquest, led by
        al-Nusra": the leader is a member of the alliance."""
        noun = c.verb.head
        named_noun = noun.head if noun.dep_ == "appos" and noun.lower_ in self.coalitions else None
        if any(k.dep_ == "compound" and k.lower_ in self.coalitions for k in noun.children):
            named_noun = noun
        if c.verb.dep_ == "acl" and named_noun is not None:
            c.predicate = "member_of"
            named = self._actors(doc, [named_noun])
            heads = [
                u
                for t in syntax.prepositions(c.verb).get("by", [])
                for u in syntax.with_conjuncts(t)
            ]
            leaders = [b for b in c.preps.get("by", []) if any(_covers(b, t) for t in heads)]
            return [(b, x) for x in named[:1] for b in leaders if b.text != x.text]
        if c.verb.dep_ != "acl" or noun.lower_ not in self.operations:
            return []
        owners = self._actors(doc, [k for k in noun.children if k.dep_ in ("poss", "compound")])
        if not owners:
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            owners = self._subjects(doc, syntax.clause_verb(gov))
        return [(b, o) for o in owners[:1] for b in c.preps.get("by", []) if b.text != o.text]

    def _coalition_members(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        """ "X is a joint operations room between A and B", "X, an alliance of A and B": the
        actors an alliance noun joins are members of the alliance it names."""
        out: list[RelationFrame] = []
        for noun in sent:
            if not noun.tag_.startswith("NN"):
                continue
            pair = f"{doc[noun.i - 1].lower_} {noun.lower_}" if noun.i > 0 else noun.lower_
            if noun.lower_ not in self.coalitions and pair not in self.coalitions:
                continue
            named = [
                x
                for x in self._coalition_named(doc, noun)
                if not any(
                    self.coref.actors[i].kind in ("state", "person")
                    for i in x.ids
                    if i in self.coref.actors
                )
            ]
            for prep in (c for c in noun.children if c.dep_ == "prep"):
                if prep.lower_ not in ("between", "of"):
                    continue
                heads = [g for g in prep.children if g.dep_ == "pobj"]
                members = self._actors(doc, heads, examples=True)
                if prep.lower_ == "between":
                    members += self._listed_under(doc, heads)
                for m in (m for m in members if not self.is_generic(m) and _named(doc, m)):
                    out.extend(
                        self._frame(sent, doc[noun.i : noun.i + 1], m, "member_of", x, "alliance")
                        for x in named[:1]
                        if x.text != m.text
                    )
        return out

    def _coalition_named(self, doc: Doc, noun: Token) -> list[Arg]:
        """The actor an alliance noun describes: the subject of "X is an alliance", the name
        it stands beside ("X, an alliance", "the alliance X")."""
        if noun.dep_ == "attr":
            return self._subjects(doc, noun.head)
        if noun.dep_ == "appos":
            return self._actors(doc, [noun.head], conjuncts=False)
        if noun.dep_ == "compound" and mention_at(doc, noun.head) is not None:
            return self._actors(doc, [noun.head], conjuncts=False)
        return []

    def _listed_under(self, doc: Doc, heads: list[Token]) -> list[Arg]:
        """Names coordinated anywhere in a list the parse broke ("between the National Front
        for Liberation and Hayat Tahrir al-Sham": the second name hangs under the first)."""
        out: list[Arg] = []
        for head in heads:
            for tok in head.subtree:
                m = mention_at(doc, tok)
                if m is None or tok.dep_ != "conj" or doc[m.start : m.end].root != tok:
                    continue
                arg = Arg.actor_of(doc, m)
                if arg is not None and all(arg.text != a.text for a in out):
                    out.append(arg)
        return out

    def _unasserted(self, doc: Doc, frame: RelationFrame) -> bool:
        """A relation in an if-clause, or a hostility or alliance noun a negated or stopping
        verb governs ("if they did not cease attacks on X", "to avoid a confrontation with Y")."""
        span = doc.char_span(frame.trigger_start, frame.trigger_end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        chain = [tok, *tok.ancestors]
        if any(k.dep_ == "neg" or (k.dep_ == "det" and k.lower_ == "no") for k in tok.children):
            return True
        if any(
            a.dep_ == "advcl"
            and any(k.dep_ == "mark" and k.lower_ in ("if", "unless") for k in a.children)
            for a in chain
        ):
            return True
        if not frame.source.startswith("noun"):
            return False
        owned = any(k.dep_ in ("poss", "compound", "amod") for k in tok.children)
        for a in chain[1:]:
            if syntax.is_verb(a):
                negated = not owned and any(k.dep_ == "neg" for k in a.children)
                return a.lower_ in self.blocking or negated
        return False

    def _symmetric(self, doc: Doc, c: _Clause) -> Pairs:
        return [(s, o) for s in c.subj[:1] for o in c.preps.get("with", []) + c.subj[1:]]

    def _hostility(self, doc: Doc, c: _Clause) -> Pairs:
        """ "X attacked Y", "X was besieged by Y", "X and Y clashed", "X clashed with Y"."""
        if c.passive:
            return [(o, s) for s in c.subj[:1] for o in c.preps.get("by", [])[:1]]
        reciprocal = c.verb.lower_ in self.reciprocal
        others = (c.objs or self._targets(doc, syntax.objects(c.verb))) + c.preps.get("against", [])
        if reciprocal:
            others += c.preps.get("with", [])
            if not others:
                return [(c.subj[0], s) for s in c.subj[1:]]
        return [(s, o) for s in c.subj[:1] + c.companions for o in others]

    def _members(self, doc: Doc, verb: Token) -> list[Arg]:
        """Actors listed as the objects of "included" (not those inside "the branch of X")."""
        out: list[Arg] = []
        for obj in [c for c in verb.children if c.dep_ in syntax.OBJECT_DEPS]:
            for tok in obj.subtree:
                m = mention_at(doc, tok)
                if m is None or doc[m.start : m.end].root != tok or _inside_of_phrase(tok):
                    continue
                misplaced = tok.dep_ == "conj" and mention_at(doc, tok.head) is None
                if not misplaced and (
                    tok.dep_ == "relcl"
                    or any(
                        a.dep_ == "relcl" for a in tok.ancestors if a.i > obj.i and a in obj.subtree
                    )
                ):
                    continue
                arg = Arg.actor_of(doc, m)
                if arg is not None and arg not in out:
                    out.append(arg)
        return out

    def _merger(self, doc: Doc, c: _Clause) -> Pairs:
        formed: list[Arg] = []
        for child in c.verb.children:
            if child.dep_ in ("xcomp", "advcl") and child.lower_ in _FORMING:
                formed = self._actors(doc, syntax.objects(child))
        merging = c.subj + c.companions + c.preps.get("with", [])
        if not formed and c.verb.lower_ in _FORMED and len(merging) >= 2:
            formed = c.objs
        return [(m, f) for f in formed[:1] for m in merging if m.text != f.text]

    def _designation(self, doc: Doc, c: _Clause) -> Pairs:
        """ "the US designated X a terrorist group", "Turkey, which considers X a terrorist ..."."""
        words = {t.lower_ for t in c.verb.subtree}
        if not words & self.designation_words:
            return []
        if c.passive:
            return [
                (s, b) for s in c.subj for b in c.preps.get("by", []) or self._designators(doc, c)
            ]
        objs = c.objs or self._actors(
            doc,
            [
                g
                for k in c.verb.children
                if k.dep_ in ("ccomp", "xcomp")
                for g in k.children
                if g.dep_ == "nsubj"
            ],
        )
        return [(o, s) for s in c.subj[:1] for o in objs[:1]]

    def _designators(self, doc: Doc, c: _Clause) -> list[Arg]:
        """ "designated (as) a terrorist organization by Turkey": the parse may hang the
        agent on the designation noun instead of the verb."""
        nouns = syntax.objects(c.verb) + [
            g for k in c.verb.children if k.dep_ == "prep" and k.lower_ == "as" for g in k.children
        ]
        return [
            a
            for n in nouns
            if n.lower_ in self.designation_words
            or any(k.lower_ in self.designation_words for k in n.children)
            for a in self._targets(doc, syntax.prepositions(n).get("by", []))
        ]

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the patterns ship with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> RelationTagger:
        return self


def _inside_of_phrase(tok: Token) -> bool:
    """True for the Y of "the branch of Y": an object of "of" under a common noun."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.tag_ in ("NN", "NNS")


def _named(doc: Doc, arg: Arg) -> bool:
    """The argument is a listed name, not a modifier of one ("Syria's 12 Kurdish parties")."""
    span = doc.char_span(arg.start_char, arg.end_char, alignment_mode="expand")
    return span is None or span.root.dep_ not in ("poss", "amod", "compound", "nmod")


def _covers(arg: Arg, tok: Token) -> bool:
    """True when ``tok`` is inside the words of ``arg`` (the leader named, not its owner:
    "led by al-Qaeda's former branch" names no member)."""
    return arg.start_char <= tok.idx < arg.end_char


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
