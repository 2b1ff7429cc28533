"""Colon claims: "Name: clause" lines, in headlines ("Sanders: Clinton needs to …", "Poll:
Voters abandon …") and transcripts ("“PENCE: Well, look, …"). Labels ("Update:",
"Context:", ``attribution.toml`` ``[colon]``) are not speakers; a quotation after the colon
is left to :mod:`~storyline.extract.quotes.leftovers`."""

from __future__ import annotations

import re

from spacy.tokens import Span

from storyline.extract.docindex import Intervals
from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.content import snap, trim
from storyline.extract.quotes.lexicon import Lexicon, typography
from storyline.extract.quotes.marks import paragraphs

_LINE = re.compile(r"\s*([“\"]?)([A-Z][^:\n“”\"]{0,70}?)\s*:\s+(\S.*?)\s*$")
_MAX_WORDS = 40  # a longer line is a paragraph, not a headline …
_MAX_TRANSCRIPT_WORDS = 400  # … but a transcript turn may run long
_MAX_NAME_WORDS = 7


def colon_claims(scan: Scan, claimed: list[Candidate]) -> list[Candidate]:
    """The "Name: clause" claims of the text; ``claimed``: the claims found so far."""
    out = []
    text, doc = scan.text, scan.doc
    t = typography()
    covered = Intervals(c.content for c in claimed)
    for p_start, p_end in paragraphs(text):
        line = text[p_start:p_end]
        m = _LINE.match(line)
        if not m or m.group(3)[:1] in t.open + t.straight + t.single_open:
            continue  # a quotation after the colon is handled with the other quotations
        transcript = bool(m.group(1))
        if len(line.split()) > (_MAX_TRANSCRIPT_WORDS if transcript else _MAX_WORDS):
            continue
        name = (p_start + m.start(2), p_start + m.end(2))
        rest = (p_start + m.start(3), p_start + m.end(3))
        name_text = text[name[0]:name[1]]
        if len(name_text.split()) > _MAX_NAME_WORDS or name_text.lower().strip() in scan.lex.colon_labels:
            continue
        if not transcript and covered.overlaps(rest[0], rest[1]):
            continue
        name_span = doc.char_span(name[0], name[1], alignment_mode="expand")
        rest_span = doc.char_span(rest[0], rest[1], alignment_mode="expand")
        if name_span is None or rest_span is None or not _speaker_like(name_span, scan.lex):
            continue
        if sum(1 for tok in rest_span if tok.is_alpha) < 3 or not any(tok.pos_ in ("VERB", "AUX") for tok in rest_span):
            continue  # what follows the colon is a clause
        colon = p_start + line.index(":", m.start(2))
        if transcript:
            content, kind = trim(text, rest, []), "direct"
            content = (content[0], content[1] + 1) if text[content[1]:content[1] + 1] in t.close + t.straight else content
        else:
            content, kind = snap(trim(text, rest, scan.quotations), scan.quotations, text)
        out.append(Candidate(content=content, kind=kind, source=name, cue=(colon, colon + 1), cue_text=":", via="colon"))
    return out


def _speaker_like(name: Span, lex: Lexicon) -> bool:
    """Is the text before the colon a speaker: a name (no date, time or place), a short run of
    capitalised words, or one report noun ("Poll")?"""
    if any(tok.ent_type_ in ("DATE", "TIME", "GPE") for tok in name):
        return False
    words = [tok for tok in name if tok.is_alpha]
    return any(tok.ent_type_ in ("PERSON", "ORG", "NORP") for tok in name) \
        or (bool(words) and all(tok.text[0].isupper() for tok in words) and len(words) <= 4) \
        or (len(words) == 1 and words[0].lemma_.lower() in lex.report_nouns)
