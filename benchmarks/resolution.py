"""Resolution accuracy on the gold facts files, and resolution throughput.

Usage: python benchmarks/resolution.py [GOLD.json ...] [--registry PATH] [--gazetteer PATH]

Actors. Gold ids are not registry ids, so each gold actor is mapped through
its canonical name: the registry actor that the gold ``name`` resolves to is
the gold actor's *target* (when the name itself is unknown, the actor most of
its aliases resolve to). The target must be a sensible match: one of its
registry names equals (normalised or folded) one of the gold actor's names;
otherwise the gold actor has no target. Each gold name and alias then counts
as right when it resolves to the target (strict), and for the lenient figure
also when it resolves to an actor of the target's lineage (renames,
mergers) or parent chain (the gold file's "PYD" aliases YPG, the registry's
PYD is YPG's parent). A gold actor is right when all its names are. The goal
(95%) is read on the names of gold actors that have a counterpart. For gold
actors without one (persons named once, an orchestra), a name is right when
it stays unknown: a new, flagged actor rather than someone else.

Places. Each gold place with coordinates counts as right when its
``mention`` (its ``name`` when there is none), resolved in one document
context per gold file in file order, lands within 25 km of the gold point.
The share is also given for the gold places the gazetteer can know: those
with a name (folded) in the gazetteer within 25 km of the gold point; the
others (a hotel, a roundabout, a hill numbered by the army) are in no shipped
source, so no resolver could place them.

Throughput. The names of every UCDP GED row (where_coordinates, side_a,
side_b) in file order, through a fresh resolver: the realistic stream of an
ingest, where names repeat. Also the unique names of that stream plus the gold
names, each once, with empty caches (the cold rate), and the index build time.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from contested.resolve.gazetteer import haversine_km  # noqa: E402
from contested.resolve.names import fold, normalise  # noqa: E402
from contested.resolve.resolver import Resolver  # noqa: E402

GOLD = sorted((ROOT / "tests" / "data" / "gold").glob("*.gold.json"))
UCDP = ROOT / "datasets" / "ucdp" / "ged-syria-19.1-2016-2019.csv"
RADIUS_KM = 25.0


def gold_names(actor: dict[str, Any]) -> list[str]:
    """A gold actor's name and aliases, without repeats."""
    return list(dict.fromkeys([actor["name"], *actor.get("aliases", [])]))


def target_of(resolver: Resolver, actor: dict[str, Any]) -> str | None:
    """The registry actor a gold actor stands for, if a sensible one exists."""
    names = gold_names(actor)
    first = resolver.resolve_actor(names[0])
    target = first.id if not first.flagged else None
    if target is None:
        votes = Counter(r.id for n in names if not (r := resolver.resolve_actor(n)).flagged)
        target = votes.most_common(1)[0][0] if votes else None
    if target is None:
        return None
    keys = {normalise(n) for n in names} | {fold(n) for n in names}
    registry_names = resolver.registry.aliases_of(target)
    if any(normalise(n) in keys or fold(n) in keys for n in registry_names):
        return target
    return None


def related(resolver: Resolver, a: str, b: str) -> bool:
    """Same actor, or one in the other's lineage or parent chain."""
    if a == b:
        return True
    registry = resolver.registry
    lineage = registry.lineage(b)
    kin = {v.subject for v in lineage.came_from} | {v.object for v in lineage.became}
    kin |= {x.id for x in registry.ancestors(b)} | {x.id for x in registry.ancestors(a)}
    return a in kin or b in kin


def actor_scores(resolver: Resolver, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Gold names that resolve right, for gold actors the registry has and has not."""
    counts: Counter[str] = Counter()
    failures: list[str] = []
    for doc in docs:
        for actor in doc["actors"]:
            names, target = gold_names(actor), target_of(resolver, actor)
            counts["actors" if target else "absent_actors"] += 1
            all_right = True
            for name in names:
                got = resolver.resolve_actor(name)
                if target is None:
                    counts["absent_names"] += 1
                    counts["absent_flagged"] += got.flagged
                    if not got.flagged:
                        failures.append(f"  {actor['id']:32} {name!r:48} -> {got.id}; no target")
                    continue
                strict = not got.flagged and got.id == target
                lenient = strict or (not got.flagged and related(resolver, got.id, target))
                counts["names"] += 1
                counts["strict"] += strict
                counts["lenient"] += lenient
                all_right &= lenient
                if not lenient:
                    failures.append(
                        f"  {actor['id']:32} {name!r:48} -> {got.id} ({got.rule}); target {target}"
                    )
            counts["actors_right"] += bool(target) and all_right
    return {**counts, "failures": failures}


def known_to_gazetteer(resolver: Resolver, place: dict[str, Any]) -> bool:
    """Whether a gold name of the place folds to a gazetteer name within 25 km of its point."""
    keys = {fold(n) for n in (place["name"], place.get("mention") or "", *place.get("aliases", []))}
    for candidate in resolver.gazetteer:
        if candidate.lat is None or candidate.lon is None:
            continue
        if any(fold(n) in keys for n in candidate.names):
            km = haversine_km(candidate.lat, candidate.lon, place["lat"], place["lon"])
            if km <= RADIUS_KM:
                return True
    return False


def place_scores(resolver: Resolver, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Gold places with coordinates whose mention resolves within 25 km of the gold point."""
    counts: Counter[str] = Counter()
    failures: list[str] = []
    for doc in docs:
        context = resolver.context(on=doc["doc"].get("published"))
        for place in doc["places"]:
            mention = place.get("mention") or place["name"]
            got = resolver.resolve_place(mention, context=context)
            if place.get("lat") is None or place.get("lon") is None:
                continue
            known = known_to_gazetteer(resolver, place)
            km = None
            if got.lat is not None and got.lon is not None:
                km = haversine_km(got.lat, got.lon, place["lat"], place["lon"])
            right = km is not None and km <= RADIUS_KM
            counts["places"] += 1
            counts["right"] += right
            counts["known"] += known
            counts["known_right"] += known and right
            if not right:
                where = "no point" if km is None else f"{km:.0f} km off"
                note = "" if known else "; no gazetteer name for it"
                failures.append(
                    f"  {place['id']:32} {mention!r:48} -> {got.id} ({got.rule}, {where}{note})"
                )
    return {**counts, "failures": failures}


def ucdp_stream(path: Path) -> list[tuple[str, str]]:
    """(kind, name) for every place and side name of every UCDP row, in file order."""
    stream: list[tuple[str, str]] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            stream += [
                ("place", row["where_coordinates"]),
                ("actor", row["side_a"]),
                ("actor", row["side_b"]),
            ]
    return stream


def _rate(resolver: Resolver, names: list[tuple[str, str]]) -> float:
    """Names per second through one resolver (collected garbage first, as in a fresh process)."""
    gc.collect()
    began = time.perf_counter()
    for kind, name in names:
        if kind == "place":
            resolver.resolve_place(name)
        else:
            resolver.resolve_actor(name)
    return len(names) / (time.perf_counter() - began)


def _built(make: Any) -> tuple[Resolver, float]:
    """A resolver with its indexes built, and the seconds that took."""
    started = time.perf_counter()
    resolver = make()
    resolver.places  # noqa: B018 - build the indexes now, to time them apart
    resolver.actors  # noqa: B018
    return resolver, time.perf_counter() - started


def throughput(
    make: Any, stream: list[tuple[str, str]], extra: list[tuple[str, str]]
) -> dict[str, float]:
    """Names per second: the UCDP stream (warm), and unique names once each (cold)."""
    resolver, built = _built(make)
    stream_rate = _rate(resolver, stream)
    del resolver
    unique = list(dict.fromkeys(stream + extra))
    cold_rate = _rate(_built(make)[0], unique)
    return {
        "build_s": built,
        "stream": len(stream),
        "stream_rate": stream_rate,
        "unique": len(unique),
        "cold_rate": cold_rate,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, default=GOLD)
    parser.add_argument("--registry", type=Path, default=None)
    parser.add_argument("--gazetteer", type=Path, default=None)
    args = parser.parse_args(argv)

    def make() -> Resolver:
        return Resolver(gazetteer=args.gazetteer, registry=args.registry)

    resolver = make()
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in args.gold]
    actors = actor_scores(resolver, docs)
    places = place_scores(resolver, docs)
    print(f"gold files: {', '.join(p.name for p in args.gold)}")
    print(f"registry: {len(resolver.registry)} actors; gazetteer: {len(resolver.gazetteer)} places")
    print(
        f"actors: {actors['actors']} gold actors have a registry counterpart, with "
        f"{actors['names']} names and aliases: {actors['strict'] / actors['names']:.1%} resolve "
        f"to it (strict), {actors['lenient'] / actors['names']:.1%} to it or its lineage or "
        f"parent chain (lenient); {actors['actors_right'] / actors['actors']:.1%} of these "
        "actors have every name right"
    )
    print(
        f"        {actors['absent_actors']} gold actors have none "
        f"({actors['absent_names']} names): "
        f"{actors['absent_flagged'] / actors['absent_names']:.1%} stay unknown (new, flagged)"
    )
    print(
        f"places: {places['places']} gold places with coordinates: "
        f"{places['right'] / places['places']:.1%} resolve within {RADIUS_KM:.0f} km; "
        f"{places['known']} of them have a name in the gazetteer near the gold point, "
        f"and of those {places['known_right'] / places['known']:.1%} resolve within "
        f"{RADIUS_KM:.0f} km"
    )
    extra = [("actor", n) for d in docs for a in d["actors"] for n in gold_names(a)]
    extra += [("place", p.get("mention") or p["name"]) for d in docs for p in d["places"]]
    speed = throughput(make, ucdp_stream(UCDP), extra)
    print(
        f"throughput: index build {speed['build_s']:.2f} s; UCDP stream {speed['stream']} names "
        f"at {speed['stream_rate']:,.0f} names/s; {speed['unique']} unique names cold at "
        f"{speed['cold_rate']:,.0f} names/s"
    )
    print(f"\nactor failures ({len(actors['failures'])}):")
    print("\n".join(actors["failures"]))
    print(f"\nplace failures ({len(places['failures'])}):")
    print("\n".join(places["failures"]))


if __name__ == "__main__":
    main()
