"""Schema of ``pronouns.toml``: what each pronoun can refer back to."""

from __future__ import annotations

from typing import Literal

from storyline.data.schemas.base import Strict

Words = list[str]
Referent = Literal["PERSON", "ORG", "GPE", "NORP", "TYPED", "REL"]
"""An entity type, or TYPED (an earlier unnamed plural source), or REL (a relative pronoun)."""


class Agreement(Strict):
    person: Words
    thing: Words
    plural: Words


class Classes(Strict):
    relative: Words
    reflexive: Words
    personal: Words
    group: Words
    plural: Words
    object: Words
    first_person: Words
    unresolved: Words
    coordinated: Words
    people: Words
    expletive: Words
    demonstrative: Words


class PronounsFile(Strict):
    refers_to: dict[str, list[Referent]]
    agreement: Agreement
    classes: Classes
