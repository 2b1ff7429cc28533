"""Corroboration and contradictions across the documents of one story.

:func:`support` takes a story's analysed documents and, for each document, the first
report of its wire-copy group (``first_report``: itself when it is no copy), and returns a
:class:`~storyline.model.support.Support`:

* **claims** — every quote under a claim key: quotes of the same speaker (one identity
  across documents, :mod:`storyline.link.identity`) whose content words overlap (at least
  two shared word stems, half of the shorter quote's) are one claim. A quote another
  outlet reports as *denied* or *disputed* (its ``status``) joins the asserted claim it
  matches with relation ``denies``/``disputes``, and the pair is a ``claim`` contradiction;
* **events** — every event under an event key: same CAMEO root, same source and target
  (actor identity, or the same code when no entity is named), compatible dates. An event
  that happens once to a named person (an arrest, a release) reported with two different
  explicit dates is one key with relation ``contradicts``, and a ``date`` contradiction;
* **contradictions** — also every pair of figures for the same quantity that disagree
  across documents (:mod:`storyline.lexicon.figures`, the reader the in-article check
  uses), unless the later report says the figure was updated ("the toll rose to 19").

Per key, ``independent`` marks the first report of each copy group and outlet (a copy is
never a second corroboration), ``first`` the earliest report (``Document.published``,
then document order). Nothing here reads the store: the link step calls it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.lexicon import figures
from storyline.link.identity import lookup, resolve
from storyline.model import Document, Event, Quote
from storyline.model.support import ClaimSupport, Contradiction, EventSupport, Support
from storyline.textutil import fold

MIN_SHARED = 2
MIN_OVERLAP = 0.5
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_SUFFIXES = ("ing", "ed", "es", "s", "e")
_ACTOR_ID = re.compile(r"a[0-9a-f]{12}")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> frozenset[str]:
    """The content words of ``text``, folded and stemmed ("released" = "release")."""
    out = set()
    for m in _WORD.finditer(fold(text)):
        w = m.group(0).replace("\u2019", "'").removesuffix("'s")
        if w not in STOP_WORDS and (len(w) >= 3 or w.isdigit()):
            out.add(_stem(w))
    return frozenset(out)


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """At least two shared stems and half of the shorter text's."""
    shared = len(a & b)
    return shared >= min(MIN_SHARED, len(a), len(b)) and shared > 0 and shared >= MIN_OVERLAP * min(len(a), len(b))


def _key(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


@dataclass
class _Item:
    doc: Document
    index: int
    rank: tuple  # chronological order: published, then document order
    speaker: Optional[str] = None
    words: frozenset[str] = frozenset()
    relation: str = "reports"


@dataclass
class _Key:
    id: str
    items: list[_Item] = field(default_factory=list)


class _Story:
    """What the functions below share: the documents, their order, copy groups, identities."""

    def __init__(self, story_id: str, docs: Sequence[Document], first_report: Mapping[str, str]):
        self.id = story_id
        self.docs = list(docs)
        self.links = resolve(self.docs)
        self.actors = lookup(self.links)
        self.rank = {d.id: (d.published or "~", i) for i, d in enumerate(self.docs)}
        self.group = {d.id: first_report.get(d.id, d.id) for d in self.docs}
        self.figures = {d.id: figures.read(d) for d in self.docs}
        # one document stands for each copy group: the earliest of it in the story
        self.representative: dict[str, str] = {}
        for d in sorted(self.docs, key=lambda d: self.rank[d.id]):
            self.representative.setdefault(self.group[d.id], d.id)

    def stands_for_group(self, doc: Document) -> bool:
        return self.representative[self.group[doc.id]] == doc.id

    def speaker(self, doc: Document, i: int, q: Quote) -> Optional[str]:
        if q.speaker:
            return self.actors.get((doc.id, q.speaker)) or f"entity:{q.speaker}"
        named = self.actors.get((doc.id, f"q{i}"))
        if named:
            return named
        said = q.speaker_type or q.speaker_name
        return f"said:{fold(said)}" if said else None

    def actor(self, doc: Document, entity: Optional[str], code: Optional[str]) -> Optional[str]:
        if entity and (doc.id, entity) in self.actors:
            return self.actors[(doc.id, entity)]
        return code


def _marks(items: list[_Item], group: Mapping[str, str]) -> dict[int, tuple[bool, bool]]:
    """(independent, first) per item (by id): the first of each copy group and outlet per
    relation is independent; the earliest report is first."""
    out: dict[int, tuple[bool, bool]] = {}
    seen: dict[str, set] = {}
    ordered = sorted(items, key=lambda it: (it.rank, it.index))
    first = next((it for it in ordered if it.relation == "reports"), ordered[0])
    for it in ordered:
        s = seen.setdefault(it.relation, set())
        g, o = ("g", group[it.doc.id]), ("o", it.doc.outlet_name)
        out[id(it)] = (g not in s and o not in s, it is first)
        s.update((g, o))
    return out


def _quote_figures(story: _Story, doc: Document, index: int) -> list[figures.Figure]:
    return [f for f in story.figures[doc.id] if f.quote == index]


def _figures_disagree(story: _Story, a: _Item, fa: list, b: _Item, fb: list) -> bool:
    earlier, later = (fa, fb) if a.rank <= b.rank else (fb, fa)
    return any(figures.conflict(x, y, same_document=False) for x in earlier for y in later)


def _claims(story: _Story) -> tuple[list[ClaimSupport], list[Contradiction]]:
    keys: list[_Key] = []
    items: list[_Item] = []
    for doc in story.docs:
        for i, q in enumerate(doc.quotes):
            it = _Item(doc, i, story.rank[doc.id], story.speaker(doc, i, q), stems(q.text))
            items.append(it)
            home = next((k for k in keys if any(
                m.speaker == it.speaker and it.speaker and similar(m.words, it.words) for m in k.items)), None)
            if home is None:
                home = _Key(_key("c", story.id, doc.id, i))
                keys.append(home)
            home.items.append(it)
    contradictions = _denials(story, keys, items)
    rows = []
    for k in keys:
        marks = _marks(k.items, story.group)
        head = min(k.items, key=lambda it: (it.rank, it.index))
        head_figs = _quote_figures(story, head.doc, head.index)
        for it in k.items:
            q = it.doc.quotes[it.index]
            relation = it.relation
            if relation == "reports" and it is not head and _figures_disagree(story, head, head_figs, it, _quote_figures(story, it.doc, it.index)):
                relation = "contradicts"
            rows.append(ClaimSupport(
                story_id=story.id, key=k.id, doc_id=it.doc.id, quote_index=it.index, outlet=it.doc.outlet_name,
                speaker_actor=it.speaker if it.speaker and _ACTOR_ID.fullmatch(it.speaker) else None,
                speaker=q.speaker_name, text=q.text, field=q.field, span_start=q.span[0], span_end=q.span[1],
                status=q.status, relation=relation, independent=marks[id(it)][0], first=marks[id(it)][1],
                published=it.doc.published,
            ))
    return rows, contradictions


def _denials(story: _Story, keys: list[_Key], items: list[_Item]) -> list[Contradiction]:
    """A quote reported as denied or disputed joins the asserted claim of another copy group it matches."""
    out = []
    for it in items:
        q = it.doc.quotes[it.index]
        if q.status not in ("denied", "disputed"):
            continue
        for k in keys:
            asserted = [m for m in k.items if m.relation == "reports" and m.doc.quotes[m.index].status in ("asserted", "hedged")
                        and story.group[m.doc.id] != story.group[it.doc.id] and similar(m.words, it.words)]
            if not asserted:
                continue
            relation = "denies" if q.status == "denied" else "disputes"
            k.items.append(_Item(it.doc, it.index, it.rank, it.speaker, it.words, relation))
            m = min(asserted, key=lambda x: (x.rank, x.index))
            mq = m.doc.quotes[m.index]
            out.append(_contradiction(
                story, "claim", k.id, m.doc, mq.span, mq.text, it.doc, q.span, q.text,
                f"{m.doc.outlet_name} reports it asserted; {it.doc.outlet_name} reports it {q.status}",
                field_a=mq.field, field_b=q.field,
            ))
            break
    return out


def _contradiction(story: _Story, kind: str, key: Optional[str], da: Document, sa, ta: str, db: Document, sb, tb: str,
                   detail: str, field_a: str = "text", field_b: str = "text") -> Contradiction:
    return Contradiction(
        story_id=story.id, kind=kind, key=key, doc_a=da.id, span_a_start=sa[0], span_a_end=sa[1], text_a=ta,
        outlet_a=da.outlet_name, doc_b=db.id, span_b_start=sb[0], span_b_end=sb[1], text_b=tb, outlet_b=db.outlet_name,
        field_a=field_a, field_b=field_b, detail=detail,
    )


@dataclass
class _EventItem(_Item):
    src: Optional[str] = None
    tgt: Optional[str] = None
    day: Optional[str] = None  # an explicit date to the day


def _as_read(ev: Event, role: str) -> Optional[str]:
    """The actor code of ``role`` as the sentence names it: without a country the events stage
    inferred from the article (its dateline, the event's place, the story's one country;
    ``Event.inferred``), which another outlet's article may not give ("police" is "police")."""
    code = getattr(ev, role)
    if code and any(note.startswith(f"{role} country from") for note in ev.inferred):
        return code[3:] or None
    if code and any(note.startswith("target: the story") for note in ev.inferred) and role == "target":
        return None
    return code


def _event_item(story: _Story, doc: Document, i: int, ev: Event) -> _EventItem:
    day = ev.date[:10] if ev.date and ev.date_source == "text" and len(ev.date) >= 10 else None
    return _EventItem(doc, i, story.rank[doc.id], src=story.actor(doc, ev.source_entity, _as_read(ev, "source")),
                      tgt=story.actor(doc, ev.target_entity, _as_read(ev, "target")), day=day)


_QUOTE_RELATION = {"denied": "denies", "disputed": "disputes"}


def _quoted_relation(doc: Document, ev: Event) -> str:
    """'denies'/'disputes' for an event reported inside a denied or disputed quote."""
    if ev.quote is None or not 0 <= ev.quote < len(doc.quotes):
        return "reports"
    return _QUOTE_RELATION.get(doc.quotes[ev.quote].status, "reports")


def _sentence_figures(story: _Story, doc: Document, ev: Event) -> list[figures.Figure]:
    return [f for f in story.figures[doc.id] if f.sentence[0] <= ev.span[0] < f.sentence[1]]


def _is_person(story: _Story, doc: Document, ev: Event) -> bool:
    target = doc.entity(ev.target_entity) if ev.target_entity else None
    return target is not None and target.type == "PERSON"


def _place(story: _Story, it: _EventItem, k: _Key) -> str:
    """How event ``it`` stands to key ``k``: 'reports', 'contradicts' (a one-off event with
    another explicit date) or '' (another event)."""
    ev = it.doc.events[it.index]
    head = k.items[0]
    hev = head.doc.events[head.index]
    if ev.root != hev.root or it.src != head.src or it.tgt != head.tgt:
        return ""
    if it.src is None and it.tgt is None and (ev.code, " ".join(ev.sentence.split())) != (
            hev.code, " ".join(hev.sentence.split())):
        return ""  # no actor on either side: the same event only in the same words (a copy's sentence)
    if not it.day or not head.day or it.day == head.day:
        return "reports"
    one_off = figures.one_off(ev.root, ev.status, _is_person(story, it.doc, ev), ev.sentence) and figures.one_off(
        hev.root, hev.status, _is_person(story, head.doc, hev), hev.sentence)
    if one_off and ev.code == hev.code and story.group[it.doc.id] != story.group[head.doc.id]:
        return "contradicts"
    return ""


def _date_words(doc: Document, ev: Event) -> tuple[tuple[int, int], str]:
    """The span and words of the time expression that dates ``ev`` (its own span if none)."""
    t = next((t for t in doc.times if t.id == ev.time), None)
    span = tuple(t.span) if t is not None else tuple(ev.span)
    return span, doc.text[span[0]:span[1]]


def _join(story: _Story, keys: list[_Key], it: _EventItem, contradictions: list[Contradiction]) -> _Key:
    """The key event ``it`` belongs to (a new one when none), with its relation set."""
    doc, ev = it.doc, it.doc.events[it.index]
    for k in keys:
        place = _place(story, it, k)
        if not place:
            continue
        h = k.items[0]
        hev = h.doc.events[h.index]
        quoted = _quoted_relation(doc, ev)
        it.relation = quoted if quoted != "reports" else place
        if it.relation == "reports" and _figures_disagree(story, h, _sentence_figures(story, h.doc, hev), it, _sentence_figures(story, doc, ev)):
            it.relation = "contradicts"
        seen = {story.group[m.doc.id] for m in k.items if m.relation == "contradicts"}
        if place == "contradicts" and story.group[doc.id] not in seen:
            (sa, ta), (sb, tb) = _date_words(h.doc, hev), _date_words(doc, ev)
            contradictions.append(_contradiction(
                story, "date", k.id, h.doc, sa, ta, doc, sb, tb,
                f"{ev.code} {ev.trigger!r}: {h.doc.outlet_name} dates it {h.day} ({hev.sentence!r}), "
                f"{doc.outlet_name} {it.day} ({ev.sentence!r})",
            ))
        return k
    it.relation = "reports"
    k = _Key(_key("v", story.id, doc.id, it.index))
    keys.append(k)
    return k


def _events(story: _Story) -> tuple[list[EventSupport], list[Contradiction]]:
    keys: list[_Key] = []
    contradictions: list[Contradiction] = []
    for doc in story.docs:
        for i, ev in enumerate(doc.events):
            it = _event_item(story, doc, i, ev)
            _join(story, keys, it, contradictions).items.append(it)
    rows = []
    for k in keys:
        marks = _marks(k.items, story.group)
        for it in k.items:
            ev = it.doc.events[it.index]
            rows.append(EventSupport(
                story_id=story.id, key=k.id, doc_id=it.doc.id, event_index=it.index, outlet=it.doc.outlet_name,
                code=ev.code, root=ev.root, source_actor=it.src, target_actor=it.tgt, date=ev.date,
                date_source=ev.date_source, trigger=ev.trigger, span_start=ev.span[0], span_end=ev.span[1],
                relation=it.relation, independent=marks[id(it)][0], first=marks[id(it)][1], published=it.doc.published,
            ))
    return rows, contradictions


def _figure_contradictions(story: _Story) -> list[Contradiction]:
    """Figures for one quantity that disagree between documents of different copy groups."""
    out = []
    ordered = sorted(story.docs, key=lambda d: story.rank[d.id])
    ordered = [d for d in ordered if story.stands_for_group(d)]  # a copy says what its original says
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            done: set[str] = set()
            for fa in figures.leads(story.figures[a.id]):
                for fb in figures.leads(story.figures[b.id]):
                    if fa.key in done or not figures.conflict(fa, fb, same_document=False):
                        continue
                    done.add(fa.key)
                    out.append(_contradiction(
                        story, "figure", fa.key, a, fa.span, fa.text, b, fb.span, fb.text,
                        f"{a.outlet_name}: {figures.describe(fa)}; {b.outlet_name}: {figures.describe(fb)}",
                    ))
    return out


def support(story_id: str, docs: Sequence[Document], first_report: Mapping[str, str]) -> Support:
    """Corroboration and contradictions for the story ``story_id`` made of ``docs``."""
    story = _Story(story_id, docs, first_report)
    claims, claim_contradictions = _claims(story)
    events, date_contradictions = _events(story)
    return Support(
        story_id=story_id, actors=story.links, claims=claims, events=events,
        contradictions=_figure_contradictions(story) + date_contradictions + claim_contradictions,
    )

