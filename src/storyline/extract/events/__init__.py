"""Events stage: who did what to whom, coded in CAMEO and PLOVER from the dependency parse.

For every sentence, verbs and event nouns listed in ``data/cameo_patterns.toml`` are
matched on their lemma and their dependency neighbourhood (required prepositions,
particles and objects), never on word sequences. Each match becomes an
:class:`~storyline.model.Event` when at least one actor is found:

* source: the grammatical subject (inherited through ``xcomp``, ``conj``, participles and
  relative clauses; the ``by`` agent in the passive); for event nouns the possessive or
  national modifier ("the U.S. capture"), the ``by`` phrase, or the subject of a support
  verb ("held talks", "imposed sanctions");
* target: the actor acted upon, from the roles the pattern names (direct object, or the
  object of a named preposition), never simply every object;
* coordination: each conjunct is its own event; reciprocal actions ("X and Y met") are
  coded both ways;
* a verb that governs another action ("threatened to shell", "agreed to release", "urged X
  to negotiate") folds the complement into one event whose code the complement selects;
* selection: what the sentence reports is coded once; background time frames, relative
  clauses describing an actor, agentless nominal references, and the content, grounds or
  same-kind elaboration of another coded act are not (:mod:`.select`); what a party says
  another did with force is coded as its accusation (112), not as the act;
* modality (negated, hypothetical, alleged, planned) from negation, refusal verbs,
  "stopped short of", conditionals, modal and future auxiliaries, allegation verbs and
  adverbs, and the status of an enclosing quote.

Actors are coded by :mod:`storyline.lexicon.actors`; dates come from the time expressions of
the same sentence (else the document date, marked as such), places from
:mod:`storyline.lexicon.gazetteer`. A sentence with no codable event yields nothing: there is
no default code.

The package, one concern a module, in the order a sentence goes through them:

* :mod:`.cameo` the CAMEO/PLOVER/Goldstein table; :mod:`.patterns` the pattern dictionary;
  :mod:`.words` the English words of the grammar code (data/event_words.toml);
* :mod:`.syntax` dependency-tree helpers; :mod:`.pronouns` pronoun resolution;
  :mod:`.context` coding a token as an actor; :mod:`.sources` who does an event;
* :mod:`.matcher` matching one token; :mod:`.fold` folding governed actions;
  :mod:`.select` which matches are reported; :mod:`.candidates` all three for a sentence;
* :mod:`.modality` the status of an event; :mod:`.where_when` its date and place;
* :mod:`.rules` the ordered recoding rules; :mod:`.code` coding a sentence;
  :mod:`.dateline` the dateline convention; this module, the stage.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from spacy.tokens import Doc, Span

from storyline.extract.events.antecedents import accused_doers, attackers, criticised_acts
from storyline.extract.events.cameo import CodeInfo, cameo_table
from storyline.extract.events.code import code_sentence
from storyline.extract.events.context import Context
from storyline.extract.events.dateline import dateline_countries
from storyline.extract.events.patterns import Patterns, Sense, all_codes, complement_code, patterns, recode
from storyline.extract.events.records import Arg, Candidate
from storyline.extract.events.rules import RECODES, Rule
from storyline.model import Document, Event
from storyline.pipeline.stage import Parse, stage
from storyline.extract.docindex import token_starts
from storyline.textutil import doc_text, sentences

__all__ = [
    "Arg", "Candidate", "CodeInfo", "Context", "Patterns", "RECODES", "Rule", "Sense", "all_codes",
    "cameo_table", "code_sentence", "complement_code", "patterns", "recode", "run", "segments",
]

MAX_SENT_TOKENS = 200  # longer "sentences" are lists or tables the parser cannot read


@stage("events", requires=('parse', 'sections', 'entities', 'times', 'quotes', 'dateline'), assigns=('events',),
       loads=(patterns, cameo_table))
def run(document: Document, parse: Parse) -> None:
    """Fill ``document.events`` from the parse (an empty list when nothing is codable)."""
    parsed = parse.doc
    ctx = Context(document, parsed)
    events: list[Event] = []
    text = doc_text(parsed)
    for sent in segments(parsed):
        if len(sent) > MAX_SENT_TOKENS or not text[sent.start_char:sent.end_char].strip():
            continue
        try:
            events.extend(code_sentence(document, ctx, sent))
        except RecursionError:  # pathological parses: skip the sentence, never the document
            continue
    dateline_countries(document, parsed, events)
    criticised_acts(document, parsed, events)
    attackers(parsed, events)
    accused_doers(events)
    document.events = events


def segments(parsed: Doc) -> Iterable[Span]:
    """spaCy's sentences, split again at line breaks: a heading or bullet glued to the next
    paragraph by the sentence splitter is its own unit (own date, own actors)."""
    text = doc_text(parsed)
    starts = token_starts(parsed)
    for sent in sentences(parsed):
        start = sent.start
        # only a token holding a line break, or followed by one, can end a segment: found
        # from the line breaks of the text, not by making every token of the sentence
        breaks = []
        at = text.find("\n", sent.start_char, sent.end_char + 1)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if sent.start <= i < sent.end and (not breaks or breaks[-1] != i):
                breaks.append(i)
            at = text.find("\n", at + 1, sent.end_char + 1)
        for i in breaks:
            tok = parsed[i]
            if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
                end = tok.i if tok.is_space else tok.i + 1
                if end > start:
                    yield parsed[start:end]
                start = tok.i + 1
        if sent.end > start:
            yield parsed[start : sent.end]
