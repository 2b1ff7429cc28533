"""The briefing's content, derived from analysed documents and never invented: plain
JSON-ready dicts that the HTML and Markdown renderers (and a web app) lay out.

:func:`build` returns::

    title, period (first, last dated event), documents, events (every event),
    timeline (the dated ones, by date), network (nodes: actors; edges: events between two
    actors, weighted by count, with their mean Goldstein score), balance (per actor: the
    events it did and had done to it, cooperative and conflictual, mean Goldstein),
    speakers (claims and quotes grouped by speaker), open_questions (unverified or
    disputed claims with the evidence the article gives, alleged events), flags, sources
    (outlets, cited sources, stories)

``stories`` is an optional list of plain dicts from cross-document linking, each with any
of ``id``, ``title``, ``first_report`` (a document id), ``copies`` (lists of ids of
documents that are copies of one another: wire copies) and ``outlets``. A document that is
a copy of another in the list is counted once: its events are not counted again in the
timeline, network and balance; its outlet is listed beside the original's.
Article text in these dicts is raw: each renderer escapes it.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import TYPE_CHECKING, Any, Iterable, Optional

from storyline.model.timex import parse_day
from storyline.outputs import labels as lab

if TYPE_CHECKING:
    from storyline.model import Document, Event, Quote

OPEN_STATUSES = ("unverified", "disputed")
"""Claim statuses the briefing lists as open questions."""


def _copies(documents: list[Document], stories: Iterable[dict]) -> dict[str, str]:
    """Document id -> the id of the document it is a copy of (the first report when the
    group holds it, else the group's first document present)."""
    present = {d.id for d in documents if d.id}
    out: dict[str, str] = {}
    for story in stories:
        first = story.get("first_report")
        for group in story.get("copies") or []:
            ids = [i for i in group if i in present]
            if not ids:
                continue
            keep = first if first in ids else ids[0]
            out.update({i: keep for i in ids if i != keep})
    return out


def _goldstein(ev: Event) -> Optional[float]:
    return ev.goldstein if ev.goldstein is not None else lab.goldstein(ev.code)


def _event_row(n: int, doc: Document, ev: Event, also_in: list[str]) -> dict[str, Any]:
    day = parse_day(ev.date) if ev.date else None
    quote_by = ""
    if ev.quote is not None and 0 <= ev.quote < len(doc.quotes):
        quote_by = lab.speaker(doc, doc.quotes[ev.quote])[0]
    place = ev.location.name if ev.location else ""
    return {
        "doc": n, "outlet": doc.outlet_name, "headline": doc.headline or doc.source, "also_in": also_in,
        "source": ev.source or "", "source_name": lab.actor(doc, ev.source, ev.source_entity),
        "target": ev.target or "", "target_name": lab.actor(doc, ev.target, ev.target_entity),
        "code": ev.code, "label": lab.cameo_label(ev.code), "root": ev.root, "plover": ev.plover or "",
        "goldstein": _goldstein(ev), "status": ev.status, "section": ev.section,
        "date": ev.date or "", "day": day.isoformat() if day else "", "when": lab.event_date(doc, ev),
        "sentence": ev.sentence, "place": place, "quote_by": quote_by, "span": list(ev.span),
    }


def _actor_label(code: str) -> str:
    name = lab.actor_code_name(code)
    return f"{name} ({code})" if name and name != code else code


def _network(rows: list[dict]) -> dict[str, list[dict]]:
    edges: dict[tuple[str, str], list[dict]] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    degree: dict[str, int] = defaultdict(int)
    for r in rows:
        if not (r["source"] and r["target"]):
            continue
        edges[(r["source"], r["target"])].append(r)
        for side in ("source", "target"):
            degree[r[side]] += 1
            names[r[side]].add(r[side + "_name"].rsplit(" (", 1)[0])
    nodes = [{"id": c, "label": _actor_label(c), "names": sorted(names[c] - {lab.actor_code_name(c)}),
              "events": degree[c]} for c in sorted(degree, key=lambda c: (-degree[c], c))]
    out_edges = []
    for (s, t), evs in sorted(edges.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        scores = [e["goldstein"] for e in evs if e["goldstein"] is not None]
        codes: dict[str, int] = defaultdict(int)
        for e in evs:
            codes[f"{e['code']} {e['label']}".strip()] += 1
        out_edges.append({
            "id": f"{s}->{t}", "source": s, "target": t, "weight": len(evs),
            "goldstein": round(mean(scores), 2) if scores else None,
            "codes": [f"{c} ×{k}" if k > 1 else c for c, k in sorted(codes.items(), key=lambda x: -x[1])],
        })
    return {"nodes": nodes, "edges": out_edges}


def _side(scores: list[float]) -> dict[str, Any]:
    return {"events": len(scores), "cooperative": sum(1 for s in scores if s > 0),
            "conflictual": sum(1 for s in scores if s < 0),
            "mean": round(mean(scores), 2) if scores else None, "total": round(sum(scores), 1)}


def _balance(rows: list[dict]) -> list[dict[str, Any]]:
    did: dict[str, list[float]] = defaultdict(list)
    got: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r["goldstein"] is None:
            continue
        if r["source"]:
            did[r["source"]].append(r["goldstein"])
        if r["target"]:
            got[r["target"]].append(r["goldstein"])
    actors = sorted(set(did) | set(got), key=lambda c: (-(len(did[c]) + len(got[c])), c))
    return [{"code": c, "actor": _actor_label(c), "did": _side(did[c]), "received": _side(got[c])} for c in actors]


def _quote_row(n: int, doc: Document, q: Quote) -> dict[str, Any]:
    name, role = lab.speaker(doc, q)
    return {
        "doc": n, "outlet": doc.outlet_name, "headline": doc.headline or doc.source,
        "speaker": name, "role": role, "cue": q.cue or "", "medium": lab.medium(q), "kind": q.kind,
        "text": lab.quote_text(q), "status": q.status, "section": q.section, "field": q.field,
        "evidence": [ev.text for ev in q.evidence], "span": list(q.span),
    }


def _speakers(indexed: list[tuple[int, Document]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    shown: dict[str, str] = {}
    for n, doc in indexed:
        for q in doc.quotes:
            key = lab.speaker_key(doc, q).casefold() or "(unattributed)"
            row = _quote_row(n, doc, q)
            groups[key].append(row)
            shown.setdefault(key, row["speaker"] or "(unattributed)")
    order = sorted(groups, key=lambda k: (-len(groups[k]), shown[k].casefold()))
    return [{"speaker": shown[k], "role": next((r["role"] for r in groups[k] if r["role"]), ""),
             "quotes": groups[k]} for k in order]


def _open_questions(indexed: list[tuple[int, Document]], events: list[dict]) -> list[dict[str, Any]]:
    out = []
    for n, doc in indexed:
        for q in doc.quotes:
            if q.status in OPEN_STATUSES:
                out.append({**_quote_row(n, doc, q), "type": "claim"})
    for r in events:
        if r["status"] == "alleged":
            out.append({"type": "event", "kind": "", "doc": r["doc"], "outlet": r["outlet"], "headline": r["headline"],
                        "speaker": r["source_name"], "text": r["sentence"], "status": "alleged",
                        "evidence": [], "span": r["span"]})
    return out


def _sources(documents: list[Document], stories: list[dict], copies: dict[str, str]) -> dict[str, Any]:
    by_id = {d.id: d for d in documents if d.id}
    outlets: dict[str, int] = defaultdict(int)
    cited: dict[str, int] = defaultdict(int)
    for d in documents:
        outlets[d.outlet_name] += 1
        for c in d.cited_sources:
            cited[c.outlet] += 1
    story_rows = []
    for s in stories:
        first = by_id.get(s.get("first_report") or "")
        groups = [[by_id[i].outlet_name if i in by_id else i for i in g] for g in s.get("copies") or []]
        story_rows.append({
            "id": str(s.get("id", "")), "title": s.get("title") or "",
            "first_report": (f"{first.outlet_name}: {first.headline or first.source}" + (f" ({first.published})" if first.published else "")) if first else (s.get("first_report") or ""),
            "copies": groups, "outlets": list(s.get("outlets") or []),
        })
    return {
        "outlets": sorted(({"outlet": o, "articles": k} for o, k in outlets.items()), key=lambda r: (-r["articles"], r["outlet"])),
        "cited": sorted(({"outlet": o, "articles": k} for o, k in cited.items()), key=lambda r: (-r["articles"], r["outlet"])),
        "stories": story_rows, "copies_counted_once": len(copies),
    }


def _documents(documents: list[Document], copies: dict[str, str]) -> list[dict[str, Any]]:
    return [{"n": n, "id": d.id, "headline": d.headline or "", "outlet": d.outlet_name, "source": d.source,
             "published": d.published or "", "copy_of": copies.get(d.id, ""),
             "events": len(d.events), "quotes": len(d.quotes), "flags": len(d.flags)}
            for n, d in enumerate(documents)]


def build(documents: Iterable[Document], stories: Iterable[dict] | None = None, title: str | None = None) -> dict[str, Any]:
    """The briefing's content (see the module docstring)."""
    documents = list(documents)
    stories = list(stories or [])
    copies = _copies(documents, stories)
    also: dict[str, list[str]] = defaultdict(list)
    by_id = {d.id: d for d in documents if d.id}
    for copy, original in copies.items():
        also[original].append(by_id[copy].outlet_name)
    indexed = [(n, d) for n, d in enumerate(documents) if d.id not in copies]  # copies counted once
    events = []
    for n, doc in indexed:
        events.extend(_event_row(n, doc, ev, sorted(also.get(doc.id, []))) for ev in doc.events)
    timeline = sorted((r for r in events if r["day"]), key=lambda r: (r["day"], r["doc"]))
    days = [r["day"] for r in timeline]
    return {
        "title": title or (documents[0].headline if len(documents) == 1 and documents[0].headline else "Briefing"),
        "period": [days[0], days[-1]] if days else [],
        "documents": _documents(documents, copies),
        "events": events,
        "timeline": timeline,
        "network": _network(events),
        "balance": _balance(events),
        "speakers": _speakers(indexed),
        "open_questions": _open_questions(indexed, events),
        "flags": [{"doc": n, "headline": d.headline or d.source, "outlet": d.outlet_name, "type": f.type, "message": f.message}
                  for n, d in enumerate(documents) for f in d.flags],
        "sources": _sources(documents, stories, copies),
    }
