"""Event arguments from mentions, and the filters that sort them into doers and places."""

from __future__ import annotations

from spacy.tokens import Doc

from contested.extract.annotations import Arg, Mention


def arg(doc: Doc, mention: Mention) -> Arg:
    """The argument a mention names; a capital standing for its state keeps the states."""
    found = Arg.from_mention(doc, mention)
    if mention.label == "PLACE" and mention.metonym:
        found.hint = "metonym:" + ",".join(mention.metonym)
    return found


def actors_of(args: list[Arg], metonyms: bool = True) -> list[Arg]:
    """Arguments that can act: actors, unknown names not cued as places, nouns, and (in a
    subject's role) capitals standing for states ("Moscow declared")."""
    out = []
    for a in args:
        if a.label in ("ACTOR", "DEMONYM") or (a.label == "NAME" and a.hint != "place"):
            out.append(a)
        elif metonyms and a.label == "PLACE" and a.hint and a.hint.startswith("metonym:"):
            out.append(
                Arg(
                    a.text,
                    a.start_char,
                    a.end_char,
                    "ACTOR",
                    tuple(a.hint.split(":", 1)[1].split(",")),
                    "metonym",
                )
            )
        elif a.label == "NOUN":
            out.append(a)
    return out


def places_of(args: list[Arg]) -> list[Arg]:
    """Arguments that are places: known places and unknown names cued as places."""
    return [a for a in args if a.label == "PLACE" or (a.label == "NAME" and a.hint == "place")]


def as_place(found: Arg, locative: bool = False) -> Arg:
    """An unknown name in a place slot ("captured Rasm al-Nafal") is a place, unless cued;
    after "in", "near" and kin only an actor cue stands against it."""
    cues = ("actor",) if locative else ("actor", "person")
    if found.label == "NAME" and found.hint not in cues:
        return Arg(found.text, found.start_char, found.end_char, "NAME", found.ids, "place")
    return found


def unique(args: list[Arg]) -> list[Arg]:
    """``args`` without repeats of the same stretch of text, in order."""
    out: list[Arg] = []
    for a in args:
        if all((a.start_char, a.end_char) != (b.start_char, b.end_char) for b in out):
            out.append(a)
    return out
