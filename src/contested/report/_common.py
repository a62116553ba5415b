"""What every section needs: names of actors and sources, number formats, quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis

from contested.derive import UNKNOWN
from contested.report.model import Period, Quote, SourceRef


@dataclass(frozen=True)
class SourceInfo:
    source_id: str
    title: str
    kind: str


@dataclass
class Context:
    """The knowledge base as the sections see it: a backend, names, and the window asked for."""

    con: ibis.BaseBackend
    window: Period
    actor_names: dict[str, str]
    sources: dict[str, SourceInfo]

    @classmethod
    def load(cls, con: ibis.BaseBackend, window: Period) -> Context:
        actors = con.table("actors").select("actor_id", "name").to_pyarrow().to_pylist()
        rows = con.table("sources").select("source_id", "title", "path", "kind").to_pyarrow()
        return cls(
            con, window, {a["actor_id"]: a["name"] for a in actors}, _titled(rows.to_pylist())
        )

    def actor(self, actor_id: str | None) -> str:
        """The canonical name of an actor id (the id itself when the store has no name)."""
        if actor_id is None:
            return "?"
        if actor_id == UNKNOWN:
            return UNKNOWN
        return self.actor_names.get(actor_id, actor_id)

    def source_title(self, source_id: str) -> str:
        info = self.sources.get(source_id)
        return info.title if info else source_id

    def refs(self, facts_per_source: Counter[str]) -> tuple[SourceRef, ...]:
        """The sources behind a figure, most facts first."""
        return tuple(
            SourceRef(
                sid,
                self.source_title(sid),
                self.sources[sid].kind if sid in self.sources else "?",
                n,
            )
            for sid, n in sorted(facts_per_source.items(), key=lambda kv: (-kv[1], kv[0]))
        )


def _titled(rows: list[dict[str, Any]]) -> dict[str, SourceInfo]:
    """Sources by id, each with a title no other source shares.

    A text and the facts file made from it carry the same title: the kind tells them
    apart, and the id where even that is shared.
    """
    titles = {r["source_id"]: r["title"] or r["path"] for r in rows}
    seen = Counter(titles.values())
    for r in rows:
        if seen[titles[r["source_id"]]] > 1:
            titles[r["source_id"]] += f" ({r['kind']})"
    seen = Counter(titles.values())
    for sid, title in list(titles.items()):
        if seen[title] > 1:
            titles[sid] = f"{title[:-1]}, {sid})"
    return {
        r["source_id"]: SourceInfo(r["source_id"], titles[r["source_id"]], r["kind"]) for r in rows
    }


def count(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def day(value: date | None) -> str:
    return value.isoformat() if value else "…"


def span(start: date | None, end: date | None) -> str:
    """A date range as written in tables: one day, or start – end (… where open)."""
    if start is not None and start == end:
        return start.isoformat()
    return f"{day(start)} – {day(end)}"


def quote_of(ctx: Context, row: dict[str, Any], fallback: Iterable[str] = ("notes",)) -> Quote:
    """The text behind a fact row: its verbatim quote, else the first field of ``fallback``.

    A dataset row has no sentence: its notes (or description) stand in, and the
    reference names the row of the file. A facts-file fact without a quote has only
    its own summary, a paraphrase.
    """
    source_id = str(row["source_id"])
    title = ctx.source_title(source_id)
    ref = str(row.get("fact_id") or "")
    is_row = row.get("row_number") is not None
    if is_row:
        ref = f"row {row['row_number']}" + (f" ({ref})" if ref else "")
    if row.get("quote"):
        return Quote(str(row["quote"]), title, ref, "quote")
    for name in fallback:
        if row.get(name):
            return Quote(str(row[name]), title, ref, "row" if is_row else "paraphrase")
    return Quote("", title, ref, "none")
