"""Who the source of a claim is: all of the speaker and pronoun resolution of the quotes stage.

The interface is one class, :class:`Resolver`, with one method, :meth:`Resolver.resolve`
(and :func:`entity_named`, for a name read elsewhere, such as the headline):

    res = Resolver(document, doc, text)   # the entities of ``document``, the parse of ``text``
    for c in candidates:                  # in text order
        res.resolve(c)

``resolve`` reads of a candidate only its ``source`` span, ``source_head`` token (None for a
name before a colon), ``inherited_from`` (a quote continuing an earlier one), ``content``
(a pronoun inside an earlier speaker's reported speech refers to that speaker) and
``medium``; it writes ``speaker`` (an entity id, or None), ``speaker_name``,
``speaker_type`` (an unnamed source: "analysts", "anonymous diplomat", "report"),
``speaker_span`` and ``speaker_etype``, and the ``medium`` of a report ("Reports from The
Guardian") that has none. Each call may use what earlier calls resolved, so candidates
must come in text order.

Names map to ``document.entities`` (or, without entities, to the parse's named entities);
pronouns to the speaker of the reported speech they sit in, else to the most salient
earlier mention (subjects of recent sentences first, earlier speakers preferred); definite
nominals ("the ministry", "the ambassador") to the entity whose role or name fits; unnamed
sources are typed by their head noun. The words are in ``attribution.toml``
(``[pronouns]``, ``[agreement]``, ``[nominals]``, ``[sources]``).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import Optional

from spacy.tokens import Doc, Token

from storyline.extract.quotes.candidate import Candidate
from storyline.extract.quotes.lexicon import lex, plain, without_article
from storyline.extract.quotes.phrases import np_span, proper_run
from storyline.extract.coref import Coreference, Mention
from storyline.model import Document, Entity



def entity_named(entities: list[Entity], name: str) -> Optional[Entity]:
    """The first of ``entities`` with ``name`` as its name, an alias, or the last word of one
    (a headline's "Okafor" -> the body's "Adaeze Okafor")."""
    key = plain(name).lower()
    for ent in entities:
        names = [plain(ent.name).lower()] + [plain(a).lower() for a in ent.aliases]
        if key in names or any(key == n.split()[-1] for n in names):
            return ent
    return None


class Resolver:
    """Salience-based resolution of the sources of a document's claims (see the module)."""

    def __init__(self, document: Document, doc: Doc, text: str):
        self.document = document
        self.doc = doc
        self.text = text
        self.lex = lex()
        self.coref = Coreference(document, doc, text)
        self.spoken: set[str] = set()  # the keys of the speakers resolved so far
        self.done: list[Candidate] = []  # candidates resolved so far, in text order
        self._contents: list[tuple[int, int]] = []  # (content start, index in done), sorted
        self._longest = 0  # the longest content in done
        self._typed: list[tuple[int, Candidate]] = []

    def resolve(self, c: Candidate) -> None:
        """Fill in the speaker of ``c`` (see the module for what is read and written)."""
        self._resolve(c)
        insort(self._contents, (c.content[0], len(self.done)))
        self._longest = max(self._longest, c.content[1] - c.content[0])
        self.done.append(c)

    # ---- the steps, in order

    def _resolve(self, c: Candidate) -> None:
        if c.inherited_from is not None:
            p = c.inherited_from
            c.speaker, c.speaker_name, c.speaker_type, c.speaker_span = p.speaker, p.speaker_name, p.speaker_type, p.speaker_span
            c.speaker_etype = p.speaker_etype
            return
        if c.source is None:
            return
        c.speaker_span = c.source
        src_text = plain(self.text[c.source[0]:c.source[1]])
        if c.source_head is None:  # colon pattern: a name
            self._name_label(c, src_text)
            return
        head, src_text = self._past_relative(c.source_head, src_text)
        if head.pos_ == "PRON" and head.lower_ in self.lex.pronouns:
            self._pronoun(c, head.lower_, src_text)
            return
        self._noun_source(c, head)

    def _name_label(self, c: Candidate, src_text: str) -> None:
        """A name before a colon ("Okafor: …"): the entity mentioned there, if it fits the name."""
        m = self._entity_for(c.source)
        if m is not None and not (c.source[0] <= m.start and m.end <= c.source[1] + 2):
            m = None  # a mention running past the name is a tagging error
        self._set(c, m, src_text)

    def _past_relative(self, head: Token, src_text: str) -> tuple[Token, str]:
        """A relative pronoun ("the diplomat who said"): the noun the relative clause hangs on."""
        if "REL" in self.lex.pronouns.get(head.lower_, ()) and head.head.dep_ == "relcl":
            head = head.head.head
            np = np_span(head)
            src_text = plain(self.text[head.idx:head.idx + len(head.text)]) if head.pos_ == "PRON" \
                else plain(self.text[np[0]:np[1]])
        return head, src_text

    def _outer(self, c: Candidate, pos: int) -> Optional[Candidate]:
        """The last resolved claim whose content holds ``pos``, outside its own source."""
        lo = bisect_left(self._contents, (pos - self._longest, -1))
        hi = bisect_left(self._contents, (pos + 1, -1))
        holding = [k for _, k in self._contents[lo:hi] if self._holds(self.done[k], c, pos)]
        return self.done[max(holding)] if holding else None

    @staticmethod
    def _holds(o: Candidate, c: Candidate, pos: int) -> bool:
        return o is not c and o.source is not None and o.content[0] <= pos < o.content[1] \
            and not (o.source[0] <= pos < o.source[1])

    def _pronoun(self, c: Candidate, low: str, src_text: str) -> None:
        """A pronoun: the speaker whose reported speech it sits in, a typed source before it
        ("they"), the most salient earlier mention of a type it can point to, else itself."""
        types = self.lex.pronouns[low]
        # a pronoun inside what someone else is reported to have said most often refers to
        # that speaker: "Lawyers said they expected …", "the party said it would …"
        outer = self._outer(c, c.source[0])
        if outer is not None and (outer.speaker_name or outer.speaker_type) and self._agrees(low, outer):
            c.speaker, c.speaker_name, c.speaker_type = outer.speaker, outer.speaker_name, outer.speaker_type
            c.speaker_etype = outer.speaker_etype
            self._record(c)
            return
        if "TYPED" in types:
            prev = self._recent_typed(c.source[0])
            if prev is not None:
                c.speaker, c.speaker_name, c.speaker_type = prev.speaker, prev.speaker_name, prev.speaker_type
                return
        m = self._recent(c.source[0], tuple(t for t in types if t not in ("TYPED", "REL")))
        if m is not None:
            self._set(c, m, m.name)
            self.coref.note(c.source, m)
            return
        c.speaker_name = src_text

    def _noun_source(self, c: Candidate, head: Token) -> None:
        """A noun phrase: a named entity, a report from someone, a definite nominal that
        refers back, else an unnamed source typed by its noun."""
        # a named source: the entity mentioned at the head of the subject
        m = self._entity_for((head.idx, head.idx + len(head.text)))
        if m is None and head.pos_ == "NOUN":
            # "the deputy head of the office, Name, wrote": the name in apposition
            named = [a for a in head.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
            m = self._entity_for(np_span(named[0])) if named else None
            if m is not None and m.type == "PERSON":
                self._set(c, m, m.name)
                return
            m = None
        if m is None and head.pos_ == "PROPN":
            m = self._entity_for(np_span(head))
        lemma = head.lemma_.lower()
        if m is not None and (head.pos_ == "PROPN" or (lemma not in self.lex.report_nouns and m.type in ("PERSON", "ORG", "GPE"))):
            self._set(c, m, m.name)
            return
        if lemma in self.lex.report_nouns and self._report(c, head):
            return
        if m is None and self._nominal(c, head, lemma):
            return
        if m is not None:
            self._set(c, m, m.name)
            return
        # an unnamed source, typed by its noun (a proper name the entities stage missed stays a name)
        c.speaker_name = self._np_text(head)
        c.speaker_type = None if head.pos_ == "PROPN" else self._type(head)
        self._record(c)

    def _report(self, c: Candidate, head: Token) -> bool:
        """Reports from someone: "Reports from The Guardian indicate", "the ministry's report"."""
        lex = self.lex
        for a in head.subtree:
            # "a toll released Tuesday by the Observatory", "results announced by Name": the agent
            if a.dep_ == "acl" and a.tag_ == "VBN" and (a.head.i == head.i or a.head.head.head.i == head.i):
                for p in a.children:
                    for g in p.children:
                        if p.dep_ == "agent" and g.dep_ == "pobj" and self._report_from(c, head, g):
                            return True
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in lex.report_preps:
                for g in p.children:
                    if g.dep_ == "pobj" and self._report_from(c, head, g):
                        return True
        for p in head.children:
            if p.dep_ == "poss":
                mm = self._entity_for((p.idx, p.idx + len(p.text)))
                if mm:
                    c.speaker, c.speaker_name, c.speaker_type = mm.entity_id, mm.name, "report"
                    return True
        return False

    def _report_from(self, c: Candidate, head: Token, g: Token) -> bool:
        """The report is from ``g``: its entity or name is the speaker, an outlet the medium."""
        mm = self._entity_for(np_span(g))
        run = proper_run(g)
        name = mm.name if mm else (run[0] if run else None)
        if mm is not None and g.pos_ == "NOUN" and not (mm.start <= g.idx < mm.end):
            # "a statement from the Philippine military": the body the name only qualifies
            words = plain(self.text[np_span(g)[0]:g.idx + len(g.text)]).split()
            name = " ".join(words[1:] if len(words) > 1 and words[0].lower() in self.lex.definite else words)
        if not name:
            return False
        c.speaker = mm.entity_id if mm else None
        c.speaker_name = name
        c.speaker_type = "report"
        if c.medium is None and run and without_article(plain(run[0]).lower(), self.lex.articles) in self.lex.bare_outlets:
            c.medium = run
        elif c.medium is None:
            c.medium = (head.lemma_.lower(), (head.idx, head.idx + len(head.text)))
        self._record(c)
        return True

    def _nominal(self, c: Candidate, head: Token, lemma: str) -> bool:
        """A definite nominal that refers back: "the ministry", "the ambassador"."""
        lex = self.lex
        det = next((t for t in head.children if t.dep_ == "det"), None)
        if det is None or det.lower_ not in lex.definite or head.tag_ not in ("NN", "NNP"):
            return False
        types = ("PERSON",) if lemma in lex.person_nominals else ("ORG",) if lemma in lex.org_nominals \
            else ("GPE",) if lemma in lex.place_nominals else ()
        if not types:
            return False
        bare = not any(t.dep_ in ("amod", "compound", "nmod", "poss") for t in head.children)
        mm = self._recent(c.source[0], types, noun=lemma) or (
            self._recent(c.source[0], types) if bare and lemma in lex.bare_nominals else None)
        if mm is None:
            return False
        self._set(c, mm, mm.name)
        return True

    # ---- mentions and salience

    def _entity_for(self, span: tuple[int, int]) -> Optional[Mention]:
        return self.coref.entity_for(span)

    def _recent(self, pos: int, types: tuple[str, ...], noun: Optional[str] = None) -> Optional[Mention]:
        """The most salient earlier mention of one of ``types`` (the shared resolver's rule),
        the speakers resolved so far counting as having spoken."""
        return self.coref.antecedent(pos, types, noun=noun, speakers=self.spoken)

    # ---- unnamed sources and agreement

    def _np_text(self, head: Token) -> str:
        """The source as named, up to its head noun ("a Japanese diplomat", not the relative
        clause; a dateline glued to it is left out)."""
        start = np_span(head)[0]
        end = head.idx + len(head.text)
        of = next((p for p in head.children if p.dep_ == "prep" and p.lower_ == "of" and p.i == head.i + 1), None)
        if of is not None and (head.pos_ in ("NUM", "PRON") or head.tag_ in ("CD", "NNS")):
            # "One of the survivors", "Heads of State": the head alone names no one
            end = max(g.right_edge.idx + len(g.right_edge.text) for g in of.children) if list(of.children) else end
        return plain(self.text[start:end]).strip()

    def _type(self, head: Token) -> str:
        """The type of an unnamed source: its head noun ("analysts", "journalists and sources"),
        "anonymous …" with an anonymity marker in the phrase or its sentence, "unconfirmed …"."""
        lex = self.lex
        np_text = plain(self.text[head.left_edge.idx: head.right_edge.idx + len(head.right_edge.text)]).lower()
        gov = head.head  # the anonymity may be stated in the clause: "…, speaking on condition of anonymity"
        clause = plain(self.text[gov.left_edge.idx: gov.right_edge.idx + len(gov.right_edge.text)]).lower()
        noun = head.lower_ if head.tag_ in ("NNS", "NNPS") or head.pos_ == "PRON" else head.lemma_.lower()
        conj = [t for t in head.children if t.dep_ == "conj"]
        if conj:
            noun = noun + " and " + conj[0].lower_
        mods = {t.lower_ for t in head.children if t.dep_ in ("amod", "compound")}
        if mods & lex.spec_mods:
            return f"unconfirmed {noun}"
        if any(a in np_text for a in lex.anonymity) or (
                head.tag_ in ("NN", "NNS") and any(" " in a and a in clause for a in lex.anonymity)):
            return f"anonymous {noun}"
        return noun

    def _recent_typed(self, pos: int) -> Optional[Candidate]:
        for p, c in reversed(self._typed):
            if p < pos:
                return c
        return None

    def _agrees(self, pronoun: str, o: Candidate) -> bool:
        """Number and animacy agreement between a pronoun and an earlier speaker."""
        lex = self.lex
        plural = bool(o.speaker_type) and o.speaker_type.split()[-1].endswith("s") and not o.speaker_type.endswith("ss")
        if pronoun in lex.agree_person:
            return o.speaker_etype == "PERSON" or (o.speaker_etype is None and bool(o.speaker_type) and not plural
                                                  and o.speaker_type.split()[-1] in lex.person_nominals | lex.source_nouns)
        if pronoun in lex.agree_thing:
            return o.speaker_etype in ("ORG", "GPE", "NORP") or (o.speaker_etype is None and bool(o.speaker_type) and not plural)
        if pronoun in lex.agree_plural:
            return plural or o.speaker_etype in ("ORG", "NORP", "GPE")
        return False

    def _set(self, c: Candidate, m: Optional[Mention], name: str) -> None:
        if m is None:
            c.speaker_name = name
        else:
            c.speaker, c.speaker_name = m.entity_id, m.name
            c.speaker_etype = m.type
            self.spoken.add(m.key)
        self._record(c)

    def _record(self, c: Candidate) -> None:
        """Remember unnamed (typed) and plural speakers, for a later "they"."""
        if c.speaker_type or (c.source_head is not None and c.source_head.tag_ in ("NNS", "NNPS")):
            self._typed.append((c.source[0], c))
        head = c.source_head
        if c.speaker is None and c.speaker_name and head is not None and head.pos_ == "NOUN" and head.tag_ == "NN":
            # an unnamed singular source ("the committee said", "a rescuer told") is what a
            # later "it" or "he" may stand for: a mention of its own
            lemma = head.lemma_.lower()
            kind = "PERSON" if lemma in self.lex.person_nominals or lemma in self.lex.source_nouns - self.lex.org_nominals - self.lex.report_nouns \
                else "ORG" if lemma in self.lex.org_nominals else None
            if kind is not None:
                m = Mention(c.source[0], c.source[1], None, c.speaker_name, kind, True)
                self.coref.note(c.source, m)
                self.spoken.add(m.key)
