"""Place resolution: any written form of a place name -> a gazetteer entry (or a new, flagged one).

Rules, tried in order: ``exact`` (a name or alias as written), ``normalised``
(case, punctuation, "the"/"al-", possessive), ``folded`` (transliteration
variants), then the words around the name ("Aleppo province", "north of
Homs", "Kuweires airbase"), then ``fuzzy`` (rapidfuzz, long names only).
Several candidates are ranked by what the document says (``near=``, places
and governorates already resolved: rule ``context`` when that changed the
answer) and otherwise by kind, population and how often UCDP reports them.
A feature named after a known place that the gazetteer lacks ("Palmyra
Prison") becomes a new place at that place (rule ``anchored``). An unknown
feature named after nothing known ("Semiramis Hotel", "Hill 853") that a
document mentions among its places is put at the place it names most, or at
``near=`` (rule ``vicinity``): reports name such sites only where they are
writing about. Any other unknown name becomes a new place without
coordinates (rule ``new``). All three are flagged and never dropped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from contested.resolve._fuzzy import FuzzyIndex
from contested.resolve._terms import Phrase, place_terms
from contested.resolve.context import ResolutionContext
from contested.resolve.gazetteer import Gazetteer, Place, distance_km
from contested.resolve.names import fold, normalise, slugify

CONFIDENCE = {
    "exact": 1.0,
    "normalised": 0.95,
    "folded": 0.85,
    "fuzzy": 0.75,
    "anchored": 0.3,
    "vicinity": 0.1,
    "new": 0.0,
}
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class PlaceResolution:
    """The answer for one place mention."""

    mention: str
    id: str
    name: str
    kind: str
    confidence: float
    rule: str
    flagged: bool
    candidates: tuple[str, ...] = ()
    place: Place | None = None
    lat: float | None = None
    lon: float | None = None
    qualifier: str | None = None
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the place's admin fields included when known)."""
        out: dict[str, Any] = {
            "mention": self.mention,
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "flagged": self.flagged,
            "candidates": list(self.candidates),
            "lat": self.lat,
            "lon": self.lon,
            "qualifier": self.qualifier,
            "anchor": self.anchor,
        }
        if self.place is not None:
            for key in ("admin1", "admin1_pcode", "admin2", "admin2_pcode", "country", "geonameid"):
                out[key] = getattr(self.place, key)
        return out


@dataclass(frozen=True, slots=True)
class _Match:
    """Candidates for a mention, before context picks one (cached per mention)."""

    rule: str
    confidence: float
    candidates: tuple[int, ...]
    priors: tuple[float, ...]
    prefer: frozenset[str] = frozenset()
    feature_kind: str | None = None
    qualifier: str | None = None


_FEATURE_KIND = {
    "base": "base",
    "camp": "camp",
    "route": "route",
    "area": "area",
    "quarter": "district",
}


class PlaceResolver:
    """Indexes of the gazetteer by name, normalised name and folded name, built once."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.places: list[Place] = list(gazetteer)
        exact: dict[str, set[int]] = defaultdict(set)
        normal: dict[str, set[int]] = defaultdict(set)
        folded: dict[str, set[int]] = defaultdict(set)
        fuzzy_keys: set[str] = set()
        self._normal_names: list[tuple[str, ...]] = []
        for i, place in enumerate(self.places):
            normal_names = []
            for name in place.names:
                exact[name].add(i)
                key = normalise(name)
                normal[key].add(i)
                normal_names.append(key)
                folded[fold(name)].add(i)
                # Outside Syria only the canonical name goes fuzzy: GeoNames' foreign
                # spellings ("Magerit" for Madrid) would catch misspelt Syrian villages.
                if place.country == "SY" or name == place.name:
                    fuzzy_keys.add(fold(name))
            self._normal_names.append(tuple(normal_names))
        self._importance = [p.importance for p in self.places]
        self._tables = (
            ("exact", {k: tuple(sorted(v)) for k, v in exact.items()}),
            ("normalised", {k: tuple(sorted(v)) for k, v in normal.items() if k}),
            ("folded", {k: tuple(sorted(v)) for k, v in folded.items() if k}),
        )
        self._terms = place_terms()
        self._fuzzy = FuzzyIndex(fuzzy_keys, self._terms.generic_words)
        self._cache: dict[str, _Match | None] = {}
        self._answers: dict[str, PlaceResolution] = {}

    def resolve(
        self,
        name: str,
        *,
        near: Place | str | tuple[float, float] | None = None,
        context: ResolutionContext | None = None,
    ) -> PlaceResolution:
        """Resolve one mention; with a context, also record the answer in it."""
        match = self._cache.get(name)
        if match is None and name not in self._cache:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
                self._answers.clear()
            match = self._cache[name] = self._match(name)
        plain = self._answers.get(name)
        if plain is None:
            plain = self._answers[name] = self._choose(name, match, None, None)
        if match is None and (near is not None or context is not None):
            result = self._vicinity(name, self._near_place(near), context) or plain
        elif match is None or len(match.candidates) == 1 or (near is None and context is None):
            result = plain
        else:
            result = self._choose(name, match, self._near_place(near), context)
        if context is not None and result.place is not None:
            context.note_place(result.place)
        elif context is not None and result.anchor:
            context.note_place(self.gazetteer.get(result.anchor))
        return result

    def _near_place(self, near: Place | str | tuple[float, float] | None) -> Place | None:
        """``near`` as a place: a Place, a place id, a (lat, lon) point, or a name to resolve."""
        if near is None or isinstance(near, Place):
            return near
        if isinstance(near, tuple):
            return Place(place_id="", name="", kind="area", country="", lat=near[0], lon=near[1])
        if near in self.gazetteer:
            return self.gazetteer.get(near)
        return self.resolve(near).place

    def _lookup(
        self, text: str, prefer: frozenset[str] = frozenset()
    ) -> tuple[str, tuple[int, ...]] | None:
        """Candidates at the strictest rule that finds any, unless a looser one finds better kinds.

        With ``prefer`` ("Aleppo province"), the first rule that finds those kinds
        wins. Without, a rule that finds only admin units gives way to a looser one
        that finds a town too: OCHA spells its districts its own way ("Ras Al Ain").
        """
        first: tuple[str, tuple[int, ...]] | None = None
        keys = (text, normalise(text), fold(text))
        for (rule, table), key in zip(self._tables, keys, strict=True):
            if not key or key not in table:
                continue
            found = rule, table[key]
            if prefer and any(self.places[i].kind in prefer for i in found[1]):
                return found
            if not prefer and any(self.places[i].kind != "region" for i in found[1]):
                return (rule, tuple(sorted(set(first[1]) | set(found[1])))) if first else found
            first = first or found
        return first

    def _closeness(self, key: str, i: int, rule: str) -> float:
        """0..1; an exact or normalised match is spelt as the mention, so it is 1."""
        if rule in ("exact", "normalised"):
            return 1.0
        return max((fuzz.ratio(key, n) for n in self._normal_names[i]), default=0.0) / 100.0

    def _candidates(
        self,
        text: str,
        rule: str,
        found: tuple[int, ...],
        prefer: frozenset[str] = frozenset(),
        **extra: Any,
    ) -> _Match:
        """A match with its candidates ranked by prior: importance, kinds asked for, closeness.

        Closeness is how near a candidate's closest name is to the mention (0..1):
        among places that fold alike, the one spelt most like the mention wins.
        """
        key = normalise(text)
        priors = {
            i: self._importance[i]
            + (20.0 if self.places[i].kind in prefer else 0.0)
            + 6.0 * self._closeness(key, i, rule)
            for i in found
        }
        order = sorted(found, key=lambda i: (-priors[i], self.places[i].place_id))
        confidence = extra.pop("confidence", CONFIDENCE[rule])
        return _Match(
            rule, confidence, tuple(order), tuple(priors[i] for i in order), prefer, **extra
        )

    def _match(self, name: str) -> _Match | None:
        if found := self._lookup(name):
            return self._candidates(name, *found)
        phrase = self._terms.parse(name)
        if phrase.head and phrase.head != normalise(name):
            # Fuzzy matching of the whole mention would let the words around the
            # name ("mountain", "road") carry the score; the phrase tried the name.
            return self._match_phrase(phrase) or self._match_owner(name)
        if owned := self._match_owner(name):
            return owned
        if found := self._fuzzy_lookup(name):
            return self._candidates(name, *found)
        return None

    def _match_owner(self, name: str) -> _Match | None:
        """A feature "of" a known place ("Roman amphitheatre of Palmyra"): new, at that place."""
        text = normalise(name)
        if " of " not in text:
            return None
        phrase = self._terms.parse(text.rsplit(" of ", 1)[1])
        found = self._lookup(phrase.head)
        if not found or found[0] not in ("exact", "normalised"):
            return None
        return self._candidates(phrase.head, *found, frozenset({"area"}), feature_kind="area")

    def _match_phrase(self, phrase: Phrase) -> _Match | None:
        """Match the place name inside "Aleppo province", "north of Homs", "Palmyra Prison"."""
        group = phrase.group
        prefer = group.kinds if group else frozenset({"region"} if phrase.directional else ())
        found = self._lookup(phrase.head, prefer)
        wanted = found and any(self.places[i].kind in prefer for i in found[1])
        if phrase.translated and not wanted:
            found = self._lookup(phrase.translated, prefer) or found
        found = found or self._fuzzy_lookup(phrase.head)
        if not found:
            return None
        feature_kind = None
        if group and group.feature and not any(self.places[i].kind in prefer for i in found[1]):
            # Only a name matched closely may anchor a new feature: "Tal Mattar hilltop"
            # is not at Tall Mutah because the two look alike.
            if found[0] not in ("exact", "normalised"):
                return None
            feature_kind = _FEATURE_KIND[group.name]
        return self._candidates(
            phrase.head,
            *found,
            prefer,
            confidence=CONFIDENCE[found[0]] * (0.9 if phrase.qualifier else 1.0),
            feature_kind=feature_kind,
            qualifier=phrase.qualifier,
        )

    def _fuzzy_lookup(self, text: str) -> tuple[str, tuple[int, ...]] | None:
        found = self._fuzzy.best(fold(text))
        if found is None:
            return None
        table = self._tables[2][1]
        return "fuzzy", tuple(sorted({i for key in found[0] for i in table[key]}))

    def _vicinity(
        self, mention: str, near: Place | None, context: ResolutionContext | None
    ) -> PlaceResolution | None:
        """An unknown feature ("Semiramis Hotel"), put at ``near`` or the document's focus."""
        group = self._terms.parse(mention).group
        if group is None or not group.feature:
            return None
        at = near or (context.focus() if context is not None else None)
        if at is None or at.lat is None:
            return None
        return PlaceResolution(
            mention=mention,
            id=slugify(mention),
            name=mention.strip(),
            kind=_FEATURE_KIND[group.name],
            confidence=CONFIDENCE["vicinity"],
            rule="vicinity",
            flagged=True,
            lat=at.lat,
            lon=at.lon,
            anchor=at.place_id or None,
        )

    def _kind_hint(self, mention: str) -> str:
        """The kind the words of an unknown mention ask for ("X camp": camp), else area."""
        group = self._terms.parse(mention).group
        if group is None:
            return "area"
        if group.feature:
            return _FEATURE_KIND[group.name]
        return "town" if group.name == "populated" else "region"

    def _choose(
        self,
        mention: str,
        match: _Match | None,
        near: Place | None,
        context: ResolutionContext | None,
    ) -> PlaceResolution:
        """Pick a candidate: by prior, then by what the document says (near, context)."""
        if match is None:
            return _new(mention, kind=self._kind_hint(mention))
        scores = [
            (self.places[i], prior + _context_score(self.places[i], near, context))
            for i, prior in zip(match.candidates, match.priors, strict=True)
        ]
        ranked = sorted(scores, key=lambda ps: (-ps[1], ps[0].place_id))
        best = ranked[0][0]
        places = [p for p, _ in ranked]
        if match.feature_kind and best.kind not in match.prefer:
            return _anchored(mention, match, best, places)
        rule, confidence = match.rule, match.confidence
        if best is not self.places[match.candidates[0]]:
            rule, confidence = "context", confidence * 0.9
        if len(ranked) > 1:
            confidence *= 0.7 + 0.3 * min(1.0, (ranked[0][1] - ranked[1][1]) / 5.0)
        return PlaceResolution(
            mention=mention,
            id=best.place_id,
            name=best.name,
            kind=best.kind,
            confidence=confidence,
            rule=rule,
            flagged=False,
            candidates=tuple(p.place_id for p in places[:10]),
            place=best,
            lat=best.lat,
            lon=best.lon,
            qualifier=match.qualifier,
        )


def _context_score(place: Place, near: Place | None, context: ResolutionContext | None) -> float:
    """What the document says: distance to ``near`` and to the places already resolved."""
    score = 0.0
    if near is not None:
        d = distance_km(place, near)
        if d is not None:
            score += 8.0 * math.exp(-d / 40.0)
    if context is not None:
        distances = [d for p in context.places if (d := distance_km(place, p)) is not None]
        if distances:
            score += 5.0 * math.exp(-min(distances) / 40.0)
        if place.admin1_pcode and place.admin1_pcode in context.admin1:
            score += 3.0
        if context.country and place.country == context.country:
            score += 1.0
    return score


def _anchored(mention: str, match: _Match, at: Place, ranked: list[Place]) -> PlaceResolution:
    """A feature the gazetteer lacks, named after a place it has: new, located at that place."""
    return PlaceResolution(
        mention=mention,
        id=slugify(mention),
        name=mention.strip(),
        kind=match.feature_kind or "area",
        confidence=CONFIDENCE["anchored"],
        rule="anchored",
        flagged=True,
        candidates=tuple(p.place_id for p in ranked[:10]),
        lat=at.lat,
        lon=at.lon,
        qualifier=match.qualifier,
        anchor=at.place_id,
    )


def _new(mention: str, *, kind: str) -> PlaceResolution:
    """An unknown name: a new, flagged place with a deterministic id and no coordinates."""
    return PlaceResolution(
        mention=mention,
        id=slugify(mention),
        name=mention.strip(),
        kind=kind,
        confidence=0.0,
        rule="new",
        flagged=True,
    )
