"""Relations end to end on real sentences: membership, absorption, mergers, allegiance, support."""

from __future__ import annotations

from datetime import date

import pytest

from contested.facts import FactsDocument
from tests.extract.conftest import names

pytestmark = pytest.mark.slow


def _has(facts: FactsDocument, subject: str, predicate: str, obj: str) -> bool:
    return any(
        r.predicate == predicate
        and subject in names(facts, r.subject)
        and obj in names(facts, r.object)
        for r in facts.relations
    )


@pytest.mark.parametrize(
    ("sentence", "subject", "predicate", "obj"),
    [
        (
            "JAF included Jabhat al-Nusra, the Syrian branch of al-Qaeda, Jund al-Aqsa, and "
            "Ahrar al-Sham.",
            "Jund al-Aqsa",
            "member_of",
            "JAF",
        ),
        (
            "JAF included Jabhat al-Nusra, the Syrian branch of al-Qaeda, Jund al-Aqsa, and "
            "Ahrar al-Sham.",
            "Jabhat al-Nusra",
            "part_of",
            "al-Qaeda",
        ),
        (
            "JAF included, too, Ajnad al-Sham, plus Liwa al-Haq, a Homs-origin Salafist group, and "
            "Jaysh al-Sunna, a non-ideological group, both of which have since been subsumed by "
            "Ahrar.",
            "Liwa al-Haq",
            "absorbed_into",
            "Ahrar",
        ),
        (
            "Earlier this month, the State Department designated LSY as a terrorist organization, "
            "noting it had “pledged allegiance” to IS.",
            "LSY",
            "designated_by",
            "State Department",
        ),
        (
            "The Russian air force bombed the FSA-branded New Syrian Army (NSyA) on 17 June.",
            "New Syrian Army",
            "member_of",
            "FSA",
        ),
        (
            "A convoy of reinforcements consisting of the pro-government Palestinian militia "
            "Liwa Al-Quds was sent to reopen the road.",
            "Liwa Al-Quds",
            "allied_with",
            "Syrian government",
        ),
        (
            "By June, the regime’s Iranian and Russian supporters had begun preparing their "
            "intervention.",
            "regime",
            "supported_by",
            "Iran",
        ),
        (
            "Jaysh al-Islam (JAI), one of the earliest actors to fight IS, had already issued "
            "public condemnations of IS.",
            "Jaysh al-Islam",
            "fights",
            "IS",
        ),
    ],
)
def test_relations_patterns(extract, sentence: str, subject: str, predicate: str, obj: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(sentence)
    assert _has(facts, subject, predicate, obj), [
        (r.subject, r.predicate, r.object) for r in facts.relations
    ]


def test_relations_merger_is_dated(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 21 May, two of IS’s affiliates, LSY and Harakat al-Muthanna al-Islamiya "
        "(HMI), joined together to form Jaysh Khaled bin al-Walid."
    )
    merged = [r for r in facts.relations if r.predicate == "merged_into"]
    assert {r.subject for r in merged} >= {
        next(a.id for a in facts.actors if "LSY" in names(facts, a.id))
    }
    assert all(r.valid_from == date(2016, 5, 21) for r in merged)


def test_relations_departure_ends_membership(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract("In 2015, Faylaq al-Sham left JAF and moved into the Western orbit.")
    [left] = [r for r in facts.relations if r.predicate == "member_of"]
    assert "Faylaq al-Sham" in names(facts, left.subject)
    assert left.valid_to == date(2015, 12, 31)
