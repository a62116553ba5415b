"""Actor resolution: any written form of an actor's name -> a registry actor, or a new one.

Rules, tried in order: ``exact`` (a name or alias as written; abbreviations
the registry marks case-sensitive, such as "IS" or "US", match only so),
``normalised`` (case, punctuation, "the"/"al-", possessive; also with the
words around a name stripped, "ISIL militants"), ``folded`` (transliteration
variants: Jaish/Jaysh, Hizballah/Hezbollah), ``fuzzy`` (rapidfuzz, long
names only); capital-city metonyms ("Moscow said") count when nothing else
does. Several candidates are ranked by the date (an actor active on the
day), the owner in "Russia's Ministry of Defence", the document's country
and the kind asked for (rule ``context`` when these changed the answer).
When the lineage has moved on by the date, the answer carries the
``successor``: "al-Nusra" on 2017-06-01 is Jabhat al-Nusra, whose successor
that day is Hayat Tahrir al-Sham. Unknown names become new, flagged actors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

from contested.errors import InputError
from contested.resolve._fuzzy import FuzzyIndex
from contested.resolve.context import ResolutionContext
from contested.resolve.names import fold, normalise, slugify
from contested.resolve.registry import Registry, RegistryActor

CONFIDENCE = {"exact": 1.0, "normalised": 0.95, "folded": 0.85, "fuzzy": 0.75, "new": 0.0}
METONYM_FACTOR = 0.7
# The country whose actors win a tie when the document says nothing else ("Kurdish forces").
DEFAULT_COUNTRY = "SY"
# Names this short (normalised) are abbreviations: they never fold or go fuzzy.
_MIN_FOLD_LENGTH = 4
_POSSESSIVE = re.compile(r"^(.+?)['\u2019]s\s+(.+)$")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class ActorResolution:
    """The answer for one actor mention."""

    mention: str
    id: str
    name: str
    kind: str
    confidence: float
    rule: str
    flagged: bool
    candidates: tuple[str, ...] = ()
    successor: str | None = None
    actor: RegistryActor | None = None
    metonym: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "mention": self.mention,
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "flagged": self.flagged,
            "candidates": list(self.candidates),
            "successor": self.successor,
            "metonym": self.metonym,
        }


def _alternation(terms: list[str]) -> str:
    keys = sorted({normalise(t) for t in terms}, key=lambda t: (-len(t), t))
    return "|".join(re.escape(k) for k in keys if k)


_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class ActorTerms:
    """Words around actor names, compiled from ``actor-terms.yaml``."""

    suffix: re.Pattern[str]
    prefix: re.Pattern[str]
    modifier: re.Pattern[str]
    generic_words: frozenset[str]
    demonym_nouns: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any], *, path: str = "actor-terms.yaml") -> ActorTerms:
        """Compile the YAML mapping."""
        try:
            return cls(
                suffix=re.compile(rf"^(.+?) (?:{_alternation(data['suffixes'])})$"),
                prefix=re.compile(rf"^(?:{_alternation(data['prefixes'])}) (.+)$"),
                modifier=re.compile(rf"^.+? (?:{_alternation(data['modifiers'])}) (.+)$"),
                generic_words=frozenset(fold(w) for w in data["generic_words"]),
                demonym_nouns=frozenset(normalise(w) for w in data["demonym_nouns"]),
            )
        except (KeyError, TypeError, re.error) as exc:
            raise InputError(
                path,
                f"expected suffixes, prefixes, modifiers, generic_words, demonym_nouns ({exc})",
            ) from exc

    def variants(self, name: str) -> list[str]:
        """Shorter readings of a mention, most specific first (normalised).

        >>> actor_terms().variants("al-Qaeda-linked Jund al-Aqsa fighters")
        ['qaeda linked jund al aqsa', 'jund al aqsa', 'jund al aqsa fighters']
        """
        text = normalise(name)
        readings = [normalise(_PARENTHESES.sub("", name))]
        readings.append(self._strip(readings[0]))
        if match := self.modifier.match(readings[-1]):
            readings.append(match.group(1))
        if match := self.modifier.match(readings[0]):
            readings += [match.group(1), self._strip(match.group(1))]
        return [r for r in dict.fromkeys(readings) if r and r != text]

    def _strip(self, text: str) -> str:
        for pattern in (self.prefix, self.suffix):
            if match := pattern.match(text):
                text = match.group(1)
        return text


@lru_cache(maxsize=1)
def actor_terms() -> ActorTerms:
    """Load the shipped actor terms once."""
    ref = resources.files("contested").joinpath("data/resolve/actor-terms.yaml")
    return ActorTerms.from_data(yaml.safe_load(ref.read_text(encoding="utf-8")), path=str(ref))


@dataclass(frozen=True, slots=True)
class _Match:
    rule: str
    confidence: float
    candidates: tuple[str, ...]
    closeness: tuple[float, ...]
    metonym: bool = False
    owner: str | None = None


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class ActorResolver:
    """Indexes of the registry by name, normalised name and folded name, built once."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._terms = actor_terms()
        self._names = self._build_tables(metonyms=False)
        self._metonyms = self._build_tables(metonyms=True)
        folded = self._names[2][1]
        self._fuzzy = FuzzyIndex(folded, self._terms.generic_words)
        self._normal_names = {
            a.id: tuple(normalise(n) for n in (*a.names(), *a.metonyms)) for a in registry
        }
        self._demonyms = self._find_demonyms()
        self._answers: dict[tuple[str, date | None, str | None, str], ActorResolution] = {}

    def _find_demonyms(self) -> dict[str, str]:
        """Adjectives of states from their aliases: "Russian forces" makes "russian" Russia."""
        names = self._names[1][1]
        found: dict[str, set[str]] = defaultdict(set)
        for actor in self.registry:
            if actor.kind != "state":
                continue
            for alias in actor.aliases:
                words = normalise(alias).split(" ", 1)
                if (
                    len(words) == 2
                    and words[1] in self._terms.demonym_nouns
                    and words[0] not in names
                ):
                    found[words[0]].add(actor.id)
        return {adjective: ids.pop() for adjective, ids in found.items() if len(ids) == 1}

    def _build_tables(
        self, *, metonyms: bool
    ) -> tuple[tuple[str, dict[str, tuple[str, ...]]], ...]:
        exact: dict[str, list[str]] = defaultdict(list)
        normal: dict[str, list[str]] = defaultdict(list)
        folded: dict[str, list[str]] = defaultdict(list)
        for actor in self.registry:
            sensitive = set(actor.case_sensitive)
            for name in actor.metonyms if metonyms else actor.names():
                exact[name].append(actor.id)
                if name in sensitive:
                    continue
                key = normalise(name)
                normal[key].append(actor.id)
                if len(key) >= _MIN_FOLD_LENGTH:
                    folded[fold(name)].append(actor.id)
        return tuple(
            (rule, {k: tuple(dict.fromkeys(v)) for k, v in table.items() if k})
            for rule, table in (("exact", exact), ("normalised", normal), ("folded", folded))
        )

    def resolve(
        self,
        name: str,
        *,
        on: date | str | None = None,
        context: ResolutionContext | None = None,
        kind: str | None = None,
    ) -> ActorResolution:
        """Resolve one mention, on a date (or the context's date) when given."""
        day = _as_date(on) or (context.date if context else None)
        country = context.country if context and context.country else DEFAULT_COUNTRY
        key = (name, day, kind, country)
        if (answer := self._answers.get(key)) is not None:
            return answer
        if len(self._answers) >= _CACHE_LIMIT:
            self._answers.clear()
        match = self._match(name)
        if match is None:
            answer = ActorResolution(
                name, slugify(name), name.strip(), kind or "other", 0.0, "new", True
            )
        else:
            answer = self._choose(name, match, day, country, kind)
        self._answers[key] = answer
        return answer

    def _lookup(self, text: str, *, metonyms: bool = False) -> tuple[str, tuple[str, ...]] | None:
        tables = self._metonyms if metonyms else self._names
        for (rule, table), key in zip(tables, (text, normalise(text), fold(text)), strict=True):
            if rule == "folded" and len(normalise(text)) < _MIN_FOLD_LENGTH:
                break
            if key in table:
                return rule, table[key]
        return None

    def _closeness(self, text: str, ids: tuple[str, ...], rule: str) -> tuple[float, ...]:
        """0..1 per candidate; an exact or normalised match is spelt as the mention, so 1."""
        if rule in ("exact", "normalised"):
            return (1.0,) * len(ids)
        key = normalise(text)
        return tuple(
            max((fuzz.ratio(key, n) for n in self._normal_names[i]), default=0.0) / 100.0
            for i in ids
        )

    def _match(self, name: str) -> _Match | None:
        if found := self._lookup(name):
            return self._candidates(name, found[0], found[1])
        variants = self._terms.variants(name)
        for text in variants:
            if found := self._lookup(text):
                rule = "normalised" if found[0] == "exact" else found[0]
                return self._candidates(text, rule, found[1])
        for text in (normalise(name), *variants):
            if text in self._demonyms:
                return self._candidates(text, "normalised", (self._demonyms[text],))
        if owned := self._match_owner(name):
            return owned
        if ids := self._fuzzy_lookup(variants[-1] if variants else name):
            return self._candidates(name, "fuzzy", ids)
        if found := self._lookup(name, metonyms=True):
            confidence = CONFIDENCE[found[0]] * METONYM_FACTOR
            return self._candidates(name, found[0], found[1], confidence=confidence, metonym=True)
        return None

    def _candidates(self, text: str, rule: str, ids: tuple[str, ...], **extra: Any) -> _Match:
        confidence = extra.pop("confidence", CONFIDENCE[rule])
        return _Match(rule, confidence, ids, self._closeness(text, ids, rule), **extra)

    def _match_owner(self, name: str) -> _Match | None:
        """ "Russia's Ministry of Defence": the ministry that belongs to Russia, else Russia."""
        owned = _POSSESSIVE.match(name.strip())
        if not owned:
            return None
        owner, found = self._lookup(owned.group(1)), self._lookup(owned.group(2))
        owner_id = owner[1][0] if owner else None
        if found and (owner_id is None or any(self._belongs(i, owner_id) for i in found[1])):
            rule = "normalised" if found[0] == "exact" else found[0]
            return self._candidates(owned.group(2), rule, found[1], owner=owner_id)
        if owner_id is not None:
            # "Syrian Arab Army's Central Command": an organ of the owner, not some other
            # Central Command; the owner is the nearest actor the registry knows.
            return self._candidates(owned.group(1), "normalised", (owner_id,), confidence=0.6)
        return None

    def _belongs(self, actor_id: str, owner_id: str) -> bool:
        actor = self.registry.get(actor_id)
        ancestors = {a.id for a in self.registry.ancestors(actor_id)}
        return owner_id in ancestors or actor.country == self.registry.get(owner_id).country

    def _fuzzy_lookup(self, text: str) -> tuple[str, ...] | None:
        found = self._fuzzy.best(fold(text))
        if found is None:
            return None
        table = self._names[2][1]
        return tuple(dict.fromkeys(i for key in found[0] for i in table[key]))

    def _score(
        self,
        actor: RegistryActor,
        day: date | None,
        country: str | None,
        owner: str | None,
        kind: str | None,
    ) -> float:
        """What breaks ties between actors sharing a name: date, owner, country, kind."""
        score = 0.0
        span = actor.active
        if day is not None and span is not None:
            started = span.valid_from is None or span.valid_from <= day
            ongoing = span.valid_to is None or day < span.valid_to
            score += 4.0 if started and ongoing else -4.0
        if owner is not None and self._belongs(actor.id, owner):
            score += 10.0
        if country is not None and actor.country == country:
            score += 2.0
        if kind is not None and actor.kind == kind:
            score += 2.0
        return score - (1.0 if actor.external else 0.0)

    def _choose(
        self,
        mention: str,
        match: _Match,
        day: date | None,
        country: str,
        kind: str | None,
    ) -> ActorResolution:
        actors = [self.registry.get(i) for i in match.candidates]
        close = dict(zip(match.candidates, match.closeness, strict=True))
        plain_scores = {
            a.id: 6.0 * close[a.id] + self._score(a, None, DEFAULT_COUNTRY, match.owner, kind)
            for a in actors
        }
        plain = sorted(actors, key=lambda a: (-plain_scores[a.id], a.id))
        scores = {
            a.id: 6.0 * close[a.id] + self._score(a, day, country, match.owner, kind)
            for a in actors
        }
        ranked = sorted(actors, key=lambda a: (-scores[a.id], a.id))
        best = ranked[0]
        rule, confidence = match.rule, match.confidence
        if best is not plain[0]:
            rule, confidence = "context", confidence * 0.9
        if len(ranked) > 1:
            confidence *= 0.7 + 0.3 * min(1.0, (scores[best.id] - scores[ranked[1].id]) / 5.0)
        successor = None
        if day is not None:
            later = self.registry.successor_on(best.id, day)
            successor = later if later != best.id else None
        return ActorResolution(
            mention=mention,
            id=best.id,
            name=best.name,
            kind=best.kind,
            confidence=confidence,
            rule=rule,
            flagged=False,
            candidates=tuple(a.id for a in ranked[:10]),
            successor=successor,
            actor=best,
            metonym=match.metonym,
        )
