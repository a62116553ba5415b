"""Extraction accuracy: the extractor's facts against gold facts, scored by score_facts.py.

Runs on four groups of documents and prints the scorer's figures for each
document, then micro-averaged totals per group and over everything but the
seed (the texts the extractor is not tuned on weigh more than the seed):

- seed: the reference article (an analytic essay);
- wiki gold: the two Wikipedia gold articles;
- dev wiki: development excerpts of other Wikipedia articles (tests/data/dev/);
- dev news: wire reports, monitor updates, a press release and a think-tank
  update written from facts in the corpus (tests/data/dev/news/).

A gold file with a top-level ``"scope"`` list (the ``rel_*`` excerpts annotate
relations and claims only) counts only for the parts it annotates.

    python benchmarks/accuracy.py [--scorer PATH] [--show-misses] [--keep DIR] [--only GROUP]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from contested.extract.pipeline import default_extractor  # noqa: E402
from contested.sources.text import read_text_document  # noqa: E402

DATA = ROOT / "tests" / "data"
PARTS = ("events", "relations", "claims")


def _dev(folder: Path) -> list[tuple[str, Path, Path]]:
    return [(p.stem, p, p.with_suffix(".gold.json")) for p in sorted(folder.glob("*.md"))]


GROUPS: dict[str, list[tuple[str, Path, Path]]] = {
    "seed": [
        (
            "000_004d2f17e3819bd9",
            ROOT / "datasets" / "corpus" / "000_004d2f17e3819bd9.txt",
            DATA / "gold" / "000_004d2f17e3819bd9.gold.json",
        )
    ],
    "wiki gold": [
        (
            name,
            DATA / "corpus" / f"{name}.md",
            DATA / "gold" / f"{name}.gold.json",
        )
        for name in ("2016_khanasir_offensive", "palmyra_offensive_(march_2016)")
    ],
    "dev wiki": _dev(DATA / "dev"),
    "dev news": _dev(DATA / "dev" / "news"),
}
SCORER_PLACES = [
    os.environ.get("CONTESTED_SCORER", ""),
    str(ROOT.parent / "shared" / "tools" / "score_facts.py"),
    str(ROOT.parent.parent / "shared" / "tools" / "score_facts.py"),
    "/work/shared/tools/score_facts.py",
]


def find_scorer(given: str | None) -> Path:
    for candidate in [given or "", *SCORER_PLACES]:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    sys.exit("score_facts.py not found: pass --scorer PATH or set CONTESTED_SCORER")


def _f1(total: dict[str, float]) -> str:
    p = total["matched"] / total["predicted"] if total["predicted"] else 0.0
    r = total["matched"] / total["gold"] if total["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return (
        f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
        f"({total['matched']:.0f} matched, {total['predicted']:.0f} predicted, "
        f"{total['gold']:.0f} gold)"
    )


def _add(
    totals: dict[str, dict[str, float]], scores: dict[str, dict[str, float]], scope: list[str]
) -> None:
    for part in scope:
        total = totals.setdefault(part, {"matched": 0, "predicted": 0, "gold": 0})
        for key in total:
            total[key] += scores[part][key]


def _print_totals(title: str, totals: dict[str, dict[str, float]]) -> None:
    print(f"== {title} (micro-averaged)")
    for part in PARTS:
        if part in totals:
            print(f"{part:10} {_f1(totals[part])}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", help="path of shared/tools/score_facts.py")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--keep", help="write the predicted facts files to this folder")
    parser.add_argument("--only", choices=sorted(GROUPS), help="score one group only")
    args = parser.parse_args()
    scorer = find_scorer(args.scorer)
    extractor = default_extractor()
    out_dir = Path(args.keep or tempfile.mkdtemp(prefix="contested-accuracy-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    unseen: dict[str, dict[str, float]] = {}
    for group, cases in GROUPS.items():
        if args.only and group != args.only:
            continue
        totals: dict[str, dict[str, float]] = {}
        for name, text_path, gold_path in cases:
            facts = extractor.extract_document(read_text_document(text_path))
            predicted = out_dir / f"{name}.pred.json"
            predicted.write_text(facts.to_json(), encoding="utf-8")
            command = [sys.executable, str(scorer), str(predicted), str(gold_path)]
            report = subprocess.run(
                command + (["--show-misses"] if args.show_misses else []),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            print(f"== {group}: {name}\n{report}")
            scores = json.loads(
                subprocess.run(
                    [*command, "--json"], capture_output=True, text=True, check=True
                ).stdout
            )
            scope = json.loads(gold_path.read_text(encoding="utf-8")).get("scope", PARTS)
            _add(totals, scores, scope)
            if group != "seed":
                _add(unseen, scores, scope)
        if len(cases) > 1:
            _print_totals(group, totals)
    if unseen and not args.only:
        _print_totals("all but the seed", unseen)
    print(f"predicted facts in {out_dir}")


if __name__ == "__main__":
    main()
