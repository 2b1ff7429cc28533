"""Records that link the documents of one story: one identity per actor, which outlets
report each claim and event, and where they contradict each other.

Made by :func:`storyline.link.identity.resolve` and :func:`storyline.link.support.support`
from analysed :class:`~storyline.model.Document` s. Every field is flat (str, int, float,
bool or None) so that a record is one table row; every record carries character spans
``[start, end)`` into its document's text (or headline, when ``field`` says so).
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorLink(_Row):
    """One mention of an actor in one document, linked to the actor's identity across documents."""

    actor_id: str = Field(description='"a" + a hash of the folded canonical name, type and country')
    doc_id: str
    entity_id: Optional[str] = Field(None, description="The document's entity id (e3), when the mention is an entity")
    quote_index: Optional[int] = Field(None, description="Index into quotes, when the mention is an unlinked speaker")
    name: str = Field(description="The name or description as the document prints it")
    span_start: int
    span_end: int
    canonical: str = Field(description="The fullest name of the actor across the documents")
    type: str = Field(description="PERSON, ORG, GPE, NORP, ...")
    country: Optional[str] = None
    actor_code: Optional[str] = None
    role: Optional[str] = None
    confidence: float = Field(description="1.0 for the canonical name itself; lower for weaker evidence")
    why: str = Field(description="The rule that linked the mention: same name, accents folded, surname, role and country, ...")


Relation = Literal["reports", "disputes", "denies", "contradicts"]


class ClaimSupport(_Row):
    """One document's report of a claim (a quote), under the claim's key in the story."""

    story_id: str
    key: str = Field(description="The claim across documents: 'c' + hash")
    doc_id: str
    quote_index: int
    outlet: str
    speaker_actor: Optional[str] = Field(None, description="actor_id of the speaker")
    speaker: Optional[str] = None
    text: str
    field: Literal["text", "headline"] = "text"
    span_start: int
    span_end: int
    status: str = Field(description="The quote's own status: asserted, hedged, denied, disputed, ...")
    relation: Relation
    independent: bool = Field(description="The first report of this key in its copy group and outlet")
    first: bool = Field(description="The story's first report of this key (earliest published, then document order)")
    published: Optional[str] = None


class EventSupport(_Row):
    """One document's report of an event, under the event's key in the story."""

    story_id: str
    key: str = Field(description="The event across documents: 'v' + hash")
    doc_id: str
    event_index: int
    outlet: str
    code: str
    root: str
    source_actor: Optional[str] = Field(None, description="actor_id of the source, or its CAMEO code when unlinked")
    target_actor: Optional[str] = None
    date: Optional[str] = None
    date_source: Optional[str] = None
    trigger: Optional[str] = None
    span_start: int
    span_end: int
    relation: Relation
    independent: bool
    first: bool
    published: Optional[str] = None


class Contradiction(_Row):
    """Two reports that cannot both be true: figures, dates or a claim against its denial."""

    story_id: str
    kind: Literal["figure", "date", "claim"]
    key: Optional[str] = Field(None, description="The claim or event key, or the figure's quantity:scope")
    doc_a: str
    span_a_start: int
    span_a_end: int
    text_a: str
    outlet_a: str
    doc_b: str
    span_b_start: int
    span_b_end: int
    text_b: str
    outlet_b: str
    field_a: Literal["text", "headline"] = "text"
    field_b: Literal["text", "headline"] = "text"
    detail: str


class Support(_Row):
    """Everything :func:`storyline.link.support.support` finds for one story."""

    story_id: str
    actors: list[ActorLink] = Field(default_factory=list)
    claims: list[ClaimSupport] = Field(default_factory=list)
    events: list[EventSupport] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
