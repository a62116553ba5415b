"""Assessments of claims: who supports, disputes or doubts a statement, and where it says so.

Three places hold a verdict on a claim: the claim's own sentence ("..., a claim
the Kremlin denied", "a claim contradicted by SOHR"); a later claim in the
same paragraph that answers it ("But ISW found ...", "Turkey said it had seen
no sign of the withdrawal"), aimed at the earlier claim it shares most words
with; and the author's own prose after it ("in fact", "there is no evidence"),
credited to the document's author (``AUTHOR``, named by the assembler).
Words in ``data/extract/claims.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from contested.extract import syntax
from contested.extract.annotations import (
    Arg,
    AssessmentFrame,
    ClaimFrame,
    doc_text,
    tokens_with,
)

_WORD = re.compile(r"[a-z]{3,}")
AUTHOR = "AUTHOR"


class Assessments:
    """Attach assessment frames to claim frames."""

    def __init__(self, data: dict[str, Any], speaker: Callable[[Doc, Token], Arg | None]) -> None:
        self.verdicts = {v: frozenset(words) for v, words in data["verdicts"].items()}
        self.all_verdict_words = frozenset(w for words in self.verdicts.values() for w in words)
        self.openers = tuple(data["contrast_openers"])
        self.claim_nouns = frozenset(data["claim_nouns"])
        self.author_cues = {v: tuple(words) for v, words in data["author_cues"].items()}
        self.answer_cues = {v: tuple(words) for v, words in data["answer_cues"].items()}
        self.speaker = speaker

    def verdict_of(self, word: str) -> str | None:
        for verdict in ("unclear", "supports", "disputes"):
            if word in self.verdicts[verdict]:
                return verdict
        return None

    def same_sentence(self, doc: Doc, sent: Span, claim: ClaimFrame) -> None:
        """ "..., a claim contradicted by X", "a claim the Kremlin denied": a verdict verb on a
        claim noun (or the claim itself) after the statement."""
        for tok in tokens_with(doc, sent, self.all_verdict_words):
            if tok.idx < claim.trigger_end or not tok.tag_.startswith("VB"):
                continue
            verdict = self.verdict_of(tok.lower_)
            if verdict is None or not self._on_a_claim(tok):
                continue
            agents = syntax.prepositions(tok).get("by", [])
            if tok.dep_ == "relcl":
                agents += [c for c in tok.children if c.dep_ == "nsubj"]
            for by in agents:
                speaker = self.speaker(doc, by)
                if speaker is not None:
                    claim.assessments.append(_frame(speaker, verdict, sent))

    def answer_within(self, doc: Doc, sent: Span, found: list[ClaimFrame]) -> None:
        """ "the TAF stated they had captured Ras al-Ayn, but the SDF denied that ...": a
        verdict verb after a contrast word answers the claim made before it in the sentence
        (not one it is part of: "X said Y denied ...")."""
        text = doc_text(doc)
        for i, claim in enumerate(found):
            verdict = self.verdict_of(text[claim.trigger_start : claim.trigger_end].lower())
            before = text[sent.start_char : claim.trigger_start].lower()
            if verdict is None or claim.claimant is None or not _contrast(before, self.openers):
                continue
            others = [
                c
                for c in found[:i]
                if c.claimant is not None
                and c.claimant.text != claim.claimant.text
                and c.trigger_end <= claim.trigger_start
                and not c.statement_start <= claim.trigger_start < c.statement_end
            ]
            for other in (c for c in others if c.trigger_start == others[-1].trigger_start):
                other.assessments.append(
                    AssessmentFrame(
                        claim.claimant,
                        verdict,
                        claim.statement or sent.text.strip(),
                        sent.start_char,
                        sent.end_char,
                    )
                )

    def _on_a_claim(self, verb: Token) -> bool:
        """The verdict verb qualifies a claim noun ("a claim contradicted by", "a claim the
        Kremlin denied") rather than some other thing ("supported by HTS")."""
        head = verb.head
        return verb.dep_ in ("acl", "relcl", "amod") and head.lower_ in self.claim_nouns

    def answer_earlier(
        self,
        doc: Doc,
        sent: Span,
        found: list[ClaimFrame],
        earlier: list[tuple[Span, ClaimFrame]],
    ) -> None:
        """A claim that answers one made in the two sentences before: in the same paragraph,
        or (news give each sentence a paragraph) about the same things."""
        if not earlier:
            return
        opener = sent.text.strip().lower().startswith(self.openers)
        for claim in found:
            verdict = self._answer_verdict(doc, claim, opener)
            if verdict is None or claim.claimant is None:
                continue
            words = _content(doc_text(doc)[claim.sent_start : claim.sent_end])
            others = [
                c
                for s, c in earlier
                if c.claimant
                and c.claimant.text != claim.claimant.text
                and len(words & _content(c.statement))
                >= (1 if _same_paragraph(doc, s, sent) else 3)
            ]
            target = _closest(doc, claim, others)
            if target is not None:
                target.assessments.append(
                    AssessmentFrame(
                        claim.claimant,
                        verdict,
                        claim.statement or sent.text.strip(),
                        sent.start_char,
                        sent.end_char,
                    )
                )

    def _answer_verdict(self, doc: Doc, claim: ClaimFrame, opener: bool) -> str | None:
        """A reporting verb of verdict ("denied", "confirmed"), a contrast opener, or a
        statement of dispute ("there was no sign of ...")."""
        word = doc_text(doc)[claim.trigger_start : claim.trigger_end].lower()
        verdict = self.verdict_of(word)
        if verdict is not None and not (opener and verdict != "supports"):
            return verdict
        if opener:
            return "disputes"
        return self._cue(claim.statement.lower(), self.answer_cues)

    def author(
        self, doc: Doc, sent: Span, earlier: list[tuple[Span, ClaimFrame]], own: list[ClaimFrame]
    ) -> None:
        """The author's verdict: cue words in the sentence right after a claim, in the same
        paragraph, when that sentence reports no claim of its own."""
        if own:
            return
        last = [(s, c) for s, c in earlier if s.end <= sent.start and sent.start - s.end <= 1]
        last = [(s, c) for s, c in last if _same_paragraph(doc, s, sent)]
        verdict = self._cue(sent.text.lower(), self.author_cues) if last else None
        if verdict is not None:
            last[-1][1].assessments.append(_author_frame(verdict, sent))

    @staticmethod
    def _cue(text: str, cues: dict[str, tuple[str, ...]]) -> str | None:
        for verdict in ("unclear", "disputes"):
            if any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in cues.get(verdict, ())):
                return verdict
        return None


def _contrast(before: str, openers: tuple[str, ...]) -> bool:
    """A contrast word between the earlier claim and this one ("..., but X denied")."""
    clause = re.split(r"[,;:]", before)[-2:]
    return any(re.search(rf"\b{re.escape(o)}\b", part) for part in clause for o in openers)


def _frame(by: Arg, verdict: str, sent: Span) -> AssessmentFrame:
    return AssessmentFrame(by, verdict, sent.text.strip(), sent.start_char, sent.end_char)


def _author_frame(verdict: str, sent: Span) -> AssessmentFrame:
    return _frame(Arg("", sent.start_char, sent.start_char, AUTHOR), verdict, sent)


def _same_paragraph(doc: Doc, first: Span, second: Span) -> bool:
    """No blank line between the two sentences (a sentence's span may hold the line breaks)."""
    text = doc_text(doc)
    end = first.start_char + len(text[first.start_char : first.end_char].rstrip())
    return "\n\n" not in text[end : second.start_char]


def _closest(doc: Doc, claim: ClaimFrame, earlier: list[ClaimFrame]) -> ClaimFrame | None:
    """The earlier claim sharing most content words with the answer (the latest on a tie)."""
    if not earlier:
        return None
    text = doc_text(doc)
    words = _content(text[claim.sent_start : claim.sent_end])
    scored = [(len(words & _content(c.statement)), i) for i, c in enumerate(earlier)]
    return earlier[max(scored)[1]]


def _content(text: str) -> set[str]:
    """Content words cut to five letters, so "withdrawn" meets "withdrawal"."""
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in STOP_WORDS}
