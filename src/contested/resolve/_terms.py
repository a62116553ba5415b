"""The words around a place name ("Aleppo province", "north of Homs"), from ``place-terms.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from contested.errors import InputError
from contested.resolve.names import fold, normalise


@dataclass(frozen=True)
class TermGroup:
    """Words that ask for some kinds of place."""

    name: str
    kinds: frozenset[str]
    feature: bool


@dataclass(frozen=True)
class Phrase:
    """A mention taken apart: the place name inside it and what the words around it say."""

    head: str
    group: TermGroup | None = None
    qualifier: str | None = None
    directional: bool = False
    translated: str | None = None


def _alternation(terms: list[str]) -> str:
    keys = sorted({normalise(t) for t in terms if normalise(t)}, key=lambda t: (-len(t), t))
    return "|".join(re.escape(k) for k in keys)


@dataclass(frozen=True)
class PlaceTerms:
    """Compiled patterns of the place terms."""

    suffix: re.Pattern[str]
    prefix: re.Pattern[str]
    relative: re.Pattern[str]
    near: re.Pattern[str]
    directional: re.Pattern[str]
    by_suffix: dict[str, TermGroup]
    by_prefix: dict[str, TermGroup]
    generic_words: frozenset[str]
    translations: dict[str, str]

    @classmethod
    def from_data(cls, data: dict[str, Any], *, path: str = "place-terms.yaml") -> PlaceTerms:
        """Compile the YAML mapping."""
        try:
            by_suffix, by_prefix = {}, {}
            for name, spec in data["groups"].items():
                group = TermGroup(name, frozenset(spec["kinds"]), bool(spec["feature"]))
                by_suffix.update({normalise(t): group for t in spec["suffixes"]})
                by_prefix.update({normalise(t): group for t in spec["prefixes"]})
            rel = data["relative"]
            directions = _alternation(rel["directions"])
            units = _alternation(rel["distance_units"])
            return cls(
                suffix=re.compile(rf"^(.+?) ({_alternation(list(by_suffix))})$"),
                prefix=re.compile(rf"^({_alternation(list(by_prefix))}) (.+)$"),
                relative=re.compile(
                    rf"^(?:(?:about|some|nearly|around|approximately|roughly|almost) )?"
                    rf"(?:\S+ (?:{units}) )?({directions}) of (.+)$"
                ),
                near=re.compile(rf"^({_alternation(rel['prepositions'])}) (.+)$"),
                directional=re.compile(rf"^({_alternation(data['directional_adjectives'])}) (.+)$"),
                by_suffix=by_suffix,
                by_prefix=by_prefix,
                generic_words=frozenset(fold(w) for w in data["generic_words"]),
                translations={normalise(k): v for k, v in data["translations"].items()},
            )
        except (KeyError, TypeError, re.error) as exc:
            raise InputError(
                path,
                "expected groups, relative, directional_adjectives, generic_words and "
                f"translations ({exc})",
            ) from exc

    def parse(self, mention: str) -> Phrase:
        """Split a mention into its place name and the words around it.

        >>> terms = place_terms()
        >>> terms.parse("nearly ten miles north-east of Aleppo City").head
        'aleppo'
        >>> terms.parse("Deraa Province").group.name
        'region'
        """
        text = normalise(mention)
        qualifier = None
        directional = False
        if match := self.relative.match(text):
            qualifier, text = f"{match.group(1)} of", match.group(2)
        elif match := self.near.match(text):
            qualifier, text = match.group(1), match.group(2)
        elif match := self.directional.match(text):
            qualifier, text, directional = match.group(1), match.group(2), True
        group, term = None, None
        if match := self.prefix.match(text):
            group, term, text = self.by_prefix[match.group(1)], match.group(1), match.group(2)
        elif match := self.suffix.match(text):
            group, term, text = self.by_suffix[match.group(2)], match.group(2), match.group(1)
        if match := self.directional.match(text):
            qualifier, text, directional = qualifier or match.group(1), match.group(2), True
        head = normalise(text)
        arabic = self.translations.get(term or "")
        translated = None
        if arabic:
            words = head.split()
            # "Jabal al-Tar hilltop" is "Tall al-Tar": the English word wins over the Arabic one.
            if words and words[0] in self.translations.values():
                words = words[1:]
            translated = " ".join([arabic, *words]) if words else None
        return Phrase(head, group, qualifier, directional, translated)


@lru_cache(maxsize=1)
def place_terms() -> PlaceTerms:
    """Load the shipped place terms once."""
    ref = resources.files("contested").joinpath("data/resolve/place-terms.yaml")
    return PlaceTerms.from_data(yaml.safe_load(ref.read_text(encoding="utf-8")), path=str(ref))
