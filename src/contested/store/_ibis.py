"""The Ibis backend over a store's DuckDB connection."""

from __future__ import annotations

import ibis.expr.schema as sch
from ibis.backends.duckdb import Backend


class StoreBackend(Backend):
    """DuckDB's Ibis backend, remembering each table's schema once asked.

    An analysis names the same few tables a dozen times, and each name costs a
    catalog query; the store's tables keep their columns while it is open
    (migrations run on opening, derived tables are refilled, not re-created).
    """

    def get_schema(
        self, table_name: str, *, catalog: str | None = None, database: str | None = None
    ) -> sch.Schema:
        schemas: dict[tuple[str, str | None, str | None], sch.Schema]
        schemas = self.__dict__.setdefault("_contested_schemas", {})
        key = (table_name, catalog, database)
        if key not in schemas:
            schemas[key] = super().get_schema(table_name, catalog=catalog, database=database)
        return schemas[key]
