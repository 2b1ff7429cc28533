"""The layout table (``data/layout.toml``), loaded once, and the two helpers that turn its
word lists into regular expressions."""

from __future__ import annotations

import functools
import re
from typing import Iterable

from storyline.data import load


@functools.cache
def layout() -> dict:
    """The raw layout table (``data/layout.toml``)."""
    return load("layout.toml")


def limits() -> dict:
    """The ``[limits]`` table: sizes, counts and times that bound the reading of one file."""
    return layout()["limits"]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so "Jan" never beats "January")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def anonymous(pattern: str) -> str:
    """A pattern with its named groups made anonymous, to combine several in one alternation."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)
