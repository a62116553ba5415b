"""Paths of the real inputs tests read, and small helpers to inspect a knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from click.testing import Result

from contested.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DATASETS = ROOT / "datasets"
SEED_GOLD = DATA / "gold" / "000_004d2f17e3819bd9.gold.json"
PALMYRA_GOLD = DATA / "gold" / "palmyra_offensive_(march_2016).gold.json"
UCDP_CSV = DATASETS / "ucdp" / "ged-syria-19.1-2016-2019.csv"
SYRIAN_ARCHIVE_CSV = DATASETS / "syrianarchive" / "violations.csv"
SEED_TEXT = DATASETS / "corpus" / "000_004d2f17e3819bd9.txt"
SCRIPT_FACTS = DATA / "script_injection.facts.json"
HOSTILE_FACTS = DATA / "hostile.facts.json"


def table_counts(path: Path) -> dict[str, int]:
    """Row counts of every table, or {} when there is no file: the 'database unchanged' check."""
    if not path.exists():
        return {}
    with Store.open(path, read_only=True) as opened:
        return opened.counts()


class Invoke(Protocol):
    """The ``invoke`` fixture: runs ``contested ARGS... --db <tmp kb>`` in-process."""

    def __call__(self, *args: str, db: Path | None = ..., input: str | None = ...) -> Result: ...
