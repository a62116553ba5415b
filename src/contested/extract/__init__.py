"""Text to sourced facts: the extraction pipeline.

``extract_text`` and ``extract_document`` return a :class:`~contested.facts.FactsDocument`
whose every event, relation and claim carries its quote and character span.
DOCS: docs/extract.md
"""

from __future__ import annotations

from contested.extract.classify import Classification, Snippet, classify_snippets
from contested.extract.knowledge import Knowledge, default_knowledge
from contested.extract.pipeline import (
    Extractor,
    build_pipeline,
    default_extractor,
    extract_document,
    extract_text,
)

__all__ = [
    "Classification",
    "Extractor",
    "Knowledge",
    "Snippet",
    "build_pipeline",
    "classify_snippets",
    "default_extractor",
    "default_knowledge",
    "extract_document",
    "extract_text",
]
