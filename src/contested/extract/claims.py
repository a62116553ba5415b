"""The claim tagger: reported statements, who made them, and what others said of them.

A claim is a reporting verb ("said", "claimed", "pointed out", "according
to") with a claimant and a statement (its clause or its quotation). The
event a statement asserts comes from the event frames found inside it.
Another source's verdict is an assessment: in the same sentence ("a claim
contradicted by X") or in the next one ("But ISW found ...", "SOHR
confirmed ...").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from contested.extract import syntax
from contested.extract._data import load_yaml, tokenize
from contested.extract.annotations import (
    CLAIMS,
    EVENTS,
    TIMES,
    Arg,
    ClaimFrame,
    EventFrame,
    TimeRef,
    doc_text,
    get,
    is_heading,
    mention_at,
    put,
    tokens_with,
)
from contested.extract.assessments import Assessments
from contested.extract.coref import ActorProfile, Coref

_CLAIM_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "dobj", "acl", "attr"})
_QUOTES = ("“", "”", '"')


class ClaimTagger:
    """Find claim frames (``annotations.get(doc, CLAIMS)``)."""

    def __init__(self, nlp: Language, name: str = "contested_claims") -> None:
        self.name = name
        data = load_yaml("claims.yaml")
        self.present = frozenset(data["reporting_verbs"]["present"])
        self.needs_content = frozenset(data["needs_content"])
        self.intent = frozenset(data["intent_verbs"])
        self.claimant_nouns = frozenset(data["claimant_nouns"])
        self.claim_nouns = frozenset(data["claim_nouns"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = [*data["reporting_verbs"]["past"], *data["reporting_verbs"]["present"]]
        self.matcher.add("REPORT", tokenize(nlp, forms))
        self.coref = Coref()
        self.accusing = frozenset(data["accusing_verbs"])
        self.hypothetical = frozenset(data["hypothetical_modals"])
        self.person_pronouns = self.coref.person_pronouns
        self._last_claimant: Arg | None = None
        self.assessments = Assessments(data, self._speaker)

    def use_actors(self, profiles: dict[str, ActorProfile]) -> None:
        """Give coreference the registry's kinds and names (see :mod:`contested.extract.coref`)."""
        self.coref.actors = profiles

    def __call__(self, doc: Doc) -> Doc:
        times: list[TimeRef] = get(doc, TIMES)
        events: list[EventFrame] = get(doc, EVENTS)
        spans = filter_spans([Span(doc, s, e) for _, s, e in self.matcher(doc)])
        claims: list[ClaimFrame] = []
        recent: list[tuple[int, Span, ClaimFrame]] = []
        for n, sent in enumerate(doc.sents):
            if is_heading(doc, sent):
                continue
            before = [c for m, _, c in recent if m == n - 1]
            self._last_claimant = before[-1].claimant if before else None
            found = [
                c
                for span in spans
                if sent.start <= span.start < sent.end
                for c in self._from_verb(doc, sent, span, times)
            ]
            if not found:
                found += self._according_to(doc, sent, times)
            found += self._noun_claims(doc, sent, times)
            found = _one_per_speaker(found)
            earlier = [(s, c) for m, s, c in recent if n - m <= 2]
            for claim in found:
                claim.about = _about(events, claim)
                self.assessments.same_sentence(doc, sent, claim)
            self.assessments.answer_within(doc, sent, found)
            self.assessments.answer_earlier(doc, sent, found, earlier)
            self.assessments.author(doc, sent, earlier, found)
            recent.extend((n, sent, c) for c in found)
            claims.extend(found)
        put(doc, CLAIMS, claims)
        return doc

    # --- finding claims --------------------------------------------------------------------

    def _from_verb(
        self, doc: Doc, sent: Span, span: Span, times: list[TimeRef]
    ) -> list[ClaimFrame]:
        verb = span.root
        if not verb.tag_.startswith("VB") or any(c.dep_ == "neg" for c in verb.children):
            return []
        content = [c for c in verb.children if c.dep_ in _CLAIM_DEPS]
        if verb.lower_ in self.accusing:
            content += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"]
        quoted = _quotation(sent)
        as_clause = verb.dep_ == "advcl" and any(c.lower_ == "as" for c in verb.children)
        if as_clause:
            content = [verb.head]
        if any(c.dep_ == "aux" and c.lower_ in self.hypothetical for c in verb.children):
            return []
        if verb.lower_ in self.intent:
            content = [c for c in content if c.dep_ != "xcomp"]
        if (
            not as_clause
            and verb.lower_ in self.needs_content
            and not any(c.dep_ in ("ccomp", "xcomp") for c in content)
            and not quoted
        ):
            return []
        if not content and not quoted:
            return []
        claimants = self._claimants(doc, verb)
        start, end = _statement_span(sent, verb, content, quoted)
        present = span.text.lower() in self.present or any(
            c.lower_ in ("has", "have") and c.dep_ == "aux" for c in verb.children
        )
        return [
            self._frame(doc, sent, span, claimant, start, end, present, times)
            for claimant in claimants
        ]

    def _claimants(self, doc: Doc, verb: Token) -> list[Arg]:
        """Who made the statement: each coordinated subject ("both X and Y denied"), the
        antecedent of "which", the subject of the clause a participle hangs on ("the group
        released a statement, stating ..."), or the agent of a passive."""
        tokens = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not tokens:
            auxes = [c for c in verb.children if c.dep_ == "aux"]
            tokens = [g for a in auxes for g in a.children if g.dep_ == "nsubj"]
        if syntax.is_passive(verb):
            tokens = syntax.prepositions(verb).get("by", [])
        if not tokens and verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "xcomp"):
            holder = syntax.clause_verb(verb.head)
            tokens = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not tokens and verb.dep_ == "conj":
            tokens = syntax.subjects(verb)[:1]
        out: list[Arg] = []
        for tok in sorted(tokens, key=lambda k: abs(verb.i - k.i))[:1]:
            if tok.lower_ in syntax.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                tok = verb.head
            tok = _after_label(tok)
            for each in syntax.with_conjuncts(tok):
                found = self._speaker(doc, each)
                if found is not None and all(found.text != a.text for a in out):
                    out.append(found)
        return out

    def _speaker(self, doc: Doc, tok: Token) -> Arg | None:
        for m in syntax.nominal_mentions(doc, tok):
            arg = self._arg(doc, m)
            if arg is not None:
                return arg
        if tok.lower_ in self.person_pronouns and self._last_claimant is not None:
            return self._last_claimant
        if self.coref.is_anaphor(tok):
            found = self.coref.resolve(doc, tok)
            arg = self._arg(doc, found) if found is not None else None
            if arg is not None:
                return arg
        if tok.lower_ in self.claimant_nouns:
            return self._named_speaker(doc, tok)
        return None

    def _named_speaker(self, doc: Doc, noun: Token) -> Arg:
        """ "the commander of X, Mahmoud Khallo" (the person), "Iran's foreign ministry",
        "a spokesman for the SDF" (what the phrase names), else the phrase itself."""
        for child in noun.subtree:
            if child.dep_ != "appos":
                continue
            m = mention_at(doc, child)
            person = m is not None and (
                (m.label == "NAME" and m.hint == "person")
                or any(
                    self.coref.actors[i].kind == "person" for i in m.ids if i in self.coref.actors
                )
            )
            if m is not None and (child.head == noun or person):
                arg = self._arg(doc, m)
                if arg is not None:
                    return arg
        for t in noun.subtree:
            inner = mention_at(doc, t)
            if inner is not None and t.i < noun.i:
                arg = self._arg(doc, inner)
                if arg is not None:
                    return arg
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    inner = mention_at(doc, obj)
                    arg = self._arg(doc, inner) if inner is not None else None
                    if arg is not None:
                        return arg
        return _described_speaker(doc, noun)

    def _according_to(self, doc: Doc, sent: Span, times: list[TimeRef]) -> list[ClaimFrame]:
        out: list[ClaimFrame] = []
        for tok in tokens_with(doc, sent, ("according",)):
            if tok.i + 1 >= sent.end or doc[tok.i + 1].lower_ != "to":
                continue
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            speaker = next((a for o in objs if (a := self._speaker(doc, o)) is not None), None)
            if speaker is None:
                continue
            span = doc[tok.i : tok.i + 2]
            quoted = _quotation(sent)
            start, end = quoted if quoted else (sent.start_char, sent.end_char)
            out.append(self._frame(doc, sent, span, speaker, start, end, False, times))
        return out

    def _noun_claims(self, doc: Doc, sent: Span, times: list[TimeRef]) -> list[ClaimFrame]:
        out: list[ClaimFrame] = []
        for tok in tokens_with(doc, sent, self.claim_nouns):
            if not tok.tag_.startswith("NN"):
                continue
            owners = [c for c in tok.children if c.dep_ in ("poss", "compound")]
            content = [
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(g.lower_ == "that" or g.dep_ == "nsubj" for g in c.children)
            ]
            if not owners or not content:
                continue
            speaker = self._speaker(doc, owners[0])
            if speaker is None:
                continue
            start, end = _statement_span(sent, tok, content, None)
            out.append(
                self._frame(doc, sent, doc[tok.i : tok.i + 1], speaker, start, end, False, times)
            )
        return out

    def _frame(
        self,
        doc: Doc,
        sent: Span,
        span: Span,
        claimant: Arg,
        start: int,
        end: int,
        present: bool,
        times: list[TimeRef],
    ) -> ClaimFrame:
        return ClaimFrame(
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            trigger_start=span.start_char,
            trigger_end=span.end_char,
            time_ref=_time_of(doc, sent, span.root, times),
            claimant=claimant,
            statement=doc_text(doc)[start:end].strip(' ,.\n“”"'),
            statement_start=start,
            statement_end=end,
            present_tense=present,
            confidence=0.7 if claimant.label == "ACTOR" else 0.55,
        )

    def _arg(self, doc: Doc, mention: Any) -> Arg | None:
        """The claimant a mention names, without a title the name ruler kept ("Analyst X")."""
        arg = Arg.actor_of(doc, mention)
        if arg is None or mention.label != "NAME" or mention.end - mention.start < 3:
            return arg
        first = doc[mention.start]
        if first.lower_ in self.claimant_nouns or first.lower_ in ("analyst", "expert"):
            rest = doc[mention.start + 1 : mention.end]
            return Arg(rest.text, rest.start_char, rest.end_char, arg.label, arg.ids, arg.hint)
        return arg

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> ClaimTagger:
        return self


def _one_per_speaker(claims: list[ClaimFrame]) -> list[ClaimFrame]:
    """One claim per speaker and sentence ("SOHR confirmed ... and reported ...")."""
    out: list[ClaimFrame] = []
    for claim in claims:
        if all(
            c.claimant is None or claim.claimant is None or c.claimant.text != claim.claimant.text
            for c in out
        ):
            out.append(claim)
    return out


def _after_label(subject: Token) -> Token:
    """ "Iran: Secretary ... Ali Shamkhani said", "United States: Mark Toner ... said": in a
    list item, the speaker is named after the label and its colon."""
    words = list(subject.subtree)
    colon = next((k for k, t in enumerate(words) if t.text == ":"), None)
    if colon is None:
        return subject
    after = [t for t in words[colon + 1 :] if t.dep_ in ("appos", "nsubj", "conj")]
    return after[0] if after else subject


def _described_speaker(doc: Doc, head: Token) -> Arg:
    """An unnamed speaker as the text describes it: "a security official in the North Caucasus"."""
    toks = [
        t
        for t in head.subtree
        if t.dep_ not in ("det", "predet")
        and not t.like_num
        and t.lower_ not in ("one", "some", "several", "a", "an", "the")
    ]
    toks = [
        t
        for t in toks
        if t.dep_ != "relcl"
        and not any(a.dep_ == "relcl" for a in t.ancestors if a in head.subtree)
    ]
    if not toks:
        toks = [head]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    return Arg(doc_text(doc)[start:end], start, end, "NOUN", hint="speaker")


def _quotation(sent: Span) -> tuple[int, int] | None:
    """Character range of the first quotation in the sentence."""
    text = sent.text
    open_at = min((i for i in (text.find("“"), text.find('"')) if i >= 0), default=-1)
    if open_at < 0:
        return None
    close = text.find("”", open_at + 1)
    if close < 0:
        close = text.find('"', open_at + 1)
    if close < 0:
        return None
    return sent.start_char + open_at + 1, sent.start_char + close


def _statement_span(
    sent: Span, verb: Token, content: list[Token], quoted: tuple[int, int] | None
) -> tuple[int, int]:
    clauses = [c for c in content if c.dep_ in ("ccomp", "xcomp", "acl", "relcl", "parataxis")]
    if clauses:
        toks = [t for c in clauses for t in c.subtree]
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t) for t in toks)
        return start, end
    if quoted:
        return quoted
    return sent.start_char, sent.end_char


def _about(events: list[EventFrame], claim: ClaimFrame) -> EventFrame | None:
    for frame in events:
        if frame.in_claim and claim.statement_start <= frame.trigger_start < claim.statement_end:
            return frame
    return None


def _time_of(doc: Doc, sent: Span, verb: Token, times: list[TimeRef]) -> int | None:
    for index, ref in enumerate(times):
        if not sent.start <= ref.start < sent.end:
            continue
        root = doc[ref.start : ref.end].root
        if syntax.clause_verb(root) == verb or root.head == verb:
            return index
    return None
