"""The knowledge base: one DuckDB file holding every fact with its source.

Only this package knows the store is DuckDB. It knows nothing of readers or
extraction: it receives :class:`~contested.tables.FactTables` whose
``actors``/``places`` tables are already resolved to canonical ids, and
writes a source whole or not at all. DOCS: docs/store.md
"""

from __future__ import annotations

from contested.store._database import (
    DEFAULT_DB,
    DERIVED_TABLES,
    Store,
    WriteResult,
    default_db_path,
)

__all__ = ["DEFAULT_DB", "DERIVED_TABLES", "Store", "WriteResult", "default_db_path"]
