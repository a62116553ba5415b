"""The mention ruler: actor and place names from the registry and gazetteer, and unknown names.

Names in this domain are rare words a general model misses, so they come
from phrase lists (cheap on a parsed Doc). Runs of proper nouns that no list
knows become NAME mentions with a hint (place, actor, person) from the cue
words of ``data/extract/mentions.yaml``: unknown names are kept, never dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from contested.extract._data import load_yaml, tokenize
from contested.extract.annotations import TIMES, Mention, get, set_mentions

_PROPER = frozenset({"NNP", "NNPS"})


class MentionRuler:
    """Mark ACTOR, PLACE and NAME mentions on a Doc (``annotations.get(doc, MENTIONS)``)."""

    def __init__(self, nlp: Language, name: str = "contested_mentions") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.nlp = nlp
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.patterns: list[dict[str, Any]] = []
        cues = load_yaml("mentions.yaml")
        self.particles = frozenset(cues["name_particles"])
        self.not_names = frozenset(cues["not_names"])
        self.place_heads = frozenset(w.lower() for w in cues["place_heads"])
        self.place_prefixes = frozenset(cues["place_prefixes"])
        self.actor_heads = frozenset(cues["actor_heads"])
        self.actor_prefixes = frozenset(cues["actor_prefixes"])
        self.numbered_heads = frozenset(w.lower() for w in cues["numbered_heads"])

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add ``{"label", "pattern", "id", "case_sensitive"?, "metonym"?}`` patterns."""
        grouped: dict[tuple[bool, str], list[str]] = defaultdict(list)
        for p in patterns:
            text = p["pattern"].strip()
            if not text:
                continue
            self.patterns.append(p)
            key = f"{p['label']}|{p['id']}|{'M' if p.get('metonym') else ''}"
            for variant in _apostrophe_variants(text):
                grouped[(bool(p.get("case_sensitive")), key)].append(variant)
        for (strict, key), texts in grouped.items():
            matcher = self.exact if strict else self.lower
            matcher.add(key, tokenize(self.nlp, texts))

    def __call__(self, doc: Doc) -> Doc:
        found = self._phrase_matches(doc)
        chosen = [
            self._extend_place(doc, m)
            for m in self._choose(doc, found)
            if not self._truncated(doc, m)
        ]
        taken = [False] * len(doc)
        for ref in get(doc, TIMES):
            for i in range(ref.start, ref.end):
                taken[i] = True
        for m in chosen:
            for i in range(m.start, m.end):
                taken[i] = True
        chosen.extend(self._unknown_names(doc, taken))
        set_mentions(doc, _narrow_acronyms(doc, chosen))
        return doc

    def _phrase_matches(self, doc: Doc) -> dict[tuple[int, int], dict[str, set[str]]]:
        found: dict[tuple[int, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        strings = self.vocab.strings
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                label, ident, metonym = strings[match_id].split("|")
                if label == "PLACE" and not self._place_ok(doc, start, end):
                    continue
                found[(start, end)]["METONYM" if metonym else label].add(ident)
        return found

    def _place_ok(self, doc: Doc, start: int, end: int) -> bool:
        first = doc[start]
        if not first.text[:1].isupper() or first.text in self.not_names:
            return False
        return end - start > 1 or len(first.text) > 2

    def _choose(self, doc: Doc, found: dict[tuple[int, int], dict[str, set[str]]]) -> list[Mention]:
        ranked = sorted(found.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0]))
        used = [False] * len(doc)
        out: list[Mention] = []
        for (start, end), labels in ranked:
            if any(used[start:end]):
                continue
            for i in range(start, end):
                used[i] = True
            metonym = tuple(sorted(labels.get("METONYM", ())))
            if labels.get("ACTOR"):
                out.append(Mention(start, end, "ACTOR", tuple(sorted(labels["ACTOR"]))))
            elif labels.get("PLACE"):
                out.append(Mention(start, end, "PLACE", tuple(sorted(labels["PLACE"])), metonym))
            else:
                out.append(Mention(start, end, "ACTOR", metonym, hint="metonym"))
        return out

    def _truncated(self, doc: Doc, mention: Mention) -> bool:
        """True when a known place is only the start of a longer name: "Jisr" of "Jisr
        al-Shughur", "Jabal" of "Jabal Hayyan"."""
        end = mention.end
        if mention.label != "PLACE" or end + 1 >= len(doc):
            return False
        nxt, after = doc[end], doc[end + 1]
        if nxt.lower_ in self.particles and (after.text == "-" or after.text[:1].isupper()):
            return True
        return (
            mention.end - mention.start == 1
            and _is_proper(nxt, doc.has_annotation("TAG"))
            and nxt.text[:1].isupper()
            and nxt.lower_ not in self.place_heads
            and nxt.text not in self.not_names
        )

    def _extend_place(self, doc: Doc, mention: Mention) -> Mention:
        """Take a capitalised place word after a place name in: "Idlib City", "Raqqa Province"."""
        if mention.label != "PLACE" or mention.end >= len(doc):
            return mention
        nxt = doc[mention.end]
        if nxt.text[:1].isupper() and nxt.lower_ in self.place_heads:
            return Mention(
                mention.start,
                mention.end + 1,
                mention.label,
                mention.ids,
                mention.metonym,
                hint=f"head:{nxt.lower_}",
            )
        if nxt.lower_ in ("airbase", "airport", "dam", "corridor", "countryside"):
            return Mention(
                mention.start,
                mention.end + 1,
                mention.label,
                mention.ids,
                mention.metonym,
                hint=f"head:{nxt.lower_}",
            )
        return mention

    def _unknown_names(self, doc: Doc, taken: list[bool]) -> list[Mention]:
        out: list[Mention] = []
        tagged = doc.has_annotation("TAG")
        starts = self._name_starts(doc, tagged)
        i, n = 0, len(doc)
        while i < n:
            if taken[i] or not starts[i] or not self._starts_name(doc[i], tagged):
                i += 1
                continue
            j = i + 1
            while j < n and not taken[j] and self._continues_name(doc, j, tagged):
                j += 1
            while j > i + 1 and not (_is_proper(doc[j - 1], tagged) or doc[j - 1].like_num):
                j -= 1
            if doc[i].text not in self.not_names or j - i > 1:
                out.append(Mention(i, j, "NAME", hint=self._hint(doc, i, j)))
            i = j
        return out

    def _name_starts(self, doc: Doc, tagged: bool) -> list[bool]:
        """A cheap first pass over the Doc's arrays: which tokens may start a name."""
        if not tagged:
            return [True] * len(doc)
        tags = doc.to_array("TAG")
        proper = {doc.vocab.strings["NNP"], doc.vocab.strings["NNPS"]}
        return [int(t) in proper for t in tags]

    def _starts_name(self, token: Token, tagged: bool) -> bool:
        return (
            _is_proper(token, tagged)
            and token.text not in self.not_names
            and token.text[:1].isupper()
        )

    def _continues_name(self, doc: Doc, j: int, tagged: bool) -> bool:
        token = doc[j]
        if _is_proper(token, tagged) and token.text[:1].isupper():
            return True
        if token.like_num and doc[j - 1].lower_ in self.place_heads | self.numbered_heads:
            return True
        if token.text in ("-", "'", "’") and not token.whitespace_ and j + 1 < len(doc):
            return True
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        return (
            token.lower_ in self.particles
            and nxt is not None
            and (_is_proper(nxt, tagged) or nxt.text == "-")
        )

    def _hint(self, doc: Doc, start: int, end: int) -> str | None:
        words = [t.text for t in doc[start:end]]
        if words[0] in self.actor_prefixes or words[-1] in self.actor_heads:
            return "actor"
        before = doc[max(0, start - 2) : start]
        after = doc[end] if end < len(doc) else None
        if words[0] in self.place_prefixes or words[-1].lower() in self.place_heads:
            return "place"
        if after is not None and after.lower_ in self.place_heads:
            return "place"
        if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in self.place_heads:
            return "place"
        words_only = [t for t in doc[start:end] if t.text not in ("-", "'", "’")]
        if 2 <= len(words_only) <= 4 and all(
            t.text[:1].isupper() or t.lower_ in self.particles for t in words_only
        ):
            return "person"
        return None

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the patterns as ``patterns.jsonl`` in the folder ``path``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(folder / "patterns.jsonl", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> MentionRuler:
        """Load patterns saved by :meth:`to_disk`."""
        self.add_patterns(srsly.read_jsonl(Path(path) / "patterns.jsonl"))
        return self


def _narrow_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Jaysh al-Fatah (JAF)": the bracketed name means what the name before it means."""
    by_end = {m.end: m for m in mentions}
    out = []
    for m in mentions:
        before = by_end.get(m.start - 1)
        if before is not None and doc[m.start - 1].text == "(" and len(m.ids) > 1:
            shared = tuple(i for i in m.ids if i in before.ids)
            if shared:
                m = Mention(m.start, m.end, m.label, shared, m.metonym, m.hint)
        out.append(m)
    return out


def _apostrophe_variants(text: str) -> list[str]:
    """The name as written, and with straight and curly apostrophes swapped."""
    variants = {text, text.replace("’", "'"), text.replace("'", "’")}
    return sorted(variants)


def _is_proper(token: Token, tagged: bool = True) -> bool:
    """A proper noun by its tag, or by its shape on an untagged Doc."""
    if tagged:
        return token.tag_ in _PROPER
    return token.is_title or (token.is_upper and len(token) > 1)
