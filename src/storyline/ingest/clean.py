"""The boundary where text enters a Document: characters no record can carry are replaced.

A Python string can hold lone surrogates (U+D800-U+DFFF): a JSON escape such as ``"\\ud800"``
decodes to one, and so can a caller's string. They cannot be written as UTF-8, so spaCy's
tokenizer, the JSON record and the store would all fail on them. NUL (U+0000) cannot be
stored in PostgreSQL text and is never article text. Each is replaced by U+FFFD, one
character for one, so every offset into the text stays valid, and the document's ``notes``
say what was replaced, field by field.

Every reader builds its documents through :func:`new_document`; the pipeline passes any
other document through :func:`clean_document` before parsing it.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from storyline.ingest.credits import dateline_credits, unique
from storyline.model import CitedSource, Document

REPLACEMENT = "\ufffd"
_UNSAFE = re.compile("[\ud800-\udfff\x00]")
_FIELDS = ("source", "outlet", "url", "headline", "byline", "published", "dateline", "text")


def _describe(found: list[str]) -> str:
    surrogates = sum(1 for c in found if c != "\x00")
    nuls = len(found) - surrogates
    parts = []
    if surrogates:
        parts.append(f"{surrogates} lone surrogate{'s' if surrogates != 1 else ''}")
    if nuls:
        parts.append(f"{nuls} NUL character{'s' if nuls != 1 else ''}")
    return " and ".join(parts) + " replaced by U+FFFD"


def clean_string(value: Optional[str], field: str, notes: list[str]) -> Optional[str]:
    """``value`` with lone surrogates and NULs replaced by U+FFFD (same length); a note
    naming ``field`` is appended to ``notes`` when anything was replaced."""
    if not value or not _UNSAFE.search(value):
        return value
    notes.append(f"{field}: {_describe(_UNSAFE.findall(value))}")
    return _UNSAFE.sub(REPLACEMENT, value)


def _clean_cited(cited: Iterable[CitedSource], notes: list[str]) -> list[CitedSource]:
    out = []
    for c in cited:
        outlet = clean_string(c.outlet, "cited_sources", notes)
        title = clean_string(c.title, "cited_sources", notes)
        out.append(c if (outlet, title) == (c.outlet, c.title) else c.model_copy(update={"outlet": outlet, "title": title}))
    return out


def new_document(*, notes: Iterable[str] = (), **fields) -> Document:
    """A :class:`Document` of ``fields`` with unsafe characters replaced, and ``notes`` (what
    the reader repaired or noticed) followed by a note for each field that was cleaned."""
    notes = list(notes)
    for name in _FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = clean_string(fields[name], name, notes)
    wires = dateline_credits(fields.get("dateline"))  # "KYIV (AP)": the article credits a wire
    if wires:
        fields["cited_sources"] = unique([*wires, *(fields.get("cited_sources") or [])])
    if fields.get("cited_sources"):
        fields["cited_sources"] = _clean_cited(fields["cited_sources"], notes)
    return Document(notes=notes, **fields)


def clean_document(document: Document) -> Document:
    """``document`` itself, its unsafe characters replaced in place and noted."""
    notes: list[str] = []
    for name in _FIELDS:
        value = getattr(document, name)
        if isinstance(value, str):
            cleaned = clean_string(value, name, notes)
            if cleaned is not value:
                setattr(document, name, cleaned)
    document.cited_sources = _clean_cited(document.cited_sources, notes)
    for i, n in enumerate(document.notes):
        document.notes[i] = clean_string(n, "notes", notes) or n
    document.notes.extend(notes)
    return document


def add_notes(documents: Iterable, notes: Iterable[str]) -> list:
    """``documents`` (a reader's results: documents and errors), each document with ``notes``
    (what was repaired in the file they came from) put before its own."""
    notes = list(notes)
    out = list(documents)
    if notes:
        for d in out:
            if isinstance(d, Document):
                d.notes[:0] = notes
    return out
