"""Register the extraction components with spaCy, in one place.

``nlp.add_pipe("contested_mentions")`` and friends work once this module is
imported (``contested.extract`` imports it).
"""

from __future__ import annotations

from spacy.language import Language

from contested.extract.claims import ClaimTagger
from contested.extract.events import EventTagger
from contested.extract.mentions import MentionRuler
from contested.extract.relations import RelationTagger
from contested.extract.sentences import SentenceGuard
from contested.extract.time import TimeTagger


@Language.factory("contested_sentences")
def make_sentence_guard(nlp: Language, name: str) -> SentenceGuard:
    """Sentence starts at line breaks; heading lines marked."""
    return SentenceGuard(nlp, name)


@Language.factory("contested_mentions")
def make_mention_ruler(nlp: Language, name: str) -> MentionRuler:
    """Actor and place names (registry, gazetteer) and unknown proper names."""
    return MentionRuler(nlp, name)


@Language.factory("contested_time")
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    """Temporal expressions, with whether each belongs to the main clause."""
    return TimeTagger(nlp, name)


@Language.factory("contested_events")
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    """Events typed with the ACLED vocabulary, with actors and place from the parse."""
    return EventTagger(nlp, name)


@Language.factory("contested_relations")
def make_relation_tagger(nlp: Language, name: str) -> RelationTagger:
    """Relations between actors: membership, mergers, allegiance, support, hostility."""
    return RelationTagger(nlp, name)


@Language.factory("contested_claims")
def make_claim_tagger(nlp: Language, name: str) -> ClaimTagger:
    """Reported statements with their claimants and the assessments of others."""
    return ClaimTagger(nlp, name)
