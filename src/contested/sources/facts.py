"""Reader for contested's own facts files (``contested-facts/1`` JSON)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from contested.facts import load_facts
from contested.tables import FactTables, SourceInfo, from_document


class FactsReader:
    """Facts JSON, as written by ``contested extract`` or by hand (gold files)."""

    name = "contested.facts_json.v1"
    kind = "facts"

    def sniff(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".json" and b"contested-facts/" in head

    def read(self, path: Path, source: SourceInfo, *, skip_bad: bool) -> FactTables:
        document, problems = load_facts(path, skip_bad=skip_bad)
        source = replace(
            source,
            doc_id=document.doc.id,
            title=document.doc.title,
            published=document.doc.published,
        )
        tables = from_document(document, source)
        skipped = tuple((p.location or "", p.problem) for p in problems)
        return replace(tables, skipped=skipped)
