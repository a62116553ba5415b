"""The end-to-end extractor (full spaCy model, registry, gazetteer), loaded once per session."""

from __future__ import annotations

from datetime import date

import pytest

from contested.extract.pipeline import Extractor, default_extractor, extract_text
from contested.facts import FactsDocument


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return default_extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):  # type: ignore[no-untyped-def]
    """``extract(text, published=...)`` -> FactsDocument, with the shared extractor."""

    def run(
        text: str, published: date | None = date(2016, 6, 21), title: str | None = None
    ) -> FactsDocument:
        return extract_text(text, published=published, title=title, extractor=extractor)

    return run


def names(facts: FactsDocument, ident: str | None) -> set[str]:
    """Every name the facts give the actor or place ``ident`` (id, name, aliases, mention)."""
    for item in [*facts.actors, *facts.places]:
        if item.id == ident:
            extra = {getattr(item, "mention", None)} - {None}
            return {item.id, item.name, *item.aliases, *extra}  # type: ignore[arg-type]
    return {ident} if ident else set()
