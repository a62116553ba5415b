"""Loading of the extractor's data files (``contested/data/extract/``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc


@cache
def load_yaml(name: str) -> Any:
    """Parse one YAML file of ``contested/data/extract/``; cached, so treat it as read-only."""
    text = (
        resources.files("contested.data")
        .joinpath("extract")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def tokenize(nlp: Language, texts: list[str]) -> list[Doc]:
    """Pattern Docs for a PhraseMatcher: the texts through the tokenizer only."""
    tokenizer: Any = nlp.tokenizer
    return list(tokenizer.pipe(texts))
