"""Quotes in the headline: read like the body ("Okafor: “We Will Rebuild”", "…, Fed Says"),
their speakers mapped to the body's entities by name or alias."""

from __future__ import annotations

from storyline.extract.quotes.candidate import to_quote
from storyline.extract.quotes.claims import claims_of
from storyline.extract.quotes.speakers import Resolver, entity_named
from storyline.model import Document, Quote
from storyline.pipeline.stage import Parse


def headline_quotes(document: Document, parse: Parse) -> list[Quote]:
    """The quotes of ``document.headline`` (parsed with the body's pipeline)."""
    head = document.headline
    if not head or not head.strip():
        return []
    hdoc = parse.parse(head[:2000])  # the same model as the body (--model)
    cands, _ = claims_of(head, hdoc)
    shadow = Document(source=document.source, text=head)
    res = Resolver(shadow, hdoc, head)
    out = []
    for c in cands:
        if c.cue and c.source and c.content[1] <= c.source[0] and "," not in head[c.content[1]:c.source[0]]:
            continue  # headlines put the content after the cue, or before it with a comma ("…, Fed Says")
        res.resolve(c)
        if c.speaker_name:  # map a headline speaker to the body's entity by name or alias
            ent = entity_named(document.entities, c.speaker_name)
            if ent is not None:
                c.speaker, c.speaker_name = ent.id, ent.name
        out.append(to_quote(c, head, "headline", "reporting"))
    return out

