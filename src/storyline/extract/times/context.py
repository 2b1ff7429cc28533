"""Context conditions: the text around a match decides whether an ambiguous word is a time.

"May" and "March" alone are months only after a cue ("in May"); a month before a
capitalized word is a first name ("June Carter"); a bare season needs a cue ("in spring",
not "to fall") and is an event before "of" ("the fall of Kabul"); a counted unit before
"old" is an age; old and clipped years need a cue ("in 1848", "the class of '58"), and a
year before a plural noun is a count ("1990 votes"). The patterns and word lists are the
``[context]`` table of ``data/time_rules.toml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.extract.times.grammar import Grammar, norm_key

if TYPE_CHECKING:
    from storyline.extract.times.candidates import Cand

_BEFORE = 30  # characters before a match read for a cue
_YEAR_CUE_REACH = 20
_NUMBER_BEFORE = re.compile(r"\d[\s-]*$")
_DASH = re.compile(r"[-‑]")


def context_ok(c: "Cand", text: str, gr: Grammar) -> bool:
    """May candidate ``c`` stand, given the text around it?"""
    if c.kind == "date":
        return _month_alone_ok(c, text, gr) and _year_ok(c, text, gr)
    if c.kind == "season":
        return _season_ok(c, text, gr)
    if c.kind in ("duration", "vague_duration"):
        return _duration_ok(c, text, gr)
    if c.kind == "ref":
        return not (norm_key(c.g["ref"]) in gr.context.not_before_dash and _DASH.match(text[c.end:c.end + 1]))
    return True


def _before(c: "Cand", text: str) -> str:
    return text[max(0, c.start - _BEFORE):c.start]


def _month_alone_ok(c: "Cand", text: str, gr: Grammar) -> bool:
    """A month name standing alone: not "May" the verb, not "June" the first name."""
    g, ctx = c.g, gr.context
    if "month" not in g or "day" in g or "year" in g or "rel" in g:
        return True
    before = _before(c, text)
    if g["month"] in ctx.ambiguous_months and not ctx.month_cue.search(before):
        return False
    words_after = text[c.end:c.end + 12].split()
    if (
        g["month"] not in ctx.months_not_names
        and ctx.name_after.match(text[c.end:c.end + 4])
        and not ctx.name_cue.search(before)
        and not gr.weekdays.get(words_after[0].lower() if words_after else "")
    ):
        return False  # "June Carter", "April Ryan": a first name
    # a sentence-initial month name followed by a verb-like word is rare; keep it
    return True


def _year_ok(c: "Cand", text: str, gr: Grammar) -> bool:
    """An old or clipped year, or a year before a plural noun, needs a date-like word before it."""
    g, ctx = c.g, gr.context
    year_alone = set(g) <= {"year"}
    old_or_clipped = ("year" in g and year_alone and int(g["year"]) < 1900) or "yy" in g
    count_like = year_alone and ctx.count_noun_after.match(text[c.end:c.end + 30])
    if old_or_clipped or count_like:
        # "in 1848", "the class of '58"; otherwise "1990 votes" is a count
        return bool(ctx.year_cue_before.search(text[max(0, c.start - _YEAR_CUE_REACH):c.start]))
    return True


def _season_ok(c: "Cand", text: str, gr: Grammar) -> bool:
    g, ctx = c.g, gr.context
    if "rel" in g or "year" in g:
        return True
    if not ctx.season_cue.search(_before(c, text)) and not ctx.article.match(text[c.start:c.end]):
        return False
    return not ctx.season_event_after.match(text[c.end:c.end + 8])  # "the fall of Kabul"


def _duration_ok(c: "Cand", text: str, gr: Grammar) -> bool:
    g, ctx = c.g, gr.context
    if ctx.age_after.match(text[c.end:c.end + 6]):
        return False  # an age ("a 22-year-old son", "71 years old"), not a time
    if c.kind == "vague_duration" and _NUMBER_BEFORE.search(text[max(0, c.start - 3):c.start]):
        return False  # the unit of a number the counted rule rejected
    if c.kind == "duration":
        unit = g.get("unit", "").lower()
        if unit in ctx.ordinal_units and g.get("num", "").lower() in ctx.ordinal_units[unit]:
            return False  # "a second attack"
    return True
