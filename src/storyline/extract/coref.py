"""Who a pronoun or a short reference stands for: the one resolver the stages share.

Not a stage: the quotes stage (a claim's source, "he said") and the events stage (an
actor, "it carried out strikes") both ask it, so the two cannot disagree about who "he" is.
It reads what earlier stages wrote in the model (``document.entities``, and
``document.quotes`` for who has spoken) and the parse.

- :func:`pronouns`: the pronoun lexicon (``data/pronouns.toml``): the entity types each
  pronoun can refer to, agreement classes, grammatical classes.
- :class:`Coreference`: the entity mentions of one document, indexed once, with
  :meth:`~Coreference.entity_for` (the mention that best covers a span: a name) and
  :meth:`~Coreference.antecedent` (the most salient earlier mention of a fitting type: a
  pronoun or a definite nominal such as "the ministry").

Salience: the mention's sentence distance counts twice; for a subject pronoun ("he said"),
a mention that was not a subject adds 1.5, an entity that has already spoken takes 1 off;
the lowest score wins, the later (nearer) mention on a tie, so a possessive or an object
pronoun ("slammed Pakistan for its airstrikes") takes the nearest fitting mention. A pronoun
looks back four sentences, a nominal eight. A mention that only modifies another noun
("U.S. intelligence") is not what a pronoun refers to. The speaker's own pronouns ("we",
"us") inside a quotation refer to whoever the quote is attributed to (:meth:`speaker_at`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Iterable, Optional

from spacy.tokens import Doc

from storyline.data import load
from storyline.model import Document
from storyline.textutil import plain, sentences

WINDOW = 4  # sentences back a pronoun looks for its antecedent
NOMINAL_WINDOW = 8  # … and a definite nominal
_SUBJECT = ("nsubj", "nsubjpass")
_MODIFIER = ("compound", "amod", "nmod")
_NAMED = ("PERSON", "ORG", "GPE", "NORP")


@cache
def pronouns() -> SimpleNamespace:
    """``pronouns.toml``: ``refers_to`` (pronoun -> entity types), ``agreement`` and
    ``classes`` (namespaces of frozensets)."""
    d = load("pronouns.toml")
    return SimpleNamespace(
        refers_to={k: tuple(v) for k, v in d["refers_to"].items()},
        agreement=SimpleNamespace(**{k: frozenset(v) for k, v in d["agreement"].items()}),
        classes=SimpleNamespace(**{k: frozenset(v) for k, v in d["classes"].items()}),
    )


@dataclass
class Mention:
    """One mention of a named entity that a pronoun or a nominal can refer back to."""

    start: int
    end: int
    entity_id: Optional[str]
    name: str
    type: str
    subject: bool
    role: Optional[str] = None
    actor: Optional[str] = None
    modifier: bool = False

    @property
    def key(self) -> str:
        return self.entity_id or self.name


class Coreference:
    """The mentions of one document's entities, and who a reference back stands for."""

    def __init__(self, document: Document, doc: Doc, text: Optional[str] = None):
        self.document = document
        self.doc = doc
        self.text = document.text if text is None else text
        self.mentions = self._mentions()
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self._spoken: Optional[tuple] = None
        self._sent_starts = [s.start_char for s in sentences(doc)] or [0]

    # ---- the mentions

    def _mentions(self) -> list[Mention]:
        doc = self.doc
        out: list[Mention] = []
        if self.document.entities:
            for ent in self.document.entities:
                for s, e in ent.mentions:
                    span = doc.char_span(s, e, alignment_mode="expand")
                    subj = bool(span) and any(
                        t.dep_ in _SUBJECT or t.head.dep_ in ("nsubj",) and t.dep_ in ("compound", "appos") for t in span)
                    modifier = span is not None and span.root.dep_ in _MODIFIER
                    out.append(Mention(s, e, ent.id, ent.name, ent.type, subj, ent.role, ent.actor, modifier))
        else:  # no entities stage: the parse's named entities
            for ent in doc.ents:
                if ent.label_ not in _NAMED:
                    continue
                subj = any(t.dep_ in _SUBJECT or (t.head.dep_ in ("nsubj",) and t.dep_ in ("compound", "appos")) for t in ent)
                out.append(Mention(ent.start_char, ent.end_char, None, plain(ent.text), ent.label_, subj,
                                   modifier=ent.root.dep_ in _MODIFIER))
        out.sort(key=lambda m: m.start)
        return out

    def entity_for(self, span: tuple[int, int]) -> Optional[Mention]:
        """The mention that best covers ``span`` (inside it first, then the most overlap)."""
        best, best_key = None, None
        # sorted by start: a mention overlapping span starts after span[0] - the longest mention
        first = bisect_right(self._starts, span[0] - self._longest)
        for m in self.mentions[first:bisect_left(self._starts, span[1])]:
            if m.start >= span[1]:  # sorted by start: nothing later overlaps
                break
            if m.start < span[1] and span[0] < m.end:
                inside = span[0] <= m.start and m.end <= span[1]
                key = (inside, min(m.end, span[1]) - max(m.start, span[0]), -(m.end - m.start))
                if best_key is None or key > best_key:
                    best, best_key = m, key
        return best

    def note(self, span: tuple[int, int], m: Mention, subject: bool = True) -> None:
        """A reference back at ``span`` resolved to ``m``'s entity is itself a mention of it
        from then on, so a chain of pronouns ("Mujahid said … He said … He stated …") keeps
        its referent however long it runs."""
        k = bisect_left(self._starts, span[0])
        if k < len(self.mentions) and self.mentions[k].start == span[0]:
            return  # a name there already
        ref = Mention(span[0], span[1], m.entity_id, m.name, m.type, subject, m.role, m.actor)
        self.mentions.insert(k, ref)
        self._starts.insert(k, span[0])
        self._longest = max(self._longest, span[1] - span[0])

    # ---- references back

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self._sent_starts, pos) - 1)

    def spoken(self) -> frozenset[str]:
        """The entities (ids) the document's quotes name as speakers so far."""
        quotes = self.document.quotes
        if self._spoken is None or self._spoken[0] is not quotes or self._spoken[1] != len(quotes):
            self._spoken = (quotes, len(quotes), frozenset(q.speaker for q in quotes if q.speaker))
        return self._spoken[2]

    def antecedent(
        self,
        pos: int,
        types: Iterable[str],
        *,
        noun: Optional[str] = None,
        speakers: Iterable[str] = (),
        coded: bool = False,
        modifiers: bool = True,
        subject: bool = True,
    ) -> Optional[Mention]:
        """The most salient mention before ``pos`` of one of ``types`` (see the module).

        ``noun``: a definite nominal ("ministry"): the mention must fit it (:meth:`fits`) and
        may lie further back. ``speakers``: entity ids (or names) that have spoken.
        ``coded``: only entities with an actor code. ``modifiers``: whether a mention that
        modifies another noun may be the antecedent. ``subject``: whether the reference
        back is a subject (salience then favours subjects and speakers) or not (recency).
        """
        types = tuple(types)
        speakers = speakers if isinstance(speakers, (set, frozenset)) else set(speakers)
        cur = self.sentence_index(pos)
        reach = NOMINAL_WINDOW if noun else WINDOW
        window = self._sent_starts[max(0, cur - reach)]
        best, best_score = None, None
        for m in self.mentions[bisect_left(self._starts, window):]:
            if m.start >= pos:
                break
            if m.type not in types or (coded and not m.actor) or (not modifiers and m.modifier):
                continue
            if noun and not self.fits(m, noun):
                continue
            dist = cur - self.sentence_index(m.start)
            if dist > reach:
                continue
            score = dist * 2
            if subject:
                score += (0 if m.subject else 1.5) - (1.0 if m.key in speakers else 0)
            if best_score is None or score < best_score or (score == best_score and m.start > best.start):
                best, best_score = m, score
        return best

    def speaker_at(self, start: int, end: int) -> Optional[str]:
        """The entity (id) the body quote containing ``[start, end)`` is attributed to."""
        i = self.document.quote_at(start, end)
        return self.document.quotes[i].speaker if i is not None else None

    def fits(self, m: Mention, noun: str) -> bool:
        """Does the mention fit the nominal: the noun in its role, its name, or just before it?"""
        noun = noun.lower()
        if m.role and noun in m.role.lower():
            return True
        if noun in m.name.lower():
            return True
        window = plain(self.text[max(0, m.start - 60):m.start]).lower()
        line = window.rsplit("\n", 1)[-1]
        return noun in " ".join(line.split()[-6:])
