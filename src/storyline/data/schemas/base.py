"""What every data-file schema shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A table in a data file: every key must be one the schema names."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Pending(BaseModel):
    """Placeholder while a file's schema is being written: accepts anything. Never shipped."""

    model_config = ConfigDict(extra="allow")
