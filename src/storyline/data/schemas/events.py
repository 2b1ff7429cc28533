"""Schemas of the events data files: ``cameo_patterns.toml`` (the pattern dictionary),
``cameo_plover.tsv`` (the CAMEO table, one row at a time) and ``event_words.toml`` (the
English words the events stage's grammar code reads)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import StringConstraints, field_validator

from storyline.data.schemas.base import Strict

Word = Annotated[str, StringConstraints(min_length=1)]
Words = list[Word]
Code = Annotated[str, StringConstraints(pattern=r"^\d{2,4}$")]  # a CAMEO code or root: "04", "036", "0231"
CodeKey = Annotated[str, StringConstraints(pattern=r"^(\d{2,4}|\*)$")]  # "*": any code
Root = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
Role = Annotated[str, StringConstraints(pattern=r"^(dobj|dative|ccomp|objplace|poss|prep:[a-z]+)$")]
Needs = Literal["target", "modifier", "modifier_or_target", "country_target", "actor_target", "object"]
Status = Literal["reported", "alleged", "hypothetical", "planned", "negated"]

# --- cameo_patterns.toml ----------------------------------------------------------------


class _Sense(Strict):
    """What every sense entry may say (see the header of cameo_patterns.toml)."""

    lemmas: Words
    code: Code
    target: Optional[list[Role]] = None
    objects: Words = []
    object_codes: dict[str, Code] = {}
    modifiers: dict[str, Code] = {}
    place_code: Optional[Code] = None
    place_target: bool = False
    inverse: bool = False
    mirror: bool = False
    reciprocal: bool = False
    needs: Optional[Needs] = None
    needs_target: bool = False
    complement: dict[CodeKey, Code] = {}
    complement_lemmas: dict[str, Code] = {}
    event_target: bool = False
    paired: Optional[Code] = None


class VerbSense(_Sense):
    """One ``[[verb]]`` entry."""

    prep: Optional[Word] = None
    no_object: bool = False
    places_only: bool = False


class NounSense(_Sense):
    """One ``[[noun]]`` entry."""

    governors: Words = []
    needs_modifier: bool = False


class AdjectiveSense(Strict):
    """One ``[[adjective]]`` entry: an adjective of readiness governing an action."""

    lemmas: Words
    code: Code
    complement: dict[CodeKey, Code] = {}


class Support(Strict):
    verbs: Words
    preps: dict[str, Word]


class Syntax(Strict):
    object_control: Words
    patient_nouns: Words
    document_nouns: Words
    publishing_verbs: Words
    speech_verbs: Words
    speech_nouns: Words
    natural_causes: Words
    light_nouns: Words
    human_nouns: Words


class Selection(Strict):
    frame_preps: Words
    earlier_frame_preps: Words
    frame_nouns: Words
    grounds_preps: Words
    responsibility_verbs: dict[str, Code]
    attribution_nouns: Words
    wishing_verbs: Words


class ActorHeads(Strict):
    partitive: Words
    partitive_preps: Words
    location_preps: Words
    located_people: Words


class Modality(Strict):
    negators: Words
    negating_paths: list[Words]
    litotes: Words
    negation_words: Words
    planning_verbs: Words
    future_auxiliaries: Words
    scheduling_words: Words
    hypothetical_auxiliaries: Words
    conditional_marks: Words
    alleging_verbs: Words
    accusing_verbs: Words
    unsupported_nouns: Words
    alleging_words: Words
    quote_status: dict[Literal["asserted", "hedged", "unverified", "disputed", "denied", "speculative"], Status]

    @field_validator("negating_paths")
    @classmethod
    def _paths_have_two_words(cls, paths: list[list[str]]) -> list[list[str]]:
        for path in paths:
            if len(path) < 2:
                raise ValueError(f"a negating path is a verb and at least one word after it, not {path}")
        return paths


class RecodeLike(Strict):
    """A CAMEO convention that reuses the complement map of the verb named in ``like``."""

    roots: list[Root]
    like: Word


class RecodeMust(RecodeLike):
    auxiliaries: Words


class RecodeRiot(Strict):
    codes: list[Code]
    sources: Words
    code: Code


class Recode(Strict):
    planned: RecodeLike
    planned_conflict: RecodeLike
    conditional: RecodeLike
    negated: RecodeLike
    must: RecodeMust
    riot: RecodeRiot


class CameoPatternsFile(Strict):
    """The whole pattern dictionary."""

    support: Support
    syntax: Syntax
    selection: Selection
    actor_heads: ActorHeads
    modality: Modality
    recode: Recode
    verb: list[VerbSense]
    noun: list[NounSense]
    adjective: list[AdjectiveSense]


# --- cameo_plover.tsv -------------------------------------------------------------------

Plover = Literal[
    "", "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
    "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
]


class CameoPloverRow(Strict):
    """One row of the CAMEO table (all cells are text; an empty cell is no value)."""

    code: Annotated[str, StringConstraints(pattern=r"^\d{3,4}$")]
    name: Annotated[str, StringConstraints(min_length=1)]
    plover: Plover
    mode: Annotated[str, StringConstraints(pattern=r"^[a-z_-]*$")]
    context: Annotated[str, StringConstraints(pattern=r"^([a-z_]+(; [a-z_]+)*)?$")]
    goldstein: str
    note: str

    @field_validator("goldstein")
    @classmethod
    def _goldstein_scale(cls, value: str) -> str:
        if value:
            try:
                score = float(value)
            except ValueError:
                raise ValueError(f"goldstein must be a number or empty, not {value!r}") from None
            if not -10.0 <= score <= 10.0:
                raise ValueError(f"goldstein {score} is outside the scale -10..10")
        return value


# --- event_words.toml -------------------------------------------------------------------


class Places(Strict):
    nouns: Words
    parts: Words
    event_preps: Words
    sentence_preps: Words
    publication_preps: Words


class Actors(Strict):
    polity_nouns: Words
    listing_verbs: Words
    member_preps: Words
    owner_preps: Words
    event_owner_preps: Words
    igo_nouns: Words


class Targets(Strict):
    attack_preps: Words
    aiming_verbs: Words
    mutual_roles: list[Role]
    act_nouns: Words
    two_sided_nouns: Words
    definite_words: Words
    continuing_verbs: Words
    act_noun_codes: list[Code]
    occurrence_verbs: Words
    clause_marks: Words


class Sources(Strict):
    ordering_verbs: Words
    protest_frame_preps: Words
    framing_preps: Words
    framing_relatives: Words
    means_preps: Words
    author_preps: Words
    launch_place_preps: Words
    from_roots: list[Root]
    intent_nouns: Words
    intent_owner_verbs: Words


class Folding(Strict):
    complement_preps: Words
    topic_preps: Words
    aim_roles: list[Role]
    aim_preps: Words
    charge_preps: Words


class ModalityWords(Strict):
    obligation: Words
    planning_preps: Words
    scarcity: Words
    threat_marks: Words


class EventWordsFile(Strict):
    """The English words of the events stage's grammar (see the file's header)."""

    places: Places
    actors: Actors
    targets: Targets
    sources: Sources
    folding: Folding
    modality: ModalityWords


FILES = {"event_words.toml": EventWordsFile}
"""The data files this module adds to the registry (storyline.data.schemas.SCHEMAS)."""
