"""Claims end to end: claimant, date, statement, what it is about, and disputes."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.conftest import names

pytestmark = pytest.mark.slow


def test_claims_claim_with_a_dispute_in_the_next_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Russia claimed on 9 October that it had killed two-hundred IS jihadists in "
        "Aleppo. But ISW found that IS advanced north-east of Aleppo hours later, "
        "with no sign of Russian jets."
    )
    claim = next(c for c in facts.claims if "Russia" in names(facts, c.claimant))
    assert claim.date is not None and claim.date.start == date(2015, 10, 9)
    assert claim.statement is not None and "two-hundred IS jihadists" in claim.statement
    [assessment] = claim.assessments
    assert assessment.verdict == "disputes"
    assert "ISW" in names(facts, assessment.by)


def test_claims_contradicted_in_the_same_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "The ministry said on 3 March that its jets had struck only militants, a "
        "claim contradicted by the Syrian Observatory for Human Rights."
    )
    [claim] = facts.claims
    assert [a.verdict for a in claim.assessments] == ["disputes"]


def test_claims_according_to(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Meanwhile, Russia “continue[d] to use disinformation,” according to ISW.",
        published=date(2016, 6, 21),
    )
    assert any("ISW" in names(facts, c.claimant) for c in facts.claims)


def test_claims_present_tense_runs_to_publication(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "In January 2016, Russia’s intervention reached a “tipping point,” as the "
        "Levantine Group points out.",
        published=date(2016, 6, 21),
    )
    [claim] = facts.claims
    assert claim.date is not None
    assert (claim.date.start, claim.date.end) == (date(2016, 1, 1), date(2016, 6, 21))


def test_claims_quoted_speaker_after_the_quote(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "“The continuing mingling of the so-called moderate opposition with al-Nusra "
        "is a really serious problem,” the Kremlin’s spokesman said."
    )
    [claim] = facts.claims
    assert "Kremlin" in names(facts, claim.claimant)
    assert claim.statement is not None and claim.statement.startswith("The continuing mingling")
