"""Schema of ``wires.toml``: the wire agencies and the trailing lines that credit them."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PositiveInt, StringConstraints

from storyline.data.schemas.base import Strict

Name = Annotated[str, StringConstraints(min_length=1)]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return pattern


def _names_group(pattern: str) -> str:
    if "names" not in re.compile(_compiles(pattern)).groupindex:
        raise ValueError("the pattern must name the group 'names'")
    return pattern


class Wire(Strict):
    name: Name
    aliases: list[Name] = Field(min_length=1)


class CreditLine(Strict):
    pattern: Annotated[str, AfterValidator(_names_group)]
    mode: Literal["outlets", "wires", "people"]


class Credits(Strict):
    separators: Annotated[str, AfterValidator(_compiles)]
    max_chars: PositiveInt
    people_words: list[Annotated[str, StringConstraints(min_length=1, pattern=r"^[^A-Z]*$")]]
    line: list[CreditLine] = Field(min_length=1)


class WiresFile(Strict):
    wire: list[Wire] = Field(min_length=1)
    credits: Credits


FILES = {"wires.toml": WiresFile}
