"""Snippet classification: the extractor's event typing, or "none" for non-conflict news."""

from __future__ import annotations

import pytest

from contested.extract.classify import Snippet, classify_snippets

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian jets struck a hospital in Idlib, killing 12 civilians.", "Air/drone strike"),
        (
            "ISIS fighters captured the town of Palmyra from government forces.",
            "Non-state actor overtakes territory",
        ),
        ("A suicide car bomb exploded at a checkpoint near Azaz.", "Suicide bomb"),
        ("Heavy floods swept through the town, killing 20 people.", "none"),
        (
            "The Turkish foreign minister visited Moscow for talks with his Russian counterpart.",
            "none",
        ),
        ("Police arrested a man suspected of stealing cars in the city.", "none"),
    ],
)
def test_classify_snippets(extractor, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    [result] = classify_snippets([Snippet("s1", text)], extractor)
    assert result.sub_event_type == expected
    assert 0 < result.score <= 1
