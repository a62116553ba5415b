"""Extraction accuracy: the extractor's facts against gold facts, scored by score_facts.py.

Runs on the reference article, the two Wikipedia gold articles and the
development excerpts in tests/data/dev/, and prints the scorer's report for
each plus micro-averaged totals: over the development excerpts, and over all
documents. A gold file with a top-level ``"scope"`` list (``rel_*`` excerpts:
relations and claims) counts only for the parts it annotates.

    python benchmarks/accuracy.py [--scorer PATH] [--show-misses] [--keep DIR]
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
CASES = [
    (
        "seed",
        ROOT / "datasets" / "corpus" / "000_004d2f17e3819bd9.txt",
        DATA / "gold" / "000_004d2f17e3819bd9.gold.json",
    ),
    (
        "wiki: 2016 Khanasir offensive",
        DATA / "corpus" / "2016_khanasir_offensive.md",
        DATA / "gold" / "2016_khanasir_offensive.gold.json",
    ),
    (
        "wiki: Palmyra offensive (March 2016)",
        DATA / "corpus" / "palmyra_offensive_(march_2016).md",
        DATA / "gold" / "palmyra_offensive_(march_2016).gold.json",
    ),
    *[
        (f"dev: {p.stem}", p, p.with_suffix(".gold.json"))
        for p in sorted((DATA / "dev").glob("*.md"))
    ],
]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", help="path of shared/tools/score_facts.py")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--keep", help="write the predicted facts files to this folder")
    args = parser.parse_args()
    scorer = find_scorer(args.scorer)
    extractor = default_extractor()
    out_dir = Path(args.keep or tempfile.mkdtemp(prefix="contested-accuracy-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    totals: dict[str, dict[str, float]] = {}
    dev_totals: dict[str, dict[str, float]] = {}
    for name, text_path, gold_path in CASES:
        facts = extractor.extract_document(read_text_document(text_path))
        predicted = out_dir / (gold_path.name.replace(".gold.json", ".pred.json"))
        predicted.write_text(facts.to_json(), encoding="utf-8")
        command = [sys.executable, str(scorer), str(predicted), str(gold_path)]
        report = subprocess.run(
            command + (["--show-misses"] if args.show_misses else []),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(f"== {name}\n{report}")
        scores = json.loads(
            subprocess.run([*command, "--json"], capture_output=True, text=True, check=True).stdout
        )
        scope = json.loads(gold_path.read_text(encoding="utf-8")).get("scope", PARTS)
        for part in scope:
            for pool in [totals, dev_totals] if name.startswith("dev") else [totals]:
                total = pool.setdefault(part, {"matched": 0, "predicted": 0, "gold": 0})
                for key in total:
                    total[key] += scores[part][key]
    print_totals("dev excerpts", dev_totals)
    print_totals("all documents", totals)
    print(f"predicted facts in {out_dir}")


def print_totals(title: str, totals: dict[str, dict[str, float]]) -> None:
    print(f"== {title} (micro-averaged)")
    for part in PARTS:
        if part not in totals:
            continue
        t = totals[part]
        p = t["matched"] / t["predicted"] if t["predicted"] else 0.0
        r = t["matched"] / t["gold"] if t["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{part:10} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
            f"({t['matched']:.0f} matched, {t['predicted']:.0f} predicted, {t['gold']:.0f} gold)"
        )


if __name__ == "__main__":
    main()
