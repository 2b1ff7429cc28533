"""The JSON record of each document (the output contract), JSON Lines, and its JSON schema."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable

from storyline.outputs.registry import register

if TYPE_CHECKING:
    from storyline.model import Document


def to_json(docs: list[Document], indent: int | None = 2) -> str:
    """One document as a JSON object, several as one JSON array."""
    if len(docs) == 1:
        return docs[0].model_dump_json(indent=indent)
    return json.dumps([d.model_dump(mode="json") for d in docs], indent=indent, ensure_ascii=False)


def to_jsonl(docs: Iterable[Document]) -> str:
    """One JSON object per line."""
    return "".join(d.model_dump_json() + "\n" for d in docs)


def schema_json() -> str:
    """The JSON schema of the record, as ``storyline schema`` prints it."""
    from storyline.model import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


register("json", lambda docs: to_json(docs) + "\n",
         help="the record; several documents as one JSON array, written at the end")
register("jsonl", lambda doc: to_jsonl([doc]), streams=True, help="one JSON record per line")
