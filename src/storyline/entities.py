"""Stage placeholder: filled in by its issue."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Document


def run(document: Document, parsed: Doc) -> None:
    return None
