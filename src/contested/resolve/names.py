"""Name keys: normalisation, transliteration folding and slugs.

Every index of the gazetteer and the actor registry is keyed three ways,
from strict to loose: the name as written, :func:`normalise` (case,
diacritics, punctuation, a leading "the"/"al-", a possessive) and
:func:`fold` (transliteration variants, driven by ``data/resolve/folding.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from contested.errors import InputError

_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02bd\u02be\u02bf\u0060\u00b4\u2032]")
_NON_WORD = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
_LEADING = re.compile(r"^(?:the|al|el)\s+(?=\S)")
_DOUBLED = re.compile(r"([a-z])\1+")
_VOWEL_RUN = re.compile(r"[aeiou]+")


@dataclass(frozen=True)
class FoldingRules:
    """The transliteration rules of ``folding.yaml``, compiled."""

    words: dict[str, str]
    articles: frozenset[str]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def from_data(cls, data: dict[str, Any], *, path: str = "folding.yaml") -> FoldingRules:
        """Compile the rules from the parsed YAML mapping."""
        try:
            words = {v: canon for canon, variants in data["words"].items() for v in variants}
            articles = frozenset(data["articles"])
            rewrites = tuple((re.compile(pat), rep) for pat, rep in data["rewrites"])
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise InputError(
                path, f"expected words, articles and rewrites as documented ({exc})"
            ) from exc
        return cls(words=words, articles=articles, rewrites=rewrites)


@lru_cache(maxsize=1)
def folding_rules() -> FoldingRules:
    """Load the shipped folding rules once."""
    ref = resources.files("contested").joinpath("data/resolve/folding.yaml")
    return FoldingRules.from_data(yaml.safe_load(ref.read_text(encoding="utf-8")), path=str(ref))


def strip_accents(text: str) -> str:
    """Drop diacritics (Ḩalab -> Halab) while keeping Arabic letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=262_144)
def normalise(name: str) -> str:
    """Lower-case key without diacritics, punctuation, leading "the"/"al-" or possessive.

    >>> normalise("The Nusra Front's")
    'nusra front'
    >>> normalise("Ma\u2019arrat al-Nu\u2018man")
    'maarrat al numan'
    """
    text = _POSSESSIVE.sub("", strip_accents(name).lower())
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text).strip()
    previous = None
    while previous != text:
        previous, text = text, _LEADING.sub("", text)
    return text


@lru_cache(maxsize=262_144)
def fold(name: str) -> str:
    """Transliteration-folded key: variants of one Arabic name meet.

    >>> fold("Deraa") == fold("Daraa") == fold("Dar'a")
    True
    >>> fold("Shaykh Maskeen") == fold("Sheikh Miskin")
    True
    """
    rules = folding_rules()
    tokens = [rules.words.get(t, t) for t in normalise(name).split()]
    kept = [t for t in tokens if t not in rules.articles]
    text = " ".join(kept or tokens)
    for pattern, replacement in rules.rewrites:
        text = pattern.sub(replacement, text)
    text = _DOUBLED.sub(r"\1", text)
    return _VOWEL_RUN.sub("a", text)


def slugify(name: str) -> str:
    """ASCII kebab-case slug for ids: ``Sheikh Miskin`` -> ``sheikh-miskin``."""
    text = _APOSTROPHES.sub("", strip_accents(name).lower())
    text = re.sub(r"[^0-9a-z]+", "-", text.encode("ascii", "ignore").decode())
    return text.strip("-") or "unnamed"
