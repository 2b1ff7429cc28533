"""Prefixes applied after normalization: position words on dates, modifiers on durations.

Position words put the mod START, MID or END on any DATE and join its extent ("early
January", "late 2025", "the end of the year", "the mid-1990s"); duration modifiers put
LESS_THAN, APPROX, MORE_THAN, ... on durations, inside the extent or outside it as TimeML
has it ("nearly a week" -> P1W LESS_THAN; "more than" stays outside). The word lists are
``[lexicon.position]`` and ``[lexicon.duration_modifiers]`` of ``data/time_rules.toml``.
"""

from __future__ import annotations

import re

from storyline.extract.times.candidates import Cand
from storyline.extract.times.grammar import Grammar, norm_key

_REACH = 30  # characters before an expression read for a prefix
_DASH = re.compile(r"[-‑]")
_PART_OF_DAY = re.compile(r"T[A-Z]{2}$")  # "late Thursday morning": a position word on a part of a day


def apply_prefixes(cands: list[Cand], text: str, gr: Grammar) -> None:
    """Extend the candidates (in text order) over their prefixes and set their mods."""
    prev_end = 0
    for c in cands:
        window_start = max(prev_end, c.start - _REACH)
        before = text[window_start:c.start]
        if (c.type == "DATE" and c.kind not in ("ref",)) or (c.type == "TIME" and _PART_OF_DAY.search(c.value)):
            m = gr.position.search(before)
            if m:
                mod = gr.position_mods.get(norm_key(_DASH.sub(" ", m.group("pos"))), "")
                if c.mod is None and mod:
                    c.mod = mod
                c.start = window_start + m.start()
        elif (c.type == "DURATION" or c.kind == "ago") and not gr.context.article.match(text[c.start:c.end]):
            # ("over the past three days": "over" is a preposition before a determiner)
            m = gr.duration_mod.search(before)
            if m:
                mod, include = gr.duration_mods.get(norm_key(m.group("dm")), ("", False))
                if mod:
                    c.mod = mod
                if include:
                    c.start = window_start + m.start()
        prev_end = c.end
