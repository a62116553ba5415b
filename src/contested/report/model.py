"""What a report holds: sections of figures, tables, charts and where each comes from.

Plain data, computed by the section modules and rendered by templates; no
section knows whether it ends up as HTML or Markdown. Every string from a
source stays a plain ``str`` here: the templates escape it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Period:
    """A stretch of days, either end open; ``label`` names it in tables."""

    label: str
    start: date | None = None
    end: date | None = None

    def holds(self, day: date | None) -> bool:
        """Whether ``day`` falls inside (an unknown day falls in no bounded period)."""
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def within(self, window: Period) -> Period:
        """This period cut to ``window``."""
        starts = [d for d in (self.start, window.start) if d is not None]
        ends = [d for d in (self.end, window.end) if d is not None]
        return Period(self.label, max(starts, default=None), min(ends, default=None))


@dataclass(frozen=True)
class Table:
    """Rows of preformatted cells; ``numeric`` columns are right-aligned."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()

    def is_numeric(self, index: int) -> bool:
        return index < len(self.numeric) and self.numeric[index]


@dataclass(frozen=True)
class SourceRef:
    """A source of the knowledge base and how many of its facts a figure uses."""

    source_id: str
    title: str
    kind: str
    facts: int


@dataclass(frozen=True)
class Provenance:
    """Where a figure comes from: the method in a sentence, the sources, the limits."""

    method: str
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class Chart:
    """A Vega-Lite chart: ``spec`` until rendered, then ``svg`` (and ``file`` for Markdown)."""

    name: str
    title: str
    description: str
    spec: dict[str, Any]
    svg: str = ""
    file: str = ""


@dataclass(frozen=True)
class Quote:
    """The text behind a fact and the source it is from.

    ``kind`` says what the text is: ``quote`` (the source's own sentence, verbatim),
    ``row`` (a dataset row's notes or description), ``paraphrase`` (a facts file's
    summary of the source, no sentence recorded) or ``none`` (no text at all).
    """

    text: str
    source: str
    ref: str
    kind: str

    @property
    def verbatim(self) -> bool:
        return self.kind == "quote"

    @property
    def label(self) -> str:
        """What the text is, for a reader: empty for a verbatim quote."""
        return _QUOTE_LABELS.get(self.kind, "")


_QUOTE_LABELS = {
    "row": "data row, not a quotation",
    "paraphrase": "as summarised in the facts file; no sentence recorded",
    "none": "no text recorded",
}


@dataclass(frozen=True)
class Figure:
    """A published figure (a percentage a claimant stated) set against the record."""

    claimant: str
    on: str
    statement: str
    percent: float
    target: str | None
    quote: Quote


@dataclass
class StrikeSection:
    title: str
    actor: str
    total: int
    unknown: int
    shares: Table
    chart: Chart | None
    figures: list[Figure]
    comparison: Table | None
    target: str | None
    provenance: Provenance


@dataclass
class TerritorySection:
    title: str
    changes: int
    by_actor: Table
    listed: Table
    omitted: int
    chart: Chart | None
    provenance: Provenance


@dataclass(frozen=True)
class Evidence:
    stance: str
    kind: str
    detail: str
    quote: Quote


@dataclass(frozen=True)
class AuditedClaim:
    source: str
    claim_id: str
    claimant: str
    dates: str
    statement: str
    verdict: str
    supporting: int
    contradicting: int
    quote: Quote | None
    evidence: tuple[Evidence, ...]


@dataclass
class ClaimGroup:
    """Claims of one source, without evidence or a quoted sentence, listed compactly."""

    source: str
    claims: Table


@dataclass
class ClaimSection:
    title: str
    total: int
    verdicts: Table
    chart: Chart | None
    detailed: list[AuditedClaim]
    listed: list[ClaimGroup]
    provenance: Provenance


@dataclass
class Lineage:
    """What one group came from: its predecessors as a timeline."""

    actor: str
    actor_id: str
    members: Table
    chart: Chart | None


@dataclass
class LineageSection:
    title: str
    lineages: list[Lineage]
    provenance: Provenance


@dataclass
class CoverageSection:
    title: str
    sources: Table
    by_kind: Table
    resolution: Table
    flagged: Table
    control: Table
    chart: Chart | None
    provenance: Provenance


@dataclass
class Report:
    title: str
    generated: str
    database: str
    window: Period
    strikes: StrikeSection
    territory: TerritorySection
    claims: ClaimSection
    lineage: LineageSection
    coverage: CoverageSection

    def sections(self) -> list[Any]:
        return [self.strikes, self.territory, self.claims, self.lineage, self.coverage]

    def charts(self) -> list[Chart]:
        found = [s.chart for s in self.sections() if getattr(s, "chart", None) is not None]
        found += [line.chart for line in self.lineage.lineages if line.chart is not None]
        return found
