"""contested: conflict intelligence from reports and event datasets.

DOCS: docs/python-api.md
"""

from __future__ import annotations

from contested.errors import ContestedError
from contested.facts import FactsDocument, load_facts

__version__ = "0.1.0"

__all__ = ["ContestedError", "FactsDocument", "__version__", "load_facts"]
