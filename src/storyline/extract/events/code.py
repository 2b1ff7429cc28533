"""Coding one sentence: its candidates, each through the ordered rules (:data:`RECODES`),
then the events, and last the statements parties made about those acts."""

from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Span, Token

from storyline.extract.events import modality
from storyline.extract.events.cameo import cameo_table
from storyline.extract.events.candidates import candidates
from storyline.extract.events.context import Context
from storyline.extract.events.patterns import patterns
from storyline.extract.events.records import Arg, Candidate
from storyline.extract.events.rules import RECODES, Coding, Rule, Statement
from storyline.model import Document, Event


def _start(document: Document, ctx: Context, sent: Span, cand: Candidate, statements: list[Statement]) -> Coding:
    """The candidate's coding before any rule: its code, actors and status."""
    if cand.sense.governors and cand.extra_tokens:
        # "denied responsibility", "claimed responsibility": the verb is the act, not a
        # negation or an allegation of it; the act's own modality is the verb's
        st = modality.status(cand.extra_tokens[0], cand.extra_tokens[1:])
    else:
        st = modality.status(cand.trigger, cand.extra_tokens)
    return Coding(cand, document, ctx, sent, cand.code, st, cand.sources, cand.targets, statements)


def _event(
    document: Document, sent: Span, src: Optional[Arg], tgt: Optional[Arg], code: str, verb: Token,
    status: str, where_when: tuple, points: list[int], quoted_status: bool, according: Optional[Arg] = None,
) -> Event:
    """One event: ``src`` does ``code`` to ``tgt``, triggered by ``verb``, spanning the
    character offsets ``points``; with ``quoted_status``, a reported event inside a quote
    takes the quote's status. Who reports it (``according_to``): the speaker of the verb
    that reports it (``according``), else the speaker of the quote it is in."""
    info = cameo_table()[code]
    date, date_source, time_id, location = where_when
    start = max(sent.start_char, min(points))
    end = min(sent.end_char, max(points))
    q = document.quote_at(start, end)
    if quoted_status and q is not None and status == "reported":
        qstatus = document.quotes[q].status
        status = patterns().modality.get("quote_status", {}).get(qstatus, "reported")
    by, by_span = _reporter(document, according, q)
    return Event(
        source=src.code if src else None,
        source_entity=src.entity if src else None,
        source_span=src.span if src else None,
        target=tgt.code if tgt else None,
        target_entity=tgt.entity if tgt else None,
        target_span=tgt.span if tgt else None,
        code=code,
        root=code[:2],
        plover=info.plover,
        goldstein=info.goldstein,
        trigger=verb.text,
        trigger_span=(verb.idx, verb.idx + len(verb)),
        date=date,
        date_source=date_source,
        time=time_id,
        location=location,
        status=status,
        quote=q,
        according_to=by,
        according_to_span=by_span,
        section=document.section_kind_at(start),
        sentence=sent.text.strip(),
        span=(start, end),
    )


def _reporter(document: Document, according: Optional[Arg], q: Optional[int]) -> tuple[Optional[str], Optional[tuple]]:
    """(name, span) of who reports an event: the reporting speaker named in the sentence, else
    the quote's speaker; (None, None) when the article states it as its own."""
    if according is not None and according.token.pos_ == "PRON" and q is not None and document.quotes[q].speaker_name:
        according = None  # "he said": the quote knows who he is
    if according is not None:
        return document.text[according.span[0] : according.span[1]], according.span
    if q is not None:
        quote = document.quotes[q]
        if quote.field == "text" and (quote.speaker_name or quote.speaker_span):
            name = quote.speaker_name
            if not name and quote.speaker_span:
                name = document.text[quote.speaker_span[0] : quote.speaker_span[1]]
            return name, quote.speaker_span
    return None, None


def _events_of(c: Coding, seen: set[tuple]) -> list[Event]:
    """The events of a candidate the rules kept: one per pair of actors (and paired event),
    not repeating one already coded by the same trigger."""
    trig = c.trig
    out = []
    for src, tgt, code in [(a, b, c.code) for a, b in c.pairs] + c.paired:
        key = (src.code if src else None, tgt.code if tgt else None, code, trig.i)
        if key in seen:
            continue
        seen.add(key)
        points = [trig.idx, trig.idx + len(trig)]
        for a in (src, tgt):
            if a is not None:
                points += [a.span[0], a.span[1]]
        out.append(_event(c.document, c.sent, src, tgt, code, trig, c.status, c.where_when(), points, True, c.according))
    return out


def _statement_events(document: Document, sent: Span, statements: list[Statement], seen: set[tuple]) -> list[Event]:
    """Accusations (112), claims (015) and denials (016) of another act, once each."""
    out = []
    for st in statements:
        key = (st.speaker.code, st.other.code if st.other else None, st.code, st.verb.i)
        if key in seen:
            continue
        seen.add(key)
        points = [st.speaker.span[0], st.speaker.span[1], st.verb.idx, st.verb.idx + len(st.verb)]
        points += list(st.other.span) if st.other else []
        where_when = (st.date, st.date_source, st.time, st.location)
        out.append(_event(document, sent, st.speaker, st.other, st.code, st.verb, st.status, where_when, points, False))
    return out


def code_sentence(document: Document, ctx: Context, sent: Span, rules: Sequence[Rule] = RECODES) -> list[Event]:
    """The events of sentence ``sent``: each candidate through ``rules`` in order (a rule may
    drop it), then the statements about other acts the rules found."""
    events: list[Event] = []
    statements: list[Statement] = []
    seen: set[tuple] = set()
    for cand in candidates(sent, ctx):
        c = _start(document, ctx, sent, cand, statements)
        for rule in rules:
            rule.apply(c)
            if c.dropped:
                break
        if not c.dropped and c.pairs is not None:
            events.extend(_events_of(c, seen))
    events.extend(_statement_events(document, sent, statements, seen))
    return events
