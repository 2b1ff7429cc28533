"""Counts of people in news text, and when two of them disagree.

One reader for both places that compare figures: the in-article ``contradiction`` check
(``storyline.extract.checks``) and contradictions across outlets (``storyline.link.support``).
It reads the body text and what the stages recorded (times, entities, quotes); no parse.

A :class:`Figure` is a count of people with the quantity it measures ("killed", "wounded",
"arrested", ...; ``data/checks.toml`` ``[figures.quantities]``), its counted noun (the
*scope*: "" for people in general, "civilian", "child"), and the bounds its wording gives
("at least 40" is [40, inf); "about 200" is 150-250; a bare "214" is exactly 214). Two
figures disagree when their bounds do not meet; they are *comparable* only when they count
the same thing: same quantity, same scope, dates no more than ``date_gap_days`` apart, the
same places named, and neither marked as a part ("12 of the 40"), an increment ("another
12"), another incident or period ("a second blast", "since the war began"). A figure whose
sentence states an update ("the toll rose to 19") is never the second figure of a
contradiction. ``docs/corroboration.md`` gives the rules with examples.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
import math
import re
import weakref
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Optional, Sequence

from storyline.data import load
from storyline.model import Document, Span
from storyline.model.timex import Timex, parse_day
from storyline.textutil import alternation, fold
from storyline.lexicon.actors import country_of
from storyline.lexicon.figure_tokens import Tok, match_at, match_ending, sentence_spans, tokens

INF = math.inf
PLACE_TYPES = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class Figure:
    quantity: str
    scope: str
    value: float
    lo: float
    hi: float
    qualifier: str  # exact, round, approx, nearly, at_least, more_than, at_most, fewer_than, range
    text: str
    span: Span
    sentence: Span
    update: bool = False
    excluded: Optional[str] = None  # why it is never compared: subset, increment, distinct
    dates: tuple[tuple[date, date], ...] = ()
    unresolved: tuple[str, ...] = ()  # dates in its sentence with no calendar day ("February" in an undated article)
    dated_in_text: bool = False  # its dates are its sentence's own (not the document's)
    published: Optional[date] = None
    places: frozenset[str] = field(default_factory=frozenset)
    quote: Optional[int] = None
    main: frozenset[str] = field(default_factory=frozenset)  # the places its whole article is about

    @property
    def key(self) -> str:
        return f"{self.quantity}:{self.scope or 'people'}"


@dataclass
class _Words:
    after: dict[tuple[str, ...], str]
    before: dict[tuple[str, ...], str]
    tolls: dict[tuple[str, ...], str]
    qualifiers: dict[tuple[str, ...], str]
    auxiliaries: frozenset[str]
    toll_links: frozenset[str]
    numbers: dict[str, int]
    number_words: re.Pattern  # a digit or one of ``numbers``: a folded sentence without holds no figure
    multipliers: dict[str, int]
    range_words: frozenset[str]
    range_openers: frozenset[str]
    generic: frozenset[str]
    stop: frozenset[str]
    units: dict[tuple[str, ...], str]
    increments: frozenset[str]
    subset: re.Pattern
    update: re.Pattern
    distinct: re.Pattern
    comparison: re.Pattern
    recurrence: re.Pattern
    one_off_roots: frozenset[str]
    abbreviations: frozenset[str]
    carry_over: re.Pattern
    gap_days: int


def _phrases(words, value: str = "") -> dict[tuple[str, ...], str]:
    return {tuple(fold(w).split()): value or w for w in words}


def cue_pattern(words: Sequence[str]) -> re.Pattern:
    """A folded-text pattern matching any of ``words`` as whole words."""
    alternation = "|".join(re.escape(fold(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alternation + r")(?![\w])")


@cache
def words() -> _Words:
    raw = load("checks.toml")
    fig = raw["figures"]
    after: dict[tuple[str, ...], str] = {}
    before: dict[tuple[str, ...], str] = {}
    tolls: dict[tuple[str, ...], str] = {}
    for name, q in fig["quantities"].items():
        after.update(_phrases(q["after"], name))
        before.update(_phrases(q["before"], name))
        tolls.update(_phrases(q["tolls"], name))
    qualifiers: dict[tuple[str, ...], str] = {}
    for kind, ws in fig["qualifiers"].items():
        qualifiers.update(_phrases(ws, kind))
    scope, cues, nums = fig["scope"], fig["cues"], fig["numbers"]
    return _Words(
        after=after, before=before, tolls=tolls, qualifiers=qualifiers,
        auxiliaries=frozenset(fold(w) for w in fig["auxiliaries"]),
        toll_links=frozenset(fold(w) for w in fig["toll_links"]),
        numbers={fold(k): v for k, v in nums["words"].items()},
        number_words=re.compile(r"\d|(?<![^\W\d_])(?:" + alternation(map(fold, nums["words"])) + r")(?![^\W\d_])"),
        multipliers={fold(k): v for k, v in nums["multipliers"].items()},
        range_words=frozenset(nums["range_words"]), range_openers=frozenset(nums["range_openers"]),
        generic=frozenset(fold(w) for w in scope["generic"]),
        stop=frozenset(fold(w) for w in scope["stop"]),
        units=_phrases(scope["units"]),
        increments=frozenset(fold(w) for w in scope["increments"]),
        subset=cue_pattern(cues["subset"]), update=cue_pattern(cues["update"]),
        distinct=cue_pattern(cues["distinct"]),
        comparison=re.compile(cue_pattern(cues["comparison"]).pattern + r"[^.;]*?(?<![\w])since(?![\w])[^,;.]*",
                              re.IGNORECASE),
        recurrence=cue_pattern(raw["contradiction"]["recurrence"]),
        one_off_roots=frozenset(raw["contradiction"]["one_off_roots"]),
        abbreviations=frozenset(fold(w) for w in fig["abbreviations"]),
        carry_over=re.compile(cue_pattern(fig["carry_over"]).pattern.replace("(?<![\\w])", "^", 1)),
        gap_days=int(raw["contradiction"]["date_gap_days"]),
    )


# ---------------------------------------------------------------------------------------
# Numbers and their bounds
# ---------------------------------------------------------------------------------------


def _number(toks: list[Tok], i: int) -> Optional[tuple[float, int]]:
    """The number at token ``i`` ("214", "1,200", "1.2 million", "twelve"): (value, next index)."""
    w = words()
    t = toks[i]
    if t.kind == "num":
        value = float(t.text.replace(",", ""))
    elif t.kind == "word" and t.text in w.numbers:
        value = float(w.numbers[t.text])
    else:
        return None
    j = i + 1
    if j < len(toks) and toks[j].kind == "word" and toks[j].text in w.multipliers:
        value *= w.multipliers[toks[j].text]
        j += 1
    if value != int(value):
        return None  # "4.5" counts no people
    return value, j


def _rounding(value: float) -> float:
    """Half the unit a round number is rounded to: 200 -> 50, 40 -> 5, 214 -> 0."""
    n = int(value)
    if n < 10:
        return 0.0
    unit = 1
    while n % (unit * 10) == 0:
        unit *= 10
    return unit / 2 if unit > 1 else 0.0


def bounds(qualifier: str, value: float, upper: Optional[float] = None) -> tuple[float, float]:
    """The bounds a qualified number gives (``docs/corroboration.md``)."""
    tol = max(0.1 * value, _rounding(value))
    if qualifier == "range":
        return value - max(0.1 * value, _rounding(value)), upper + max(0.1 * upper, _rounding(upper))
    if qualifier in ("at_least", "more_than"):
        return value, INF
    if qualifier in ("at_most", "fewer_than"):
        return 0.0, value
    if qualifier == "nearly":
        return value - max(0.1 * value, 1.0), value
    if qualifier == "approx":
        return value - tol, value + tol
    r = _rounding(value)
    return value - r, value + r


# ---------------------------------------------------------------------------------------
# Reading figures
# ---------------------------------------------------------------------------------------


def _scope(toks: list[Tok], j: int) -> tuple[list[str], int, Optional[str]]:
    """Counted-noun words from token ``j``: (words, next index, unit or increment if any)."""
    w = words()
    out: list[str] = []
    while j < len(toks) and len(out) < 3 and toks[j].kind == "word":
        if match_at(toks, j, w.units):
            return out, j, "unit"
        t = toks[j].text
        if t in w.increments:
            return out, j, "increment"
        if t in w.stop or t in w.auxiliaries or match_at(toks, j, w.after):
            break
        out.append(t)
        j += 1
    return out, j, None


def _scope_key(scope_words: list[str]) -> str:
    """The counted noun, singular, with the words before it; a nationality before it is not
    part of it ("Seven Somali soldiers" counts soldiers, as "nine soldiers" does)."""
    w = words()
    scope_words = [t for t in scope_words[:-1] if country_of(t) is None] + scope_words[-1:]
    phrase = " ".join(scope_words)
    if not scope_words or phrase in w.generic:
        return ""
    last = scope_words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us")):
        last = last[:-1]
    return " ".join([*scope_words[:-1], last])


def _quantity(toks: list[Tok], first: int, j: int) -> Optional[tuple[str, int, int]]:
    """What the number between tokens ``first`` and ``j`` counts: (quantity, span start
    token, span end token), from the word after it, a toll or a verb before it."""
    w = words()
    k = j
    while k < len(toks) and toks[k].kind == "word" and toks[k].text in w.auxiliaries and k - j < 4:
        k += 1
    found = match_at(toks, k, w.after) if k < len(toks) else None
    if found:
        return found[1], first, found[0]
    link = first
    while link > 0 and toks[link - 1].kind == "word" and toks[link - 1].text in w.toll_links and first - link < 5:
        link -= 1
    toll = match_ending(toks, link, w.tolls)
    if toll:
        return toll[1], toll[0], j
    verb = match_ending(toks, first, w.before)
    if verb:
        return verb[1], verb[0], j
    return None


def _read_one(toks: list[Tok], i: int) -> Optional[tuple[str, str, float, float, float, str, int, int, Optional[str]]]:
    """The figure whose number is token ``i``, or None."""
    w = words()
    num = _number(toks, i)
    if num is None:
        return None
    value, j = num
    first = i
    qualifier = "exact"
    upper = None
    opener = i > 0 and toks[i - 1].kind == "word" and toks[i - 1].text in w.range_openers
    if j + 1 < len(toks) and (toks[j].text in w.range_words or toks[j].text in ("-", "\u2013")):
        second = _number(toks, j + 1)
        if second and second[0] > value and (opener or toks[j].text != "and"):
            qualifier, upper, j = "range", second[0], second[1]
            first = i - 1 if opener else i
    if qualifier == "exact":
        q = match_ending(toks, i, w.qualifiers)
        if q:
            first, qualifier = q[0], q[1]
        elif _rounding(value):
            qualifier = "round"
    excluded = None
    if first > 0 and toks[first - 1].kind == "word" and toks[first - 1].text in w.increments:
        excluded = "increment"  # "another 12", "a further 40"
    scope_words, k, stop = _scope(toks, j)
    if stop == "unit":
        return None
    if stop == "increment":
        excluded = "increment"  # "12 more people"
        scope_words, k, _ = _scope(toks, k + 1)
    counted = _quantity(toks, first, k)
    if counted is None:
        return None
    quantity, s, e = counted
    e = max(e, k)
    lo, hi = bounds(qualifier, value, upper)
    return quantity, _scope_key(scope_words), value, lo, hi, qualifier, s, e, excluded


class _Index:
    """The document's times and place mentions, sorted by where they start, so that each
    sentence and each token looks up its own instead of scanning the whole document."""

    def __init__(self, document: Document, main: frozenset[str]):
        order = sorted(range(len(document.times)), key=lambda i: document.times[i].span[0])
        self.times = [(i, document.times[i]) for i in order]  # (position in document.times, time)
        self.time_starts = [t.span[0] for _, t in self.times]
        merged: list[list[int]] = []
        for _, t in self.times:
            if merged and t.span[0] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], t.span[1])
            else:
                merged.append(list(t.span))
        self.covered = merged  # the stretches of text inside a time expression
        self.covered_starts = [a for a, _ in merged]
        ds = document.dateline_span
        places = sorted(
            (m[0], m[1], fold(ent.name))
            for ent in document.entities if ent.type in PLACE_TYPES
            for m in ent.mentions if not (ds and ds[0] <= m[0] < ds[1])
        )
        self.places, self.place_starts = places, [p[0] for p in places]
        self.main = main

    def times_in(self, s: int, e: int) -> list:
        """The times inside ``[s, e)``, in the order of ``document.times``."""
        found = self.times[bisect_left(self.time_starts, s):bisect_left(self.time_starts, e)]
        return [t for _, t in sorted(found, key=lambda it: it[0]) if t.span[1] <= e]

    def in_time(self, pos: int) -> bool:
        """Is ``pos`` inside a time expression?"""
        i = bisect_right(self.covered_starts, pos) - 1
        return i >= 0 and pos < self.covered[i][1]

    def places_in(self, s: int, e: int) -> frozenset[str]:
        found = self.places[bisect_left(self.place_starts, s):bisect_left(self.place_starts, e)]
        return frozenset(name for _, end, name in found if end <= e) - self.main


def _sentence_dates(document: Document, index: _Index, s: int, e: int) -> tuple[tuple[tuple[date, date], ...], tuple[str, ...]]:
    """The calendar intervals of the dates in ``[s, e)``, and the values that have none."""
    out, unresolved = [], []
    # "the deadliest attack since March": March dates the earlier attacks, not this figure
    compared = [m.span() for m in words().comparison.finditer(document.text, s, e)]
    for t in index.times_in(s, e):
        if any(a <= t.span[0] and t.span[1] <= b for a, b in compared):
            continue
        if t.type in ("DATE", "TIME"):
            if t.value.endswith("_REF"):
                continue  # "now", "recently": no other time
            timex = Timex.parse(t.value)
            interval = timex.interval(t.mod) if timex else None
            if interval:
                out.append(interval)
            else:
                unresolved.append(t.value)
    return tuple(out), tuple(sorted(unresolved))


def _main_places(document: Document) -> frozenset[str]:
    """The places the whole article is about: those in its dateline, and its most
    mentioned place (named at least twice)."""
    places = [e for e in document.entities if e.type in PLACE_TYPES]
    out = set()
    ds = document.dateline_span
    for e in places:
        if ds and any(ds[0] <= m[0] < ds[1] for m in e.mentions):
            out.add(fold(e.name))
    if places:
        top = max(places, key=lambda e: len(e.mentions))
        if len(top.mentions) >= 2:
            out.add(fold(top.name))
    return frozenset(out)


_READ: dict[int, tuple[tuple, list[Figure]]] = {}  # per live document: what was read, the figures


def read(document: Document) -> list[Figure]:
    """Every figure in the body of ``document``, in text order, with the quote each is in.
    Read once (by the quotes stage) and kept while what it reads (text, date, entities and
    mentions, times) is unchanged; the checks then only look the quotes up again."""
    key = (document.text, document.published, len(document.entities),
           sum(len(e.mentions) for e in document.entities), len(document.times))
    if (kept := _READ.get(id(document))) is None:
        weakref.finalize(document, _READ.pop, id(document), None)
    if kept is None or kept[0] != key:
        kept = _READ[id(document)] = (key, _read(document))
    return [replace(f, quote=document.quote_at(*f.span)) for f in kept[1]]


def _read(document: Document) -> list[Figure]:
    w = words()
    text = document.text
    index = _Index(document, _main_places(document))
    main = index.main
    published = parse_day(document.published)
    out: list[Figure] = []
    previous: tuple = ((), ())
    for ss, se in sentence_spans(text, w.abbreviations):
        sentence = fold(text[ss:se])
        own = _sentence_dates(document, index, ss, se)
        if not any(own) and w.carry_over.search(sentence):
            own = previous  # "It killed 612 people": the sentence before says when
        previous = own
        if not w.number_words.search(sentence):
            continue  # no number, no figure (most sentences): not tokenized
        toks = tokens(text, ss, se)
        cue = "subset" if w.subset.search(sentence) else "distinct" if w.distinct.search(
            w.comparison.sub(" ", sentence)) else None
        update = bool(w.update.search(sentence))
        intervals, unresolved = own
        dates = intervals or (((published, published),) if published and not unresolved else ())
        places = index.places_in(ss, se)
        used = -1
        for i, tok in enumerate(toks):
            if i <= used or index.in_time(tok.start):
                continue
            if i > 0 and toks[i - 1].text in ("$", "\u20ac", "\u00a3", "#"):
                continue
            got = _read_one(toks, i)
            if got is None:
                continue
            quantity, scope, value, lo, hi, qualifier, s, e, excluded = got
            span = (toks[s].start, toks[e - 1].end)
            used = max(i, e - 1)
            out.append(Figure(
                quantity=quantity, scope=scope, value=value, lo=lo, hi=hi, qualifier=qualifier,
                text=text[span[0]:span[1]], span=span, sentence=(ss, se), update=update,
                excluded=excluded or cue, dates=dates, unresolved=unresolved, places=places, main=main,
                quote=None, dated_in_text=bool(intervals or unresolved), published=published,
            ))
    return out


# ---------------------------------------------------------------------------------------
# Comparing figures
# ---------------------------------------------------------------------------------------


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def same_time(a: Figure, b: Figure) -> bool:
    """Both undated, or every date of each within ``date_gap_days`` of a date of the other.
    A date with no calendar day ("February" in an undated article) matches only itself."""
    if a.unresolved or b.unresolved:
        return a.unresolved == b.unresolved and not a.dates and not b.dates
    if not a.dates and not b.dates:
        return True
    if not a.dates or not b.dates:
        return False
    limit = words().gap_days
    far = lambda xs, ys: any(min(_gap(x, y) for y in ys) > limit for x in xs)  # noqa: E731
    return not far(a.dates, b.dates) and not far(b.dates, a.dates)


def same_places(a: Figure, b: Figure, *, same_document: bool = True) -> bool:
    """In one article, the same places named in both sentences. Across articles each names
    its own main places (its dateline, its most mentioned place) in some sentences and not
    others, so a place one figure names must be named by the other or be a main place of
    the other's article."""
    if same_document:
        return a.places == b.places
    return a.places <= (b.places | b.main) and b.places <= (a.places | a.main)


def comparable(a: Figure, b: Figure, *, same_document: bool = True) -> bool:
    """Do ``a`` and ``b`` count the same thing (quantity, scope, time, places)?"""
    return (
        a.quantity == b.quantity and a.scope == b.scope
        and a.excluded is None and b.excluded is None
        and same_places(a, b, same_document=same_document) and same_time(a, b)
    )


def disagree(a: Figure, b: Figure) -> bool:
    """The bounds of ``a`` and ``b`` do not meet."""
    return a.hi < b.lo or b.hi < a.lo


def conflict(earlier: Figure, later: Figure, *, same_document: bool) -> bool:
    """Is the pair a contradiction? In one document an update cue on either figure excuses
    it; across documents only one on the later report's figure (it says the toll rose)."""
    if same_document and (earlier.sentence == later.sentence or earlier.update):
        return False
    if later.update:
        return False
    return comparable(earlier, later, same_document=same_document) and disagree(earlier, later)


PAIR_WINDOW = 10  # a figure is compared with the last 10 of its group: pairs grow with the length, not its square


def in_document(figures: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """The contradicting pairs of one document's figures, in text order (by first figure, then second)."""
    groups: dict[tuple, list[tuple[int, Figure]]] = {}  # only figures of one group can be comparable
    pairs: list[tuple[int, int, Figure, Figure]] = []
    for j, b in enumerate(figures):
        if b.excluded is None:
            group = groups.setdefault((b.quantity, b.scope, b.places), [])
            pairs += [(i, j, a, b) for i, a in group[-PAIR_WINDOW:] if conflict(a, b, same_document=True)]
            group.append((j, b))
    return [(a, b) for _, _, a, b in sorted(pairs, key=lambda p: p[:2])]


def one_off(root: str, status: str, target_is_person: bool, sentence: str) -> bool:
    """Does an event happen once to its target (an arrest, a release, an assassination of a
    named person), so that two dates for it contradict? Not when its sentence says it recurred."""
    w = words()
    return (
        root in w.one_off_roots and status == "reported" and target_is_person
        and not w.recurrence.search(fold(sentence))
    )


def current(f: Figure) -> bool:
    """Does ``f`` count the news of its own report: no date of its own, or dates within
    ``date_gap_days`` of its document's date ("In 2004 the tsunami killed 230,000" is not)?"""
    if not f.dated_in_text:
        return True
    if f.published is None or f.unresolved:
        return False
    day = (f.published, f.published)
    return all(_gap(d, day) <= words().gap_days for d in f.dates)


def leads(figures: Sequence[Figure]) -> list[Figure]:
    """The figure a report leads with for each quantity and scope: its first one, when that is
    comparable and counts the report's own news. Later figures of an article are often
    details, other incidents or background; a lead that is a part or another incident leaves
    the quantity without a lead."""
    out: dict[str, Figure] = {}
    for f in figures:
        out.setdefault(f.key, f)
    return [f for f in out.values() if f.excluded is None and current(f)]


def describe(f: Figure) -> str:
    """A figure as a reader would restate it: '"at least 40 people were wounded" (wounded >= 40)'."""
    rng = f">= {f.lo:g}" if f.hi == INF else f"= {f.value:g}" if f.lo == f.hi else f"{f.lo:g}-{f.hi:g}"
    return f'"{f.text}" ({f.quantity}{" " + f.scope if f.scope else ""} {rng})'
