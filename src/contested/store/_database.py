"""Opening, migrating and querying the DuckDB file."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from contested.errors import SchemaTooNew, StoreError
from contested.store._reference import replace_reference
from contested.store._write import write_facts
from contested.tables import FactTables

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends.duckdb import Backend as IbisDuckDB

DEFAULT_DB = "contested.duckdb"
SCHEMA_VERSION = 2
FACT_TABLES = ("events", "event_actors", "relations", "claims", "assessments")
# Tables contested.derive recomputes from the facts; see docs/analysis.md.
DERIVED_TABLES = ("control_intervals", "control_evidence")

NOT_A_KNOWLEDGE_BASE = (
    "{path} is a DuckDB file but not a contested knowledge base (it has no contested_meta "
    "table). Use --db to point at another file, or delete this one to start afresh."
)


def default_db_path() -> str:
    """The knowledge base to use when none is given: ``$CONTESTED_DB`` or ``./contested.duckdb``."""
    return os.environ.get("CONTESTED_DB") or DEFAULT_DB


@dataclass(frozen=True)
class WriteResult:
    """What one ingest of one source did."""

    source_id: str
    path: str
    added: bool
    counts: dict[str, int]
    skipped: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


def _sql(name: str) -> str:
    return resources.files("contested.store").joinpath(name).read_text(encoding="utf-8")


def _migrations() -> dict[int, str]:
    """Migration scripts by the version they produce (``migrations/0002_x.sql`` -> 2)."""
    folder = resources.files("contested.store").joinpath("migrations")
    found: dict[int, str] = {}
    if folder.is_dir():
        for entry in folder.iterdir():
            match = re.match(r"^(\d{4})_\w+\.sql$", entry.name)
            if match:
                found[int(match.group(1))] = entry.read_text(encoding="utf-8")
    return found


class Store:
    """A contested knowledge base in one DuckDB file.

    Examples
    --------
    >>> with Store.open(":memory:") as store:
    ...     store.schema_version()
    2
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
        """Open (creating or migrating as needed) the knowledge base at ``path``."""
        name = str(path) if path is not None else default_db_path()
        if read_only and name != ":memory:" and not Path(name).exists():
            raise StoreError(
                f"{name} does not exist. Run 'contested ingest FILE' first, or point --db at "
                "a knowledge base."
            )
        try:
            con = duckdb.connect(name, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {name} as a DuckDB file: {exc}") from None
        store = cls(con, name, read_only)
        try:
            store._prepare()
        except BaseException:
            con.close()
            raise
        return store

    def _prepare(self) -> None:
        tables = {
            row[0] for row in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if not tables:
            if self.read_only:
                raise StoreError(f"{self.path} is empty; ingest something first")
            with self.transaction():
                self.con.execute(_sql("schema.sql"))
                self._set_meta("schema_version", str(SCHEMA_VERSION))
            return
        if "contested_meta" not in tables:
            raise StoreError(NOT_A_KNOWLEDGE_BASE.format(path=self.path))
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"{self.path} has schema version {version}, newer than this contested "
                f"understands ({SCHEMA_VERSION}). Upgrade contested to read it."
            )
        if version < SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(
                    f"{self.path} has schema version {version} and needs migrating to "
                    f"{SCHEMA_VERSION}; open it once without read-only (e.g. 'contested sources')."
                )
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        scripts = _migrations()
        with self.transaction():
            for target in range(version + 1, SCHEMA_VERSION + 1):
                if target not in scripts:
                    raise StoreError(f"no migration to schema version {target}; this is a bug")
                self.con.execute(scripts[target])
                self._set_meta("schema_version", str(target))

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO contested_meta (key, value) VALUES (?, ?)", [key, value]
        )

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM contested_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def schema_version(self) -> int:
        return int(self.meta("schema_version") or 0)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside lands together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # Reading -------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pa.Table:
        """Run SQL (parameters bound, never interpolated) and return an Arrow table."""
        try:
            return self.con.execute(sql, params).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(str(exc).splitlines()[0]) from None

    def ibis(self) -> IbisDuckDB:
        """An Ibis backend over this store's connection, for ``derive`` and ``analysis``."""
        from contested.store._ibis import StoreBackend

        return StoreBackend.from_connection(self.con)

    def spark_views(self, session: Any, tables: Sequence[str] | None = None) -> list[str]:
        """Copy tables (default: all) into a Spark session as temporary views of the same names.

        For running the analyses on Spark: ``ibis.pyspark.connect(session)`` then reads
        them like the DuckDB file. Returns the names registered.
        """
        names = (
            list(tables)
            if tables is not None
            else [
                row[0]
                for row in self.con.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1"
                ).fetchall()
            ]
        )
        for name in names:
            rows = self.con.execute(f"SELECT * FROM {name}").to_arrow_table()
            # One chunk per column: Spark cannot convert a column of no chunks (an empty
            # table), and fails on some with several.
            if rows.num_rows:
                rows = rows.combine_chunks()
            else:
                rows = pa.table({f.name: pa.array([], f.type) for f in rows.schema})
            session.createDataFrame(rows).createOrReplaceTempView(name)
        return names

    def fingerprint(self) -> str:
        """A digest of which sources the store holds: derived tables are current when it matches."""
        row = self.con.execute(
            "SELECT md5(coalesce(string_agg(source_id, ',' ORDER BY source_id), '')) FROM sources"
        ).fetchone()
        return str(row[0]) if row else ""

    def derived_is_current(self) -> bool:
        """Whether the derived tables were computed from the sources the store holds now."""
        return self.meta("derived_fingerprint") == self.fingerprint()

    def replace_derived(self, tables: dict[str, ir.Table]) -> dict[str, int]:
        """Recompute derived tables from Ibis expressions, all in one transaction.

        Each expression is compiled to DuckDB SQL and run inside the database, so
        millions of rows never pass through Python. Returns the rows written per table.
        """
        unknown = set(tables) - set(DERIVED_TABLES)
        if unknown:
            raise StoreError(f"not derived tables: {', '.join(sorted(unknown))}")
        backend = self.ibis()
        counts: dict[str, int] = {}
        with self.transaction():
            for name, expr in tables.items():
                self.con.execute(f"DELETE FROM {name}")
                columns = ", ".join(expr.columns)
                self.con.execute(
                    f"INSERT INTO {name} ({columns}) SELECT * FROM ({backend.compile(expr)})"
                )
                counts[name] = int(self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])  # type: ignore[index]
            self._set_meta("derived_fingerprint", self.fingerprint())
        return counts

    def has_source(self, content_hash: str) -> str | None:
        row = self.con.execute(
            "SELECT source_id FROM sources WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and round-trip checks."""
        names = ("sources", "actors", "places", *FACT_TABLES)
        return {n: int(self.con.execute(f"SELECT count(*) FROM {n}").fetchone()[0]) for n in names}  # type: ignore[index]

    # Writing -------------------------------------------------------------

    def replace_reference(
        self,
        *,
        registry_hash: str,
        gazetteer_hash: str,
        actors: pa.Table,
        actor_aliases: pa.Table,
        places: pa.Table,
        place_aliases: pa.Table,
        relations: FactTables,
    ) -> None:
        """Swap in a new version of the shipped registry and gazetteer, atomically."""
        with self.transaction():
            replace_reference(
                self.con,
                actors=actors,
                actor_aliases=actor_aliases,
                places=places,
                place_aliases=place_aliases,
                relations=relations,
            )
            self._set_meta("reference.registry", registry_hash)
            self._set_meta("reference.gazetteer", gazetteer_hash)

    def write(self, facts: FactTables) -> WriteResult:
        """Store one source's facts in one transaction; a known source adds nothing."""
        source = facts.source
        existing = self.has_source(source.content_hash)
        if existing:
            return WriteResult(existing, source.path, False, {}, facts.skipped)
        with self.transaction():
            counts = write_facts(self.con, facts)
        return WriteResult(
            source.source_id, source.path, True, counts, facts.skipped, facts.warnings
        )
