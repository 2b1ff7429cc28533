"""The medium of a cue: "said on the Rossiya-24 channel", "told Reuters", "wrote on X",
"in an interview with Reuters" (the media words are in ``attribution.toml`` ``[media]``)."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from storyline.extract.quotes.lexicon import Lexicon, plain
from storyline.extract.quotes.phrases import proper_run

Medium = tuple[str, tuple[int, int]]  # the medium as reported, and its span


def medium(cue: Token, lex: Lexicon) -> Optional[Medium]:
    """The medium of a cue: "said on the Rossiya-24 channel", "told Reuters", "wrote on X"."""
    for c in cue.children:
        if c.dep_ in ("dobj", "dative", "iobj") and cue.lemma_ in lex.addressee:
            name = proper_run(c)
            if name and (plain(name[0]).lower() in lex.outlets or c.ent_type_ == "ORG"):
                return name
        if c.dep_ == "prep" and c.lower_ in lex.media_preps:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                got = _medium_np(g, lex)
                if got:
                    return got
    return None


def _medium_np(g: Token, lex: Lexicon) -> Optional[Medium]:
    """The medium named by the object of a medium preposition ("on X", "in an interview …")."""
    if g.text in lex.platforms or plain(g.text).lower() in lex.outlets:
        return plain(g.text), (g.idx, g.idx + len(g.text))
    if g.lemma_.lower() in lex.media_nouns or g.lower_ in lex.media_nouns:
        return _named_medium(g, lex)
    if g.pos_ == "PROPN" and (plain(g.text).lower() in lex.outlets or g.ent_type_ in ("ORG",)):
        run = proper_run(g)
        if run and plain(run[0]).lower() in lex.outlets:
            return run
    return None


def _named_medium(g: Token, lex: Lexicon) -> Medium:
    """A medium noun: the name it leads to ("an interview with Reuters", "a post on X"), the
    name before it ("the Rossiya-24 channel"), else the noun itself ("a statement")."""
    for c in g.children:
        if c.dep_ == "prep" and c.lower_ in lex.media_name_preps:
            for gg in c.children:
                if gg.dep_ == "pobj":
                    name = proper_run(gg) if gg.pos_ == "PROPN" else None
                    if name:
                        return name
    name = proper_run(g)
    if name and name[1][1] <= g.idx + len(g.text):
        return name
    return g.lemma_.lower(), (g.idx, g.idx + len(g.text))
