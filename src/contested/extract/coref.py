"""Coreference for relations and claims: what "it", "the group" or "the council" stands for.

Reports name a group once and then call it "it", "the group" or by the last
word of its name ("the Front", "the council"). The antecedent is an actor
named before, in the same sentence or up to ``window`` sentences back; a
subject is preferred to other names (the centre of the discourse), and the
antecedent must fit the word: a person for "he", an organisation for "the
group", a name holding "Council" for "the council". Words in
``data/extract/coref.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from contested.extract._data import load_yaml
from contested.extract.annotations import Mention, mention_at, mentions_in, sentence_of

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# What an anaphor wants: a kind ("person", "organisation", "name", "any"), the words a name
# must hold, and kinds it may not be.
_Want = tuple[str, frozenset[str], frozenset[str]]
_NOT_ORGANISATIONS = frozenset({"person", "state", "state_force", "generic", "civilians"})


@dataclass(frozen=True)
class ActorProfile:
    """What coreference needs to know of a registry actor: its kind and the words of its names."""

    kind: str
    words: frozenset[str]


class Coref:
    """Resolve pronouns and definite descriptions to earlier actor mentions."""

    def __init__(self) -> None:
        data = load_yaml("coref.yaml")
        self.org_pronouns = frozenset(data["organisation_pronouns"])
        self.person_pronouns = frozenset(data["person_pronouns"])
        self.org_nouns = frozenset(data["organisation_nouns"])
        self.name_nouns: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in data["name_nouns"].items()
        }
        self.definite = frozenset(data["definite"])
        self.window: int = data["window"]
        self.actors: dict[str, ActorProfile] = {}

    def is_anaphor(self, token: Token) -> bool:
        """True for a pronoun or a definite description this module can resolve."""
        word = token.lower_
        if word in self.org_pronouns or word in self.person_pronouns:
            return True
        return self._description(token) is not None

    def resolve(
        self, doc: Doc, token: Token, depth: int = 0, exclude: frozenset[str] = frozenset()
    ) -> Mention | None:
        """The actor mention ``token`` points back to, or None (never one of kind ``exclude``)."""
        want = self._wanted(token)
        if want is None or depth > 2:
            return None
        if exclude:
            want = (want[0], want[1], exclude)
        sent = sentence_of(doc, token.i)
        found = self._pick(doc, sent, token, want, before=token.i)
        back = sent
        for _ in range(self.window):
            if found is not None or back.start == 0:
                break
            back = sentence_of(doc, back.start - 1)
            found = self._pick(doc, back, token, want, before=back.end, depth=depth)
        return found

    def _wanted(self, token: Token) -> _Want | None:
        word = token.lower_
        if word in self.person_pronouns:
            return ("person", frozenset(), frozenset())
        if word in self.org_pronouns:
            return ("any", frozenset(), frozenset())
        return self._description(token)

    def _description(self, token: Token) -> _Want | None:
        """("group", {}) for "the group", ("name", {"council"}) for "the council"."""
        word = token.lower_
        if not token.tag_.startswith("NN") or mention_at(token.doc, token) is not None:
            return None
        if not any(c.dep_ == "det" and c.lower_ in self.definite for c in token.children):
            return None
        if any(c.dep_ in ("compound", "amod", "poss") and c.tag_ == "NNP" for c in token.children):
            return None
        if word in self.name_nouns:
            return ("name", self.name_nouns[word], frozenset())
        if word in self.org_nouns:
            return ("organisation", frozenset(), frozenset())
        return None

    def _pick(
        self,
        doc: Doc,
        sent: Span,
        token: Token,
        want: _Want,
        before: int,
        depth: int = 0,
    ) -> Mention | None:
        """The best antecedent in ``sent`` before token ``before``: a subject, else the nearest.

        In the pronoun's own sentence, the subject of its own clause is not its antecedent
        ("al-Nusra attacked it").
        """
        same = before == token.i
        own_clause = _clause_subject_ids(token) if same else set()
        found = [
            m
            for m in mentions_in(doc, sent.start, before)
            if m.end <= before
            and self._fits(doc, m, want)
            and doc[m.start : m.end].root.i not in own_clause
        ]
        subjects = [m for m in found if _in_subject(doc, m)]
        if not same and not subjects:
            root_subject = _root_subject(sent)
            if root_subject is not None and self.is_anaphor(root_subject):
                chained = self.resolve(doc, root_subject, depth + 1)
                if chained is not None and self._fits(doc, chained, want):
                    return chained
        if not found:
            return None
        if any(c.dep_ == "amod" and c.lower_ in ("new", "newly") for c in token.children):
            return found[-1]
        if subjects:
            return subjects[-1] if same else subjects[0]
        return found[-1] if same else found[0]

    def _fits(self, doc: Doc, mention: Mention, want: _Want) -> bool:
        kind_wanted, words, exclude = want
        names = frozenset(_words(mention.span(doc).text))
        if mention.label == "NAME":
            kind = (
                "person" if mention.hint == "person" else "place" if mention.hint == "place" else ""
            )
        elif mention.label == "ACTOR":
            profile = next((self.actors[i] for i in mention.ids if i in self.actors), None)
            kind = profile.kind if profile else ""
            names |= profile.words if profile else frozenset()
        else:
            return False
        if kind == "place" or kind in exclude:
            return False
        if kind_wanted == "person":
            return kind == "person"
        if kind == "person":
            return False
        if kind_wanted == "organisation":
            return kind not in _NOT_ORGANISATIONS
        if kind_wanted == "name":
            return bool(words & names)
        return True


def _clause_subject_ids(token: Token) -> set[int]:
    """Tokens of the subject of the clause where ``token`` is an object."""
    if token.dep_ in _SUBJECTS or token.dep_ == "poss":
        return set()
    verb = token.head
    while verb.dep_ in ("prep", "pobj", "dobj", "dative") and verb.head != verb:
        verb = verb.head
    return {t.i for c in verb.children if c.dep_ in _SUBJECTS for t in c.subtree}


def _in_subject(doc: Doc, mention: Mention) -> bool:
    """True when the mention is (part of) a clause's subject."""
    tok = doc[mention.start : mention.end].root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head != tok:
        tok = tok.head
    return tok.dep_ in _SUBJECTS


def _root_subject(sent: Span) -> Token | None:
    return next((c for c in sent.root.children if c.dep_ in _SUBJECTS), None)


def profiles(actors: dict[str, tuple[str, list[str]]]) -> dict[str, ActorProfile]:
    """Profiles from ``{id: (kind, names)}``: the lower-case words of every name."""
    return {
        ident: ActorProfile(kind, frozenset(w for n in names for w in _words(n)))
        for ident, (kind, names) in actors.items()
    }


def _words(name: str) -> list[str]:
    return [w for w in name.lower().replace("-", " ").split() if w.isalpha()]
