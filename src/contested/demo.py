"""The demo: a knowledge base from everything bundled, its analyses and its report.

``contested demo`` is the main job: it reads the reference article and the
Wikipedia corpus (extracted), UCDP GED Syria and the Syrian Archive allegations,
derives control of territory, and writes the report. Ingest is idempotent, so
a second run reuses what is already in the knowledge base and only rewrites
the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from contested.errors import InputError
from contested.ingest import ingest_each
from contested.progress import ProgressFn, no_progress
from contested.report import ReportPaths, build_report
from contested.store import Store, WriteResult

DATASETS_HELP = (
    "cannot find the bundled datasets folder (with ucdp/, syrianarchive/ and corpus/); run "
    "from the contested checkout or pass --datasets PATH"
)


@dataclass(frozen=True)
class DemoInputs:
    """The bundled files, in the order they are ingested."""

    reference: Path
    corpus: list[Path]
    ucdp: Path
    syrian_archive: Path

    def all(self) -> list[Path]:
        return [self.reference, *self.corpus, self.ucdp, self.syrian_archive]


@dataclass(frozen=True)
class DemoResult:
    added: list[WriteResult]
    reused: list[WriteResult]
    report: ReportPaths


def find_datasets(given: Path | None = None) -> Path:
    """The datasets folder: ``given``, else ./datasets, else the checkout's."""
    if given is not None:
        return given
    for folder in (Path.cwd() / "datasets", Path(__file__).resolve().parents[2] / "datasets"):
        if (folder / "ucdp").is_dir() and (folder / "corpus").is_dir():
            return folder
    raise InputError(str(Path.cwd()), DATASETS_HELP)


def demo_inputs(datasets: Path) -> DemoInputs:
    """The bundled files under ``datasets``; a missing one is an error naming it."""
    inputs = DemoInputs(
        reference=datasets / "corpus" / "000_004d2f17e3819bd9.txt",
        corpus=sorted((datasets / "corpus" / "wikipedia").glob("*.md")),
        ucdp=datasets / "ucdp" / "ged-syria-19.1-2016-2019.csv",
        syrian_archive=datasets / "syrianarchive" / "violations.csv",
    )
    corpus = [p for p in inputs.corpus if p.name != "ATTRIBUTION.md"]
    inputs = DemoInputs(inputs.reference, corpus, inputs.ucdp, inputs.syrian_archive)
    for path in inputs.all():
        if not path.is_file():
            raise InputError(str(path), f"missing; {DATASETS_HELP}")
    if not corpus:
        raise InputError(str(datasets / "corpus" / "wikipedia"), "no Markdown articles found")
    return inputs


def run_demo(
    store: Store,
    datasets: Path,
    report_dir: Path,
    *,
    progress: ProgressFn = no_progress,
    on_result: Callable[[WriteResult], None] | None = None,
) -> DemoResult:
    """Ingest the bundled data (reusing what is there), derive, and write the report."""
    inputs = demo_inputs(datasets)
    added: list[WriteResult] = []
    reused: list[WriteResult] = []
    for result in ingest_each(inputs.all(), store, progress=progress):
        (added if result.added else reused).append(result)
        if on_result:
            on_result(result)
    report = build_report(store, report_dir, progress=progress)
    return DemoResult(added, reused, report)
