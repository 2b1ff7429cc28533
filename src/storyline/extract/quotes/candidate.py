"""What the passes share: the text being read (:class:`Scan`) and the claims they find in it
(:class:`Candidate`), which become :class:`~storyline.model.Quote` records at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from storyline.extract.quotes.lexicon import Lexicon, lex, plain
from storyline.extract.quotes.marks import QuoteList, find_quotations
from storyline.model import Quote


@dataclass
class Scan:
    """One text being read: its parse, the lexicon and the quotations found in it."""

    text: str
    doc: Doc
    lex: Lexicon
    quotations: QuoteList

    @classmethod
    def of(cls, text: str, parsed: Doc) -> "Scan":
        return cls(text, parsed, lex(), QuoteList(find_quotations(text)))


@dataclass
class Candidate:
    """A claim found in the text: its content, cue and source spans, and (once resolved and
    judged) its speaker, status and evidence. ``via`` names the pass that found it."""

    content: tuple[int, int]
    kind: str
    source: Optional[tuple[int, int]] = None
    source_head: Optional[Token] = None
    cue: Optional[tuple[int, int]] = None
    cue_token: Optional[Token] = None
    cue_text: Optional[str] = None
    medium: Optional[tuple[str, tuple[int, int]]] = None
    inherited_from: Optional["Candidate"] = None
    speaker: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_type: Optional[str] = None
    speaker_span: Optional[tuple[int, int]] = None
    speaker_etype: Optional[str] = None
    status: str = "asserted"
    evidence: list = field(default_factory=list)
    via: str = "cue"


def to_quote(c: Candidate, text: str, field: str, section: str) -> Quote:
    """The model's record of a resolved candidate found in ``text`` (the body or the headline)."""
    medium, medium_span = (c.medium if c.medium else (None, None))
    return Quote(
        speaker=c.speaker, speaker_name=c.speaker_name, speaker_span=c.speaker_span,
        speaker_type=c.speaker_type, cue=plain(c.cue_text) if c.cue_text and c.cue else None,
        cue_span=c.cue, text=text[c.content[0]:c.content[1]], span=c.content, kind=c.kind,
        medium=medium, medium_span=medium_span, status=c.status,
        evidence=c.evidence, section=section, field=field,
    )
