"""JSON Lines: one article per line, ``text`` plus optional metadata fields."""

from __future__ import annotations

import json
from typing import Optional

from storyline.ingest.dateline import dateline
from storyline.ingest.dates import normalize_published
from storyline.ingest.errors import IngestError
from storyline.ingest.lines import normalize_newlines
from storyline.model import CitedSource, Document

# Document field <- the record keys that may hold it, the first non-empty one wins
_FIELDS = {
    "headline": ("headline", "title"),
    "byline": ("byline", "author", "authors"),
    "outlet": ("outlet", "sitename", "site", "publisher"),
    "url": ("url", "link"),
    "dateline": ("dateline",),
    "source": ("source",),
}


def looks_like_jsonl(text: str) -> bool:
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _fields(obj: dict) -> dict:
    """The metadata fields of a record, by :data:`_FIELDS` (a list of authors joined)."""
    fields: dict = {}
    for name, keys in _FIELDS.items():
        for k in keys:
            v = obj.get(k)
            if isinstance(v, list) and name == "byline":
                v = ", ".join(str(x) for x in v if x)
            if isinstance(v, str) and v.strip():
                fields[name] = v.strip()
                break
    return fields


def _cited(obj: dict) -> list[CitedSource]:
    cited = []
    for item in obj.get("cited_sources") or []:
        if isinstance(item, dict) and isinstance(item.get("outlet"), str):
            cited.append(CitedSource(outlet=item["outlet"], title=item.get("title") or None))
        elif isinstance(item, str) and item.strip():
            cited.append(CitedSource(outlet=item.strip()))
    return cited


def _document(obj, where: str, *, raw: bool, published: Optional[str]) -> Document:
    if not isinstance(obj, dict):
        raise IngestError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(where, "no 'text' field (a non-empty string) in this record")
    fields = _fields(obj)
    cited = _cited(obj)
    date = published or normalize_published(obj.get("published") or obj.get("date"))
    if not raw:
        text = normalize_newlines(text)
        lead = len(text) - len(text.lstrip())
        dl = dateline(text[lead:])
        if dl:
            fields.setdefault("dateline", dl[0])
            if fields["dateline"] == dl[0]:
                fields["dateline_span"] = (lead, lead + dl[2])
    return Document(
        source=fields.pop("source", where),
        text=text,
        published=date,
        cited_sources=cited,
        **fields,
    )


def read_jsonl(text: str, source: str, *, raw: bool, published: Optional[str]) -> list:
    """Documents and per-line errors (``source:LINE``) of a JSON Lines text."""
    out: list = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            out.append(IngestError(where, f"not valid JSON ({e.msg} at column {e.colno})"))
            continue
        try:
            out.append(_document(obj, where, raw=raw, published=published))
        except IngestError as e:
            out.append(e)
    if not out:
        raise IngestError(source, "empty file")
    return out
