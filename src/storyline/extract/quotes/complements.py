"""Which children of a cue verb carry what was said: a clausal complement ("said that …",
"asked whether …"), a "to"-infinitive ("urged both sides to talk", with the addressee), a
preposition phrase the lexicon lists for the verb ("accused X of …", "called for …"), an
object and its predicative complement ("called him a master at …"), or an object for verbs
whose object is the message ("denied the report")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from storyline.extract.quotes.lexicon import Lexicon


def content_children(cue: Token, lemma: str, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """The children of ``cue`` that carry its content, and the tokens that join the cue
    itself (the preposition of "called for X", "called on X to …")."""
    out = _clausal(cue, lemma, lex)
    if lemma in lex.figure_verbs:
        return _figure(cue, lex), []
    if lemma in lex.aspectual and any(c.dep_ == "xcomp" and c.lemma_ in lex.cues for c in cue.children):
        return [], []  # "continued to call for": the inner verb is the cue
    preps = lex.preps.get(lemma, ())
    prep_hits = _prep_hits(cue, preps)
    objs = [c for c in cue.children if c.dep_ in ("dobj",)]
    if not prep_hits and preps and objs:
        lower = _lower_prep(cue, preps, objs[0])
        if lower is not None:
            # "accused elements within the government OF betraying": the preposition hangs lower
            return [objs[0]] + [c for c in cue.children if objs[0].i < c.i <= lower.i
                                or (c.i < lower.i and c.dep_ == "prep")], []
    extra: list[Token] = []
    if prep_hits:
        extra = _with_preps(cue, lemma, out, objs, prep_hits, lex)
    elif not out and objs:
        return _object_content(cue, lemma, objs, lex), []
    if lemma in lex.addressee and out and objs and lemma in lex.directive:
        # "urged both sides to talk": the addressee is part of what was urged
        if any(c.dep_ == "xcomp" for c in out):
            out.extend(objs)
    return out, extra


def _figure(cue: Token, lex: Lexicon) -> list[Token]:
    """"put the death toll at 19": a figure object and its preposition phrase, else nothing."""
    objs = [c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.figure_objects]
    preps = [c for c in cue.children if c.dep_ == "prep" and c.lower_ in lex.figure_preps]
    if not preps and objs:  # "put the number of dead at 40": the preposition may hang on the object
        preps = [c for c in objs[0].subtree if c.dep_ == "prep" and c.lower_ in lex.figure_preps]
    return objs[:1] + preps[:1] if objs and preps else []


def _clausal(cue: Token, lemma: str, lex: Lexicon) -> list[Token]:
    """Clausal complements: "said that …", "vowed to …", "asked whether …"."""
    out: list[Token] = []
    for c in cue.children:
        if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "xcomp" and lemma not in lex.aspectual):
            out.append(c)
        elif c.dep_ == "advcl" and c.i > cue.i and any(m.dep_ == "mark" and m.lower_ in lex.question_complementizers
                                                        for m in c.children):
            out.append(c)
        elif c.dep_ == "advcl" and c.i > cue.i and lemma in lex.clausal and any(
                m.dep_ == "mark" and m.lower_ in lex.noun_complementizers and m.i == c.left_edge.i == cue.i + 1
                for m in c.children):
            out.append(c)  # "said that only 15% are identified" parsed as an adverbial clause
    return out


def _prep_hits(cue: Token, preps: tuple[str, ...]) -> list[Token]:
    """The cue's prepositions (and particles) the lexicon lists for it; a time ("called her
    on Friday") is not a content."""
    hits = []
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            if not any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
                hits.append(c)
        elif c.dep_ == "prt" and c.lower_ in preps:
            hits.append(c)
    return hits


def _lower_prep(cue: Token, preps: tuple[str, ...], obj: Token) -> Optional[Token]:
    """A listed preposition after the object that hangs lower in the parse, with no verb on
    the way up to the cue ("accused elements within the government OF betraying")."""
    for t in cue.subtree:
        if t.dep_ == "prep" and t.lower_ in preps and t.i > obj.i:
            path = []
            a = t.head
            while a.i != cue.i and a.head.i != a.i:
                path.append(a)
                a = a.head
            if a.i == cue.i and not any(x.pos_ in ("VERB", "AUX") for x in path):
                return t
    return None


def _with_preps(cue: Token, lemma: str, out: list[Token], objs: list[Token], prep_hits: list[Token],
                lex: Lexicon) -> list[Token]:
    """Add the content a listed preposition brings to ``out``; the tokens that join the cue."""
    if objs and lemma not in lex.addressee:
        out.extend(objs)  # "accused them of …": object and preposition phrase
        out.extend(prep_hits)
        return []
    if not out:
        # "called for X", "spoke of X", "speculated about X": the preposition belongs to
        # the cue (a phrasal verb), its object is the content
        p = prep_hits[0]
        inner = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
        if inner and all(t.is_space or t.pos_ in ("ADV", "PART") for t in cue.doc[cue.i + 1:p.i]):
            out.extend(inner)
            return [p]
        out.extend(prep_hits)
        return []
    out.extend(prep_hits)
    if prep_hits[0].i == cue.i + 1 and prep_hits[0].head.i == cue.i:
        return [prep_hits[0]]  # "called on X to …": the particle is part of the cue
    return []


def _object_content(cue: Token, lemma: str, objs: list[Token], lex: Lexicon) -> list[Token]:
    """A cue with an object and no clause or listed preposition: the object is the content
    only for verbs whose object is the message."""
    oprd = [c for c in cue.children if c.dep_ == "oprd"]
    if objs[0].tag_ not in ("WP", "WDT") and oprd and lemma in lex.predicative:
        return objs + oprd  # "called him a master at …": object + predicative complement
    if lemma in lex.clausal and lemma not in lex.weak and objs[0].i > cue.i and objs[0].right_edge.i < cue.right_edge.i:
        # "Analysts say this points to …": a clause misparsed as object + modifiers
        return [objs[0]] + [c for c in cue.children if c.i > objs[0].i and c.dep_ not in ("punct", "cc")]
    if lemma in lex.object_content and lemma not in lex.addressee:
        o = objs[0]
        if lemma not in lex.weak or o.lemma_.lower() in lex.speech_objects or o.lower_ in lex.speech_objects:
            return [o]
    return []
