"""The ``times`` stage: find temporal expressions and normalize them to TimeML TIMEX3 values.

The tagger is a rule system in the style of HeidelTime: compiled regular expressions over
the text, written in ``data/time_rules.toml`` with placeholders for the word lists kept in
the same file (months, weekdays, units, number words, modifiers). Each rule names a
*normalizer* (``kind``) that turns the match into a value against the anchor (the
document date). Work per document is a fixed number of regex scans, so the tagger runs at
thousands of sentences per second; the spaCy parse, when the pipeline has one, is used
only to read the tense of the verb governing an expression (``said on Monday`` is the
Monday before, ``will strike on Friday`` the Friday after). Without a parse a cheap
lexical cue scan of the sentence stands in (:mod:`storyline.extract.tense`).

Resolution rules, in short (``docs/time.md`` explains them):

* Deictic and relative expressions ("yesterday", "last week", "two years ago") resolve
  against the document date; without one they keep only what the text says
  (``XXXX-WXX``, ``XXXX-01``).
* Year-less months ("in early January", "Jan. 5") take their year from the reference
  frame: the document date, unless the text prints a full date whose year differs from
  the document's (and which lies within a year of it) and the month is at least as close
  to that date; then that date is the anchor (its time id).

The package, one concern a module: ``grammar`` (the rule table), ``candidates`` (where the
rules match) and ``context`` (ambiguous words), the normalizers by family (``dates``,
``relative``, ``durations``, ``clock``; shared readers in ``reading``, arithmetic in
``calendar``), then ``modifiers`` (prefixes) and ``frame`` (year-less months). Values are
written through :class:`storyline.model.timex.Timex`.

:func:`normalize` is the pure entry point (text + anchor date -> ``Time`` records);
:func:`run` is the pipeline stage.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from storyline.extract.times import clock, dates, durations, relative
from storyline.extract.times.relative import same_day_parts
from storyline.extract.times.candidates import Cand, candidates
from storyline.extract.times.frame import resolve_yearless
from storyline.extract.times.grammar import grammar
from storyline.extract.times.modifiers import apply_prefixes
from storyline.extract.times.reading import Ctx
from storyline.model import Document, Time
from storyline.model.timex import parse_day
from storyline.pipeline.stage import Parse, stage

__all__ = ["MAX_TEXT", "NORMALIZERS", "dateline_day", "grammar", "normalize", "run"]

MAX_TEXT = 2_000_000  # characters examined per document (bounded work on odd input)

NORMALIZERS = {**dates.NORMALIZERS, **relative.NORMALIZERS, **durations.NORMALIZERS, **clock.NORMALIZERS}
"""The normalizer of each rule ``kind``: ``fn(candidate, ctx) -> bool`` (False drops it)."""


def _normalized(cands: list[Cand], x: Ctx) -> list[Cand]:
    """The candidates their normalizer accepts (a normalizer that trips on odd input drops it)."""
    kept: list[Cand] = []
    for c in cands:
        fn = NORMALIZERS.get(c.kind)
        if fn is None:
            continue
        try:
            ok = fn(c, x)
        except (ValueError, KeyError, OverflowError):
            ok = False
        if ok:
            kept.append(c)
    return kept


def _records(kept: list[Cand], text: str) -> list[Time]:
    """``Time`` records with ids t1, t2, ... in text order; a frame anchor becomes its id."""
    ids = {id(c): f"t{i}" for i, c in enumerate(kept, 1)}
    out = []
    for c in kept:
        anchor_ref = c.anchor
        if isinstance(anchor_ref, Cand):
            anchor_ref = ids.get(id(anchor_ref))
        out.append(
            Time(
                id=ids[id(c)],
                text=text[c.start:c.end],
                value=c.value,
                mod=c.mod,
                type=c.type,
                span=(c.start, c.end),
                anchor=anchor_ref,
            )
        )
    return out


_YEARLESS_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")


def dateline_day(dateline: Optional[str]) -> Optional[date]:
    """The month and day a dateline states ("KYIV, June 12 (Reuters)"), held in a common year
    (2001; the year is not known, and three years in four are common), or in the leap year
    2000 for February 29; None when the dateline gives no day."""
    if not dateline or len(dateline) > 200:
        return None
    for t in normalize(dateline):
        m = _YEARLESS_DAY.match(t.value or "")
        if m:
            month, day = int(m.group(1)), int(m.group(2))
            return date(2000 if (month, day) == (2, 29) else 2001, month, day)
    return None


def normalize(text: str, anchor: Optional[str] = None, parsed=None, day_only: Optional[date] = None) -> list[Time]:
    """Find and normalize the temporal expressions in ``text``.

    ``anchor`` is the document date (``YYYY-MM-DD``) that relative expressions resolve
    against; ``parsed`` (optional) is a spaCy ``Doc`` of the same text, used only for tense;
    ``day_only`` (without an anchor) is a month and day from the dateline ("yesterday" is
    the day before it, year unknown).
    Returns ``Time`` records with ids t1, t2, ... in text order.
    """
    if not text:
        return []
    text = text[:MAX_TEXT]
    gr = grammar()
    dct = parse_day(anchor)
    x = Ctx(text, dct, parsed, gr, None if dct else day_only)
    kept = _normalized(candidates(text, gr), x)
    apply_prefixes(kept, text, gr)
    resolve_yearless(kept, dct, x)
    same_day_parts(kept, text)
    return _records(kept, text)


@stage("times", requires=('text', 'published', 'dateline', 'parse'), assigns=('times',), loads=(grammar,))
def run(document: Document, parse: Parse) -> None:
    """Pipeline stage: fill ``document.times`` (ids t1, t2, ...). Without a publication date,
    a month and day in the dateline anchor "yesterday" and "today" (year unknown)."""
    parsed = parse.doc
    day = None if document.published else dateline_day(document.dateline)
    document.times = normalize(document.text, document.published, parsed, day)
