"""What the extraction components leave on a spaCy ``Doc``, and how to read it back.

Each component stores plain dataclasses under one ``doc.user_data`` key, so
the next component (and a test) can read them without extension set-up:
mentions, time expressions, event frames, relation frames, claim frames.
Character offsets are relative to the Doc; ``doc_offset`` says where the Doc
starts in the original text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from contested.extract.timeparse import TimeMatch

MENTIONS = "contested.mentions"
MENTION_INDEX = "contested.mention_index"
TIMES = "contested.times"
EVENTS = "contested.events"
RELATIONS = "contested.relations"
CLAIMS = "contested.claims"
HEADINGS = "contested.headings"
_TEXT = "contested.text"
_SENT_STARTS = "contested.sent_starts"
_MENTION_STARTS = "contested.mention_starts"
_LOWERS = "contested.lowers"


@dataclass(frozen=True)
class Mention:
    """A name in the text: ACTOR or PLACE (known names), NAME (unknown proper noun)."""

    start: int
    end: int
    label: str
    ids: tuple[str, ...] = ()
    metonym: tuple[str, ...] = ()
    hint: str | None = None

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass(frozen=True)
class TimeRef:
    """A temporal expression on the Doc: its tokens, its parse and whether it sets the narrative."""

    start: int
    end: int
    match: TimeMatch
    main: bool
    initial: bool = False
    flashback: bool = False


@dataclass
class Arg:
    """One argument of a frame: the words, where they are, and what they name."""

    text: str
    start_char: int
    end_char: int
    label: str
    ids: tuple[str, ...] = ()
    hint: str | None = None

    @classmethod
    def from_mention(cls, doc: Doc, mention: Mention) -> Arg:
        span = mention.span(doc)
        return cls(
            span.text, span.start_char, span.end_char, mention.label, mention.ids, mention.hint
        )

    @classmethod
    def actor_of(cls, doc: Doc, mention: Mention) -> Arg | None:
        """The actor a mention can stand for: an actor, a name not cued as a place, or the
        actor a place name stands for ("Moscow" for Russia); None for anything else."""
        if mention.label == "ACTOR" or (mention.label == "NAME" and mention.hint != "place"):
            return cls.from_mention(doc, mention)
        if mention.label == "PLACE" and mention.metonym:
            span = mention.span(doc)
            return cls(
                span.text, span.start_char, span.end_char, "ACTOR", mention.metonym, "metonym"
            )
        return None


@dataclass
class Frame:
    """Where a fact was stated: its sentence, its trigger and its time reference."""

    sent_start: int
    sent_end: int
    trigger_start: int
    trigger_end: int
    time_ref: int | None = None


@dataclass
class EventFrame(Frame):
    """An event as the sentence states it, before names are resolved."""

    event_type: str = ""
    sub_event_type: str | None = None
    territory: str | None = None
    actor1: Arg | None = None
    assoc_actor1: list[Arg] = field(default_factory=list)
    actor2: Arg | None = None
    assoc_actor2: list[Arg] = field(default_factory=list)
    place: Arg | None = None
    fatalities: int | None = None
    confidence: float = 0.5
    trigger_text: str = ""
    in_claim: bool = False
    attributed: bool = False
    frame: str = ""
    # Evidence the confidence is scored from: the trigger's own certainty, whether the
    # clause names the place and whether it dates the event.
    trigger_weight: float = 0.6
    placed: bool = True
    dated: bool = False


@dataclass
class RelationFrame(Frame):
    """A relation between two actors as the sentence states it."""

    subject: Arg | None = None
    predicate: str = ""
    object: Arg | None = None
    ends: bool = False
    begins: bool = False
    confidence: float = 0.6
    source: str = ""


@dataclass
class AssessmentFrame:
    """Another source's verdict on a claim."""

    by: Arg
    verdict: str
    statement: str
    start_char: int
    end_char: int


@dataclass
class ClaimFrame(Frame):
    """A reported statement: who said it, what, and the verdicts of others."""

    claimant: Arg | None = None
    statement: str = ""
    statement_start: int = 0
    statement_end: int = 0
    present_tense: bool = False
    about: EventFrame | None = None
    assessments: list[AssessmentFrame] = field(default_factory=list)
    confidence: float = 0.6


def get(doc: Doc, key: str) -> Any:
    """The annotations a component stored under ``key`` (an empty list when none)."""
    return doc.user_data.get(key, [])


def put(doc: Doc, key: str, value: Any) -> None:
    doc.user_data[key] = value


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins the tokens again on every access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def tokens_with(doc: Doc, sent: Span, words: Collection[str]) -> list[Token]:
    """Tokens of ``sent`` whose lower-case form is in ``words``, without building the others.

    Components scan every sentence for a few words; creating a Token object for each word
    of the text would cost more than the rest of their work.
    """
    lowers = doc.user_data.get(_LOWERS)
    if lowers is None:
        lowers = doc.user_data[_LOWERS] = [t.lower_ for t in doc]
    return [doc[i] for i in range(sent.start, sent.end) if lowers[i] in words]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``, found by bisection (``token.sent`` scans the Doc)."""
    starts = doc.user_data.get(_SENT_STARTS)
    if starts is None:
        starts = doc.user_data[_SENT_STARTS] = [s.start for s in doc.sents] + [len(doc)]
    k = bisect_right(starts, i) - 1
    return doc[starts[k] : starts[k + 1]]


def is_heading(doc: Doc, sent: Span) -> bool:
    """True when the sentence is a heading line (see :mod:`contested.extract.sentences`)."""
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and first.idx in doc.user_data.get(HEADINGS, ())


def mention_at(doc: Doc, token: Token | int) -> Mention | None:
    """The mention covering ``token``, if any."""
    index = doc.user_data.get(MENTION_INDEX)
    if index is None:
        return None
    i = token if isinstance(token, int) else token.i
    j = index[i]
    return get(doc, MENTIONS)[j] if j >= 0 else None


def mentions_in(doc: Doc, start: int, end: int) -> list[Mention]:
    """Mentions that start within tokens ``start``..``end`` (found by bisection)."""
    mentions: list[Mention] = get(doc, MENTIONS)
    starts = doc.user_data.get(_MENTION_STARTS)
    if starts is None or len(starts) != len(mentions):
        starts = doc.user_data[_MENTION_STARTS] = [m.start for m in mentions]
    return mentions[bisect_left(starts, start) : bisect_left(starts, end)]


def set_mentions(doc: Doc, mentions: list[Mention]) -> None:
    mentions = sorted(mentions, key=lambda m: m.start)
    index = [-1] * len(doc)
    for j, m in enumerate(mentions):
        for i in range(m.start, m.end):
            index[i] = j
    doc.user_data[MENTIONS] = mentions
    doc.user_data[MENTION_INDEX] = index
