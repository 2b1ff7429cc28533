"""Folding the matches of a sentence into one another: a verb that governs another action
("threatened to shell", "agreed to release", "urged X to negotiate") becomes one event whose
code the complement selects; a passive act of force absorbs the strike it was done in."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from storyline.extract.events.cameo import ADDRESSED_ROOTS, CONFLICT_ROOTS, FORCE_ROOTS
from storyline.extract.events.context import Context
from storyline.extract.events.matcher import marked_clause, role_tokens
from storyline.extract.events.patterns import complement_code, patterns
from storyline.extract.events.records import Candidate
from storyline.extract.events.sources import args
from storyline.extract.events.syntax import child, forms, is_form, is_passive, lemma, prep_objects, subjects
from storyline.extract.events.words import words


def _complement_of(gov: Candidate, by_tok: dict[int, Candidate], by_host: dict[int, Candidate]):
    """The action a governing verb governs: xcomp/ccomp verb, its support-verb noun, or object
    noun, as (its candidate or None, its token or None)."""
    clause_deps = ("xcomp", "ccomp") if gov.sense.kind != "noun" else ("acl", "ccomp", "relcl", "advcl")
    for ch in gov.trigger.children:
        if ch.dep_ in clause_deps and (ch.dep_ != "relcl" or not child(ch, ("nsubj", "dobj"), "that")):
            c = by_tok.get(ch.i) or by_host.get(ch.i)
            if c is not None and not c.dropped:
                return c, ch
            return None, ch
    if gov.sense.kind == "noun":
        for role in (r for r in gov.sense.target if r[5:] in words().targets.clause_marks):
            ch = marked_clause(gov.trigger, role[5:])  # "a deadline for X to release Y"
            if ch is not None:
                c = by_tok.get(ch.i)
                return (c if c is not None and not c.dropped else None), ch
    for ch in gov.trigger.children:
        if (
            ch.dep_ == "dobj" and ch.i in by_tok and by_tok[ch.i].sense.kind == "noun"
            and not is_form(gov.trigger, patterns().support_verbs)
        ):
            return by_tok[ch.i], ch
        if ch.dep_ == "prep" and lemma(ch) in words().folding.complement_preps and not _topic_prep(gov, ch):
            for o in ch.children:
                # "claimed responsibility for carrying out an attack": the support verb's noun
                c = by_tok.get(o.i) or (by_host.get(o.i) if o.dep_ == "pcomp" else None)
                if c is not None and o.dep_ in ("pobj", "pcomp") and not c.dropped:
                    return c, o
    return None, None


def _topic_prep(gov: Candidate, prep: Token) -> bool:
    """A verb's "of" names a topic, not an act it governs ("warned of attacks on civilians" is
    no threat), unless the sense itself is the verb with "of" ("warned of a military response")."""
    return gov.sense.kind == "verb" and lemma(prep) in words().folding.topic_preps and gov.sense.prep != lemma(prep)


def _aim_of(gov: Candidate, comp_tok: Token, ctx: Context) -> None:
    """Whom an uncoded complement verb is aimed at ("threatened to deliver blows to X")."""
    if comp_tok.dep_ == "ccomp":
        gov.targets = args(subjects(comp_tok), ctx)
    if not gov.targets:
        for role in words().folding.aim_roles:
            toks = role_tokens(comp_tok, role, gov.sense)
            found = [x for x in args(toks, ctx) if x.code]
            if found:
                gov.targets = found
                break
    if not gov.targets:
        # "threatened to resume attacks in Israel": the place the aim lies in
        for o in (c for c in comp_tok.children if c.dep_ == "dobj"):
            for prep in words().folding.aim_preps:
                found = [x for x in args(prep_objects(o, prep), ctx) if x.code]
                if found:
                    gov.targets = found
                    break


def _fold_uncoded(gov: Candidate, comp_tok: Optional[Token], ctx: Context) -> None:
    """An uncoded complement ("threatened to deliver blows to X"): keep the governor's own code
    (or the one the dictionary gives the complement verb: "ordered X to leave") and find whom
    it is aimed at in the complement."""
    if comp_tok is not None:
        for f in forms(comp_tok):
            if f in gov.sense.complement_lemmas:
                gov.code = gov.sense.complement_lemmas[f]
                break
    if not gov.targets and comp_tok is not None and comp_tok.pos_ in ("VERB", "AUX"):
        _aim_of(gov, comp_tok, ctx)
        gov.extra_tokens.append(comp_tok)
        gov.folded = True


def _fold_coded(gov: Candidate, comp: Candidate, comp_tok: Optional[Token], ctx: Context) -> None:
    """A coded complement: the governor takes the code its complement map gives, and the
    complement's actors where it has none; the complement is no event of its own."""
    new = complement_code(gov.sense, comp.code)
    if new is None and gov.sense.code[:2] == "03" and comp.code[:2] in CONFLICT_ROOTS:
        # "pledged to expel": the promised coercion is coded as itself, announced
        gov.dropped = True
        return
    if new:
        gov.code = new
    if not gov.targets:
        if comp_tok is not None and comp_tok.dep_ == "ccomp":
            # "demanded that Mugabe abandon ...": the one asked is the complement's subject
            subj = args(subjects(comp_tok), ctx)
            gov.targets = subj or comp.targets
        else:
            gov.targets = comp.targets
        gov.target_tokens = comp.target_tokens
    if not gov.sources:
        gov.sources = comp.sources
    gov.extra_tokens.append(comp.trigger)
    gov.extra_tokens.extend(comp.extra_tokens)
    gov.folded = True
    comp.dropped = True


def _said_by_another(comp: Candidate, gov: Candidate) -> bool:
    """``comp`` is a thing said (an accusation, demand, threat: ``[sources] from_roots``) as an
    event noun with a coded source of its own, not the governor's."""
    if comp.sense.kind != "noun" or comp.code[:2] not in words().sources.from_roots:
        return False
    own = {a.code for a in comp.sources if a.code}
    return bool(own) and not own & {a.code for a in gov.sources if a.code}


def fold(cands: list[Candidate], ctx: Context) -> None:
    """Fold each governed action into its governor, in text order; then drop governors that
    govern nothing they need, and appeals or threats addressed to no one."""
    by_tok = {c.trigger.i: c for c in cands}
    by_host = {h.i: c for c in cands if c.sense.kind == "noun" for h in c.extra_tokens}
    for gov in sorted(cands, key=lambda c: c.trigger.i):
        if not gov.sense.complement or gov.dropped:
            continue
        comp, comp_tok = _complement_of(gov, by_tok, by_host)
        if comp is None and comp_tok is None:
            continue
        if comp is None or comp is gov:
            _fold_uncoded(gov, comp_tok, ctx)
        elif _said_by_another(comp, gov):
            continue  # "rejected Pakistan's accusations": the accusation is Pakistan's own event
        else:
            _fold_coded(gov, comp, comp_tok, ctx)
    for c in cands:
        if c.sense.complement and not c.folded and c.sense.needs == "target" and not c.targets:
            c.dropped = True
        if c.code[:2] in ADDRESSED_ROOTS and c.code == c.sense.code and not c.targets:
            c.dropped = True  # an appeal or threat with no addressee and no coded aim ("asked not to be named")
        if c.sense.kind == "adjective" and not c.folded:
            c.dropped = True


def absorb_means(cands: list[Candidate]) -> None:
    """'Eight people were killed in an air strike by government forces': one event, the strike's
    author acting on the victims, with the strike's more specific code (195, not 190)."""
    by_tok = {c.trigger.i: c for c in cands if c.sense.kind == "noun" and not c.dropped}
    for v in cands:
        if v.dropped or v.sense.kind != "verb" or v.sources or v.code[:2] not in FORCE_ROOTS:
            continue
        if not is_passive(v.trigger):
            continue
        for prep in words().sources.means_preps:
            nouns = [by_tok[o.i] for o in prep_objects(v.trigger, prep) if o.i in by_tok]
            if not nouns:
                continue
            n = nouns[0]
            if n.code[:2] not in FORCE_ROOTS or n.mutual or lemma(n.trigger) in words().targets.two_sided_nouns:
                continue  # "hit by a brick during a clash between protesters and police": neither side's
            v.sources = n.sources
            if v.code.endswith("0") and len(v.code) == 3 and n.code != v.code:
                v.code = n.code
            v.extra_tokens.append(n.trigger)
            n.dropped = True
            break
