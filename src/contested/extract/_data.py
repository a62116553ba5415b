"""Loading of the extractor's data files (``contested/data/extract/``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parse one YAML file of ``contested/data/extract/``; cached, so treat it as read-only."""
    text = resources.files("contested.data").joinpath("extract").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
