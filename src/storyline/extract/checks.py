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
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, Optional

from storyline.model import Document, Flag, Time
from storyline.pipeline.stage import Parse, stage
from storyline.extract.times import DOCUMENT_DATE, tense_from_parse, tense_in_text

Check = Callable[[Document, object], list[Flag]]

_PUBLISHED_CUE = re.compile(r"(?i)\b(?:published|updated|posted|dated|first\s+published|last\s+updated)\b[^\n]{0,20}$")


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


def earliest_start(value: str, mod: Optional[str] = None) -> Optional[date]:
    """The first day a TIMEX3 DATE/TIME value can refer to (narrowed by START/MID/END)."""
    v = value.split("T", 1)[0]
    lo = hi = None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
            lo = hi = date(int(m[1]), int(m[2]), int(m[3]))
        elif m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            lo, hi = date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
        elif m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", v):
            lo = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            hi = lo + timedelta(days=6)
        elif m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            q = int(m[2])
            lo, hi = date(int(m[1]), 3 * q - 2, 1), _month_end(int(m[1]), 3 * q)
        elif m := re.fullmatch(r"(\d{4})-H([12])", v):
            h = int(m[2])
            lo, hi = date(int(m[1]), 6 * h - 5, 1), _month_end(int(m[1]), 6 * h)
        elif m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
            lo = date(int(m[1]), start, 1)
            hi = lo + timedelta(days=89)
        elif m := re.fullmatch(r"(\d{4})", v):
            lo, hi = date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        elif m := re.fullmatch(r"(\d{3})", v):
            lo, hi = date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    if lo is None:
        return None
    if mod in ("MID", "END"):
        k = 1 if mod == "MID" else 2
        if re.fullmatch(r"\d{4}", v):  # a year in thirds: Jan-Apr, May-Aug, Sep-Dec
            return date(lo.year, 1 + 4 * k, 1)
        if re.fullmatch(r"\d{4}-\d{2}", v):  # a month: 1-10, 11-20, 21-end
            return lo + timedelta(days=10 * k)
        return lo + timedelta(days=k * ((hi - lo).days + 1) // 3)
    return lo


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
    for t in document.times:
        if t.value == published.isoformat() and t.anchor is None:
            line_start = document.text.rfind("\n", 0, t.span[0]) + 1
            if _PUBLISHED_CUE.search(document.text[line_start:t.span[0]]):
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
    precision = lambda t: len(t.value.split("T", 1)[0])  # noqa: E731
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


CHECKS: list[Check] = [anachronism]
"""The checks the stage runs, in order. Add a new check by appending a function."""


@stage("checks", requires=('parse', 'times', 'published'), assigns=('flags',))
def run(document: Document, parse: Parse) -> None:
    parsed = parse.doc
    for check in CHECKS:
        document.flags.extend(check(document, parsed))
