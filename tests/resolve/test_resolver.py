"""Resolution of place and actor names: each rule with real names, context, dates, unknowns."""

from __future__ import annotations

from datetime import date

import pytest

from contested.resolve.places import CONFIDENCE
from contested.resolve.resolver import Resolver, default_resolver
from tests._data import DATA

FIXTURE_REGISTRY = DATA / "actors-fixture.yaml"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    """The shipped gazetteer with the small test registry."""
    return Resolver(registry=FIXTURE_REGISTRY)


@pytest.mark.parametrize(
    ("mention", "place_id", "rule"),
    [
        ("Aleppo", "aleppo", "exact"),
        ("Tadmur", "palmyra", "exact"),
        ("Deraa", "daraa", "exact"),
        ("Kuweires", "kuweires-air-base", "exact"),
        ("Ash Shaykh Miskin town", "ash-shaykh-miskin", "exact"),
        ("the Yarmouk camp", "yarmouk-camp", "normalised"),
        ("al-Qaryatayn", "al-qaryatayn", "normalised"),
        ("Shaykh Maskeen", "ash-shaykh-miskin", "folded"),
        ("Deir ez-Zour", "deir-ez-zor", "folded"),
        ("Kweiris", "kuweires-air-base", "folded"),
        ("al-Hajr al-Aswad", "al-hajar-al-aswad", "fuzzy"),
    ],
)
def test_resolver_place_rules(resolver: Resolver, mention: str, place_id: str, rule: str) -> None:
    got = resolver.resolve_place(mention)
    assert (got.id, got.rule, got.flagged) == (place_id, rule, False)
    assert got.lat is not None and 0 < got.confidence <= 1


@pytest.mark.parametrize(
    ("mention", "place_id", "kind"),
    [
        ("Aleppo", "aleppo", "city"),
        ("Aleppo City", "aleppo", "city"),
        ("Aleppo province", "aleppo-governorate", "region"),
        ("Aleppo Governorate", "aleppo-governorate", "region"),
        ("northern Aleppo countryside", "northern-aleppo", "area"),
        ("eastern Aleppo City", "aleppo", "city"),
        ("Deraa Province", "daraa-governorate", "region"),
        ("Deir Ezzor City", "deir-ez-zor", "city"),
    ],
)
def test_resolver_city_or_governorate(
    resolver: Resolver, mention: str, place_id: str, kind: str
) -> None:
    got = resolver.resolve_place(mention)
    assert (got.id, got.kind) == (place_id, kind)
    assert {"aleppo", "aleppo-governorate"} <= set(resolver.resolve_place("Aleppo").candidates)


@pytest.mark.parametrize(
    ("mention", "place_id", "qualifier"),
    [
        ("nearly ten miles north-east of Aleppo City", "aleppo", "north east of"),
        ("near Khanasir", "khanasir", "near"),
        ("eastern Homs", "eastern-homs", None),
    ],
)
def test_resolver_place_relative_phrases(
    resolver: Resolver, mention: str, place_id: str, qualifier: str | None
) -> None:
    got = resolver.resolve_place(mention)
    assert (got.id, got.qualifier) == (place_id, qualifier)


@pytest.mark.parametrize(
    ("near", "place_id"),
    [
        (None, "hamdaniyah-idlib"),
        ("Qamishli", "hamdaniyah-al-hasakah"),
        ("Hama", "hamdaniyah-idlib"),
    ],
)
def test_resolver_place_near_breaks_ties(
    resolver: Resolver, near: str | None, place_id: str
) -> None:
    got = resolver.resolve_place("Hamdaniyah", near=near)
    assert got.id == place_id
    assert set(got.candidates) == {"hamdaniyah-idlib", "hamdaniyah-al-hasakah"}


def test_resolver_place_context_remembers_the_document(resolver: Resolver) -> None:
    context = resolver.context(on="2019-10-15")
    assert resolver.resolve_place("Tall Tamr", context=context).id == "tall-tamr"
    got = resolver.resolve_place("Hamdaniyah", context=context)
    assert (got.id, got.rule) == ("hamdaniyah-al-hasakah", "context")


def test_resolver_place_context_governorate_mentioned(resolver: Resolver) -> None:
    context = resolver.context()
    resolver.resolve_place("Hasakah province", context=context)
    assert context.admin1 == {"SY08"}
    assert resolver.resolve_place("Hamdaniyah", context=context).id == "hamdaniyah-al-hasakah"


@pytest.mark.parametrize(
    ("mention", "anchor", "kind"),
    [("Palmyra Prison", "palmyra", "area"), ("Roman amphitheatre of Palmyra", "palmyra", "area")],
)
def test_resolver_place_feature_of_a_known_place_is_anchored(
    resolver: Resolver, mention: str, anchor: str, kind: str
) -> None:
    got = resolver.resolve_place(mention)
    assert (got.rule, got.flagged, got.anchor, got.kind) == ("anchored", True, anchor, kind)
    assert got.place is None and got.lat is not None


@pytest.mark.parametrize(
    ("mention", "place_id"),
    [
        ("Semiramis Hotel", "semiramis-hotel"),
        ("Mutaqa'ideen", "mutaqaideen"),
        ("Tal Mattar hilltop", "tal-mattar-hilltop"),
    ],
)
def test_resolver_place_unknown_stays_unknown(
    resolver: Resolver, mention: str, place_id: str
) -> None:
    got = resolver.resolve_place(mention)
    assert (got.id, got.rule, got.flagged, got.confidence, got.lat) == (
        place_id,
        "new",
        True,
        0.0,
        None,
    )


@pytest.mark.parametrize(
    ("mention", "actor_id", "rule"),
    [
        ("Nusra Front", "jabhat-al-nusra", "exact"),
        ("JN", "jabhat-al-nusra", "exact"),
        ("the Nusra Front's", "jabhat-al-nusra", "normalised"),
        ("ISIL militants", "islamic-state", "normalised"),
        ("Islamic State (IS)", "islamic-state", "normalised"),
        ("Russian explosive-disposal teams", "russia", "normalised"),
        ("ISIL reinforcements", "islamic-state", "normalised"),
        ("Jabhat al-Nusrah", "jabhat-al-nusra", "folded"),
        ("Jaish Khalid ibn al-Walid", "jaysh-khalid-ibn-al-walid", "folded"),
        ("Liwa Shuhada al-Yarmuk", "liwa-shuhada-al-yarmouk", "folded"),
        ("Organisation for the Liberation of the Levant", "hayat-tahrir-al-sham", "fuzzy"),
    ],
)
def test_resolver_actor_rules(resolver: Resolver, mention: str, actor_id: str, rule: str) -> None:
    got = resolver.resolve_actor(mention)
    assert (got.id, got.rule, got.flagged) == (actor_id, rule, False)


@pytest.mark.parametrize("mention", ["is", "us", "jn"])
def test_resolver_actor_case_sensitive_abbreviations(resolver: Resolver, mention: str) -> None:
    assert resolver.resolve_actor(mention).flagged
    assert not resolver.resolve_actor(mention.upper()).flagged


@pytest.mark.parametrize(
    ("mention", "on", "actor_id", "successor"),
    [
        ("al-Nusra", "2015-01-01", "jabhat-al-nusra", None),
        ("al-Nusra", "2017-06-01", "jabhat-al-nusra", "hayat-tahrir-al-sham"),
        ("Nusra", "2016-09-01", "jabhat-al-nusra", "jabhat-fateh-al-sham"),
        (
            "Yarmouk Martyrs Brigade",
            "2017-01-01",
            "liwa-shuhada-al-yarmouk",
            "jaysh-khalid-ibn-al-walid",
        ),
        ("HTS", "2018-01-01", "hayat-tahrir-al-sham", None),
    ],
)
def test_resolver_actor_lineage_on_a_date(
    resolver: Resolver, mention: str, on: str, actor_id: str, successor: str | None
) -> None:
    got = resolver.resolve_actor(mention, on=on)
    assert (got.id, got.successor) == (actor_id, successor)


def test_resolver_actor_date_from_context(resolver: Resolver) -> None:
    context = resolver.context(on=date(2017, 6, 1))
    assert (
        resolver.resolve_actor("Nusra Front", context=context).successor == "hayat-tahrir-al-sham"
    )


@pytest.mark.parametrize(
    ("country", "actor_id", "rule"), [(None, "ypg", "exact"), ("IQ", "peshmerga", "context")]
)
def test_resolver_actor_country_breaks_ties(
    resolver: Resolver, country: str | None, actor_id: str, rule: str
) -> None:
    got = resolver.resolve_actor("Kurdish forces", context=resolver.context(country=country))
    assert (got.id, got.rule) == (actor_id, rule)
    assert set(got.candidates) == {"ypg", "peshmerga"}


def test_resolver_actor_owner_breaks_ties(resolver: Resolver) -> None:
    assert resolver.resolve_actor("Ministry of Defence").id == "syria-mod"
    assert resolver.resolve_actor("Russia's Ministry of Defence").id == "russian-mod"


def test_resolver_actor_metonym(resolver: Resolver) -> None:
    got = resolver.resolve_actor("Moscow")
    assert (got.id, got.metonym) == ("russia", True)
    assert got.confidence < 1.0


@pytest.mark.parametrize(
    "mention", ["Levantine Group", "Mariinsky Theatre Orchestra", "Sergei Roldugin"]
)
def test_resolver_actor_unknown_stays_unknown(resolver: Resolver, mention: str) -> None:
    got = resolver.resolve_actor(mention)
    assert (got.rule, got.flagged, got.confidence, got.kind) == ("new", True, 0.0, "other")


def test_resolver_ingest_protocol_uses_the_row_point(resolver: Resolver) -> None:
    # A UCDP row: "Hamdaniyah village" at the Hasakah point.
    found = resolver.place(["Hamdaniyah village"], 36.21755, 40.71079, None)
    assert (found.id, found.rule) == ("hamdaniyah-al-hasakah", "context")
    assert (
        resolver.actor(["Levantine Group", "Nusra Front"], "armed_group", None).id
        == "jabhat-al-nusra"
    )


def test_resolver_shipped_registry_answers_the_nusra_lineage() -> None:
    got = default_resolver().resolve_actor("al-Nusra", on="2017-06-01")
    assert (got.id, got.successor) == ("jabhat-al-nusra", "hayat-tahrir-al-sham")


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("Semiramis Hotel", "area"),
        ("Tal Mattar hilltop", "area"),
        ("Al-Zera'a roundabout", "route"),
    ],
)
def test_resolver_place_unknown_feature_lies_at_the_documents_focus(
    resolver: Resolver, mention: str, kind: str
) -> None:
    context = resolver.context(on="2016-03-20")
    for name in ("Palmyra", "Tadmur", "Homs"):
        resolver.resolve_place(name, context=context)
    got = resolver.resolve_place(mention, context=context)
    assert (got.rule, got.flagged, got.anchor, got.kind) == ("vicinity", True, "palmyra", kind)
    assert got.place is None and got.confidence < CONFIDENCE["anchored"]
    # A bare unknown name says nothing of what it is, so it gets no point.
    assert resolver.resolve_place("Mutaqa'ideen", context=context).lat is None
