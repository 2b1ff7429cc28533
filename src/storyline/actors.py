"""Actor coding (being written by the lead; API fixed here).

code_span(span) -> Actor | None: CAMEO-style country + sector for a spaCy Span
country_of(name) -> ISO3 | None: country names, demonyms, capitals/seats of government
"""
from __future__ import annotations
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Actor:
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None

    @property
    def code(self) -> Optional[str]:
        if not self.country and not self.sector:
            return None
        return (self.country or "") + (self.sector or "")


def country_of(name: str) -> Optional[str]:
    return None


def code_span(span) -> Optional[Actor]:
    return None
