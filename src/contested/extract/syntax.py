"""Reading the dependency parse: subjects, objects, prepositions and the names they hold.

Shared by the event, relation and claim components. Every function takes
spaCy tokens and returns tokens or :class:`~contested.extract.annotations.Mention`
objects; none of them knows about event types.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import cast

from spacy.tokens import Doc, Span, Token

from contested.extract._data import load_yaml
from contested.extract.annotations import (
    Arg,
    Mention,
    doc_text,
    mention_at,
    mentions_in,
    sentence_of,
)

_QUOTES = "contested.quote_regions"
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "pcomp", "parataxis"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod"})
_WORDS = load_yaml("mentions.yaml")
# Head nouns that stand for the names they govern ("the village of X", "militants from X").
CONTAINER_NOUNS = frozenset(_WORDS["container_nouns"])
CONTAINER_PREPS = frozenset({"of", "from", "in", "near", "outside", "around", "inside", "between"})
_NUMBER_WORDS: dict[str, int] = _WORDS["number_words"]


def is_verb(token: Token) -> bool:
    """A verb by its fine-grained tag (the extractor runs without the attribute ruler)."""
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def is_noun(token: Token) -> bool:
    return token.tag_.startswith("NN")


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds ``token`` (the token itself when it is a verb)."""
    while not is_verb(token) and token.dep_ != "ROOT" and token.head != token:
        token = token.head
    return token


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("A, B and C")."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def subjects(verb: Token, *, passive: bool | None = None) -> list[Token]:
    """Grammatical subjects of ``verb``, inherited through conj, xcomp and relative clauses."""
    deps = PASSIVE_SUBJECT_DEPS if passive else SUBJECT_DEPS
    if passive is None:
        deps = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
    seen = 0
    while seen < 4:
        found = [c for c in verb.children if c.dep_ in deps]
        if found:
            subj = found[0]
            if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ in ("relcl", "acl"):
                return with_conjuncts(verb.head)
            return with_conjuncts(subj)
        if verb.dep_ == "relcl" and passive is not True:
            return with_conjuncts(verb.head)
        if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head != verb:
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
                return []
            verb = verb.head
            seen += 1
            continue
        return []
    return []


def objects(verb: Token) -> list[Token]:
    """Direct objects of ``verb`` with their conjuncts."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            out.extend(with_conjuncts(child))
    return out


def prepositions(token: Token) -> dict[str, list[Token]]:
    """Objects of the prepositions hanging off ``token``: ``{"from": [...], "by": [...]}``.

    The passive agent counts as "by"; "out of" and phrasal particles are joined.
    """
    out: dict[str, list[Token]] = {}
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    for child in token.children:
        if child.dep_ not in ("prep", "agent", "dative"):
            continue
        key = "by" if child.dep_ == "agent" else child.lower_
        if particle and key == "of":
            key = f"{particle} of"
        objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp", "dobj")]
        if not objs and child.dep_ == "dative":
            objs = [child]
        if not objs:
            inner = next((c for c in child.children if c.dep_ == "prep"), None)
            if inner is not None:
                key = f"{key} {inner.lower_}"
                objs = [c for c in inner.children if c.dep_ in ("pobj", "pcomp")]
        for obj in objs:
            out.setdefault(key, []).extend(with_conjuncts(obj))
    return out


def nominal_mentions(doc: Doc, token: Token, depth: int = 0) -> list[Mention]:
    """The names a noun phrase headed by ``token`` denotes, coordination included.

    "ISIL and Jund al-Aqsa" gives both; "the village of Rasm al-Nafal" and
    "militants from ISIL" give the name the container noun governs.
    """
    out: list[Mention] = []
    for tok in with_conjuncts(token):
        for found in _own_mentions(doc, tok, depth):
            if found not in out:
                out.append(found)
    return out


def _own_mentions(doc: Doc, tok: Token, depth: int) -> list[Mention]:
    found = mention_at(doc, tok)
    if found is not None:
        return [found]
    # "al Qaeda's Syrian branch, Nusra Front": the name in apposition is what the noun is.
    for child in tok.children:
        if child.dep_ == "appos" and child.i > tok.i and mention_at(doc, child) is not None:
            return [mention_at(doc, child)]  # type: ignore[list-item]
    for child in tok.children:
        if child.dep_ in ("compound", "nmod", "poss", "amod", "appos") and child.i < tok.i:
            found = mention_at(doc, child)
            if found is not None and not _opposed(doc, found):
                return [found]
    if depth < 2 and tok.lower_ in CONTAINER_NOUNS:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in CONTAINER_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        inner = nominal_mentions(doc, obj, depth + 1)
                        if inner:
                            return inner
    for child in tok.children:
        if child.dep_ == "appos":
            found = mention_at(doc, child)
            if found is not None:
                return [found]
    if tok.dep_ == "appos":
        found = mention_at(doc, tok.head)
        if found is not None:
            return [found]
    return []


def _opposed(doc: Doc, mention: Mention) -> bool:
    """ "Anti-HTS factions" are not HTS: the name follows "anti-" or "counter-"."""
    before = doc[max(mention.start - 2, 0) : mention.start]
    words = "".join(t.lower_ for t in before)
    return words.endswith(("anti-", "counter-"))


def antecedent(doc: Doc, pronoun: Token) -> Mention | None:
    """The nearest actor named earlier in the sentence (outside quotations)."""
    sent = sentence_of(doc, pronoun.i)
    best: Mention | None = None
    for m in mentions_in(doc, sent.start, pronoun.i):
        if m.end > pronoun.i or m.label not in ("ACTOR", "NAME"):
            continue
        if m.label == "NAME" and m.hint in ("place", "person"):
            continue
        best = m
    return best


def relative_antecedents(verb: Token) -> list[Token]:
    """What a relative clause is about: "X, which has since left JAF" -> X.

    "A and B, both of which ..." gives A and B; an apposition ("X, a group
    that ...") gives the name it stands beside.
    """
    head = verb.head
    if head.dep_ == "appos":
        head = head.head
    heads = [head]
    rel = [t for t in verb.subtree if t.i < verb.i][:4]
    if any(t.lower_ in ("both", "all", "each") for t in rel):
        first = head.head if head.dep_ == "conj" else head
        heads = with_conjuncts(first)
        if head.dep_ == "conj" and first.dep_ == "appos":
            heads = with_conjuncts(first.head)
    return heads


def arg_of(doc: Doc, mention: Mention) -> Arg:
    return Arg.from_mention(doc, mention)


def noun_arg(doc: Doc, token: Token) -> Arg:
    """An argument for a noun phrase that names nothing known ("the village", "civilians")."""
    left = min(
        (t.i for t in token.subtree if t.i <= token.i and t.dep_ in MODIFIER_DEPS | {"det"}),
        default=token.i,
    )
    span = doc[left : token.i + 1]
    return Arg(span.text, span.start_char, span.end_char, "NOUN", hint=token.lower_)


def in_quotes(sent: Span, token: Token) -> bool:
    """True when ``token`` sits inside a quotation (which may span sentences)."""
    regions = quote_regions(sent.doc)
    k = bisect_right(regions, (token.idx, 10**12)) - 1
    return k >= 0 and regions[k][0] <= token.idx < regions[k][1]


def quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges between opening and closing quotation marks, computed once per Doc."""
    cached = doc.user_data.get(_QUOTES)
    if cached is not None:
        return cast(list[tuple[int, int]], cached)
    text = doc_text(doc)
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    straight: int | None = None
    for i, ch in enumerate(text):
        if ch in "“«":
            opened = i
        elif ch in "”»" and opened is not None:
            regions.append((opened, i + 1))
            opened = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                regions.append((straight, i + 1))
                straight = None
        elif ch == "\n" and text[i - 1 : i] == "\n":
            opened = straight = None
    regions.sort()
    doc.user_data[_QUOTES] = regions
    return regions


def parse_number(text: str) -> int | None:
    """An integer from "2,000", "39", "two-hundred", "forty-three"; None for "dozens"."""
    clean = text.replace(",", "").strip().lower()
    if clean.isdigit():
        return int(clean)
    total, current = 0, 0
    for word in re.split(r"[-\s]+", clean):
        if word == "and":
            continue
        value = _NUMBER_WORDS.get(word)
        if value is None:
            return None
        if value in (100, 1000):
            current = max(current, 1) * value
            if value == 1000:
                total, current = total + current, 0
        else:
            current += value
    result = total + current
    return result or None


def count_of(token: Token) -> int | None:
    """The number attached to a noun ("39 fighters", "at least 12 militants")."""
    for child in token.children:
        if child.dep_ == "nummod" or (child.like_num and child.i < token.i):
            left = child.i
            while (
                left > 0
                and token.doc[left - 1].dep_ in ("compound", "quantmod")
                and token.doc[left - 1].like_num
            ):
                left -= 1
            return parse_number(token.doc[left : child.i + 1].text)
    if token.like_num:
        return parse_number(token.text)
    return None
