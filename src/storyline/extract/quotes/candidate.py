"""What the passes share: the text being read (:class:`Scan`) and the claims they find in it
(:class:`Candidate`), which become :class:`~storyline.model.Quote` records at the end."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from storyline.extract.quotes.lexicon import Lexicon, lex, plain
from storyline.extract.quotes.marks import QuoteList, find_quotations
from storyline.model import Quote
from storyline.textutil import sentence_starts


MAX_SENT_TOKENS = 250
"""The longest sentence (in tokens) the cue passes read."""


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

    def readable(self, tok: Token) -> bool:
        """Is ``tok`` in a sentence of at most ``MAX_SENT_TOKENS`` tokens? The cue passes
        read no longer one: it is a list, a table or a run of unbalanced marks the parser
        cannot read, and the work of reading it grows with the square of its length."""
        starts = sentence_starts(self.doc)
        k = bisect_right(starts, tok.i) - 1
        end = starts[k + 1] if k + 1 < len(starts) else len(self.doc)
        return end - starts[k] <= MAX_SENT_TOKENS if k >= 0 else True


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
