"""``contested demo`` on a small copy of the bundled data: the orchestration and its reuse."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tests._data import DATASETS, Invoke


def _head_csv(source: Path, target: Path, rows: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        source.open(newline="", encoding="utf-8") as f_in,
        target.open("w", newline="", encoding="utf-8") as f_out,
    ):
        writer = csv.writer(f_out)
        for n, row in enumerate(csv.reader(f_in)):
            if n > rows:
                break
            writer.writerow(row)


@pytest.fixture(scope="module")
def small_datasets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled layout with the reference article, two articles and the datasets' heads."""
    root = tmp_path_factory.mktemp("datasets")
    corpus = root / "corpus"
    (corpus / "wikipedia").mkdir(parents=True)
    for name in ("000_004d2f17e3819bd9.txt", "000_004d2f17e3819bd9.meta.json"):
        shutil.copy(DATASETS / "corpus" / name, corpus / name)
    for name in ("2016_khanasir_offensive.md", "palmyra_offensive_(march_2016).md"):
        shutil.copy(DATASETS / "corpus" / "wikipedia" / name, corpus / "wikipedia" / name)
    _head_csv(
        DATASETS / "ucdp" / "ged-syria-19.1-2016-2019.csv",
        root / "ucdp" / "ged-syria-19.1-2016-2019.csv",
        300,
    )
    _head_csv(
        DATASETS / "syrianarchive" / "violations.csv",
        root / "syrianarchive" / "violations.csv",
        300,
    )
    return root


@pytest.mark.slow
def test_cli_demo_builds_then_reuses(invoke: Invoke, small_datasets: Path, tmp_path: Path) -> None:
    report = tmp_path / "report"
    args = (
        "demo",
        "--no-serve",
        "--no-progress",
        "--datasets",
        str(small_datasets),
        "--report",
        str(report),
    )
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    assert ": 5 sources added (" in first.output
    html = (report / "index.html").read_text(encoding="utf-8")
    for heading in ("1. Strike attribution", "3. Claim audit", "4. Group lineages"):
        assert f"<h2>{heading}</h2>" in html
    assert "<svg" in html
    second = invoke(*args)
    assert second.exit_code == 0, second.output
    assert ": 0 sources added (0 events, 0 relations, 0 claims), 5 already there" in second.output


def test_cli_demo_without_datasets_says_where_to_point(invoke: Invoke, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "ucdp").mkdir()
    result = invoke("demo", "--no-serve", "--datasets", str(empty))
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Error: {empty / 'corpus' / '000_004d2f17e3819bd9.txt'}: missing;"
    )
    assert "pass --datasets PATH" in result.output
