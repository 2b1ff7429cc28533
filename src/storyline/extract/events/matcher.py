"""Matching one token against the pattern dictionary: a verb, event noun or adjective sense
whose dependency neighbourhood fits becomes a :class:`Candidate` with its sources and targets."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from storyline.extract.events.cameo import COERCION_ROOTS, PLACE_TARGET_ROOTS
from storyline.extract.events.context import Context, has_country, is_actorish, place_arg, safe_code, split_modifiers
from storyline.extract.events.patterns import Sense, patterns
from storyline.extract.events.records import Arg, Candidate
from storyline.extract.events.sources import args, governor_sources, noun_source_arg, noun_sources, support_verb
from storyline.extract.events.syntax import (
    PLACE_LABELS, agent, child, conjuncts, direct_objects, forms, governing_verb, is_form, is_passive, is_place,
    lemma, lookup, pobjs, prep_objects, subjects,
)
from storyline.extract.events.words import words
from storyline.lexicon import actors

# --- the words around a trigger -----------------------------------------------------------


def _multiword_ok(tok: Token, sense: Sense) -> bool:
    if len(sense.words) == 1:
        return True
    mods = [lemma(c) for c in tok.lefts] + [c.lower_ for c in tok.lefts]
    return all(w in mods for w in sense.words[:-1]) or " ".join(sense.words[:-1]) in " ".join(mods)


def _modifier_code(tok: Token, sense: Sense) -> Optional[str]:
    if not sense.modifiers:
        return None
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "advmod"):
            for key in (lemma(c), c.lower_):
                if key in sense.modifiers:
                    return sense.modifiers[key]
            # hyphenated compounds: "car-bomb", "cross-border"
            sub = "".join(t.text for t in c.subtree if t.i < tok.i).lower()
            if sub in sense.modifiers:
                return sense.modifiers[sub]
    return None


def _verb_objects(v: Token) -> list[Token]:
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")]
    if is_passive(v):
        objs += [c for c in v.children if c.dep_ == "nsubjpass"]
    for c in v.children:
        if c.dep_ in ("prep", "prt"):
            objs += [o for o in c.children if o.dep_ == "pobj"]
    out = []
    for o in objs:
        out.extend(conjuncts(o))
    return out


def _object_words(objs: list[Token]) -> set[str]:
    """Lemmas that describe what an object is: the head, its compounds ("aid deliveries"), and
    the "of" complement of a quantity or part ("700 kg of medicine", "part of an aid program")."""
    out: set[str] = set()
    for o in objs:
        out.update(forms(o)[:2])
        for c in o.children:
            if c.dep_ == "compound":
                out.update(forms(c)[:2])
            if c.dep_ == "prep" and c.lower_ == "of":
                for x in pobjs(c)[:1]:
                    out.update(forms(x)[:2])
                    out.update(lemma(y) for y in x.children if y.dep_ == "compound")
    return out


def _prep_ok(v: Token, prep: str) -> bool:
    for c in v.children:
        if c.dep_ in ("prep", "prt", "agent", "advmod", "dative") and (c.lower_ == prep or lemma(c) == prep):
            return True
    return False


# --- targets ------------------------------------------------------------------------------


def _prep_role(tok: Token, prep: str, sense: Sense, host: Optional[Token]) -> list[Token]:
    """The objects of preposition ``prep`` on the trigger, or where the parser put them."""
    out = prep_objects(tok, prep)
    if not out and sense.kind == "verb":
        for o in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
            out = prep_objects(o, prep)
            if out:
                break
    if not out and sense.kind == "noun":
        for o in prep_objects(tok, "of")[:1]:
            out = prep_objects(o, prep)  # "withdrawal of forces from Panama"
    if not out and sense.kind == "noun" and prep in words().targets.attack_preps:
        for c in tok.children:  # "an attack targeting civilians"
            if c.dep_ == "acl" and lemma(c) in words().targets.aiming_verbs:
                out = direct_objects(c) or prep_objects(c, "at")
                if out:
                    break
    if not out and sense.kind == "verb" and sense.prep:
        for o in prep_objects(tok, sense.prep)[:1]:
            out = prep_objects(o, prep)  # "advised against travel to Tunisia"
    if not out and host is not None:
        out = prep_objects(host, prep)
    if not out and sense.kind == "noun" and prep in words().targets.clause_marks:
        out = _clause_subject(tok, prep)  # "a deadline for the junta to release X"
    return out


def _content_subjects(n: Token) -> list[Token]:
    """The subject of event noun ``n``'s content clause ("accusations that Afghan territory is
    used ...", also "prompted complaints from X that Iraqi forces ...", where the parser hangs
    the clause on the verb)."""
    clauses = [c for c in n.children if c.dep_ in ("acl", "ccomp")]
    if not clauses and n.dep_ == "dobj":
        clauses = [c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i]
    for c in clauses:
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return [s for x in c.children if x.dep_ in ("nsubj", "nsubjpass") for s in conjuncts(x)]
    return []


def marked_clause(n: Token, prep: str) -> Optional[Token]:
    """The clause noun ``n`` introduces with ``prep`` as its mark ("an appeal for doctors to
    come", "set a deadline for the junta to release X": the parser reads "for" as the
    infinitive's mark, and may hang the clause on the verb whose object the noun is)."""
    heads = [n] + ([n.head] if n.dep_ == "dobj" else [])
    for h in heads:
        for c in h.children:
            if c.dep_ in ("advcl", "acl", "relcl") and c.i > n.i and child(c, ("mark",), prep) is not None:
                return c
    return None


def _clause_subject(n: Token, prep: str) -> list[Token]:
    """The subject of the clause ``n`` introduces with ``prep`` (see :func:`marked_clause`)."""
    c = marked_clause(n, prep)
    subj = child(c, ("nsubj",)) if c is not None else None
    return conjuncts(subj) if subj is not None else []


def role_tokens(tok: Token, role: str, sense: Sense, host: Optional[Token] = None) -> list[Token]:
    """The tokens in target role ``role`` of trigger ``tok`` (see ``target`` in cameo_patterns.toml)."""
    if role == "dobj":
        if sense.kind == "noun":
            return []
        return direct_objects(tok)
    if role == "dative":
        out = []
        for c in tok.children:
            if c.dep_ == "dative":
                out.extend(pobjs(c) if c.pos_ == "ADP" else conjuncts(c))
        return out
    if role == "objplace":
        # "attend the Beijing Olympics", "Russia's Victory Day parade": the place the object is in
        out = []
        for o in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
            for m in o.children:
                if m.dep_ in ("compound", "poss", "nmod", "amod") and (
                    m.ent_type_ == "GPE" or (m.pos_ == "PROPN" and actors.country_of(m.text))
                ):
                    out.append(m)
        return out
    if role == "ccomp":
        if sense.kind == "noun":
            return _content_subjects(tok)
        for c in tok.children:
            if c.dep_ == "ccomp":
                return subjects(c)
        return []
    if role.startswith("prep:"):
        return _prep_role(tok, role[5:], sense, host)
    return []


def _target_arg(t: Token, role: str, sense: Sense, ctx: Context) -> Optional[Arg]:
    """The actor target token ``t`` names: its actor, the author of the act it names, the
    country of the place it is, or the owner of the thing it is."""
    p = patterns()
    arg = ctx.code_token(t)
    if arg is None and t.pos_ == "NOUN" and lemma(t) in p.nouns:
        # "condemned the raid": the raid's source is the one criticised
        arg = noun_source_arg(t, ctx)
    if arg is None and criticised_act(t, sense.code):
        # "slammed Russia's decision", "criticised Georgia's elections": whoever took it
        arg = noun_source_arg(t, ctx)
        owners = [a for a in args([c for c in t.lefts if c.dep_ in ("poss", "amod", "compound")], ctx) if a.code]
        arg = arg if arg is not None and arg.code else (owners[0] if owners else None)
    if (arg is None or arg.code is None) and (sense.place_target or sense.code[:2] in PLACE_TARGET_ROOTS):
        arg = place_arg(t, ctx) or arg
    if (arg is None or arg.code is None) and t.pos_ == "NOUN" and role == "dobj":
        # an event noun's "of" names its patient, not its owner: "condemned the killing
        # of three soldiers" does not condemn the soldiers
        owner_preps = words().actors.event_owner_preps if lookup(p.nouns, t) else words().actors.owner_preps
        for prep in owner_preps:
            owners = [a for a in args(prep_objects(t, prep), ctx) if a.code]
            if owners:
                arg = owners[0]  # "endorsed an agreement with the EU": the EU
                break
    if arg is None and criticised_act(t, sense.code):
        # "slammed the sentence": its author is resolved once the document is coded (antecedents.py)
        arg = Arg(t, None, None, (t.left_edge.idx, t.idx + len(t)))
    return arg


def targets(tok: Token, sense: Sense, ctx: Context, host: Optional[Token] = None) -> tuple[list[Arg], list[Token], Optional[str]]:
    """The actors acted upon, from the first of the sense's target roles that names one: the
    actors, the tokens of the first role that had any, and the role they came from."""
    p = patterns()
    roles = list(sense.target)
    if sense.kind == "noun" and sense.patient_possessive:
        roles = ["poss"] + roles
    first: list[Token] = []
    for role in roles:
        if role == "poss":
            toks = [c for c in tok.children if c.dep_ == "poss"]
        else:
            toks = role_tokens(tok, role, sense, host)
        if not toks:
            continue
        first = first or toks
        found = []
        for t in toks:
            if is_form(t, p.document_nouns):
                continue  # "released a report": a document is spoken through, not acted upon
            if sense.event_target and t.pos_ == "NOUN" and lookup(p.nouns, t):
                found.extend(_event_aims(t, ctx))  # "claimed responsibility for an attack in Kenya"
                continue
            arg = _target_arg(t, role, sense, ctx)
            if arg is not None:
                found.extend(split_modifiers(t, arg) or [arg])  # "both Egyptian and Qatari officials"
        if found:
            return found, toks, role
    return [], first, None


def _event_aims(n: Token, ctx: Context) -> list[Arg]:
    """Whom the event named by noun ``n`` acted upon: its coded target, else the country of a
    place in its phrase ("a deadly attack ... at a mall in Kenya's capital" -> KEN)."""
    inner = match_noun(n, ctx)
    if inner is not None:
        coded = [a for a in inner.targets if a.code]
        if coded:
            return coded
    for t in n.subtree:
        if t.ent_type_ in PLACE_LABELS and t.i != n.i:
            arg = place_arg(t, ctx)
            if arg is not None:
                return [arg]
    return []


def actorish(toks: list[Token], places: bool = False) -> bool:
    """Some token names a person, group or polity (coded or not): 'Maduro', 'prisoners'."""
    p = patterns()
    for t in toks:
        if is_actorish(t) or t.ent_type_ == "GPE":
            return True
        if t.pos_ == "NOUN" and lookup(p.nouns, t):
            return True  # "criticized the strike": an act, whoever did it
        if any(c.ent_type_ in ("NORP", "GPE") and c.dep_ in ("amod", "compound", "poss", "nmod") for c in t.lefts):
            return True
        if places and (is_place(t) or t.pos_ == "PROPN"):
            return True
    return False


# --- verbs --------------------------------------------------------------------------------


def _verb_fits(v: Token, sense: Sense, obj_lemmas: set[str]) -> bool:
    """The verb carries what ``sense`` requires: its preposition, object words, no object,
    or an object that acts ("wants Putin to attack")."""
    if sense.prep and not _prep_ok(v, sense.prep):
        return False
    if sense.objects and not (obj_lemmas & sense.objects):
        return False
    if sense.no_object and any(c.dep_ == "dobj" for c in v.children):
        return False
    clauses = [c for c in v.children if c.dep_ in ("ccomp", "xcomp") and c.i > v.i]  # not a clause before it
    if sense.needs == "object" and not any(
        (c.dep_ == "dobj" and (clauses or lookup(patterns().nouns, c)))
        or (c in clauses and child(c, ("nsubj",)) is not None)
        for c in v.children
    ):
        # "wants Putin to attack": the infinitive's own subject is the one appealed to;
        # "wants a ceasefire" asks for an act; "does not need our soil" asks for nothing
        return False
    return True


def criticised_act(t: Token, code: str) -> bool:
    """``t`` names a decision or act of some authority that an event of disapproval or
    rejection (``code``) targets ("slammed the sentence", "decried the moves")."""
    w = words().targets
    return code.startswith(w.act_noun_codes) and t.pos_ == "NOUN" and lemma(t) in w.act_nouns


def _targets_fit(sense: Sense, found: list[Arg], ttoks: list[Token]) -> bool:
    """The targets found are of the kind ``sense.needs``."""
    if sense.needs == "country_target" and not any(has_country(a.code) for a in found):
        return False
    if sense.needs == "actor_target":
        # a person or group, not an act: "welcomed the president", not "welcomed the exchange"
        names_act = any(lookup(patterns().nouns, t) for t in ttoks)
        coded_actor = any(a.code for a in found) and not names_act
        if not (coded_actor or any(is_actorish(t) for t in ttoks)):
            return False
    conflict = sense.code[:2] in COERCION_ROOTS
    if sense.needs == "target" and not found and not sense.complement and not actorish(ttoks, places=conflict):
        return False
    return True


def _verb_code(sense: Sense, objs: list[Token]) -> Optional[str]:
    """The code the sense gives with these objects (None: the sense needs a modifier it lacks)."""
    code = sense.code
    for o in objs:
        c = next((sense.object_codes[f] for f in forms(o) if f in sense.object_codes), None)
        if c:
            code = c
            break
    if sense.modifiers:
        mc = None
        for o in objs:
            mc = _modifier_code(o, sense)
            if mc:
                break
        if mc:
            code = mc
        elif sense.needs == "modifier":
            return None
    return code


def match_verb(v: Token, ctx: Context) -> Optional[Candidate]:
    senses = lookup(patterns().verbs, v)
    if not senses:
        return None
    objs = _verb_objects(v)
    obj_lemmas = _object_words(objs)
    for sense in senses:
        if not _verb_fits(v, sense, obj_lemmas):
            continue
        found, ttoks, role = targets(v, sense, ctx)
        direct = direct_objects(v)
        if not found and sense.objects and direct and not sense.place_target and actorish(direct):
            # "freed 150 Palestinian prisoners": the people named as object are acted upon
            found, ttoks = args(direct, ctx), direct
        place_obj = bool(direct) and all(is_place(t) for t in direct)
        if sense.places_only and not place_obj:
            continue
        if not _targets_fit(sense, found, ttoks):
            continue
        code = _verb_code(sense, objs)
        if code is None:
            continue
        if place_obj and sense.place_code:
            code = sense.place_code
        mutual = role in words().targets.mutual_roles
        sources = args(subjects(v), ctx)
        return Candidate(v, sense, code, sources, found, ttoks, mutual=mutual)
    return None


def match_adjective(a: Token, ctx: Context) -> Optional[Candidate]:
    senses = patterns().adjectives.get(lemma(a))
    if not senses or not any(c.dep_ == "xcomp" for c in a.children):
        return None
    sense = senses[0]
    host = a.head if a.dep_ in ("acomp", "amod") else a
    return Candidate(a, sense, sense.code, args(subjects(host), ctx), [], [])


# --- nouns --------------------------------------------------------------------------------


def _noun_senses(n: Token) -> Optional[list[Sense]]:
    """The senses of noun ``n``; for a light noun ("a mediation effort"), those of its compound."""
    p = patterns()
    senses = lookup(p.nouns, n)
    if not senses and is_form(n, p.light_nouns):
        # "a mediation effort between X and Y": the compound names the act, the head has the syntax
        for c in n.children:
            if c.dep_ in ("compound", "amod") and c.i < n.i:
                senses = lookup(p.nouns, c)
                if senses:
                    senses = [s for s in senses if not s.needs == "modifier"]
                    break
    return senses


def _noun_fits(n: Token, sense: Sense, governor: Optional[Token]) -> bool:
    """The noun is this sense here: its words, governing verb and "of" objects fit."""
    if not _multiword_ok(n, sense):
        return False
    if sense.governors and governor is None:
        return False  # "claimed responsibility", "expressed sorrow": only with the verb that makes it an act
    if governor is not None and any(c.dep_ == "aux" and c.lower_ in words().modality.obligation for c in governor.children):
        return False  # "the regime must take responsibility": a demand on it, not its claim
    if sense.objects:
        of_objs = prep_objects(n, "of") + [c for c in n.children if c.dep_ == "compound"]
        if not (_object_words(of_objs) & sense.objects):
            return False
    return True


def _national_source(n: Token, ctx: Context) -> list[Arg]:
    """The national or official modifier of the noun phrase: "the U.S. capture"."""
    mod_toks = [c for c in n.lefts if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN")]
    if mod_toks:
        span = n.doc[mod_toks[0].left_edge.i : n.i + 1]
        actor = safe_code(span)
        if actor and actor.code and actor.country:
            ent = ctx.entity_for(span.start_char, n.idx)
            return [Arg(n, actor.code, ent.id if ent else None, (span.start_char, n.idx + len(n)))]
    return []


def _noun_needs_met(sense: Sense, mc: Optional[str], found: list[Arg], ttoks: list[Token], host: Optional[Token]) -> bool:
    if sense.needs == "modifier" and not mc:
        return False
    if sense.needs == "target" and not found and not sense.complement and not actorish(ttoks):
        return False
    if sense.needs == "modifier_or_target" and not (mc or found or host is not None or actorish(ttoks)):
        return False
    return True


def _occurrence_verb(n: Token) -> Optional[Token]:
    """The verb saying that event noun ``n`` happened ("fighting *broke out* between X and Y"),
    whose prepositions name the event's parties."""
    if n.dep_ == "nsubj" and n.head.pos_ == "VERB" and is_form(n.head, words().targets.occurrence_verbs):
        return n.head
    return None


def match_noun(n: Token, ctx: Context) -> Optional[Candidate]:
    senses = _noun_senses(n)
    if not senses:
        return None
    for sense in senses:
        governor = governing_verb(n, sense.governors) if sense.governors else None
        if not _noun_fits(n, sense, governor):
            continue
        code = sense.code
        for o in prep_objects(n, "of")[:1]:
            code = sense.object_codes.get(lemma(o), code)
        mc = _modifier_code(n, sense)
        if mc:
            code = mc
        host = governor or support_verb(n)
        found, ttoks, role = targets(n, sense, ctx, host or _occurrence_verb(n))
        mutual = role in words().targets.mutual_roles
        if not found and host is not None and n.dep_ == "pobj":
            objs = [c for c in host.children if c.dep_ == "dobj"]
            found = args([o for d in objs for o in conjuncts(d)], ctx)
            ttoks = ttoks or objs
        if not _noun_needs_met(sense, mc, found, ttoks, host):
            continue
        if sense.place_code and ttoks and all(is_place(t) for t in ttoks):
            code = sense.place_code
        src_toks = (subjects(governor) or agent(governor)) if governor is not None else noun_sources(n)
        if sense.patient_possessive:
            src_toks = [t for t in src_toks if t.dep_ != "poss"]
        sources = args(src_toks, ctx) or _national_source(n, ctx) or governor_sources(n, ctx)
        if not sources and role == "prep:between" and sense.reciprocal and len(found) > 1:
            # "fighting between X and Y", no one else named: the parties act on each other
            sources, found = found, []
        return Candidate(n, sense, code, sources, found, ttoks, extra_tokens=[host] if host is not None else [], mutual=mutual)
    return None
