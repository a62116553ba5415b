"""Events end to end on real sentences of the corpus: types, roles from the parse, places, dates."""

from __future__ import annotations

from datetime import date

import pytest

from contested.extract.knowledge import default_knowledge
from contested.facts import Event, FactsDocument
from contested.vocab import TERRITORY_SUB_EVENT_TYPES
from tests.extract.conftest import names

pytestmark = pytest.mark.slow


def _events(facts: FactsDocument, sub: str) -> list[Event]:
    return [e for e in facts.events if e.sub_event_type == sub]


def test_events_passive_voice_swept_from(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "In late March 2015, the Assad regime was swept from Idlib City, only the "
        "second provincial capital to fall, by Jaysh al-Fatah (JAF), a coalition of "
        "insurgents."
    )
    [event] = _events(facts, "Non-state actor overtakes territory")
    assert "Jaysh al-Fatah" in names(facts, event.actor1)
    assert "Assad regime" in names(facts, event.actor2)
    assert "Idlib City" in names(facts, event.place)  # type: ignore[arg-type]
    assert (event.date.start, event.date.end) == (date(2015, 3, 21), date(2015, 3, 31))
    assert event.quote is not None and event.quote.startswith("In late March 2015")


def test_events_passive_capture_by_government_side(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 24 January the town of Rabia, which insurgents had held for four years, "
        "was overrun by the pro-regime forces."
    )
    [event] = _events(facts, "Government regains territory")
    assert "Rabia" in names(facts, event.place)  # type: ignore[arg-type]
    assert event.date.start == date(2016, 1, 24)


def test_events_active_capture_with_unknown_village(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Towards the end of February, the Republican Guard seized the village of "
        "Umm Miyal, east of the highway, along with the adjacent hills.",
        published=date(2023, 9, 10),
        title="2017 Khanasir fighting",
    )
    [event] = _events(facts, "Government regains territory")
    assert "Umm Miyal" in names(facts, event.place)  # type: ignore[arg-type]
    assert (event.date.start, event.date.end) == (date(2017, 2, 21), date(2017, 2, 28))


def test_events_withdrawal_is_a_transfer_and_the_leaver_is_actor2(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract("On 9 September 2015, the regime pulled out of Abu al-Duhour airbase.")
    [event] = _events(facts, "Non-violent transfer of territory")
    assert "the regime" in names(facts, event.actor2) or "Syrian regime" in names(
        facts, event.actor2
    )
    assert event.actor1 is None
    assert event.date.start == date(2015, 9, 9)


def test_events_air_actor_attack_is_an_air_strike(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "The Russian air force bombed the FSA-branded New Syrian Army (NSyA) on 17 June."
    )
    [event] = _events(facts, "Air/drone strike")
    assert "New Syrian Army" in names(facts, event.actor2)
    assert event.date.start == date(2016, 6, 17)


def test_events_fatalities_are_summed(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 12 February, 39 pro-government fighters and at least 12 ISIL militants "
        "were killed in an attack by ISIL east of Khanasir."
    )
    assert [e.fatalities for e in facts.events if e.fatalities] == [51]


@pytest.mark.parametrize(
    "sentence",
    [
        "Doubtless the same will be said if and when the pro-regime forces conquer Tabqa.",
        "Russia did not even go after al-Nusra.",
        "The notion of the regime conquering Raqqa City is fanciful.",
    ],
)
def test_events_hypothetical_and_denied_are_not_events(extract, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(sentence).events == []


def test_events_in_reported_speech_belong_to_the_claim(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Russia claimed on 9 October that it had killed two-hundred IS jihadists in Aleppo."
    )
    assert facts.events == []
    [claim] = facts.claims
    assert claim.about is not None and claim.about.sub_event_type == "Air/drone strike"


def test_events_spans_point_into_the_original(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Heading\n\nThe next day, the regime re-conquered Shaykh Maskeen from the rebellion."
    facts = extract(text, published=date(2016, 1, 30))
    [event] = facts.events
    start, end = event.span  # type: ignore[misc]
    assert text[start:end] == event.quote
    assert "Shaykh Maskeen" in names(facts, event.place)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "sub", "actor2", "place"),
    [
        (
            "U.S.-led coalition forces continued to attack ISIS yesterday. Near Raqqa, 19 "
            "strikes engaged 12 ISIS tactical units and destroyed 25 fighting positions, three "
            "vehicles and a command and control node.",
            "Air/drone strike",
            "Islamic State",
            "Raqqa",
        ),
        (
            "At least eight civilians were killed by Turkish shelling in Qamishli, according to "
            "the SDF.",
            "Shelling/artillery/missile attack",
            "civilians",
            "Qamishli",
        ),
    ],
)
def test_events_an_event_noun_absorbs_what_its_verb_reports(  # type: ignore[no-untyped-def]
    extract, sentence: str, sub: str, actor2: str, place: str
) -> None:
    facts = extract(sentence, published=date(2019, 10, 10))
    event = facts.events[-1]
    assert event.sub_event_type == sub
    assert any(actor2.lower() in n.lower() for n in names(facts, event.actor2))
    assert any(place in n for n in names(facts, event.place))


def test_events_unknown_name_after_in_is_the_place(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "A US-led coalition airstrike also killed several high-ranking ISIL leaders in "
        "Al-Shaddadi on 19 February.",
        published=date(2016, 2, 24),
    )
    [event] = facts.events
    assert event.sub_event_type == "Air/drone strike"
    assert any("Shadda" in n for n in names(facts, event.place))


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        (
            "Over the summer of 2015, JAI destroyed most of IS's positions in Qalamoun.",
            "Armed clash",
        ),
        ("Meanwhile, ISIL blew up the main bridge east of Tell Abyad.", None),
        (
            "On 14 June, ISIL destroyed the main bridge east of Tell Abyad.",
            "Looting/property destruction",
        ),
    ],
)
def test_events_destroying_military_objects_is_fighting(  # type: ignore[no-untyped-def]
    extract, sentence: str, sub: str | None
) -> None:
    facts = extract(sentence, published=date(2016, 6, 21))
    subs = {e.sub_event_type for e in facts.events}
    assert sub in subs if sub else "Armed clash" not in subs


@pytest.mark.parametrize(
    ("sentence", "published", "actor1"),
    [
        (
            "On 14 March, the military captured Hill 800 and Hill 853.",
            date(2016, 3, 30),
            "syrian-regime",
        ),
        (
            "The Army then advanced north of Khanasir and captured the nearby village of "
            "Al-Mughayrat.",
            date(2016, 3, 30),
            "syrian-regime",
        ),
        (
            "In late 2014, Assad began token airstrikes in Raqqa.",
            date(2016, 6, 21),
            "syrian-regime",
        ),
        ("On 3 March 2017, Putin ordered airstrikes on Palmyra.", date(2017, 6, 1), "russia"),
        ("In 2015, Baghdadi ordered an attack on Kobani.", date(2017, 6, 1), "islamic-state"),
    ],
)
def test_events_generic_forces_and_persons_fold_into_their_side(  # type: ignore[no-untyped-def]
    extract, sentence: str, published: date, actor1: str
) -> None:
    facts = extract(sentence, published=published)
    assert facts.events and {e.actor1 for e in facts.events} == {actor1}


def test_events_a_nationality_names_the_forces(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 20 January, five Turkish soldiers were killed in an ISIL attack on the village of "
        "Suflaniyah.",
        published=date(2017, 2, 1),
    )
    [event] = facts.events
    assert (event.actor1, event.actor2) == ("islamic-state", "turkey")


@pytest.mark.parametrize(
    ("sentence", "published", "sub"),
    [
        (
            "On 18 February 2016, the SDF captured the villages of Mashtal and Mishwar.",
            date(2016, 2, 24),
            "Non-state actor overtakes territory",
        ),
        (
            "On 7 May 2015, Hezbollah captured the village of Assal al-Ward in Qalamoun.",
            date(2015, 6, 1),
            "Government regains territory",
        ),
    ],
)
def test_events_government_side_follows_dated_alliances(  # type: ignore[no-untyped-def]
    extract, sentence: str, published: date, sub: str
) -> None:
    facts = extract(sentence, published=published)
    assert {e.sub_event_type for e in facts.events} == {sub}


def test_events_the_dead_name_the_sides_of_a_doerless_clash(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 24 November, over 30 SNA fighters were killed during a failed infiltration attempt "
        "in the vicinity of Ayn Issa.",
        published=date(2020, 12, 1),
    )
    [event] = facts.events
    assert event.event_type == "Battles" and event.actor1 == "syrian-national-army"


@pytest.mark.parametrize(
    ("sentence", "actor1"),
    [
        (
            "Tensions increased when Turkish and allied forces intensified shelling on Ayn Issa "
            "on 23 November.",
            "turkey",
        ),
        (
            "After six days of tense calm, clashes renewed on 12 January in the villages of "
            "Jahbal and Mushayrifah, following a push by the SNA.",
            "syrian-national-army",
        ),
    ],
)
def test_events_sides_from_nationality_and_from_the_sentence(  # type: ignore[no-untyped-def]
    extract, sentence: str, actor1: str
) -> None:
    facts = extract(sentence, published=date(2021, 2, 1))
    assert facts.events and {e.actor1 for e in facts.events} == {actor1}


def test_events_every_village_of_a_list_is_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 26 January, Turkish forces shelled the villages of Khaldiyah, Mu'alaq and "
        "Istirahat Saqr in northern Raqqa.",
        published=date(2021, 2, 1),
    )
    assert len(facts.events) == 3
    assert all(e.actor2 is None for e in facts.events)


def test_events_the_city_is_the_last_town_named(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 26 March, state TV reported the military captured the district of Al-Amiriya in "
        "Palmyra. Later, SOHR reported government troops secured 35% of the city.",
        published=date(2016, 4, 10),
    )
    secured = [e for e in facts.events if e.notes == "trigger: secured"]
    assert secured and secured[0].place == "palmyra"


@pytest.mark.parametrize(
    "sentence",
    [
        "In recent talks he accused the Russian counterpart of pressuring the SDF to hand over "
        "the lands of Ayn Issa to the Syrian government.",
        "The SDF refused to hand over nearby villages and food silos to regime forces.",
    ],
)
def test_events_pressure_and_refusal_are_not_events(extract, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(sentence, published=date(2021, 2, 1)).events == []


def test_events_an_agentless_capture_is_the_narrative_doers(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On the morning of 25 March, pro-government forces took control of several hilltops "
        "near Palmyra Castle. Later that day, the castle itself was captured, as well as "
        "reportedly the Brigade 550 Base.",
        published=date(2016, 4, 10),
    )
    captured = [e for e in facts.events if e.notes == "trigger: captured"]
    assert captured and all(e.actor1 == "syrian-regime" for e in captured)


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor1"),
    [
        (
            "On 26 March, government troops secured the district of Al-Amiriya, while ISIL "
            "fighters were retreating towards the al-Sukhnah area.",
            "Strategic developments",
            "islamic-state",
        ),
        (
            "On 2 March, ISIS withdrew from most of the city after mining key points, and "
            "pro-regime forces seized Palmyra Castle and Jabal al-Tar the same day.",
            "Strategic developments",
            "syrian-regime",
        ),
    ],
)
def test_events_a_withdrawal_goes_to_its_taker_or_is_a_move(  # type: ignore[no-untyped-def]
    extract, sentence: str, event_type: str, actor1: str
) -> None:
    facts = extract(sentence, published=date(2017, 3, 3))
    withdrawals = [
        e for e in facts.events if e.notes in ("trigger: retreating", "trigger: withdrew")
    ]
    assert [(e.event_type, e.actor1) for e in withdrawals] == [(event_type, actor1)]


def test_events_a_place_that_only_locates_another_is_not_the_event_place(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Syrian government forces entered the town of Khan Sheikhoun in Idlib province on "
        "Tuesday after jihadists and allied rebels withdrew.",
        published=date(2019, 8, 22),
    )
    assert facts.events and {e.place for e in facts.events} == {"khan-shaykhun"}


def test_events_the_target_of_a_strike_is_not_an_event(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On Monday, Syrian warplanes struck a Turkish military convoy heading south on the M5 "
        "highway near Khan Sheikhoun.",
        published=date(2019, 8, 22),
    )
    assert [e.sub_event_type for e in facts.events] == ["Air/drone strike"]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "On 17 July, the Army and Hezbollah reached the Castello Road, capturing parts of it "
            "and completely cutting it after taking control of Castello Hill.",
            date(2016, 8, 1),
        ),
        (
            "Following the rebel collapse in the northeast, the Army made its first advance into "
            "the southeastern Tariq al-Bab (al-Helwania) district. On 28 November, they captured "
            "the Talet Barakat and Scientific Research Housing areas, south of Jabal Badro.",
            date(2016, 12, 20),
        ),
    ],
)
def test_events_the_army_in_a_list_or_a_pronoun_is_the_state(  # type: ignore[no-untyped-def]
    extract, text: str, published: date
) -> None:
    facts = extract(text, published=published)
    captures = [e for e in facts.events if e.sub_event_type in TERRITORY_SUB_EVENT_TYPES]
    assert captures
    assert {e.actor1 for e in captures} == {"syrian-regime"}


@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        (
            "Later that month, a further Scud attack took place near Marea, a town north of Aleppo "
            "near the Turkish border.",
            "scud",
        ),
        (
            "On 8 February 1963, the Iraqi Regional Branch, led by Ali Salih al-Sa'di, "
            "took power in Iraq by overthrowing Abd al-Karim Qasim.",
            "ali-salih-al-sadi",
        ),
        (
            "November 2019 Syria bombings: On 2 November, a car bomb attack killed at least 13 "
            "civilians in Tell Abyad, 2 weeks after its capture from SDF.",
            "civilians",
        ),
    ],
)
def test_events_weapons_persons_civilians_and_media_do_not_fight(  # type: ignore[no-untyped-def]
    extract, text: str, not_actor: str
) -> None:
    facts = extract(text, published=date(2019, 12, 1))
    fighting = [
        e
        for e in facts.events
        if e.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
    ]
    assert not_actor not in {a for e in fighting for a in (e.actor1, *e.assoc_actor1)}


def test_events_a_date_of_a_noun_before_the_trigger_does_not_date_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russia has supported the administration of incumbent President Bashar al-Assad of "
        "Syria since the beginning of the Syrian conflict in 2011: politically, with military "
        "aid, and (since September 2015) with direct military involvement. The 2015 deployment "
        "to Syria marked the first time since the end of the Cold War in 1991 that Russia "
        "entered an armed conflict outside the borders of the former Soviet Union."
    )
    facts = extract(text, published=date(2019, 1, 1))
    assert facts.events
    assert all(e.date is None or e.date.start.year != 1991 for e in facts.events)


def test_events_the_sentences_own_date_after_the_trigger_dates_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Early on 26 February, the Syrian Army made more advances, recapturing three villages. "
        "However, elsewhere, ISIL took control of a village near al-Hamam Mountain, that "
        "overlooks the supply road. Government forces reportedly re-secured the village the "
        "following day."
    )
    facts = extract(text, published=date(2016, 3, 30))
    [retaken] = [e for e in facts.events if e.notes == "trigger: re-secured"]
    assert retaken.date is not None
    assert (retaken.date.start, retaken.date.end) == (date(2016, 2, 27), date(2016, 2, 27))


@pytest.mark.parametrize(
    ("actor", "fights"),
    [
        ("reuters", False),
        ("sohr", False),
        ("rami-abdulrahman", False),
        ("staffan-de-mistura", False),
        ("abu-bakr-al-baghdadi", True),
        ("vladimir-putin", True),
        ("pyd", True),
    ],
)
def test_knowledge_can_fight_only_armed_bodies_states_parties(actor: str, fights: bool) -> None:
    assert default_knowledge().can_fight(actor) is fights


def test_events_a_relative_pronoun_is_the_noun_its_clause_hangs_on(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Reportedly, six Scud missiles were fired at the Sheikh Suleiman base north of Aleppo, "
        "which rebel forces had occupied.",
        published=date(2013, 1, 15),
    )
    assert facts.events
    assert "scud" not in {e.place for e in facts.events}


def test_events_a_battle_is_fought_against_an_armed_side(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "At the same time, government forces advancing from the north seized Shilallah "
        "al-Kabeera, which they breached the previous day with the help of Russian airstrikes.",
        published=date(2016, 3, 30),
    )
    assert facts.events
    assert all(e.actor2 != "shilallah-al-kabeera" for e in facts.events)
    assert all("shilallah-al-kabeera" not in (r.subject, r.object) for r in facts.relations)


def test_events_the_narratives_doer_must_be_able_to_fight(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The SDF managed to regain full control of Ayn Issa and its surroundings after heavy "
        "clashes and a counterattack with Russian planes seen flying over Ayn Issa after the "
        "failed offensive; by this time, the Kurds and the Syrian government–and therefore "
        "Russia–agreed to a joint presence in the region. After the fighting, the SDF further "
        "secured villages around Ayn Issa."
    )
    facts = extract(text, published=date(2021, 1, 1))
    [secured] = [e for e in facts.events if e.notes == "trigger: secured"]
    assert secured.actor1 == "sdf"
