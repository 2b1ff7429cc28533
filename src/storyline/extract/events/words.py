"""The English words the stage's grammar code reads (data/event_words.toml), loaded once.

Each section of the file is a namespace here: ``words().pronouns.relative``,
``words().places.event_preps``. Lists the code only tests membership in are frozensets;
lists whose order matters (the first preposition that yields an actor wins) stay tuples.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

from storyline.data import load
from storyline.extract.coref import pronouns

# The lists the code walks in order; every other list is a set.
_ORDERED = {
    ("places", "publication_preps"),
    ("actors", "owner_preps"),
    ("actors", "event_owner_preps"),
    ("sources", "means_preps"),
    ("sources", "author_preps"),
    ("sources", "launch_place_preps"),
    ("folding", "aim_roles"),
    ("folding", "aim_preps"),
    ("targets", "act_noun_codes"),  # read by str.startswith
}


@cache
def words() -> SimpleNamespace:
    """event_words.toml, one namespace per section, and the pronoun classes the shared
    resolver's lexicon gives (``words().pronouns``, from pronouns.toml)."""
    sections = {}
    for section, lists in load("event_words.toml").items():
        sections[section] = SimpleNamespace(
            **{name: tuple(v) if (section, name) in _ORDERED else frozenset(v) for name, v in lists.items()}
        )
    sections["pronouns"] = pronouns().classes
    return SimpleNamespace(**sections)
