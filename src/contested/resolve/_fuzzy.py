"""Fuzzy matching of folded names (rapidfuzz), the resolvers' last resort before "new"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

# Keys (the distinctive part of a name) shorter than this never go fuzzy: "Dana" is not "Dama".
FUZZY_MIN_LENGTH = 6
FUZZY_CUTOFF = 88.0
# Every word of a fuzzy match must be at least this alike on its own.
WORD_CUTOFF = 75.0


class FuzzyIndex:
    """Folded keys bucketed by generic leading words, first letter and length.

    A key like ``jabal hayan`` is split into its generic words (``jabal``) and
    the rest; only keys with the same generic words and a rest of similar
    length and the same first letter are compared, with ``fuzz.ratio`` on the
    rest. That keeps each query to a few dozen comparisons.
    """

    def __init__(self, keys: Iterable[str], generic_words: frozenset[str] = frozenset()) -> None:
        self._generic = generic_words
        self._buckets: dict[tuple[str, str, int], list[str]] = defaultdict(list)
        self._full: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in sorted(set(keys)):
            prefix, rest = self.split(key)
            if len(rest) >= FUZZY_MIN_LENGTH:
                if not self._full[(prefix, rest)]:
                    self._buckets[(prefix, rest[0], len(rest))].append(rest)
                self._full[(prefix, rest)].append(key)

    def split(self, key: str) -> tuple[str, str]:
        """``"jabal hayan"`` -> ``("jabal", "hayan")``: leading generic words, then the rest."""
        tokens = key.split()
        n = 0
        while n < len(tokens) - 1 and tokens[n] in self._generic:
            n += 1
        return " ".join(tokens[:n]), " ".join(tokens[n:])

    def best(self, key: str) -> tuple[list[str], float] | None:
        """The indexed keys closest to ``key`` and their score, if any reaches the cutoff."""
        prefix, rest = self.split(key)
        if len(rest) < FUZZY_MIN_LENGTH:
            return None
        spread = max(1, len(rest) // 5)
        choices = [
            c
            for n in range(len(rest) - spread, len(rest) + spread + 1)
            for c in self._buckets.get((prefix, rest[0], n), ())
        ]
        # Transliterations differ in vowels and doubled letters, seldom in the last
        # consonant: Mughayrat is not Maghara, however alike they look.
        choices = [c for c in choices if c[-1] == rest[-1]]
        for choice, score, _ in process.extract(
            rest, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5
        ):
            if _word_by_word(rest, choice):
                return self._full[(prefix, choice)], float(score)
        return None


def _word_by_word(a: str, b: str) -> bool:
    """Same number of words, each alike: "American courts" is not "American jets"."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(
        fuzz.ratio(x, y) >= WORD_CUTOFF for x, y in zip(words_a, words_b, strict=True)
    )
