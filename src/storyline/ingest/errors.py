"""The one error ingest reports: a file (or one record of it) that is not an article."""

from __future__ import annotations

from pathlib import Path
from typing import Union

PathLike = Union[str, Path]


class IngestError(Exception):
    """A file (or one line of a JSON Lines file) that cannot be read as an article.

    ``str(error)`` is one line: ``"examples/x.bin: binary file, not an article"``.
    """

    def __init__(self, source: PathLike, message: str):
        self.source = str(source)
        self.message = message
        super().__init__(f"{self.source}: {message}")
