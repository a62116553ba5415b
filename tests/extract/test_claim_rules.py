"""Claim rules end to end on corpus and news sentences: speakers, participles, news dates."""

from __future__ import annotations

from datetime import date

import pytest

from contested.facts import FactsDocument
from tests.extract.conftest import names

pytestmark = pytest.mark.slow


def _speakers(facts: FactsDocument) -> list[set[str]]:
    return [names(facts, c.claimant) for c in facts.claims]


def _claimed_by(facts: FactsDocument, speaker: str) -> list[object]:
    return [c for c in facts.claims if speaker in names(facts, c.claimant)]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # each coordinated speaker
        (
            "In late November 2015, clashes took place in the northern Aleppo Governorate. "
            "However, both the YPG and al-Nusra denied involvement in the conflict.",
            ["YPG", "al-Nusra"],
        ),
        # the antecedent of "which"
        (
            "The group reportedly pledged allegiance to Jabhat Fateh al-Sham which declared Jund "
            "al-Aqsa would be joining its ranks in order to end the infighting.",
            ["Jabhat Fateh al-Sham"],
        ),
        # a participle speaks for the subject of its clause; "the group" is named before
        (
            "Jabhat Thuwar Saraqib is an active armed Syrian Opposition group based in Saraqib. "
            "On 8 July 2014, the group released a statement, stating the group's concern over a "
            "large rebel convoy abandoning front lines against the Syrian government.",
            ["Jabhat Thuwar Saraqib"],
        ),
        # "He also said": the speaker of the claim before
        (
            "In July 2017, the commander of Liwa Ahfad Saladin, Mahmoud Khallo, declared that the "
            "group would not participate in a planned Turkish-led offensive against the SDF. He "
            "also said that Liwa Ahfad Saladin, now without weapons, would set up a political "
            "party.",
            ["Mahmoud Khallo", "Mahmoud Khallo"],
        ),
        # a list label is not the speaker
        (
            "Iran: Secretary of Iran's SNSC Ali Shamkhani congratulated Syria for the victory, "
            "adding that Iran's Armed Forces will continue to support the country's war against "
            "terrorist groups.",
            ["Ali Shamkhani"],
        ),
        # an unnamed spokesman speaks for the group he is the spokesman of
        (
            "Coalition aircraft pounded Islamic State positions around the village of Baghuz "
            "near the Iraqi border on Thursday, a spokesman for the SDF said.",
            ["SDF"],
        ),
        # "accused X of ..." states the "of" phrase
        (
            "On 26 August 2017, the Hawar Kilis Operations Room condemned Riad al-Asaad and "
            "accused him of conspiring with al-Qaeda after he attended a conference.",
            ["Hawar Kilis Operations Room"],
        ),
        # one claim per speaker and sentence
        (
            "Later, SOHR confirmed the capture of Mutaqa'ideen and Al-Jami'a and reported "
            "government troops secured 35% of the city.",
            ["SOHR"],
        ),
        # "the Observatory" is the monitor named before
        (
            "Hayat Tahrir al-Sham took full control of Idlib city on Sunday, the Syrian "
            "Observatory for Human Rights said. But HTS fighters later stormed the headquarters "
            "of Jabhat Thuwar Saraqib, the Observatory said.",
            ["Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"],
        ),
        # a threat to act is a plan, not a claim
        (
            "Meanwhile, 150 ISIL militants threatened to leave Tell Abyad, due to the lack of "
            "support from the ISIL high command.",
            [],
        ),
        # a hypothetical argument is no claim
        (
            "At the time, LSY, which had been an FSA-style group in good standing, could "
            "plausibly argue that this was al-Qaeda taking out another nationalist group.",
            [],
        ),
    ],
)
def test_claim_rules_speakers(extract, text: str, speakers: list[str]) -> None:  # type: ignore[no-untyped-def]
    found = _speakers(extract(text))
    assert len(found) == len(speakers), found
    for want in speakers:
        assert any(want in named for named in found), (want, found)


def test_claim_rules_news_statements_are_dated_at_publication(extract) -> None:  # type: ignore[no-untyped-def]
    """A news report: an undated "said" is the report's day, not the background's date."""
    facts = extract(
        "August 19, 2016 — The Manbij Military Council (MMC), a member of the Syrian Democratic "
        "Forces, announced on Friday that it had taken over the security of Manbij city center "
        "from the YPG.\n\nThe council was formed on 2 April by six non-YPG factions of the SDF, "
        "and has fought the Islamic State with the support of U.S.-led coalition airstrikes.\n\n"
        "The YPG later said it had withdrawn east of the Euphrates and handed all its positions "
        "to the council.",
        published=date(2016, 8, 19),
    )
    [ypg] = _claimed_by(facts, "YPG")
    assert ypg.date is not None and ypg.date.start == ypg.date.end == date(2016, 8, 19)  # type: ignore[attr-defined]


def test_claim_rules_analysis_statements_keep_the_narrative_date(extract) -> None:  # type: ignore[no-untyped-def]
    """Not news (its first dates are years before publication): the narrative dates claims."""
    facts = extract(
        "In October 2015, the group Liwa Thuwar al-Raqqa stated it received military equipment "
        "from the United States and YPG in order to fight ISIL north of Raqqa. The group also "
        "stated its intention to capture the city of Raqqa from ISIL.",
        published=date(2023, 10, 7),
    )
    claims = _claimed_by(facts, "Liwa Thuwar al-Raqqa")
    assert len(claims) == 2
    assert all(c.date is not None and c.date.start == date(2015, 10, 1) for c in claims)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "claimant", "by", "verdict"),
    [
        # a claim noun with a verdict in a relative clause
        (
            "The U.S. State Department said on Wednesday that more than ninety percent of "
            "Russia's airstrikes had hit non-IS targets, a claim the Kremlin denied.",
            "State Department",
            "Kremlin",
            "disputes",
        ),
        # a verdict verb after "but" answers the claim before it in the sentence
        (
            "Around 12:00 (UTC+03:00), the TAF and SNA stated they had captured Ras al-Ayn, but "
            "the SDF denied that Turkey had taken control of the city.",
            "SNA",
            "SDF",
            "disputes",
        ),
        # a later statement of dispute, aimed at the claim it shares words with
        (
            "The YPG later said it had withdrawn east of the Euphrates and handed all its "
            "positions to the council. Turkey, which considers the YPG a terrorist organisation, "
            "said it had seen no sign of the withdrawal.",
            "YPG",
            "Turkey",
            "disputes",
        ),
        (
            "Russia's Defence Ministry said on Friday that its jets had killed two hundred "
            "Islamic State militants in strikes in Aleppo province.\n\nThe U.S. State Department "
            "said on Wednesday that more than ninety percent of Russia's airstrikes had hit "
            "non-IS targets.\n\nThe Institute for the Study of War said there was no sign of "
            "Russian jets when Islamic State fighters advanced north-east of Aleppo hours later.",
            "russian-mod",
            "Institute for the Study of War",
            "disputes",
        ),
    ],
)
def test_claim_rules_assessments(extract, text: str, claimant: str, by: str, verdict: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text, published=date(2015, 10, 9))
    [claim] = _claimed_by(facts, claimant)
    found = [(names(facts, a.by), a.verdict) for a in claim.assessments]  # type: ignore[attr-defined]
    assert any(by in named and v == verdict for named, v in found), found


def test_claim_rules_unrelated_statement_assesses_nothing(extract) -> None:  # type: ignore[no-untyped-def]
    """ "But ..." after a claim about something else is narrative, not a dispute."""
    facts = extract(
        "In Saraqib, the local group Jabhat Thuwar Saraqib said it had negotiated a ceasefire "
        "between the two sides. But HTS fighters later stormed the group's headquarters and "
        "killed a media activist affiliated with it, the Observatory said.",
        published=date(2017, 7, 23),
    )
    [claim] = _claimed_by(facts, "Jabhat Thuwar Saraqib")
    assert claim.assessments == []  # type: ignore[attr-defined]


def test_claim_rules_author_disputes(extractor) -> None:  # type: ignore[no-untyped-def]
    """The author named in the metadata disputes a claim in the sentence after it."""
    from contested.sources.text import text_document_from_string

    document = text_document_from_string(
        "Syrian state media said on Monday that the army had recaptured the town of Morek "
        "from rebels.\nIn fact, rebels still held the town's eastern districts on Tuesday.",
        doc_id="op-ed",
        published=date(2016, 6, 21),
    )
    document.metadata["author"] = "Kyle W. Orton"
    facts = extractor.extract_document(document)
    [claim] = facts.claims
    [assessment] = claim.assessments
    assert assessment.verdict == "disputes"
    assert "Kyle W. Orton" in names(facts, assessment.by)
