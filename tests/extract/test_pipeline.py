"""The extractor over batches of documents: one facts document per input, in order."""

from __future__ import annotations

import pytest

from contested.extract.pipeline import Extractor
from contested.sources.text import read_text_document
from tests._data import DATA, SEED_TEXT


@pytest.mark.slow
def test_pipeline_processes_give_each_document_its_own_facts(extractor: Extractor) -> None:
    # The seed is longer than one chunk, and batches of one send its chunks to the worker
    # processes apart: they must still come back to one document.
    paths = [SEED_TEXT, *sorted((DATA / "dev" / "news").glob("*.md"))[:2]]
    documents = [read_text_document(p) for p in paths]
    alone = [facts.to_json() for facts in extractor.extract_documents(documents)]
    together = [
        facts.to_json()
        for facts in extractor.extract_documents(documents, batch_size=1, n_process=2)
    ]
    assert len(alone) == len(documents)
    assert together == alone
