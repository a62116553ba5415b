"""The mention ruler on a blank pipeline: registry names, gazetteer names, unknown names."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from contested.extract import registrations  # noqa: F401
from contested.extract.annotations import MENTIONS, get


@pytest.fixture
def patterns() -> list[dict]:
    return [
        {"label": "ACTOR", "pattern": "Jaysh al-Fatah", "id": "jaysh-al-fatah"},
        {"label": "ACTOR", "pattern": "JAF", "id": "jaysh-al-fatah", "case_sensitive": True},
        {"label": "ACTOR", "pattern": "IS", "id": "islamic-state", "case_sensitive": True},
        {"label": "ACTOR", "pattern": "the regime", "id": "syrian-regime"},
        {"label": "ACTOR", "pattern": "Shi'a jihadists", "id": "shia-militias"},
        {
            "label": "ACTOR",
            "pattern": "Moscow",
            "id": "russia",
            "metonym": True,
            "case_sensitive": True,
        },
        {"label": "PLACE", "pattern": "Moscow", "id": "moscow"},
        {"label": "PLACE", "pattern": "Idlib", "id": "idlib"},
        {"label": "PLACE", "pattern": "Jisr", "id": "jisr-ez-zarqa"},
        {"label": "PLACE", "pattern": "Salma", "id": "salma"},
    ]


@pytest.fixture
def nlp(patterns: list[dict]) -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("contested_time")
    blank.add_pipe("contested_mentions").add_patterns(patterns)
    return blank


def _found(nlp: Language, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    doc = nlp(text)
    return [(m.span(doc).text, m.label, m.ids + m.metonym) for m in get(doc, MENTIONS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the regime was swept from Idlib City by Jaysh al-Fatah (JAF).",
            [
                ("the regime", "ACTOR", ("syrian-regime",)),
                ("Idlib City", "PLACE", ("idlib",)),
                ("Jaysh al-Fatah", "ACTOR", ("jaysh-al-fatah",)),
                ("JAF", "ACTOR", ("jaysh-al-fatah",)),
            ],
        ),
        ("this is what IS wants", [("IS", "ACTOR", ("islamic-state",))]),
        (
            "a coalition that included Shi’a jihadists",
            [("Shi’a jihadists", "ACTOR", ("shia-militias",))],
        ),
        (
            "the PYD had opened an office in Moscow",
            [("PYD", "NAME", ()), ("Moscow", "PLACE", ("moscow", "russia"))],
        ),
    ],
)
def test_mentions_known_names(nlp: Language, text: str, expected: list) -> None:
    assert _found(nlp, text) == expected


def test_mentions_lowercase_acronym_is_not_a_name(nlp: Language) -> None:
    assert _found(nlp, "the town is quiet") == []


def test_mentions_known_prefix_of_a_longer_name_becomes_unknown(nlp: Language) -> None:
    found = _found(nlp, "pushed on to take Jisr al-Shughur by late April")
    assert found == [("Jisr al-Shughur", "NAME", ())]


@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("captured the village of Rasm Al-Nafal yesterday", "Rasm Al-Nafal", "place"),
        ("seized Tal Mattar hill", "Tal Mattar", "place"),
        ("the SAA captured Hill 800 and", "Hill 800", "place"),
        ("units of Liwa Fatemiyoun arrived", "Liwa Fatemiyoun", "actor"),
        ("Issam al-Rayes echoed the point", "Issam al-Rayes", "person"),
    ],
)
def test_mentions_unknown_names_get_hints(nlp: Language, text: str, name: str, hint: str) -> None:
    doc = nlp(text)
    names = [(m.span(doc).text, m.hint) for m in get(doc, MENTIONS) if m.label == "NAME"]
    assert (name, hint) in names


def test_mentions_patterns_round_trip(nlp: Language, patterns: list[dict], tmp_path: Path) -> None:
    nlp.get_pipe("contested_mentions").to_disk(tmp_path / "ruler")
    fresh = spacy.blank("en")
    fresh.add_pipe("contested_time")
    fresh.add_pipe("contested_mentions").from_disk(tmp_path / "ruler")
    text = "JAF took Idlib"
    assert _found(fresh, text) == _found(nlp, text)
