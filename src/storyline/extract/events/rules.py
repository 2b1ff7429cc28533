"""The recoding rules: what turns a matched candidate into the events CAMEO codes.

A candidate comes out of matching with a code, a status and its actors (a :class:`Coding`).
:data:`RECODES` is the ordered list of named rules applied to it, each a small function:
CAMEO's conventions for refused, announced and demanded acts, the author of a passive act,
the actors that are no actors, who acts on whom, and the statements a party makes about an
act (claims, denials, accusations). A rule may drop the candidate (``coding.dropped``); the
rules after it are then not applied. The order is part of the coding: keep it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Optional

from spacy.tokens import Span, Token

from storyline.extract.events.cameo import ACCUSABLE_ROOTS, FORCE_ROOTS, PLACE_TARGET_ROOTS, cameo_table
from storyline.extract.events.context import Context, has_country, place_arg, safe_code
from storyline.extract.events.matcher import criticised_act
from storyline.extract.events.modality import conditional, demand_speaker, scheduled, stated_refusal, status
from storyline.extract.events.patterns import patterns, recode
from storyline.extract.events.records import Arg, Candidate
from storyline.extract.events.sources import args
from storyline.extract.events.syntax import PLACE_LABELS, is_form, is_passive, lookup, pobjs, prep_objects, subjects
from storyline.extract.events.where_when import date_for, location_for
from storyline.extract.events.words import words
from storyline.model import Document, Location

Pair = tuple[Optional[Arg], Optional[Arg]]


@dataclass
class Statement:
    """What a party says about another act: its accusation (112), claim (015) or denial (016)."""

    speaker: Arg
    other: Optional[Arg]
    verb: Token
    code: str
    status: str
    date: Optional[str]
    date_source: Optional[str]
    time: Optional[str]
    location: Optional[Location]


@dataclass
class Coding:
    """One candidate on its way to events: what the rules read and refine."""

    cand: Candidate
    document: Document
    ctx: Context
    sent: Span
    code: str
    status: str
    sources: list[Arg]
    targets: list[Arg]
    statements: list[Statement]  # the sentence's, shared by its candidates
    pairs: Optional[list[Pair]] = None  # (source, target) of each event, once actors are paired
    paired: list[tuple[Optional[Arg], Optional[Arg], str]] = field(default_factory=list)  # (source, target, code)
    accused: set[int] = field(default_factory=set)  # sources whose act became a statement about it
    according: Optional[Arg] = None  # who reports the act ("the ministry said X attacked Y")
    dropped: Optional[str] = None  # the rule that found it is no event
    _where_when: Optional[tuple] = field(default=None, init=False, repr=False)

    @property
    def trig(self) -> Token:
        return self.cand.trigger

    @property
    def kind(self) -> str:
        return self.cand.sense.kind

    def where_when(self) -> tuple[Optional[str], Optional[str], Optional[str], Optional[Location]]:
        """(date, date_source, time id, location) of the event."""
        if self._where_when is None:
            date, source, time_id = date_for(self.document, self.sent, self.trig)
            self._where_when = (date, source, time_id, location_for(self.sent, self.trig, self.cand.extra_tokens))
        return self._where_when


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[Coding], None]

    @property
    def doc(self) -> str:
        return (self.apply.__doc__ or "").strip()


# --- modality conventions -----------------------------------------------------------------


def refusal(c: Coding) -> None:
    """'would not provide aid', 'will not meet': a cooperative act refused by its actor (a
    negated future) is a rejection (12), reported ([recode.negated])."""
    if c.status == "negated" and stated_refusal(c.trig):
        new = recode("negated", c.code)
        if new:
            c.code, c.status = new, "reported"


def planned(c: Coding) -> None:
    """CAMEO codes announced cooperation as intent (03) and announced force as a threat (13)
    ([recode.planned], [recode.planned_conflict]); an act announced on a condition ("will
    withdraw unless ...") is a threat ([recode.conditional]). Not an act only scheduled ("is
    due to attend"), nor one nobody announces ("hoped they would be indicted")."""
    if c.status != "planned" or c.cand.folded or not c.sources:
        return
    if scheduled(c.trig, c.cand.extra_tokens):
        return
    if conditional(c.trig, words().modality.threat_marks):
        new = recode("conditional", c.code)
    else:
        new = recode("planned", c.code) or recode("planned_conflict", c.code)
    if new:
        c.code = new


def must_demand(c: Coding) -> None:
    """'X said Y must withdraw': X demands (10) that Y withdraw ([recode.must])."""
    speaker = demand_speaker(c.trig) if c.kind == "verb" else None
    if speaker is None:
        return
    new = recode("must", c.code) if c.code != "100" else c.code
    if new:
        subj = args(subjects(c.trig), c.ctx)
        spk = args(speaker, c.ctx)
        if spk and subj:
            c.code = new
            c.targets, c.sources = subj, spk
            c.status = "reported"


def riot(c: Coding) -> None:
    """Demonstrators who destroy property or assault people are rioting (145), whatever the
    verb says ("the building was demolished by protesters"; [recode.riot])."""
    rule = patterns().recode.get("riot", {})
    if c.code in rule.get("codes", []) and any(is_form(a.token, rule.get("sources", [])) for a in c.sources):
        c.code = rule["code"]


def cameo_code(c: Coding) -> None:
    """A code the CAMEO table lacks is no event (a guard: tests check that every code the
    dictionary gives is in the table)."""
    if c.code not in cameo_table():
        c.dropped = "cameo_code"


# --- who did it ---------------------------------------------------------------------------


def passive_author(c: Coding) -> None:
    """'four people were killed in an Israeli air strike': a passive act with no agent is
    done by the author the event noun of its "in"/"by"/"during" phrase names."""
    if c.sources or c.kind != "verb" or not is_passive(c.trig):
        return
    nouns = patterns().nouns
    trig = c.trig
    for prep in words().sources.author_preps:
        for o in prep_objects(trig, prep):
            head = o
            nxt = o.doc[o.i + 1] if o.i + 1 < len(o.doc) else None
            if nxt is not None and nxt.tag_ == "VBG" and nxt.head.i in (o.i, trig.i) and lookup(nouns, nxt):
                head = nxt  # "killed in Israeli tank shelling": the parser read the noun as a verb
            if head.pos_ == "NOUN" and lookup(nouns, head) or head is not o:
                span = o.doc[o.left_edge.i : head.i + 1]
                actor = safe_code(span)
                if actor is not None and actor.code:
                    c.sources = [Arg(o, actor.code, None, (span.start_char, span.end_char))]
                    break
        if c.sources:
            break


def fired_from(c: Coding) -> None:
    """'a mortar bomb was fired at Israel from the Gaza Strip': force with no author comes
    from the country of the place it was fired from."""
    if c.sources or c.kind != "verb" or not is_passive(c.trig) or c.code[:2] not in PLACE_TARGET_ROOTS:
        return
    for prep in words().sources.launch_place_preps:
        for o in prep_objects(c.trig, prep):
            arg = place_arg(o, c.ctx)
            if arg is not None:
                c.sources = [arg]
                return


def frame_country(tok: Token) -> Optional[str]:
    """Country of a framing event noun: 'in a U.S. operation, forces captured ...'."""
    nouns = patterns().nouns
    src = words().sources
    cur = tok
    in_relcl = False
    for _ in range(8):
        for c in cur.children:
            if c.dep_ == "prep" and c.lower_ in src.framing_preps:
                for o in pobjs(c):
                    if lookup(nouns, o):
                        a = safe_code(o.doc[o.left_edge.i : o.i + 1])
                        if a and a.country:
                            return a.country
        if in_relcl and cur.pos_ == "NOUN" and lookup(nouns, cur):
            a = safe_code(cur.doc[cur.left_edge.i : cur.i + 1])
            if a and a.country:
                return a.country
        if cur.dep_ == "relcl":
            in_relcl = True  # "an operation in which forces captured ...": look at the nouns above
            rel = [o for c in cur.children if c.dep_ == "prep" for o in c.children if o.lower_ in src.framing_relatives]
            if rel:
                # the antecedent of "in which" is the nearest event noun before the clause
                for k in range(cur.left_edge.i - 1, max(-1, cur.left_edge.i - 16), -1):
                    cand = cur.doc[k]
                    if cand.pos_ == "NOUN" and lookup(nouns, cand):
                        a = safe_code(cur.doc[cand.left_edge.i : cand.i + 1])
                        if a and a.country:
                            return a.country
                        break
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def framing_country(c: Coding) -> None:
    """Bare group nouns ("forces captured ...") inside a framing national operation ("in a
    U.S. operation") are that country's."""
    if any(has_country(a.code) for a in c.sources) or c.kind != "verb":
        return
    subj = subjects(c.trig)
    country = frame_country(c.trig) if subj else None
    if country:
        framed = []
        for s in subj:
            a = safe_code(s.doc[s.left_edge.i : s.i + 1])
            if a is not None and a.sector and not a.country:
                framed.append(Arg(s, country + a.sector, None, (s.left_edge.idx, s.idx + len(s))))
        c.sources = framed or c.sources


def natural_causes(c: Coding) -> None:
    """'floods killing 11 people': force done by a natural cause has no actor, no event."""
    if c.code[:2] in FORCE_ROOTS and c.kind == "verb":
        subj = [t for t in c.trig.children if t.dep_ in ("nsubj", "nsubjpass")]
        subj += [o for a in c.trig.children if a.dep_ == "agent" for o in pobjs(a)]  # "killed by the crash"
        subj = subj or subjects(c.trig)
        if any(is_form(t, patterns().natural_causes) for t in subj):
            c.dropped = "natural_causes"


def in_sentence(c: Coding) -> None:
    """Only actors named in the sentence take part (an antecedent elsewhere does not); with
    none, there is no event."""
    c.targets = [a for a in c.targets if c.sent.start <= a.token.i < c.sent.end]
    c.sources = [a for a in c.sources if c.sent.start <= a.token.i < c.sent.end]
    if not c.sources and not c.targets:
        c.dropped = "in_sentence"


def inverse(c: Coding) -> None:
    """'received weapons from X': in an inverse sense the one named as target acts."""
    if c.cand.sense.inverse:
        c.sources, c.targets = c.targets, c.sources


def criticised_subject(c: Coding) -> None:
    """'the verdict drew condemnation', 'an air strike ... drew condemnation from the UN': in
    an inverse sense of criticism, the act (or decision) its subject names stands for whoever
    did it (resolved once the document is coded, :mod:`.antecedents`)."""
    if c.cand.sense.inverse and not c.sources:
        c.sources = [Arg(s, None, None, (s.left_edge.idx, s.idx + len(s))) for s in subjects(c.trig)
                     if criticised_act(s, c.code) or (s.pos_ == "NOUN" and c.code.startswith(words().targets.act_noun_codes)
                                                      and lookup(patterns().nouns, s))]


# --- who acts on whom ---------------------------------------------------------------------


def one_party_meeting(c: Coding) -> None:
    """'the cabinet will meet next month': one party meeting is no event between actors; an
    intergovernmental body meeting is ('ECOWAS leaders met for a summit': its member states
    consult one another)."""
    if not c.targets and c.cand.sense.reciprocal and len(c.sources) < 2 and c.code[:2] == "04":
        if not (c.sources and (c.sources[0].code or "").startswith("IGO")):
            c.dropped = "one_party_meeting"


def reciprocal(c: Coding) -> None:
    """'Brazil and Argentina met': with coordinated subjects and no target, each acts on the others."""
    if not c.targets and c.cand.sense.reciprocal and len(c.sources) > 1:
        c.pairs = [(a, b) for a in c.sources for b in c.sources if a is not b and (a.code != b.code or a.span != b.span)]


def _self_act(a: Arg, b: Arg, c: Coding) -> bool:
    """An actor acting on itself ("Iran ... its war"), or a place in one's own country (where,
    not whom: "attended a summit in Texas")."""
    if a.span == b.span or (a.entity and a.entity == b.entity):
        return True
    if b.token.pos_ == "PRON" and b.code and b.code == a.code:
        return True  # "Washington called for their release": a pronoun read as the actor itself
    return bool(
        c.cand.sense.place_target and a.code and b.code
        and ((b.code == a.code[:3] and b.token.ent_type_ in PLACE_LABELS) or b.code == a.code)
    )


def pairs(c: Coding) -> None:
    """Each source acts on each target (not on itself); "X clashed with Y" (a mirrored sense
    with a "with"/"between" target) is both acting; a source with no target acts alone."""
    if c.pairs is not None:
        return
    sense = c.cand.sense
    out: list[Pair] = []
    for a in c.sources or [None]:
        kept = 0
        for b in c.targets or [None]:
            if a is not None and b is not None and _self_act(a, b, c):
                continue
            kept += 1
            out.append((a, b))
            if sense.mirror and a is not None and b is not None and c.cand.mutual:
                out.append((b, a))
        if not kept and a is not None and not (sense.needs in ("target", "country_target") and sense.place_target):
            out.append((a, None))
    c.pairs = out


# --- statements about the act ---------------------------------------------------------------


@cache
def _responsibility_verbs() -> dict[str, str]:
    return dict(patterns().selection.get("responsibility_verbs", {}))


def claim_verb(tok: Token, verbs: Optional[frozenset[str]] = None) -> Optional[Token]:
    """The speech or allegation verb (or one of ``verbs``) whose clause reports ``tok``
    ("said that X attacked")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            continue
        break
    if cur.dep_ != "ccomp":
        return None
    head = cur.head
    return head if is_form(head, verbs if verbs is not None else patterns().claim_verbs) else None


def _own_act(spk: Arg, src: Arg) -> bool:
    return bool((src.code and src.code == spk.code) or (spk.entity and spk.entity == src.entity) or any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in src.token.children
    ))


def responsibility(c: Coding) -> None:
    """'The US claimed that they had attacked Iraq', 'X denied that its troops shelled Y': a
    party owning or disowning its own act of force is CAMEO's claim (015) or denial (016) of
    responsibility, aimed at the act's target; the act itself is that party's claim, not coded."""
    if c.code[:2] not in ACCUSABLE_ROOTS:
        return
    owning = _responsibility_verbs()
    owner = claim_verb(c.trig, frozenset(owning))
    if owner is None:
        return
    own_code = next(code for w, code in owning.items() if is_form(owner, (w,)))
    for spk in args(subjects(owner), c.ctx):
        for src, tgt in c.pairs or []:
            if src is None or id(src) in c.accused:
                continue
            if _own_act(spk, src):
                c.statements.append(Statement(spk, tgt, owner, own_code, status(owner, []), *c.where_when()))
                c.accused.add(id(src))
    c.pairs = [(a, b) for a, b in c.pairs or [] if a is None or id(a) not in c.accused]


def _accuses(spk: Arg, src: Optional[Arg]) -> bool:
    """Saying ``src`` acted is an accusation by ``spk``: another coded party, not its own act."""
    if src is None or not src.code or spk.code == src.code or (spk.entity and spk.entity == src.entity):
        return False
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in src.token.children):
        return False  # "X said its fighters killed ...": a claim of responsibility, not an accusation
    if spk.code[:3] == src.code[:3] and len(src.code) == 3:
        return False  # "Peru's government said Peru ...": the same actor, told apart only by sector
    return True


def accusation(c: Coding) -> None:
    """The reported act (docs/events.md, "The reported act"): "the ministry said one person
    was killed in an Israeli strike" is the strike, with the ministry as its source of
    information (``according_to``). Only a verb that accuses ("accused", "alleged",
    "blamed", "charged", "claimed"; ``[modality] alleging_verbs``) makes a party's report of
    another's force its accusation (112), coded instead of the act."""
    if c.status not in ("reported", "alleged"):
        return
    claim = claim_verb(c.trig)
    if claim is None:
        return
    if c.code[:2] not in ACCUSABLE_ROOTS and not (
        c.code[:2] != "01" and is_form(claim, patterns().modality.get("accusing_verbs", ()))
    ):
        return  # other acts a party reports are the act; charging one of any act accuses
    speakers = [a for a in args(subjects(claim), c.ctx) if c.sent.start <= a.token.i < c.sent.end]
    if not is_form(claim, patterns().alleging_verbs):
        c.according = speakers[0] if speakers else None
        return
    attribution = frozenset(patterns().selection.get("attribution_nouns", []))
    for spk in speakers:
        if not spk.code or is_form(spk.token, attribution):
            continue
        for src, _ in c.pairs or []:
            if _accuses(spk, src):
                c.statements.append(Statement(spk, src, claim, "112", "reported", *c.where_when()))
                c.accused.add(id(src))
    c.pairs = [(a, b) for a, b in c.pairs or [] if a is None or id(a) not in c.accused]


def paired_event(c: Coding) -> None:
    """CAMEO's paired events: "X received Y" is X hosting (043) and Y visiting (042)."""
    code = c.cand.sense.paired
    if code and code in cameo_table():
        c.paired = [(b, a, code) for a, b in c.pairs or [] if a is not None and b is not None]


RECODES: tuple[Rule, ...] = (
    Rule("refusal", refusal),
    Rule("planned", planned),
    Rule("must_demand", must_demand),
    Rule("riot", riot),
    Rule("cameo_code", cameo_code),
    Rule("passive_author", passive_author),
    Rule("fired_from", fired_from),
    Rule("framing_country", framing_country),
    Rule("natural_causes", natural_causes),
    Rule("criticised_subject", criticised_subject),
    Rule("in_sentence", in_sentence),
    Rule("inverse", inverse),
    Rule("one_party_meeting", one_party_meeting),
    Rule("reciprocal", reciprocal),
    Rule("pairs", pairs),
    Rule("responsibility", responsibility),
    Rule("accusation", accusation),
    Rule("paired_event", paired_event),
)
"""The rules, in the order they are applied to every candidate."""
