"""Relations stated by nouns and modifiers rather than verbs.

Compound adjectives ("U.S.-backed X", "FSA-branded rebels like A and B"),
role nouns in apposition or after a copula ("X, the Syrian branch of Y", "X,
a former member of Y", "X is part of Y"), possessives of named groups ("the
FSA's 13th Division"), support nouns ("with the help of Y", "with Turkish
backing"), hostility nouns ("the offensive against Y", "clashes between X and
Y"), joint actions ("a joint attack by X and Y") and companions ("X, along
with Y, ..."). Words in ``data/extract/relations.yaml``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from contested.extract import syntax
from contested.extract.annotations import (
    Arg,
    Mention,
    RelationFrame,
    doc_text,
    mention_at,
    mentions_in,
    sentence_of,
    tokens_with,
)
from contested.extract.relation_args import ArgReader

_LINKING = frozenset(
    {
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "become",
        "became",
        "becomes",
        "remain",
        "remains",
        "remained",
        "form",
        "forms",
        "formed",
        "constitute",
        "constitutes",
        "constituted",
        "make",
        "makes",
        "made",
    }
)
_LED = frozenset({"led"})
_BACKER_NOUNS = frozenset({"supporters", "backers", "patrons", "sponsors"})


class NounRelations(ArgReader):
    """The noun and modifier patterns of the relation tagger."""

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        data = self.data
        self.roles = {w: pred for pred, words in data["role_nouns"].items() for w in words}
        self.speaker_roles = frozenset(data["speaker_roles"])
        self.former = frozenset(data["former_words"])
        self.suffixes: dict[str, str] = data["compound_suffixes"]
        self.suffix_words = frozenset(self.suffixes) | frozenset(self.pro_words)
        self.support_nouns = frozenset(data["support_nouns"])
        self.hostility_nouns = frozenset(data["hostility_nouns"])
        self.reciprocal_nouns = frozenset(data["reciprocal_nouns"])
        self.alliance_nouns = frozenset(data["alliance_nouns"])
        self.loose_alliances = frozenset(data["loose_alliance_nouns"])
        self.joint_words = frozenset(data["joint_words"])
        self.group_nouns = frozenset(data["group_nouns"])
        self.anti = frozenset({"anti"})
        self.noun_words = (
            self.support_nouns
            | self.hostility_nouns
            | self.reciprocal_nouns
            | self.alliance_nouns
            | self.joint_words
            | _BACKER_NOUNS
        )
        self.companions = frozenset(data["companions"])
        self.companion_heads = frozenset(p.split()[0] for p in self.companions)

    def noun_frames(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        """Every noun-stated relation of one sentence."""
        return [
            *self._compounds(doc, sent),
            *self._appositions(doc, sent),
            *self._possessives(doc, sent),
            *self._nouns(doc, sent),
            *self._companion_frames(doc, sent),
        ]

    # --- compounds ----------------------------------------------------------------------------

    def _compounds(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        out: list[RelationFrame] = self._anti(doc, sent)
        for tok in self._compound_candidates(doc, sent):
            suffix, owner = self._compound_parts(doc, tok, self.suffixes)
            if suffix is None or owner is None:
                continue
            predicate = self.suffixes[suffix]
            for target in self._modified(doc, tok, owner):
                if self.is_generic(target):
                    continue
                out.append(
                    self._frame(sent, doc[tok.i : tok.i + 1], target, predicate, owner, "compound")
                )
        return out

    def _anti(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        """ "the anti-YPG group Liwa Ahfad Saladin": the group fights the actor named."""
        out: list[RelationFrame] = []
        for tok in tokens_with(doc, sent, self.anti):
            if tok.i + 2 >= sent.end or doc[tok.i + 1].text != "-":
                continue
            enemy = mention_at(doc, doc[tok.i + 2])
            arg = Arg.actor_of(doc, enemy) if enemy is not None else None
            if enemy is None or arg is None or self.kind_of(enemy) in ("generic", "person"):
                continue
            span = doc[tok.i : enemy.end]
            for target in self._modified(doc, doc[enemy.end - 1], arg):
                if target.text != arg.text and not self.is_generic(target):
                    out.append(self._frame(sent, span, target, "fights", arg, "compound"))
        return out

    def _compound_candidates(self, doc: Doc, sent: Span) -> list[Token]:
        """Tokens that can end a compound: "-backed" words, or the word after a hyphen."""
        text = doc_text(doc)[sent.start_char : sent.end_char]
        if "-" not in text:
            return []
        return [t for t in tokens_with(doc, sent, self.suffix_words) if t.i > sent.start] + [
            t for t in sent if "-" in t.text and len(t.text) > 2
        ]

    def _modified(self, doc: Doc, tok: Token, owner: Arg | None = None) -> list[Arg]:
        """The actors a modifier describes: the examples listed, its head's name, the name after."""
        head = tok.head
        while head.dep_ in ("amod", "compound", "npadvmod") and head.head != head:
            head = head.head
        found = [
            a
            for a in self._actors(doc, [head], examples=True, conjuncts=False)
            if owner is None
            or not (owner.start_char <= a.start_char and a.end_char <= owner.end_char)
        ]
        if found and tok.dep_ != "conj":
            return found
        for t in doc[head.i + 1 : min(head.i + 4, sentence_of(doc, head.i).end)]:
            m = mention_at(doc, t)
            if m is not None and m.label in ("ACTOR", "NAME") and _names(doc, m, head, tok):
                arg = Arg.actor_of(doc, m)
                return [arg] if arg else []
        for sib in (c for c in head.children if c.i < head.i and c != tok):
            suffix, owner = self._compound_parts(doc, sib, self.suffixes)
            if suffix == "branded" and owner is not None:
                return [owner]
        if _predicative(head) and head.lower_ in syntax.CONTAINER_NOUNS:
            return self._subjects(doc, syntax.clause_verb(head))
        return []

    # --- roles and possessives ----------------------------------------------------------------

    def _appositions(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        """ "X, the Syrian branch of Y", "Y's affiliates, A and B", "X is part of Y"."""
        out: list[RelationFrame] = []
        for tok in tokens_with(doc, sent, self.roles):
            if not tok.tag_.startswith("NN"):
                continue
            inside = mention_at(doc, tok)
            if inside is not None and (inside.end - 1 != tok.i or inside.end - inside.start < 2):
                continue
            owners = (
                [a for a in [Arg.actor_of(doc, inside)] if a] if inside else self._owners(doc, tok)
            )
            ends = any(c.lower_ in self.former for c in tok.children)
            predicate = self.roles[tok.lower_]
            source = "part" if predicate == "part_or_member" else "role"
            if predicate == "part_or_member":
                predicate = "member_of"
            named = self._listed_of(doc, tok) if inside else self._named_by(doc, tok)
            for x in named:
                if self._person(x) and tok.lower_ not in self.speaker_roles:
                    continue
                for y in owners:
                    if x.text != y.text:
                        out.append(
                            self._frame(
                                sent,
                                doc[tok.i : tok.i + 1],
                                x,
                                predicate,
                                y,
                                source,
                                ends=ends,
                                confidence=0.65,
                            )
                        )
        return out

    def _person(self, arg: Arg) -> bool:
        if arg.label == "NAME":
            return arg.hint == "person"
        return any(self.coref.actors[i].kind == "person" for i in arg.ids if i in self.coref.actors)

    def _owners(self, doc: Doc, role: Token) -> list[Arg]:
        """The one actor a role belongs to: "Iran's", "of al-Qaeda" (not what follows it)."""
        for child in role.children:
            if child.dep_ in ("poss", "compound"):
                found = self._single(doc, child)
                if found:
                    return found
        for child in role.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "within", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self._single(doc, obj)
                        if found:
                            return found
        return []

    def _named_by(self, doc: Doc, role: Token) -> list[Arg]:
        """Who holds the role: the name beside it, the subject of "is/became/forms", or a list."""
        if role.dep_ == "appos":
            return self._actors(doc, [role.head])
        if role.dep_ in ("attr", "dobj", "oprd") and role.head.lower_ in _LINKING:
            return self._subjects(doc, role.head)
        named = [a for c in role.children if c.dep_ == "appos" for a in self._actors(doc, [c])]
        for child in role.children:
            if child.dep_ == "acl" and child.lower_ == "known":
                for grand in child.children:
                    if grand.dep_ == "prep" and grand.lower_ == "as":
                        named.extend(
                            self._actors(doc, [g for g in grand.children if g.dep_ == "pobj"])
                        )
        return named + self._listed_of(doc, role)

    def _listed_of(self, doc: Doc, role: Token) -> list[Arg]:
        """ "the NDF units of A and B": the names a plural role lists."""
        if role.tag_ != "NNS":
            return []
        return [
            a
            for child in role.children
            if child.dep_ == "prep" and child.lower_ == "of"
            for a in self._actors(doc, [c for c in child.children if c.dep_ == "pobj"])
        ]

    def _possessives(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        """A named group said to be another's: "the FSA's 13th Division", "Ahrar al-Sham
        (NFL)", "the FSA group Liwa Ahfad Saladin" (states own organs: see the assembler)."""
        out: list[RelationFrame] = []
        for m in mentions_in(doc, sent.start, sent.end):
            if m.label != "ACTOR" or self.kind_of(m) in ("person", "state", "generic"):
                continue
            for owner, trigger in self._owners_of_name(doc, m):
                if owner.label != "ACTOR" or self.kind_of(owner) in (
                    "person",
                    "state",
                    "generic",
                    "civilians",
                ):
                    continue
                x, y = Arg.actor_of(doc, m), Arg.actor_of(doc, owner)
                if x is not None and y is not None and not set(m.ids) & set(owner.ids):
                    span = doc[trigger.i : trigger.i + 1]
                    out.append(self._frame(sent, span, x, "member_of", y, "part", confidence=0.6))
        return out

    def _owners_of_name(self, doc: Doc, m: Mention) -> list[tuple[Mention, Token]]:
        """The groups a name's possessive, bracket or group noun names."""
        tokens = doc[m.start : m.end]
        root = tokens.root
        out: list[tuple[Mention, Token]] = []
        for t in tokens:
            for c in t.children:
                if c.dep_ == "poss" and c.i < m.start and (owner := mention_at(doc, c)):
                    out.append((owner, c))
        after = doc[m.end : m.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            owner = mention_at(doc, after[1])
            if owner is not None and self.kind_of(owner) == "coalition":
                out.append((owner, after[1]))
        nouns = [c for t in tokens for c in t.children if c.dep_ == "compound" and c.i < m.start]
        if root.dep_ in ("appos", "compound"):
            nouns.append(root.head)
        for noun in (n for n in nouns if n.lower_ in self.group_nouns):
            for c in noun.children:
                owner = mention_at(doc, c) if c.dep_ in ("compound", "nmod") else None
                hyphened = c.i + 1 < len(doc) and doc[c.i + 1].text == "-"
                if owner is not None and c.i < noun.i and not hyphened:
                    out.append((owner, noun))
        return out

    # --- support, hostility, alliance nouns ---------------------------------------------------

    def _nouns(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        out: list[RelationFrame] = []
        for tok in tokens_with(doc, sent, self.noun_words):
            word = tok.lower_
            if word in self.joint_words:
                out.extend(self._joint(doc, sent, tok))
            elif word in self.support_nouns and tok.dep_ == "pobj":
                out.extend(self._support_phrase(doc, sent, tok))
            elif word in _BACKER_NOUNS:
                owners = self._actors(doc, [c for c in tok.children if c.dep_ == "poss"])
                backers = self._demonyms_and_names(doc, tok)
                out.extend(
                    self._frame(sent, doc[tok.i : tok.i + 1], o, "supported_by", b, "noun")
                    for o in owners
                    for b in backers
                )
            elif word in self.hostility_nouns | self.reciprocal_nouns | self.alliance_nouns:
                out.extend(self._stance_phrase(doc, sent, tok))
        return out

    def _support_phrase(self, doc: Doc, sent: Span, noun: Token) -> list[RelationFrame]:
        """ "with the help of Y", "with Turkish backing", "in support of X"."""
        prep = noun.head
        verb = syntax.clause_verb(prep)
        of_objects = [
            a
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for a in self._pobj_actors(doc, c)
        ]
        if prep.lower_ == "with":
            backers = of_objects or self._demonyms_and_names(doc, noun)
            backed = self._subjects(doc, verb)
        elif prep.lower_ == "in" and noun.lower_ == "support":
            backed = of_objects
            owner = prep.head
            backers = (
                self._actors(doc, [owner])
                or self._demonyms_and_names(doc, owner)
                or self._subjects(doc, verb)
            )
        else:
            return []
        span = doc[noun.i : noun.i + 1]
        return [
            self._frame(sent, span, b, "supported_by", s, "noun", confidence=0.6)
            for b in backed
            for s in backers
            if b.text != s.text
        ]

    def _stance_phrase(self, doc: Doc, sent: Span, noun: Token) -> list[RelationFrame]:
        """ "the offensive against Y", "clashes between X and Y", "an alliance with Y", "X has
        ties to Y"."""
        word = noun.lower_
        alliance = word in self.alliance_nouns
        keys = {"against", "on"} if word in self.hostility_nouns else set()
        if alliance or word in self.reciprocal_nouns:
            keys |= {"with", "between"}
        if alliance:
            keys.add("to")
        if word in self.loose_alliances and any(c.tag_ == "PRP$" for c in noun.children):
            return []
        holders = [noun]
        if noun.dep_ == "nsubj" and word in self.reciprocal_nouns:
            holders.append(noun.head)
        preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in keys]
        others = [a for p in preps for a in self._pobj_between(doc, p)]
        if not others:
            return []
        between = any(p.lower_ == "between" for p in preps)
        owners = self._actors(doc, [c for c in noun.children if c.dep_ in ("poss", "compound")])
        owners = owners or self._led_by(doc, noun, _LED) or self._demonym_owner(doc, noun)
        allies: list[Arg] = []
        if not owners and not between:
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            owners = self._subjects(doc, syntax.clause_verb(gov))
            allies = owners[1:] if not alliance else []
        if not owners and len(others) >= 2:
            owners, others = others[:1], others[1:]
        predicate = "allied_with" if alliance else "fights"
        span = doc[noun.i : noun.i + 1]
        return [
            self._frame(sent, span, o, predicate, x, "noun", confidence=0.6)
            for o in owners
            for x in others
            if o.text != x.text
        ] + [
            self._frame(sent, span, owners[0], "allied_with", a, "co-actors", confidence=0.6)
            for a in allies
        ]

    def _pobj_between(self, doc: Doc, prep: Token) -> list[Arg]:
        if prep.lower_ != "between":
            return self._pobj_actors(doc, prep)
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        tokens = [t for o in objs for t in syntax.with_conjuncts(o)]
        tokens += [c for t in tokens for c in t.children if c.dep_ == "conj" and c not in tokens]
        return self._actors(doc, tokens)

    def _demonym_owner(self, doc: Doc, noun: Token) -> list[Arg]:
        """ "the Turkish offensive against the SDF": the state an adjective names."""
        return [
            Arg(c.text, c.idx, c.idx + len(c.text), "DEMONYM")
            for c in noun.children
            if c.dep_ == "amod" and c.text in self.demonyms
        ]

    def _joint(self, doc: Doc, sent: Span, word: Token) -> list[RelationFrame]:
        """ "a joint attack by X and Y", "a joint statement with Y": they acted together."""
        noun = word.head
        if word.dep_ != "amod" or not noun.tag_.startswith("NN"):
            return []
        actors = [
            a
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("by", "of", "between")
            for a in self._pobj_between(doc, c)
        ]
        actors += self._actors(doc, [c for c in noun.children if c.dep_ == "poss"])
        partners = [
            a
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for a in self._pobj_actors(doc, c)
        ]
        if partners and not actors:
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            actors = self._subjects(doc, syntax.clause_verb(gov))
        pairs = [(a, p) for a in actors[:1] for p in partners]
        pairs += [(actors[0], b) for b in actors[1:]] if not partners and actors else []
        span = doc[word.i : noun.i + 1]
        return [
            self._frame(sent, span, a, "allied_with", b, "joint", confidence=0.6)
            for a, b in pairs
            if a.text != b.text
        ]

    # --- companions ---------------------------------------------------------------------------

    def companions_of(self, doc: Doc, verb: Token) -> list[tuple[Token, list[Arg]]]:
        """ "X, along with Y, attacked Z": the preposition and the actors acting beside X."""
        out = []
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for holder in [verb, *subjects]:
            for child in holder.children:
                prep = self._companion_prep(doc, child)
                if prep is not None:
                    found = self._actors(
                        doc, [c for c in prep.children if c.dep_ == "pobj"], examples=True
                    )
                    if found:
                        out.append((child, found))
        return out

    def _companion_prep(self, doc: Doc, child: Token) -> Token | None:
        """The preposition whose object is the companion, for each phrase of ``companions``."""
        if child.dep_ not in ("prep", "advmod") or child.lower_ not in self.companion_heads:
            return None
        if child.lower_ == "alongside":
            return child
        nxt = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "with"]
        if child.lower_ in ("along", "together") and nxt:
            return nxt[0]
        if child.lower_ == "in":
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if noun is not None and f"in {noun.lower_} with" in self.companions:
                return next((c for c in noun.children if c.lower_ == "with"), None)
        return None

    def _companion_frames(self, doc: Doc, sent: Span) -> list[RelationFrame]:
        out: list[RelationFrame] = []
        words = tokens_with(doc, sent, self.companion_heads)
        verbs = {syntax.clause_verb(w) for w in words}
        for verb in sorted(verbs, key=lambda v: v.i):
            found = self.companions_of(doc, verb)
            if not found:
                continue
            owners = self._subjects(doc, verb)
            for word, others in found:
                span = doc[word.i : word.i + 1]
                out.extend(
                    self._frame(sent, span, o, "allied_with", x, "companion", confidence=0.6)
                    for o in owners[:1]
                    for x in others
                    if o.text != x.text
                )
        return out


def _names(doc: Doc, mention: Mention, head: Token, modifier: Token) -> bool:
    """The name after a modified noun is what it describes: the modifier is inside it
    ("FSA-branded New Syrian Army"), or the noun stands beside it ("the opposition group
    Division 13")."""
    root = doc[mention.start : mention.end].root
    if head.i >= mention.start or modifier.head.i >= mention.start:
        return True
    return root.head == head or head.head == root or root.dep_ == "appos"


def _predicative(noun: Token) -> bool:
    """ "X is a U.S.-backed group", "X arrived as a wave of pro-government reinforcements":
    the noun says what the clause's subject is."""
    if noun.dep_ == "attr":
        return True
    for _ in range(3):
        if noun.dep_ != "pobj":
            return False
        if noun.head.lower_ == "as":
            return True
        if noun.head.lower_ != "of":
            return False
        noun = noun.head.head
    return False
