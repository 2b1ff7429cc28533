"""The data files: lexicons, rule tables and dictionaries that drive the stages.

Each reads like a dictionary a linguist or analyst would keep; the code that uses it stays
general. Files are read once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def read_text(name: str) -> str:
    """The text of a data file shipped with the package."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


@cache
def load_toml(name: str) -> dict:
    """A TOML data file, parsed (cached: treat the result as read-only)."""
    return tomllib.loads(read_text(name))
