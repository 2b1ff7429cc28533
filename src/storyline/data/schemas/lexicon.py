"""Schemas of the knowledge files: ``actors.toml``, ``people.toml``, ``names.toml``."""

from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from storyline.data.schemas.base import Strict

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
ActorCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3,15}$")]
Sector = Annotated[str, StringConstraints(pattern=r"^([A-Z]{3})?$")]
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Words = list[Annotated[str, StringConstraints(min_length=1)]]


class SectorEntry(Strict):
    name: str
    roles: Words
    primary: Optional[Sector] = None
    weight: Optional[int] = None


class Ambiguous(Strict):
    names: Words
    common_words: Words


class WordList(Strict):
    words: Words


class ActorsFile(Strict):
    sectors: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")], SectorEntry]
    offices: dict[str, Sector]
    seats: dict[str, ActorCode]
    country_aliases: dict[str, Country]
    demonym_aliases: dict[str, Country]
    ambiguous: Ambiguous
    igos: dict[str, ActorCode]
    groups: dict[str, ActorCode]
    location: WordList
    affiliation: WordList
    wars: WordList


class Term(Strict):
    role: str
    code: ActorCode
    from_: Day = Field(alias="from")
    to: Optional[Day] = None


class PersonEntry(Strict):
    name: str
    aliases: Words = []
    country: Country
    terms: list[Term]


class PeopleFile(Strict):
    people: list[PersonEntry]


class NamesFile(Strict):
    facility_suffixes: Words
    locative_prepositions: Words
    place_prepositions: Words
    leading_articles: Words
    place_nouns: Words
    peoples: Words
    product_nouns: Words
    org_nouns: Words
