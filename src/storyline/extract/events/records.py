"""What the stage's steps pass to one another: a coded actor argument (:class:`Arg`) and a
matched event (:class:`Candidate`), before the rules make it into events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Token

from storyline.extract.events.patterns import Sense


@dataclass
class Arg:
    """An actor in an event: the token that names it, its actor code (None when it acted
    but cannot be coded), the entity it is, and its character span."""

    token: Token
    code: Optional[str]
    entity: Optional[str]
    span: tuple[int, int]


def at(tok: Token, arg: Arg) -> Arg:
    """``arg``'s actor, named by ``tok`` (a pronoun standing for it): the pronoun's own span."""
    return Arg(tok, arg.code, arg.entity, (tok.idx, tok.idx + len(tok)))


@dataclass
class Candidate:
    trigger: Token
    sense: Sense
    code: str
    sources: list[Arg]
    targets: list[Arg]
    target_tokens: list[Token]
    extra_tokens: list[Token] = field(default_factory=list)
    mutual: bool = False  # the target came through "with"/"between": both parties act
    folded: bool = False
    dropped: bool = False
