"""The data files: lexicons, rule tables and dictionaries that drive the stages.

Each reads like a dictionary a linguist or analyst would keep; the code that uses it stays
general. Every file has a schema in :mod:`storyline.data.schemas` (pydantic models with
``extra="forbid"``), and :func:`load` validates the file against it the first time it is
read: a misspelled key is an error naming the file, the entry and the key, never a rule
that silently does nothing. Files are read once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import ValidationError

__all__ = ["DataFileError", "load", "read_text", "shipped_files", "validate"]


class DataFileError(ValueError):
    """A data file that does not match its schema, or has none."""


@cache
def read_text(name: str) -> str:
    """The text of a data file shipped with the package."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


def shipped_files() -> list[str]:
    """The names of every rule and lexicon file shipped with the package."""
    root = resources.files(__name__)
    return sorted(p.name for p in root.iterdir() if p.name.endswith((".toml", ".tsv")))


def _where(loc: tuple, raw: Any) -> str:
    """'[[verb]] entry 12 (lemma "attack")' for a pydantic error location."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list):
            label = f"entry {step + 1}"
            item = node[step] if step < len(node) else None
            if isinstance(item, dict):
                for key in ("name", "lemma", "id", "word", "code", "pattern"):
                    if isinstance(item.get(key), str):
                        label += f' ({key} "{item[key]}")'
                        break
            parts.append(label)
            node = item
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return " > ".join(parts)


def _complaint(name: str, exc: ValidationError, raw: Any) -> DataFileError:
    lines = []
    # a misspelled key is the likeliest mistake, and explains the "missing" one beside it
    for err in sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden"):
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            where = _where(loc[:-1], raw) or "top level"
            lines.append(f"{name}: {where}: unknown key {loc[-1]!r}")
        else:
            lines.append(f"{name}: {_where(loc, raw) or 'top level'}: {err['msg']}")
    more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
    return DataFileError(lines[0] + more)


def validate(name: str, raw: Any) -> Any:
    """Check ``raw`` (the parsed content of data file ``name``) against its schema."""
    from .schemas import SCHEMAS

    schema = SCHEMAS.get(name)
    if schema is None:
        raise DataFileError(f"{name}: no schema is declared for this data file (add one in storyline/data/schemas)")
    if isinstance(raw, list):  # a table: the schema is that of one row
        for i, row in enumerate(raw):
            try:
                schema.model_validate(row)
            except ValidationError as exc:
                raise _complaint(f"{name}: row {i + 1}", exc, row) from None
        return raw
    try:
        schema.model_validate(raw)
    except ValidationError as exc:
        raise _complaint(name, exc, raw) from None
    return raw


def _tsv_rows(text: str) -> list[dict[str, str]]:
    """Rows of a tab-separated file: '#' lines are comments, the first other line the
    header; a short row is padded with empty cells."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cols = ln.split("\t")
        rows.append(dict(zip(header, cols + [""] * (len(header) - len(cols)))))
    return rows


@cache
def load(name: str) -> Any:
    """A data file, parsed and validated (cached: treat the result as read-only).

    TOML files give a dict; TSV files a list of dicts, one per row, keyed by the header.
    """
    text = read_text(name)
    if name.endswith(".tsv"):
        raw = _tsv_rows(text)
    else:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataFileError(f"{name}: not valid TOML: {exc}") from None
    return validate(name, raw)

