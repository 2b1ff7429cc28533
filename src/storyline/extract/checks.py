"""The ``checks`` stage: things in the record that do not add up, raised as flags.

Each check is a function ``check(document, parsed) -> list[Flag]`` listed in
:data:`CHECKS`; the stage runs them in order and appends their flags. A check reads what
earlier stages produced (times, quotes, events) and never changes it.

``anachronism``
    The text reports as past an event dated after the document's publication date (an
    article "Published January 26, 2025" describing a capture "on January 3, 2026").
    Dates that the document date itself produced ("next week") cannot conflict, and a date
    governed by a plan, expectation, modal or future ("is expected to begin in early 2027",
    "will", "plans to", "scheduled for") is not reported as past. One flag per document: the
    printed date is the one inconsistency; it names the published date, the first
    conflicting event date and their spans, and lists any further conflicting dates in
    ``details["also"]``.

``contradiction``
    The article gives two figures that cannot both be true for the same quantity ("a death
    toll of 214" and later "186 people were killed"; "at least 40 wounded" and "12
    wounded"), or two different explicit dates for the same event (same event code, same
    source and target). What counts as "the same quantity" is
    :mod:`storyline.lexicon.figures` (shared with the comparison across outlets): the same
    measured word and counted noun, the same time and places, neither a part, an increment,
    another incident, a range or approximation that the other fits, nor an update the article
    states ("the toll rose to 19"). One flag per quantity (and per event) naming both figures
    and their spans; further disagreeing figures for it are listed in ``details["also"]``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Callable, Optional

from storyline.data import load
from storyline.extract.tense import tense_from_parse, tense_in_text
from storyline.lexicon import figures
from storyline.model import Document, Event, Flag, Time
from storyline.model.timex import DOCUMENT_DATE, Timex, date_part
from storyline.pipeline.stage import Parse, stage
from storyline.textutil import fold

Check = Callable[[Document, object], list[Flag]]


@cache
def _published_cue() -> re.Pattern:
    """Words that print the publication date before it on its line ("Published ...")."""
    raw = load("checks.toml")["anachronism"]
    words = sorted(set(raw["published_cues"]), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(r"(?i)\b(?:" + alternation + r")\b[^\n]{0," + str(int(raw["cue_reach"])) + r"}$")


def earliest_start(value: str, mod: Optional[str] = None) -> Optional[date]:
    """The first day a TIMEX3 DATE/TIME value can refer to (narrowed by START/MID/END).

    None for values without a known calendar interval (``XXXX-01``, durations, references)
    and for centuries, which the check never reads (too coarse to contradict a date).
    """
    timex = Timex.parse(value)
    if timex is None or timex.unit == "century":
        return None
    interval = timex.interval(mod)
    return interval[0] if interval else None


def _prenominal(parsed, t: Time) -> bool:
    """A date used as a modifier of a noun ("the 2028 Olympics", "the 2030 target") names an
    event or a plan; it does not report that something happened then."""
    if parsed is None:
        return False
    span = parsed.char_span(t.span[0], t.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod", "nummod", "npadvmod") and root.head.i > root.i and root.head.pos_ in ("NOUN", "PROPN")


def _tense(document: Document, parsed, t: Time) -> Optional[str]:
    s, e = t.span
    tense = tense_from_parse(parsed, s, e) if parsed is not None else None
    if tense is None:
        tense = tense_in_text(document.text, s, e)
    return tense


def _published_time(document: Document, published: date) -> Optional[Time]:
    """The time expression that prints the publication date in the text, if any."""
    printed = str(Timex.of_day(published))
    for t in document.times:
        if t.value == printed and t.anchor is None:
            line_start = document.text.rfind("\n", 0, t.span[0]) + 1
            if _published_cue().search(document.text[line_start:t.span[0]]):
                return t
    return None


def anachronism(document: Document, parsed) -> list[Flag]:
    published = document.published_date
    if published is None:
        return []
    conflicts: list[Time] = []
    for t in document.times:
        if t.type not in ("DATE", "TIME") or t.anchor == DOCUMENT_DATE:
            continue  # dates computed from the document date cannot contradict it
        start = earliest_start(t.value, t.mod)
        if start is None or start <= published:
            continue
        if _prenominal(parsed, t) or _tense(document, parsed, t) != "past":
            continue
        conflicts.append(t)
    if not conflicts:
        return []
    # the most precise conflicting date names the event; ties: the first in the text
    precision = lambda t: len(date_part(t.value))  # noqa: E731  (the longer, the finer)
    primary = max(conflicts, key=lambda t: (precision(t), -t.span[0]))
    pub_time = _published_time(document, published)
    spans = [tuple(primary.span)]
    if pub_time is not None:
        spans.insert(0, tuple(pub_time.span))
    details = {
        "published": published.isoformat(),
        "event_date": primary.value,
        "event_text": primary.text,
        "event_time": primary.id,
        "event_span": f"{primary.span[0]}-{primary.span[1]}",
    }
    if pub_time is not None:
        details["published_text"] = pub_time.text
        details["published_span"] = f"{pub_time.span[0]}-{pub_time.span[1]}"
    others = [t for t in conflicts if t is not primary]
    if others:
        details["also"] = "; ".join(f'{t.value}{" " + t.mod if t.mod else ""} ("{t.text}", {t.id})' for t in others)
    pub_words = f' ("{pub_time.text}")' if pub_time is not None else ""
    message = (
        f"The document is dated {published.isoformat()}{pub_words} but reports as past an event "
        f'dated {primary.value} ("{primary.text}"), after its publication'
    )
    if others:
        message += f"; {len(others)} more such date{'s' if len(others) > 1 else ''}"
    return [Flag(type="anachronism", message=message, spans=spans, details=details)]


ALSO_SHOWN = 10


def _figure_flag(pairs: list[tuple[figures.Figure, figures.Figure]]) -> Flag:
    a, b = pairs[0]
    details = {
        "kind": "figure",
        "quantity": a.quantity,
        "scope": a.scope or "people",
        "figure_a": a.text,
        "value_a": f"{a.value:g}",
        "span_a": f"{a.span[0]}-{a.span[1]}",
        "figure_b": b.text,
        "value_b": f"{b.value:g}",
        "span_b": f"{b.span[0]}-{b.span[1]}",
    }
    if len(pairs) > 1:  # the other pairs, the first ALSO_SHOWN of them: a flag's size is bounded
        shown = [f'"{x.text}" vs "{y.text}"' for x, y in pairs[1:1 + ALSO_SHOWN]]
        more = len(pairs) - 1 - len(shown)
        details["also"] = "; ".join(shown) + (f"; and {more} more pair{'s' * (more > 1)}" if more else "")
    message = (
        f"Two figures for the same quantity disagree: {figures.describe(a)} and later {figures.describe(b)}"
    )
    return Flag(type="contradiction", message=message, spans=[tuple(a.span), tuple(b.span)], details=details)


def _explicit_day(document: Document, event: Event) -> Optional[str]:
    """The event's date when the text states it to the day (not the document date)."""
    if event.date_source != "text" or not event.time or not event.date or len(event.date) < 10:
        return None
    return event.date[:10]


def _compatible_sources(a: Event, b: Event) -> bool:
    """The same source, or one unnamed or a less specific code of the other ("MIL", "ISRMIL")."""
    if a.source_entity and b.source_entity:
        return a.source_entity == b.source_entity
    x, y = a.source or "", b.source or ""
    return not x or not y or x.endswith(y) or y.endswith(x)


def _one_off(document: Document, ev: Event) -> Optional[str]:
    """The person an event happens to once (an arrest, a release), or None."""
    target = document.entity(ev.target_entity) if ev.target_entity else None
    if target is None or not figures.one_off(ev.root, ev.status, target.type == "PERSON", ev.sentence):
        return None
    return target.id


def _time(document: Document, time_id: Optional[str]) -> Optional[Time]:
    return next((t for t in document.times if t.id == time_id), None)


def _date_flag(document: Document, first: Event, ev: Event) -> Flag:
    ta, tb = _time(document, first.time), _time(document, ev.time)
    spans = [tuple(t.span) for t in (ta, tb) if t is not None]
    target = document.entity(ev.target_entity)
    details = {
        "kind": "date", "code": ev.code, "target": target.name if target else "",
        "date_a": first.date[:10], "date_b": ev.date[:10],
        "date_a_text": ta.text if ta else "", "date_b_text": tb.text if tb else "",
        "event_a_span": f"{first.span[0]}-{first.span[1]}", "event_b_span": f"{ev.span[0]}-{ev.span[1]}",
    }
    message = (
        f'One event ({ev.code} "{ev.trigger}", {details["target"]}) is dated {details["date_a"]} '
        f'("{details["date_a_text"]}") and also {details["date_b"]} ("{details["date_b_text"]}")'
    )
    return Flag(type="contradiction", message=message, spans=spans, details=details)


def _date_flags(document: Document) -> list[Flag]:
    """Two explicit dates for one event that happens once to a named person: same code,
    same target, compatible sources, stated to the day in two sentences."""
    dated: list[tuple[Event, str, str]] = []
    for ev in document.events:
        day, person = _explicit_day(document, ev), _one_off(document, ev)
        if day and person:
            dated.append((ev, day, person))
    flags: list[Flag] = []
    flagged: set[tuple[str, str]] = set()
    for i, (a, day_a, person) in enumerate(dated):
        for b, day_b, other in dated[i + 1:]:
            key = (a.code, person)
            if other != person or a.code != b.code or day_a == day_b or key in flagged:
                continue
            if a.sentence == b.sentence or not _compatible_sources(a, b):
                continue
            flagged.add(key)
            flags.append(_date_flag(document, a, b))
    return flags


def contradiction(document: Document, parsed) -> list[Flag]:
    pairs = figures.in_document(figures.read(document))
    by_key: dict[str, list[tuple[figures.Figure, figures.Figure]]] = {}
    for a, b in pairs:
        by_key.setdefault(a.key, []).append((a, b))
    flags = [_figure_flag(group) for group in by_key.values()]
    return flags + _date_flags(document)


CHECKS: list[Check] = [anachronism, contradiction]
"""The checks the stage runs, in order. Add a new check by appending a function."""


@stage("checks", requires=('parse', 'times', 'published'), assigns=('flags',))
def run(document: Document, parse: Parse) -> None:
    parsed = parse.doc
    for check in CHECKS:
        document.flags.extend(check(document, parsed))
