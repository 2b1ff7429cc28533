"""JSON Lines: one article per line, ``text`` plus optional metadata fields.

Each record is validated on its own: a line that is not JSON, not an object, has no
``text``, or has a field this reader reads with the wrong type (``"cited_sources": 5``) is
reported as ``file:LINE: ...`` naming the field, and the other lines are kept. The fields
read, and their types (``null`` is the same as absent; other keys are ignored):

* ``text``: a non-empty string;
* ``headline``/``title``, ``outlet``/``sitename``/``site``/``publisher``, ``url``/``link``,
  ``dateline``, ``source``, ``published``/``date``: strings;
* ``byline``/``author``/``authors``: a string or a list of strings (joined with ", ");
* ``cited_sources``: a list whose items are strings (an outlet) or objects with an
  ``outlet`` string and an optional ``title`` string; a single string is one source
  (``"Reuters"`` is the outlet Reuters, never seven one-letter sources).
"""

from __future__ import annotations

import json
from typing import Optional

from storyline.ingest.dateline import dateline
from storyline.ingest.dates import normalize_published
from storyline.ingest.errors import IngestError
from storyline.ingest.lines import normalize_newlines
from storyline.ingest.clean import new_document
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


_STRINGS = frozenset(k for name, keys in _FIELDS.items() if name != "byline" for k in keys) | {"published", "date"}
_BYLINES = _FIELDS["byline"]


def _kind(v) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(v), type(v).__name__)


def _check_types(obj: dict, where: str) -> None:
    """IngestError naming the first field this reader reads whose value has the wrong type."""
    for k in _STRINGS:
        v = obj.get(k)
        if v is not None and not isinstance(v, str):
            raise IngestError(where, f"field '{k}' must be a string, not {_kind(v)}")
    for k in _BYLINES:
        v = obj.get(k)
        if v is not None and not isinstance(v, str) and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise IngestError(where, f"field '{k}' must be a string or a list of strings, not {_kind(v)}")
    cited = obj.get("cited_sources")
    if cited is None or isinstance(cited, str):
        return
    if not isinstance(cited, list):
        raise IngestError(where, f"field 'cited_sources' must be a list of sources (or one outlet as a string), not {_kind(cited)}")
    for i, item in enumerate(cited):
        ok = isinstance(item, str) or (
            isinstance(item, dict) and isinstance(item.get("outlet"), str) and isinstance(item.get("title"), (str, type(None)))
        )
        if not ok:
            raise IngestError(where, f"field 'cited_sources[{i}]' must be an outlet string or an object with an 'outlet' string and an optional 'title' string")


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
    """The record's cited sources (types already checked); a single string is one outlet."""
    items = obj.get("cited_sources") or []
    cited = []
    for item in [items] if isinstance(items, str) else items:
        if isinstance(item, dict):
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
    _check_types(obj, where)
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
    return new_document(
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
        except RecursionError:
            out.append(IngestError(where, "not valid JSON (nested too deeply)"))
            continue
        except ValueError as e:  # e.g. an integer of more digits than Python converts
            out.append(IngestError(where, f"not valid JSON ({e})".replace("\n", " ")))
            continue
        try:
            out.append(_document(obj, where, raw=raw, published=published))
        except IngestError as e:
            out.append(e)
        except Exception as e:  # a record no check foresaw: report the line, keep the others
            out.append(IngestError(where, f"could not read this record ({type(e).__name__}: {e})".replace("\n", " ")))
    if not out:
        raise IngestError(source, "empty file")
    return out
