"""The actor registry: the shipped data, its lookups and lineage, and its validation errors."""

from __future__ import annotations

import doctest
import re
from datetime import date
from pathlib import Path

import pytest

from contested.errors import InputError, InvalidRecord, NotFound
from contested.resolve import registry as registry_module
from contested.resolve.registry import Registry, load_registry, name_key, read_registry

# Every component of UCDP GED 19.1 (Syria) side_a/side_b, split on ", ".
UCDP_SIDE_NAMES = [
    "13th Division", "23rd Division", "Ahrar al-Sham", "Ahrar al-Sharqiya", "Ajnad al-Kavkaz",
    "Ajnad al-Sham", "Aknaf Bait al-Maqdis", "Al-Jabha al-Shamiyyah", "Al-Sultan Mohammad al-Fatih",
    "Civilians", "ETIM", "FSA", "Fatah Halab", "First Regiment", "Fistaqim Kama Umirat",
    "Furqan Brigades", "Government of Iran", "Government of Iraq", "Government of Israel",
    "Government of Jordan", "Government of Syria", "Government of Turkey",
    "Government of United States of America", "HTS", "Hamza Division",
    "Hawar Kilis Operations Room", "Hezbollah", "Humat al-Aqida", "IS", "Islamic Front",
    "Jabhat Fateh al-Sham", "Jaysh Asoud al-Sharqiya", "Jaysh al Nasr", "Jaysh al-Asha’er",
    "Jaysh al-Islam", "Jaysh al-Nukhba", "Jaysh al-Sunna", "Jund al-Malahem", "Levant Front",
    "Liwa al-Aqsa", "Liwa al-Haq Idlib", "Liwa al-Sultan Murad", "Mare' Operations Room",
    "Martyr Lieutenant Ahmed Abdou Brigades", "Mujahideen Army", "NDF (Syria)", "NSA",
    "National Front for Liberation", "Northern Hawks Brigade", "Nour al-Din al-Zenki", "PFLP-GC",
    "PIJ", "PKK", "PLO", "Qawim movement", "Rahman Corps",
    "Rahman Corps - “Abu al-Joud al-Arbini” faction", "SDF", "SNA", "SRF", "Sham Legion",
    "Shohadaa al-Yarmouk", "Sons of Yarmouk Movement", "Southern Front", "Suqour al-Sham Brigades",
    "Syrian Liberation Front", "Syrian National Coalition", "Syrian insurgents",
    "Tahrir al- Sham Army", "Tajamu Shuhada al-Sharqiya", "Tanzim Hurras ad-Din",
    "Tel Khamis Brigades", "Wahab clan", "al-Bakkara clan", "al-Majd Legion",
    "al-Moutasem Brigade", "al-Nasser clan", "al-Qaida", "al-Sultan clan",
]  # fmt: skip

VALID_ACTOR = """
- id: group-a
  name: Group A
  aliases: [Alpha Group]
  kind: armed_group
  relations:
    - {predicate: allied_with, object: group-b, from: 2014-01-01, source: "test"}
- id: group-b
  name: Group B
  kind: armed_group
"""


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _write(tmp_path: Path, text: str, name: str = "actors.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped data ---------------------------------------------------------------


def test_registry_shipped_data_is_large_enough(registry: Registry) -> None:
    assert len(registry) >= 300
    dated = [r for a in registry for r in a.relations if r.valid_from and r.source]
    assert len(dated) >= 150


def test_registry_every_actor_has_a_kind_and_an_alias(registry: Registry) -> None:
    assert [a.id for a in registry if not a.kind] == []
    assert [a.id for a in registry if not a.aliases] == []


def test_registry_references_resolve(registry: Registry) -> None:
    dangling = [
        (a.id, ref)
        for a in registry
        for ref in [a.parent, *(r.object for r in a.relations)]
        if ref is not None and ref not in registry
    ]
    assert dangling == []


def test_registry_relations_cite_a_source_kind(registry: Registry) -> None:
    kinds = {r.source.split(":")[0] for a in registry for r in a.relations}
    assert kinds <= {"wikipedia", "orton", "ucdp"}


def test_registry_short_capital_aliases_are_case_sensitive(registry: Registry) -> None:
    loose = [
        (a.id, n)
        for a in registry
        for n in a.names()
        if re.fullmatch(r"[A-Z0-9&.\-]{1,3}", n) and n not in a.case_sensitive
    ]
    assert loose == []


def test_registry_generic_words_are_not_aliases(registry: Registry) -> None:
    banned = {"army", "front", "islam", "regime", "military", "opposition", "militants", "is"}
    assert [(a.id, n) for a in registry for n in a.aliases if n.lower() in banned and
            n not in a.case_sensitive] == []  # fmt: skip


@pytest.mark.parametrize("name", UCDP_SIDE_NAMES)
def test_registry_ucdp_side_names_resolve(registry: Registry, name: str) -> None:
    assert len(registry.lookup(name)) == 1


# --- lookups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Nusra Front", "jabhat-al-nusra"),
        ("Jabhat an-Nusra", "jabhat-al-nusra"),
        ("Daesh", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("Army of Conquest", "jaysh-al-fatah"),
        ("al-Jabhat al-Shamiya", "levant-front"),
        ("Ahrar ash-Sham", "ahrar-al-sham"),
        ("Jaish al-Islam", "jaysh-al-islam"),
        ("Government of Russia (Soviet Union)", "russia"),
        ("Military Forces of Syria (2000-)", "syrian-regime"),
        ("the regime", "syrian-regime"),
        ("pro-regime forces", "syrian-regime"),
        ("rebels", "syrian-rebels"),
        ("Opposition Rebels (Syria)", "syrian-rebels"),
        ("jihadists", "salafi-jihadists"),
        ("Hayat Tahrir al Sham", "hayat-tahrir-al-sham"),
        ("Islamic State (Syria)", "islamic-state"),
        ("Unidentified Armed Group (Syria)", "unidentified-armed-group"),
        ("Civilians (Syria)", "civilians"),
        ("White Helmets", "syrian-civil-defence"),
        ("SMART News Agency - وكالة سمارت للأنباء", "smart-news-agency"),
        ("Quwat al-Nimr", "tiger-forces"),
        ("IRGC-QF", "quds-force"),
        ("Hashd al-Shaabi", "popular-mobilization-forces"),
        ("Yarmouk Martyrs Brigade", "liwa-shuhada-al-yarmouk"),
        ("Khalid ibn al-Walid Army", "jaysh-khalid-ibn-al-walid"),
        ("syrian   REGIME", "syrian-regime"),
    ],
)
def test_registry_lookup_finds_actor(registry: Registry, name: str, actor_id: str) -> None:
    assert [a.id for a in registry.lookup(name)] == [actor_id]


@pytest.mark.parametrize(
    ("name", "actor_ids"),
    [
        ("Kurdish forces", {"ypg", "peshmerga"}),
        ("JAF", {"jaysh-al-fatah", "jordanian-armed-forces"}),
        ("Ministry of Defence", {"russian-mod", "uk-mod", "syrian-mod", "iraqi-mod"}),
    ],
)
def test_registry_lookup_returns_every_holder_of_an_ambiguous_name(
    registry: Registry, name: str, actor_ids: set[str]
) -> None:
    holders = registry.lookup(name)
    assert {a.id for a in holders} == actor_ids
    assert all(name_key(name) in {name_key(n) for n in a.ambiguous} for a in holders)


def test_registry_lookup_unknown_name_is_empty(registry: Registry) -> None:
    assert registry.lookup("Brigade of the Imaginary Valley") == []


def test_registry_get_unknown_id_raises(registry: Registry) -> None:
    with pytest.raises(NotFound, match="'no-such-actor'"):
        registry.get("no-such-actor")


def test_registry_aliases_of_starts_with_the_name(registry: Registry) -> None:
    names = registry.aliases_of("islamic-state")
    assert names[0] == "Islamic State"
    assert {"IS", "ISIS", "ISIL", "Daesh"} <= set(names)


def test_registry_is_matches_only_in_capitals(registry: Registry) -> None:
    flags = {m.text: m.case_sensitive for m in registry.match_names() if m.actor == "islamic-state"}
    assert flags["IS"] is True
    assert flags["ISIS"] is False


def test_registry_match_names_leaves_metonyms_out_by_default(registry: Registry) -> None:
    assert "Moscow" not in {m.text for m in registry.match_names()}
    moscow = [m for m in registry.match_names(metonyms=True) if m.text == "Moscow"]
    assert [(m.actor, m.metonym) for m in moscow] == [("russia", True)]


# --- hierarchy and relations --------------------------------------------------------


@pytest.mark.parametrize(
    ("actor_id", "chain"),
    [
        ("quds-force", ["irgc", "iran"]),
        ("tiger-forces", ["syrian-arab-army", "syrian-armed-forces", "syrian-regime"]),
        ("syrian-regime", []),
    ],
)
def test_registry_ancestors(registry: Registry, actor_id: str, chain: list[str]) -> None:
    assert [a.id for a in registry.ancestors(actor_id)] == chain


def test_registry_children_are_one_level_down(registry: Registry) -> None:
    children = {a.id for a in registry.children("irgc")}
    assert {"quds-force", "basij"} <= children
    assert "iran" not in children


def test_registry_relations_of_sees_both_directions(registry: Registry) -> None:
    views = registry.relations_of("al-qaeda")
    incoming = {(v.subject, v.predicate) for v in views if v.direction == "in"}
    outgoing = {(v.predicate, v.object) for v in views if v.direction == "out"}
    assert ("jabhat-al-nusra", "allegiance_to") in incoming
    assert ("designated_by", "united-states") in outgoing
    starts = [v.valid_from or date.min for v in views]
    assert starts == sorted(starts)


# --- lineage ------------------------------------------------------------------------


def test_registry_lineage_of_liwa_shuhada_al_yarmouk(registry: Registry) -> None:
    became = registry.lineage("liwa-shuhada-al-yarmouk").became
    assert [(v.predicate, v.object, v.valid_from) for v in became] == [
        ("merged_into", "jaysh-khalid-ibn-al-walid", date(2016, 5, 21))
    ]
    partners = {
        v.subject
        for v in registry.lineage("jaysh-khalid-ibn-al-walid").came_from
        if v.predicate == "merged_into" and v.valid_from == date(2016, 5, 21)
    }
    assert partners == {"liwa-shuhada-al-yarmouk", "harakat-al-muthanna", "jaysh-al-jihad"}


def test_registry_lineage_of_hayat_tahrir_al_sham(registry: Registry) -> None:
    came_from = registry.lineage("hayat-tahrir-al-sham").came_from
    founders = {
        v.subject
        for v in came_from
        if v.predicate == "merged_into" and v.valid_from == date(2017, 1, 28)
    }
    assert founders == {
        "jabhat-fateh-al-sham",
        "nour-al-din-al-zenki",
        "liwa-al-haqq",
        "jabhat-ansar-al-din",
        "jaysh-al-sunna",
    }
    renames = {
        (v.subject, v.object, v.valid_from) for v in came_from if v.predicate == "renamed_to"
    }
    assert ("jabhat-al-nusra", "jabhat-fateh-al-sham", date(2016, 7, 28)) in renames
    later = {
        v.subject
        for v in registry.relations_of("hayat-tahrir-al-sham")
        if v.direction == "in" and v.predicate == "member_of"
    }
    assert "jaysh-al-ahrar" in later


@pytest.mark.parametrize(
    ("actor_id", "on", "expected"),
    [
        ("jabhat-al-nusra", "2015-01-01", "jabhat-al-nusra"),
        ("jabhat-al-nusra", "2016-09-01", "jabhat-fateh-al-sham"),
        ("jabhat-al-nusra", "2017-06-01", "hayat-tahrir-al-sham"),
        ("nour-al-din-al-zenki", "2017-03-01", "hayat-tahrir-al-sham"),
        ("nour-al-din-al-zenki", "2017-08-01", "nour-al-din-al-zenki"),
        ("liwa-shuhada-al-yarmouk", "2016-01-01", "liwa-shuhada-al-yarmouk"),
        ("liwa-shuhada-al-yarmouk", "2016-06-01", "jaysh-khalid-ibn-al-walid"),
        ("al-qaeda-in-iraq", "2010-01-01", "islamic-state-of-iraq"),
        ("islamic-state-of-iraq", "2015-01-01", "islamic-state"),
        ("jund-al-aqsa", "2016-12-01", "jabhat-fateh-al-sham"),
        ("jund-al-aqsa", "2017-06-01", "islamic-state"),
        ("new-syrian-army", "2018-01-01", "maghawir-al-thawra"),
        ("hayat-tahrir-al-sham", "2015-01-01", "hayat-tahrir-al-sham"),
        ("liwa-al-haqq", "2016-10-01", "liwa-al-haqq"),
    ],
)
def test_registry_successor_on(registry: Registry, actor_id: str, on: str, expected: str) -> None:
    assert registry.successor_on(actor_id, on) == expected
    assert registry.successor_on(actor_id, date.fromisoformat(on)) == expected


def test_registry_doctests_pass() -> None:
    result = doctest.testmod(registry_module)
    assert result.attempted > 0
    assert result.failed == 0


# --- loading and validation ---------------------------------------------------------


def test_registry_load_is_cached() -> None:
    assert load_registry() is load_registry()


def test_registry_reads_a_single_file(tmp_path: Path) -> None:
    registry = read_registry(_write(tmp_path, VALID_ACTOR))
    assert [a.id for a in registry] == ["group-a", "group-b"]
    assert registry.where("group-b")[1] == 1


@pytest.mark.parametrize(
    ("text", "location", "problem"),
    [
        (VALID_ACTOR.replace("kind: armed_group\n  relations", "kind: rebels\n  relations"),
         "actors[0].kind", "expected one of state, state_force"),
        (VALID_ACTOR.replace("object: group-b", "object: group-c"),
         "actors[0].relations[0].object", "'group-c' is not an actor"),
        (VALID_ACTOR.replace("predicate: allied_with", "predicate: befriends"),
         "actors[0].relations[0].predicate", "expected one of member_of"),
        (VALID_ACTOR.replace("from: 2014-01-01", "from: 2014-13-01"),
         "actors[0].relations[0].from", "expected an ISO date"),
        (VALID_ACTOR.replace("from: 2014-01-01", "from: 2014"),
         "actors[0].relations[0].from", "expected an ISO date"),
        (VALID_ACTOR.replace(', source: "test"', ""),
         "actors[0].relations[0].source", "Field required"),
        (VALID_ACTOR.replace("aliases: [Alpha Group]", "alias: [Alpha Group]"),
         "actors[0].alias", "Extra inputs"),
        (VALID_ACTOR.replace("id: group-b", "id: Group B"), "actors[1].id", "kebab-case"),
        (VALID_ACTOR.replace("id: group-b", "id: group-a"), "actors[1].id", "already defined"),
        (VALID_ACTOR + "  parent: group-z\n", "actors[1].parent", "'group-z'"),
        (VALID_ACTOR.replace("  kind: armed_group\n  relations", "  kind: armed_group\n"
                             "  parent: group-b\n  relations") + "  parent: group-a\n",
         "actors[0].parent", "loops back"),
        (VALID_ACTOR + "  aliases: [alpha group]\n", "actors[0].ambiguous",
         "also belongs to group-b"),
        (VALID_ACTOR + "  aliases: [B, Group B]\n", "actors[1].aliases", "listed twice"),
        (VALID_ACTOR + "  case_sensitive: [GB]\n", "actors[1].case_sensitive", "'GB' is not one"),
        (VALID_ACTOR + "  country: Syria\n", "actors[1].country", "ISO 3166-1"),
        (VALID_ACTOR + "  tags: [jihadist]\n", "actors[1].tags", "expected tags among"),
        (VALID_ACTOR + "  active: {from: 2015-01-01, to: 2014-01-01}\n", "actors[1].active.to",
         "'to' >= 'from'"),
    ],
)  # fmt: skip
def test_registry_invalid_data_names_file_actor_and_field(
    tmp_path: Path, text: str, location: str, problem: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InvalidRecord) as caught:
        read_registry(path)
    assert caught.value.path == str(path)
    assert caught.value.location == location
    assert problem in caught.value.problem


def test_registry_shared_name_listed_as_ambiguous_is_accepted(tmp_path: Path) -> None:
    text = VALID_ACTOR.replace(
        "aliases: [Alpha Group]", "aliases: [Alpha Group]\n  ambiguous: [AG]"
    )
    text = text.replace("aliases: [Alpha Group]", "aliases: [Alpha Group, AG]")
    text += "  aliases: [AG]\n  ambiguous: [AG]\n"
    registry = read_registry(_write(tmp_path, text))
    assert {a.id for a in registry.lookup("AG")} == {"group-a", "group-b"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [("- id: [unclosed\n", "not valid YAML"), ("id: group-a\n", "expected a YAML list")],
)
def test_registry_unreadable_file_raises_input_error(
    tmp_path: Path, text: str, problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        read_registry(_write(tmp_path, text))


def test_registry_empty_folder_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \*\.yaml actor files"):
        read_registry(tmp_path)
