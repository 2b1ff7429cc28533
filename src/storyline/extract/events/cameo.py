"""The CAMEO table (data/cameo_plover.tsv): each code's name, PLOVER type, mode and context,
and Goldstein score; and the groups of CAMEO roots the stage's conventions name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Optional

from storyline.data import load

# Material force: assault (18), fight (19), mass violence (20).
FORCE_ROOTS = ("18", "19", "20")
# What a party says another did with force is its accusation (112), not the act.
ACCUSABLE_ROOTS = FORCE_ROOTS
# Force used on a place is used on the country it belongs to ("shelled Donetsk" -> UKR).
PLACE_TARGET_ROOTS = FORCE_ROOTS
# Threats, protests, force posture, reduced relations, coercion and force: a promise of one of
# these ("pledged to expel") is coded as the act itself, announced, not as intent (03).
CONFLICT_ROOTS = ("13", "14", "15", "16", "17", "18", "19", "20")
# Coercion and force: acts whose target may be a bare place or group.
COERCION_ROOTS = ("17", "18", "19", "20")
# Appeals and threats: with no addressee and no coded aim they are no event.
ADDRESSED_ROOTS = ("02", "13")


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    plover: Optional[str]
    mode: Optional[str]
    context: Optional[str]
    goldstein: Optional[float]


@cache
def cameo_table() -> dict[str, CodeInfo]:
    """CAMEO code -> name, PLOVER type/mode/context and Goldstein score (cameo_plover.tsv)."""
    table: dict[str, CodeInfo] = {}
    for row in load("cameo_plover.tsv"):
        g = row.get("goldstein") or ""
        table[row["code"]] = CodeInfo(
            code=row["code"],
            name=row["name"],
            plover=row["plover"] or None,
            mode=row["mode"] or None,
            context=row["context"] or None,
            goldstein=float(g) if g else None,
        )
    return table


def same_kind(a: Optional[str], b: str) -> bool:
    """Two codes describe the same kind of act: the same CAMEO root, or both material force (18-20)."""
    if not a:
        return False
    return a[:2] == b[:2] or (a[:2] in FORCE_ROOTS and b[:2] in FORCE_ROOTS)
