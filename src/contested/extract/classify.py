"""Snippet classification: the most likely ACLED sub-event type of a short text, or "none".

The same event typing the extractor uses: each snippet is extracted, and
the event with the highest confidence names the type. A snippet with no
event (a flood, a crime story, a diplomatic visit) is "none"; so is one
whose only event has no conflict actor in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from contested.extract.pipeline import Extractor
from contested.facts import FactsDocument
from contested.sources.text import text_document_from_string

NONE = "none"
# Event types that are political violence whoever the text names (a car bomb, an air strike).
SELF_EVIDENT = frozenset({"Explosions/Remote violence"})
# Confidence of "none" when not a single trigger word was found, and when triggers were weak.
NONE_CLEAR = 0.9
NONE_WEAK = 0.6


@dataclass(frozen=True)
class Snippet:
    """A short text to classify."""

    id: str
    text: str
    published: date | None = None


@dataclass(frozen=True)
class Classification:
    """The sub-event type a snippet reports, with a score in 0..1."""

    id: str
    sub_event_type: str
    score: float

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "sub_event_type": self.sub_event_type, "score": self.score}


def classify_snippets(
    snippets: Iterable[Snippet], extractor: Extractor, *, batch_size: int = 64
) -> Iterator[Classification]:
    """Classify each snippet, in order."""
    pending: list[Snippet] = []

    def documents() -> Iterator[object]:
        for snippet in snippets:
            pending.append(snippet)
            yield text_document_from_string(
                snippet.text, doc_id=snippet.id, published=snippet.published
            )

    for facts in extractor.extract_documents(documents(), batch_size=batch_size):  # type: ignore[arg-type]
        snippet = pending.pop(0)
        yield best_type(snippet.id, facts)


def best_type(snippet_id: str, facts: FactsDocument) -> Classification:
    """The highest-confidence event of ``facts`` (or claim about an event), else "none"."""
    scored: list[tuple[float, str]] = []
    armed = {a.id for a in facts.actors if a.kind not in (None, "civilians")}
    for event in facts.events:
        if not event.sub_event_type:
            continue
        if (
            event.event_type in SELF_EVIDENT
            or armed & {event.actor1, event.actor2}
            or (event.event_type in ("Protests", "Riots") and event.actor1)
        ):
            scored.append((event.confidence or 0.5, event.sub_event_type))
    for claim in facts.claims:
        if claim.about and claim.about.sub_event_type:
            scored.append((0.8 * (claim.confidence or 0.5), claim.about.sub_event_type))
    if not scored:
        weak = bool(facts.events)
        return Classification(snippet_id, NONE, NONE_WEAK if weak else NONE_CLEAR)
    score, sub = max(scored)
    return Classification(snippet_id, sub, round(score, 3))
