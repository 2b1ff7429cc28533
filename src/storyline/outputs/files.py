"""``--out DIR``: one ``<name>.json`` per document, named after the file it came from."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.model import Document


class OutDir:
    """A directory receiving one JSON record per document; names are made unique
    (``talks.json``, ``talks-2.json``, ...) when several documents share a source file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()

    def _name(self, doc: Document) -> str:
        stem = Path(doc.source.split(":")[0]).stem or "document"
        name, n = stem, 1
        while name in self._used:
            n += 1
            name = f"{stem}-{n}"
        self._used.add(name)
        return name

    def write(self, doc: Document) -> Path:
        target = self.path / f"{self._name(doc)}.json"
        target.write_text(doc.model_dump_json(indent=2) + "\n", encoding="utf-8")
        return target
