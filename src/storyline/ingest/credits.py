"""Wire credits: the agencies (or other outlets) an article says it is based on, from its
dateline ("KYIV (AP) —", "April 30 (Reuters) –") and its trailing credit lines ("Based on
reporting by AFP and Interfax", "Reporting by …; Editing by …", "With AFP").

The agencies and the credit lines are data (``data/wires.toml``). A credit becomes a
:class:`~storyline.model.CitedSource` with ``kind="wire"`` when it names an agency (its
canonical name is recorded), else ``kind="source"``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from storyline.data import load
from storyline.ingest.tables import layout
from storyline.model import CitedSource


@dataclass(frozen=True)
class _Rules:
    canonical: dict  # printed name -> canonical agency name
    anywhere: re.Pattern  # any printed name, as a whole word (case-sensitive)
    lines: tuple  # (compiled pattern, mode)
    separators: re.Pattern
    max_chars: int
    people_words: frozenset


@functools.cache
def _rules() -> _Rules:
    w = load("wires.toml")
    canonical = {alias: wire["name"] for wire in w["wire"] for alias in [wire["name"], *wire["aliases"]]}
    names = "|".join(re.escape(a) for a in sorted(canonical, key=len, reverse=True))
    return _Rules(
        canonical=canonical,
        anywhere=re.compile(rf"(?<![\w-])(?:{names})(?![\w-])"),
        lines=tuple((re.compile(line["pattern"], re.IGNORECASE), line["mode"]) for line in w["credits"]["line"]),
        separators=re.compile(w["credits"]["separators"], re.IGNORECASE),
        max_chars=int(w["credits"]["max_chars"]),
        people_words=frozenset(w["credits"]["people_words"]),
    )


def wire_name(name: str) -> Optional[str]:
    """The canonical name of the agency printed as ``name`` ("AP" -> "Associated Press")."""
    name = " ".join(name.split()).strip(" .")
    canonical = _rules().canonical
    return canonical.get(name) or (canonical.get(name[4:]) if name.lower().startswith("the ") else None)


def wire(name: str) -> Optional[CitedSource]:
    found = wire_name(name)
    return CitedSource(outlet=found, kind="wire") if found else None


def agency_credits(agency: str) -> list[CitedSource]:
    """The agencies in a dateline's brackets ("Reuters", "AP/AFP"); [] unless every name is one."""
    parts = [p for p in _rules().separators.split(agency) if p.strip()]
    found = [wire(p) for p in parts]
    return [c for c in found if c] if found and all(found) else []


def dateline_credits(dateline: Optional[str]) -> list[CitedSource]:
    """The wire agencies a dateline credits in brackets: "KYIV, Ukraine (AP)" -> [AP]."""
    m = re.search(r"\(([^()\n]{1,40})\)\s*$", dateline or "")
    return agency_credits(m.group(1)) if m else []


def _outlet(name: str) -> Optional[CitedSource]:
    src = layout()["sources"]
    name = name.strip(" .")
    if not name or len(name) > src["outlet_max_chars"] or len(name.split()) > src["outlet_max_words"]:
        return None
    return wire(name) or CitedSource(outlet=name)


def credit_line(line: str) -> Optional[list[CitedSource]]:
    """The credits of a trailing credit line, or None when the line is not one. A line
    crediting reporters and editors only is a credit line with no cited source ([])."""
    r = _rules()
    t = " ".join(line.split())
    if not t or len(t) > r.max_chars:
        return None
    for pattern, mode in r.lines:
        m = pattern.fullmatch(t)
        if not m:
            continue
        if mode == "people":
            words = re.findall(r"[^\W\d_][\w'’.-]*", m.group("names"))
            if not all(w[:1].isupper() or w.lower() in r.people_words for w in words):
                return None
            return unique(wire(n) for n in r.anywhere.findall(m.group("names")))
        names = [n for n in r.separators.split(m.group("names")) if n.strip()]
        found = [(_outlet(n) if mode == "outlets" else wire(n)) for n in names]
        if names and all(found):
            return unique(found)
    return None


def unique(cited: Iterable[Optional[CitedSource]]) -> list[CitedSource]:
    """``cited`` without repeats (the same outlet and kind) and without None."""
    out, seen = [], set()
    for c in cited:
        if c is not None and (c.outlet, c.kind) not in seen:
            seen.add((c.outlet, c.kind))
            out.append(c)
    return out
