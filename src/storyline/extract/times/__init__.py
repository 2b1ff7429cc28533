"""The ``times`` stage: find temporal expressions and normalize them to TimeML TIMEX3 values.

The tagger is a rule system in the style of HeidelTime: compiled regular expressions over
the text, written in ``data/time_rules.toml`` with placeholders for the word lists kept in
the same file (months, weekdays, units, number words, modifiers). Each rule names a
*normalizer* (``kind``) below that turns the match into a value against the anchor
(the document date). Work per document is a fixed number of regex scans, so the tagger
runs at thousands of sentences per second; the spaCy parse, when the pipeline has one, is
used only to read the tense of the verb governing an expression (``said on Monday`` is the
Monday before, ``will strike on Friday`` the Friday after). Without a parse a cheap
lexical cue scan of the sentence stands in.

Resolution rules, in short (``docs/time.md`` explains them):

* Deictic and relative expressions ("yesterday", "last week", "two years ago") resolve
  against the document date; without one they keep only what the text says
  (``XXXX-WXX``, ``XXXX-01``).
* Year-less months ("in early January", "Jan. 5") take their year from the reference
  frame: the document date, unless the text prints a full date whose year differs from
  the document's (and which lies within a year of it) and the month is at least as close
  to that date; then that date is the anchor (its time id).

:func:`normalize` is the pure entry point (text + anchor date -> ``Time`` records);
:func:`run` is the pipeline stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from bisect import bisect_left
from functools import cache
from typing import Optional

from storyline.data import load_toml
from storyline.model import Document, Time
from storyline.model.timex import parse_day
from storyline.pipeline.stage import Parse, stage

MAX_TEXT = 2_000_000  # characters examined per document (bounded work on odd input)
DOCUMENT_DATE = "document date"


# --------------------------------------------------------------------------- rule table
@dataclass(frozen=True)
class _Rule:
    name: str
    kind: str
    regex: re.Pattern
    needs: Optional[re.Pattern] = None


@dataclass
class _Grammar:
    rules: list[_Rule]
    trigger: re.Pattern
    not_time: list[tuple[re.Pattern, Optional[re.Pattern]]]
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    pods: dict[str, str]
    units: dict[str, tuple[str, bool, int]]
    vague_units: dict[str, str]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    relative: dict[str, int]
    deictic: dict[str, int]
    decade_words: dict[str, str]
    frequency: dict[str, str]
    references: dict[str, str]
    position: re.Pattern
    position_mods: dict[str, str]
    duration_mod: re.Pattern
    duration_mods: dict[str, tuple[str, bool]]
    ambiguous_months: frozenset[str]
    name_after: re.Pattern
    name_cue: re.Pattern
    season_cue: re.Pattern
    months_not_names: frozenset[str]
    count_noun_after: re.Pattern
    year_cue_before: re.Pattern
    month_cue: re.Pattern
    future_cue: re.Pattern
    past_cue: re.Pattern
    not_past: frozenset[str]
    reporting: frozenset[str]
    reporting_reach: int


def _alt(words, flexible_space: bool = True) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if flexible_space:
            p = p.replace(r"\ ", r"\s+")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def _norm_key(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


@cache
def grammar() -> _Grammar:
    """The compiled rule table (loaded once)."""
    raw = load_toml("time_rules.toml")
    lex = raw["lexicon"]

    months: dict[str, int] = {}
    month_full, month_abbr = [], []
    for num, names in lex["months"].items():
        for i, name in enumerate(names):
            for form in (name, name.upper()):
                months[form.lower()] = int(num)
                (month_full if i == 0 else month_abbr).append(form)
    month_re = "(?:" + "|".join(
        [re.escape(m) for m in sorted(month_full, key=len, reverse=True)]
        + [re.escape(a) + r"\." for a in sorted(month_abbr, key=len, reverse=True)]
    ) + r")(?![\w‑-])"
    monthx_re = "(?:" + "|".join(
        [re.escape(m) for m in sorted(month_full, key=len, reverse=True)]
        + [re.escape(a) + r"\.?" for a in sorted(month_abbr, key=len, reverse=True)]
    ) + r")(?![\w‑-])"

    weekdays: dict[str, int] = {}
    wd_full = []
    for num, names in lex["weekdays"].items():
        for name in names:
            weekdays[name.lower()] = int(num)
        wd_full += [names[0], names[0].upper()]
    weekday_re = _alt(wd_full)

    units = {k: (v[0], bool(v[1]), int(v[2])) for k, v in lex["units"].items()}
    numbers = {_norm_key(k): float(v) for k, v in lex["numbers"].items()}
    ordinals = {_norm_key(k): int(v) for k, v in lex["ordinals"].items()}
    small = [w for w in numbers if " " not in w]
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    ones = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    num_re = (
        r"(?:\d+(?:,\d{3})*(?:\.\d+)?|"
        + _alt(tens) + r"[\s-]" + _alt(ones) + r"|"
        + _alt([w for w in numbers if " " in w] + small)
        + r")"
    )
    ord_words = [w for w in ordinals if w not in ("last", "final")]
    ord_re = r"(?:" + _alt(ord_words) + r"|[1-4](?:st|nd|rd|th))"
    vague = raw["lexicon"]["vague_quantities"]["words"]
    position = {_norm_key(k): v for k, v in lex["position"].items()}
    dmods = {_norm_key(k): (v[0], bool(v[1])) for k, v in lex["duration_modifiers"].items()}
    refs = {_norm_key(k): v for k, v in lex["references"].items()}
    zones = raw["lexicon"]["zones"]["words"]
    ctx = raw["context"]

    placeholders = {
        "MONTHX": monthx_re,
        "MONTH": month_re,
        "WEEKDAY": weekday_re,
        "DAYNUM": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[89]\d\d|20\d\d)",
        "NUM": num_re,
        "ORD": ord_re,
        "UNIT": _alt(units),
        "REL": _alt(lex["relative"]),
        "POD": _alt(lex["parts_of_day"]),
        "SEASON": _alt(lex["seasons"]),
        "DECADEWORD": _alt(lex["decade_words"]),
        "VAGUE": _alt(vague),
        "ZONE": _alt(zones),
        "FREQ": _alt(list(lex["frequency"]) + [w.capitalize() for w in lex["frequency"]]),
        "REF": _alt(refs),
        "DEICTIC": _alt(lex["deictic"]),
    }
    ph_re = re.compile(r"\{(" + "|".join(placeholders) + r")\}")

    rules = []
    for r in raw["rule"]:
        pattern = ph_re.sub(lambda m: placeholders[m.group(1)], r["pattern"])
        # every expression starts at a word start (or a quote mark / sign): a cheap guard
        # that lets the engine skip the inside of words
        needs = re.compile(ph_re.sub(lambda m: placeholders[m.group(1)], r["needs"])) if r.get("needs") else None
        rules.append(_Rule(r["name"], r["kind"], re.compile(r"(?<!\w)(?=[\w’'$])(?:" + pattern + ")"), needs))
    not_time = []
    for n in raw["not_time"]:
        unless = re.compile(n["unless_before"]) if n.get("unless_before") else None
        not_time.append((re.compile(n["pattern"]), unless))

    # words that every expression contains at least one of: rules only run near them
    trigger_words = (
        list(lex["units"]) + ["weekend", "quarter", "half", "ago", "season"] + month_full + month_abbr
        + wd_full + list(lex["seasons"]) + list(lex["parts_of_day"]) + list(lex["deictic"])
        + list(lex["decade_words"]) + list(lex["frequency"]) + list(refs) + ["noon", "midday", "midnight"]
    )
    trigger = re.compile(r"(?i)\d|(?<!\w)" + _alt(trigger_words) + r"(?:s|es)?(?!\w)")
    tense = raw["tense"]
    return _Grammar(
        rules=rules,
        trigger=trigger,
        not_time=not_time,
        months=months,
        weekdays=weekdays,
        seasons={k.lower(): v for k, v in lex["seasons"].items()},
        pods={k.lower(): v for k, v in lex["parts_of_day"].items()},
        units=units,
        vague_units=dict(lex["vague_units"]),
        numbers=numbers,
        ordinals=ordinals,
        relative={_norm_key(k): v for k, v in lex["relative"].items()},
        deictic={k.lower(): v for k, v in lex["deictic"].items()},
        decade_words={k.lower(): v for k, v in lex["decade_words"].items()},
        frequency={k.lower(): v for k, v in lex["frequency"].items()},
        references=refs,
        position=re.compile(
            r"(?i)(?:(?<![\w-])the\s+)?(?<![\w-])(?P<pos>" + _alt(position)[3:-1] + r")(?:\s*[-‑]\s*|\s+)$"
        ),
        position_mods=position,
        duration_mod=re.compile(r"(?i)(?<![\w-])(?P<dm>" + _alt(dmods)[3:-1] + r")\s+$"),
        duration_mods=dmods,
        ambiguous_months=frozenset(ctx["ambiguous_months"]),
        name_after=re.compile(ctx["name_after"]),
        name_cue=re.compile(ctx["name_cue_before"]),
        season_cue=re.compile(ctx["season_cue_before"]),
        months_not_names=frozenset(ctx["month_names_not_names"]),
        count_noun_after=re.compile(ctx["count_noun_after"]),
        year_cue_before=re.compile(ctx["year_cue_before"]),
        month_cue=re.compile("|".join(ctx["month_cue_before"])),
        future_cue=re.compile(r"(?i)(?<![\w'])" + _alt(tense["future"]) + r"(?![\w'])"),
        past_cue=re.compile(r"(?i)(?<![\w'])(?:" + _alt(tense["past"])[3:-1] + r"|[a-z]+ed)(?![\w'])"),
        not_past=frozenset(w.lower() for w in tense["not_past"]),
        reporting=frozenset(w.lower() for w in tense["reporting"]),
        reporting_reach=int(tense["reporting_reach"]),
    )


# --------------------------------------------------------------------------- extraction
@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    rule: int
    g: dict
    mod: Optional[str] = None
    value: str = ""
    type: str = "DATE"
    anchor: Optional[str] = None
    yearless: Optional[tuple[int, Optional[int]]] = None  # (month, day) needing a year
    direction: Optional[str] = None
    frame: Optional[date] = None  # the explicit full date this expression states


def _candidates(text: str, gr: _Grammar) -> list[_Cand]:
    found: list[_Cand] = []
    for ws, we in _windows(text, gr):
        present: dict = {}
        for i, rule in enumerate(gr.rules):
            if rule.needs is not None:
                ok = present.get(rule.needs)
                if ok is None:
                    ok = present[rule.needs] = rule.needs.search(text, ws, we) is not None
                if not ok:
                    continue
            for m in rule.regex.finditer(text, ws, we):
                if m.end() <= m.start():
                    continue
                g = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append(_Cand(m.start(), m.end(), rule.kind, i, g))
    if not found:
        return []
    blocked: list[tuple[int, int]] = []
    for pat, unless in gr.not_time:
        for m in pat.finditer(text):
            if unless is not None and unless.search(text, max(0, m.start() - 20), m.start()):
                continue
            blocked.append((m.start(), min(m.end(), m.start() + _MAX_BLOCK)))
    blocked.sort()
    starts = [b[0] for b in blocked]
    found.sort(key=lambda c: (-(c.end - c.start), c.rule, c.start))
    taken: list[_Cand] = []
    occupied = bytearray(len(text) + 1)
    for c in found:
        if any(occupied[c.start:c.end]):
            continue
        if _blocked(c, blocked, starts):
            continue
        if not _context_ok(c, text, gr):
            continue
        taken.append(c)
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    return taken


_WINDOW_BEFORE, _WINDOW_AFTER = 60, 60
_MAX_BLOCK = 200  # longest not-a-time stretch considered (bounds the overlap search)


def _windows(text: str, gr: _Grammar) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged, cut at whitespace (or text ends)."""
    out: list[list[int]] = []
    n = len(text)
    for m in gr.trigger.finditer(text):
        ws = max(0, m.start() - _WINDOW_BEFORE)
        if out and ws <= out[-1][1]:
            out[-1][1] = max(out[-1][1], m.end() + _WINDOW_AFTER)
        else:
            out.append([ws, m.end() + _WINDOW_AFTER])
    res = []
    for ws, we in out:
        if ws > 0:
            sp = text.rfind(" ", max(0, ws - 40), ws)
            ws = sp + 1 if sp >= 0 else max(0, ws - 40)
            while ws > 0 and not text[ws - 1].isspace():
                ws -= 1
        we = min(n, we)
        while we < n and not text[we].isspace():
            we += 1
        res.append((ws, we))
    # re-merge after snapping
    merged: list[tuple[int, int]] = []
    for ws, we in res:
        if merged and ws <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], we))
        else:
            merged.append((ws, we))
    return merged


def _blocked(c: _Cand, blocked: list[tuple[int, int]], starts: list[int]) -> bool:
    """Does ``c`` overlap a not-a-time stretch? (``blocked`` sorted, ``starts`` its starts)."""
    i = bisect_left(starts, c.start - _MAX_BLOCK)
    while i < len(blocked) and blocked[i][0] < c.end:
        s, e = blocked[i]
        i += 1
        if e <= c.start:
            continue
        # a date with a month that only partly overlaps a blocked stretch survives
        if c.kind in ("date", "time") and ("month" in c.g or "mnum" in c.g) and not (s <= c.start and c.end <= e):
            continue
        return True
    return False


def _context_ok(c: _Cand, text: str, gr: _Grammar) -> bool:
    g = c.g
    before = text[max(0, c.start - 30):c.start]
    if c.kind == "date" and "month" in g and "day" not in g and "year" not in g and "rel" not in g:
        if g["month"] in gr.ambiguous_months and not gr.month_cue.search(before):
            return False
        if (
            g["month"] not in gr.months_not_names
            and gr.name_after.match(text[c.end:c.end + 4])
            and not gr.name_cue.search(before)
            and not gr.weekdays.get(text[c.end:c.end + 12].split()[0].lower() if text[c.end:c.end + 12].split() else "")
        ):
            return False  # "June Carter", "April Ryan": a first name
        # a sentence-initial month name followed by a verb-like word is rare; keep it
    if c.kind == "season" and "rel" not in g and "year" not in g:
        if not gr.season_cue.search(before) and not re.match(r"(?i)the\s", text[c.start:c.end]):
            return False
        if re.match(r"\s+of\s+(?!\d)", text[c.end:c.end + 8]):
            return False  # "the fall of Kabul"
    if c.kind in ("duration", "vague_duration") and re.match(r"[\s-]+old\b", text[c.end:c.end + 6]):
        return False  # an age ("a 22-year-old son", "71 years old"), not a time
    if c.kind == "vague_duration" and re.search(r"\d[\s-]*$", text[max(0, c.start - 3):c.start]):
        return False  # the unit of a number the counted rule rejected
    if c.kind == "date" and (("year" in g and set(g) <= {"year"} and int(g["year"]) < 1900) or "yy" in g):
        # an old year ("1800") or a clipped one ("'98") only after a date-like word
        if not gr.year_cue_before.search(text[max(0, c.start - 20):c.start]):
            return False
    if c.kind == "date" and set(g) <= {"year"} and gr.count_noun_after.match(text[c.end:c.end + 30]):
        if not gr.year_cue_before.search(text[max(0, c.start - 20):c.start]):
            return False  # "1990 votes": a count
    if c.kind == "duration" and g.get("unit", "").lower() == "second" and g.get("num", "").lower() in ("a", "an", "one"):
        return False  # "a second attack"
    if c.kind == "ref" and _norm_key(g["ref"]) in ("now",) and re.match(r"[-‑]", text[c.end:c.end + 1]):
        return False
    return True


# ---------------------------------------------------------------------------- calendar
def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _month_interval(y: int, m: int) -> tuple[date, date]:
    ny, nm = _shift_month(y, m, 1)
    return date(y, m, 1), date(ny, nm, 1) - timedelta(days=1)


def _distance(interval: tuple[date, date], d: date) -> int:
    lo, hi = interval
    if d < lo:
        return (lo - d).days
    if d > hi:
        return (d - hi).days
    return 0


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve_month(m: int, day: Optional[int], ref: date, direction: Optional[str]) -> int:
    """The year of month ``m`` (day ``day``) seen from ``ref`` in the given direction."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        if day:
            dd = _safe_date(y, m, day)
            if dd is None:
                continue
            iv = (dd, dd)
        else:
            iv = _month_interval(y, m)
        cands.append((y, iv))
    if direction == "past":
        ok = [(y, iv) for y, iv in cands if iv[0] <= ref]
        if ok:
            return max(ok)[0]
    elif direction == "future":
        ok = [(y, iv) for y, iv in cands if iv[1] >= ref]
        if ok:
            return min(ok)[0]
    return min(cands, key=lambda c: (_distance(c[1], ref), abs(c[0] - ref.year)))[0] if cands else ref.year


def _fmt_ymd(y: int, m: int, d: Optional[int] = None) -> str:
    return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d else "")


# ----------------------------------------------------------------------------- tense
def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    s = lo
    for m in re.finditer(r"[.!?]\s+(?=[A-Z“\"'])|\n", text[lo:start]):
        s = lo + m.end()
    hi = min(len(text), end + 300)
    m = re.compile(r"[.!?](?:\s|$)|\n").search(text, end, hi)
    return s, (m.start() + 1 if m else hi)


def tense_in_text(text: str, start: int, end: int) -> Optional[str]:
    """'past' or 'future' from the nearest tense cue word in the sentence (no parse)."""
    gr = grammar()
    s, e = _sentence_bounds(text, start, end)
    best: Optional[tuple[int, str]] = None
    future_spans = []
    for m in gr.future_cue.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        future_spans.append((m.start(), m.end()))
        dist = start - m.end() if m.end() <= start else m.start() - end
        if best is None or dist < best[0]:
            best = (dist, "future")
    for m in gr.past_cue.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        word = m.group(0).lower()
        if word in gr.not_past:
            continue
        if any(fs <= m.start() < fe for fs, fe in future_spans):
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        if word in gr.reporting and dist > gr.reporting_reach:
            continue
        if word.endswith("ed") and re.search(r"(?i)\b(?:be|being)\s+$", text[max(0, m.start() - 8):m.start()]):
            continue  # "to be published": a participle, not a past tense
        if best is None or dist < best[0]:
            best = (dist, "past")
    return best[1] if best else None


@cache
def _parse_lexicon() -> dict[str, frozenset[str]]:
    raw = load_toml("time_rules.toml")["tense"]
    keys = ("plan_verbs", "plan_participles", "plan_nouns", "reschedule_verbs", "future_aux", "modals",
            "anticipation_verbs", "conditional_marks")
    return {k: frozenset(w.lower() for w in raw[k]) for k in keys}


def tense_from_parse(parsed, start: int, end: int) -> Optional[str]:
    """'past', 'future' (incl. plans, expectations, modals) or 'present' from the parse."""
    if parsed is None:
        return None
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    seen = 0
    # a relative clause on the date or its noun tells the tense of the dated event:
    # "the operation on January 3, 2026, in which forces entered ... and captured ..."
    noun_relcl = next((ch for t in span for ch in t.children if ch.dep_ == "relcl" and ch not in span), None)
    preps = set()
    plan_nouns = _parse_lexicon()["plan_nouns"]
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and seen < 12:
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            preps.add(tok.lower_)
        if tok.pos_ == "NOUN" and tok not in span and tok.lemma_.lower() in plan_nouns:
            return "future"  # "a target of 2030", "the deadline of June 30"
        if noun_relcl is None and tok.pos_ in ("NOUN", "PROPN") and tok not in span:
            for ch in tok.children:
                if ch.dep_ == "relcl":
                    noun_relcl = ch
                    break
        tok = tok.head
        seen += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.lemma_.lower() in _parse_lexicon()["anticipation_verbs"] and "on" not in preps:
        return "future"  # "warned of shortages in 2027"
    verb_tense = _verb_tense(tok)
    if preps & {"until", "till", "til"} and (
        verb_tense in ("present", None)
        or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "'ve") for c in tok.children)
    ):
        return "future"  # "has been postponed until Saturday": the deadline lies ahead
    if preps & {"until", "till", "til", "to", "for"} and tok.lemma_.lower() in _parse_lexicon()["reschedule_verbs"]:
        return "future"  # "the vote was postponed to February 2027"
    if verb_tense in ("present", None) and noun_relcl is not None:
        rel = _verb_tense(noun_relcl)
        if rel == "past":
            return "past"
    return verb_tense


def _verb_tense(v) -> Optional[str]:
    # climb xcomp/infinitive chains to a governing plan verb ("plans to strike", "is expected to begin")
    lex = _parse_lexicon()
    cur, hops = v, 0
    while cur is not None and hops < 4:
        lemma = cur.lemma_.lower()
        if cur is not v and lemma in lex["plan_verbs"]:
            return "future"
        if cur is v and lemma in lex["plan_participles"] and any(c.dep_ == "auxpass" for c in cur.children):
            return "future"  # "is scheduled for", "was set for"
        if any(c.dep_ == "mark" and c.lower_ in lex["conditional_marks"] for c in cur.children):
            return "future"  # "if elected in 2027": a condition, not a report
        kids = list(cur.children)
        for c in kids:
            low = c.lower_
            if c.dep_ in ("aux", "auxpass") and low in lex["future_aux"]:
                return "future"
            if c.dep_ == "aux" and low in lex["modals"]:
                return "future"
            if low == "going" and c.dep_ == "aux":
                return "future"
        if cur.dep_ in ("xcomp", "ccomp", "advcl", "conj") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) or cur.dep_ == "xcomp":
            cur = cur.head
            hops += 1
            continue
        break
    kids = list(v.children)
    aux = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if v.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux):
        return "past"
    if v.tag_ == "VBN" and not aux and v.dep_ in ("acl", "relcl", "ROOT", "conj"):
        return "past"
    if v.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    if "Past" in v.morph.get("Tense"):
        return "past"
    return None


# --------------------------------------------------------------------------- normalizers
def _num(s: str, gr: _Grammar) -> Optional[float]:
    s = _norm_key(s).replace("-", " ")
    if not s:
        return None
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        try:
            return float(s.replace(",", ""))
        except ValueError:
            return None
    if s in gr.numbers:
        return gr.numbers[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in gr.numbers and parts[1] in gr.numbers:
        return gr.numbers[parts[0]] + gr.numbers[parts[1]]
    return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: Optional[float], unit: str, gr: _Grammar) -> str:
    unit = unit.lower()
    if unit.endswith("ies"):
        unit = unit[:-3] + "y"
    elif unit.endswith("s") and unit not in gr.units:
        unit = unit[:-1]
    letter, is_time, mult = gr.units.get(unit, ("D", False, 1))
    prefix = "PT" if is_time else "P"
    if n is None:
        return prefix + "X" + gr.vague_units.get(unit, letter)
    n = n * mult
    if not float(n).is_integer():  # 1.5 years -> P18M, 2.5 days -> P60H
        lower = {"Y": ("M", 12, False), "W": ("D", 7, False), "D": ("H", 24, True), "H": ("M", 60, True)}
        if letter in lower and not (letter == "M" and not is_time):
            letter, k, is_time = lower[letter]
            n = n * k
            prefix = "PT" if is_time else "P"
    return f"{prefix}{_fmt_num(n)}{letter}"


class _Ctx:
    def __init__(self, text: str, dct: Optional[date], parsed, gr: _Grammar):
        self.text, self.dct, self.parsed, self.gr = text, dct, parsed, gr

    def direction(self, c: _Cand) -> Optional[str]:
        if c.direction is None:
            t = tense_from_parse(self.parsed, c.start, c.end) if self.parsed is not None else None
            if t is None:
                t = tense_in_text(self.text, c.start, c.end)
            c.direction = t or "none"
        return None if c.direction == "none" else c.direction


def _n_date(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    if "yy2" in g:  # "1957-58"
        first = int(x.text[c.start - 3:c.start - 1])
        yy = int(g["yy2"])
        c.value = f"{int(g['cc']) + (1 if yy < first else 0):02d}{yy:02d}"
        return True
    if "yy" in g:
        yy = int(g["yy"])
        pivot = (dct.year % 100) if dct else 30
        c.value = f"{(19 if yy > pivot else 20)}{yy:02d}"
        return True
    month = None
    if "mnum" in g:
        month = int(g["mnum"])
    elif "month" in g:
        month = gr.months.get(g["month"].rstrip(".").lower())
    day = int(re.match(r"\d+", g["day"]).group(0)) if "day" in g else None
    year = int(g["year"]) if "year" in g else None
    if month is None:
        if year is None:
            return False
        c.value = f"{year:04d}"
        return True
    if year is not None:
        if day is not None:
            d = _safe_date(year, month, day)
            if d is None:
                return False
            c.frame = d
        c.value = _fmt_ymd(year, month, day)
        return True
    if day is not None and _safe_date(2000, month, day) is None:
        return False
    rel = g.get("rel")
    if rel is not None:
        k = gr.relative.get(_norm_key(rel), 0)
        if dct is None:
            c.value = "XXXX-" + _fmt_ymd(0, month, day)[5:]
            return True
        if k < 0:
            y = dct.year if month < dct.month else dct.year - 1
        elif k > 0:
            y = dct.year if month > dct.month else dct.year + 1
        else:
            y = dct.year
        c.value = _fmt_ymd(y, month, day)
        c.anchor = DOCUMENT_DATE
        return True
    c.yearless = (month, day)
    x.direction(c)
    return True


def _n_decade(c: _Cand, x: _Ctx) -> bool:
    g = c.g
    if "dyear" in g:
        c.value = g["dyear"][:3]
    elif "dyy" in g:
        yy = int(g["dyy"])
        pivot = (x.dct.year % 100) if x.dct else 30
        c.value = f"{19 if yy > pivot else 20}{yy // 10}"
    elif "dword" in g:
        c.value = x.gr.decade_words[g["dword"].lower()]
    else:
        return False
    return True


def _n_century(c: _Cand, x: _Ctx) -> bool:
    g = c.g
    if "cent" in g:
        n = int(g["cent"])
    else:
        n = x.gr.ordinals.get(_norm_key(g.get("centword", "")), 0)
    if not 1 <= n <= 22:
        return False
    c.value = f"{n - 1:02d}"
    return True


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def _current_season(d: date) -> tuple[int, int]:
    """(year, index into _SEASON_ORDER) of the season containing ``d``; winter = Dec-Feb."""
    m = d.month
    if m <= 2:
        return d.year - 1, 3
    return d.year, (m - 3) // 3


def _n_season(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    code = gr.seasons.get(g["season"].lower())
    if code is None:
        return False
    if "year" in g:
        c.value = f"{g['year']}-{code}"
        return True
    if dct is None:
        c.value = f"XXXX-{code}"
        return True
    cy, ci = _current_season(dct)
    ti = _SEASON_ORDER.index(code)
    k = gr.relative.get(_norm_key(g["rel"]), 0) if "rel" in g else None
    if k is None:
        t = x.direction(c)
        k = {"past": -1, "future": 1}.get(t or "", 0)
        if ti == ci:
            k = 0
    if k < 0:
        y = cy if ti < ci else cy - 1
    elif k > 0:
        y = cy if ti > ci else cy + 1
    else:  # "this summer"; an untensed "the spring" in a summer article is this year's
        y = cy
    c.value = f"{y}-{code}"
    c.anchor = DOCUMENT_DATE
    return True


def _ord_value(s: str, gr: _Grammar) -> Optional[int]:
    s = _norm_key(s)
    if s in gr.ordinals:
        return gr.ordinals[s]
    m = re.match(r"(\d+)", s)
    return int(m.group(1)) if m else None


def _n_quarter(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    if "qnum" in g:
        q = int(g["qnum"][1])
        year = g.get("year2")
        if year:
            c.value = f"{year}-Q{q}"
            return True
    elif "qord" in g:
        q = _ord_value(g["qord"], gr)
        if q is None or not 1 <= q <= 4:
            return False
        year = g.get("year")
        if year:
            c.value = f"{year}-Q{q}"
            return True
    else:
        q = None
    if dct is None:
        c.value = f"XXXX-Q{q}" if q else "XXXX-QX"
        return True
    cq = (dct.month - 1) // 3 + 1
    if q is None:  # "last quarter", "this quarter"
        k = gr.relative.get(_norm_key(g.get("rel", "this")), 0)
        n = dct.year * 4 + (cq - 1) + k
        c.value = f"{n // 4}-Q{n % 4 + 1}"
    else:
        y = dct.year
        if "rel" in g:
            y += gr.relative.get(_norm_key(g["rel"]), 0)
        else:
            t = x.direction(c)
            if t == "past" and q > cq:
                y -= 1
            elif t == "future" and q < cq:
                y += 1
        c.value = f"{y}-Q{q}"
    c.anchor = DOCUMENT_DATE
    return True


def _n_half(c: _Cand, x: _Ctx) -> bool:
    g, dct = c.g, x.dct
    h = 1 if g.get("hord", g.get("hnum", "1")).lower() in ("first", "1st", "h1") else 2
    year = g.get("year") or g.get("year2")
    if year:
        c.value = f"{year}-H{h}"
        return True
    if dct is None:
        c.value = f"XXXX-H{h}"
        return True
    y = dct.year + (x.gr.relative.get(_norm_key(g["rel"]), 0) if "rel" in g else 0)
    c.value = f"{y}-H{h}"
    c.anchor = DOCUMENT_DATE
    return True


def _pod_suffix(g: dict, gr: _Grammar) -> Optional[str]:
    if "pod" in g:
        return "T" + gr.pods.get(g["pod"].lower(), "DT")
    return None


def _n_deictic(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    if "deictic" in g:
        word = g["deictic"].lower()
        off = gr.deictic.get(word, 0)
        pod = _pod_suffix(g, gr) or ("TNI" if word == "tonight" else None)
    else:  # "this morning", "last night"
        off = -1 if g["rel"].lower() == "last" else 0
        pod = _pod_suffix(g, gr)
        if g["rel"].lower() == "last" and pod != "TNI":
            return False  # "last evening" is rare; "last morning" not English
    day = (dct + timedelta(days=off)).isoformat() if dct else "XXXX-XX-XX"
    c.value = day + (pod or "")
    c.type = "TIME" if pod else "DATE"
    c.anchor = DOCUMENT_DATE if dct else None
    return True


def _weekday_date(dct: date, wd: int, k: Optional[int], direction: Optional[str]) -> date:
    cur = dct.isoweekday()
    if k is not None and k < 0:  # "last Friday": the one before the document date
        back = (cur - wd) % 7 or 7
        return dct - timedelta(days=back)
    if k is not None and k > 0:  # "next Friday": the one after
        fwd = (wd - cur) % 7 or 7
        return dct + timedelta(days=fwd)
    if k == 0:  # "this Friday": same ISO week
        return dct + timedelta(days=wd - cur)
    if direction in ("future", "present"):
        return dct + timedelta(days=(wd - cur) % 7)
    return dct - timedelta(days=(cur - wd) % 7)


def _n_weekday(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    wd = gr.weekdays.get(g["weekday"].lower())
    if wd is None:
        return False
    pod = _pod_suffix(g, gr)
    if dct is None:
        c.value = f"XXXX-WXX-{wd}" + (pod or "")
    else:
        k = gr.relative.get(_norm_key(g["rel"])) if "rel" in g else None
        direction = x.direction(c) if k is None else None
        if k is None and direction is None:
            direction = "past"  # news reports what happened: an untensed weekday is the last one
        d = _weekday_date(dct, wd, k, direction)
        c.value = d.isoformat() + (pod or "")
        c.anchor = DOCUMENT_DATE
    c.type = "TIME" if pod else "DATE"
    return True


def _n_relative(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    unit = (g.get("unit") or g.get("unit2") or "").lower()
    text = x.text[c.start:c.end].lower()
    if "pos" in g or "unit2" in g:
        pos = _norm_key(g.get("pos", "end"))
        c.mod = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}.get(pos)
        k = 0
    elif unit == "weekend" and "rel" not in g:
        k = None
    else:
        relword = _norm_key(g.get("rel", "this"))
        k = gr.relative.get(relword, 0)
        if re.match(r"the\s", text) and relword in ("past", "next", "coming", "following", "previous", "preceding", "prior"):
            # "the past week", "the next decade": a stretch of time, not a calendar unit
            c.type = "DURATION"
            c.value = _duration_value(1, "week" if unit == "weekend" else unit, gr)
            return True
    if dct is None:
        c.value = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
                   "decade": "XXX", "century": "XX"}.get(unit, "XXXX")
        return True
    if unit == "week":
        c.value = _iso_week(dct + timedelta(weeks=k))
    elif unit == "weekend":
        if k is None:
            t = x.direction(c)
            k = 0 if dct.isoweekday() >= 6 or t in ("future", "present") else -1
        c.value = _iso_week(dct + timedelta(weeks=k)) + "-WE"
    elif unit == "month":
        y, m = _shift_month(dct.year, dct.month, k)
        c.value = _fmt_ymd(y, m)
    elif unit == "year":
        c.value = f"{dct.year + k}"
    elif unit == "decade":
        c.value = f"{dct.year // 10 + k}"
    elif unit == "century":
        c.value = f"{dct.year // 100 + k:02d}"
    else:
        return False
    c.anchor = DOCUMENT_DATE
    return True


def _n_ago(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    if "vague" in g:
        c.value = "PAST_REF"
        return True
    n = _num(g["num"], gr)
    unit = g["unit"].lower()
    if n is None or unit not in gr.units:
        return False
    sign = -1 if g["dir"].lower() in ("ago", "before", "earlier") else 1
    if g["dir"].lower() in ("earlier", "later", "before"):
        return False  # "a month earlier": a duration (tagged by the duration rule)
    letter, is_time, mult = gr.units[unit]
    if dct is None:
        c.value = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}.get(letter, "XXXX-XX-XX")
        return True
    n = n * mult * sign
    if is_time or letter == "D":
        days = n if letter == "D" else (n / 24 if letter == "H" else 0)
        c.value = (dct + timedelta(days=int(days))).isoformat()
    elif letter == "W":
        c.value = _iso_week(dct + timedelta(weeks=int(n)))
    elif letter == "M":
        y, m = _shift_month(dct.year, dct.month, int(n))
        c.value = _fmt_ymd(y, m)
    else:
        c.value = str(dct.year + int(n))
    c.anchor = DOCUMENT_DATE
    return True


def _n_duration(c: _Cand, x: _Ctx) -> bool:
    g, gr = c.g, x.gr
    if "num" in g:
        n = _num(g["num"], gr)
        if n is None or n <= 0:
            return False
        if re.search(r"(?i)and[\s-]+a[\s-]+half", x.text[c.start:c.end]):
            n += 0.5
        if n > 10000:
            return False
    else:
        n = 1
    c.type = "DURATION"
    c.value = _duration_value(n, g["unit"], gr)
    m = re.match(r"(?i)the\s+(?=\S+-)", x.text[c.start:c.end])
    if m and "rel" not in g:
        c.start += m.end()  # "the 24-hour truce": the article belongs to the noun
    return True


def _n_vague_duration(c: _Cand, x: _Ctx) -> bool:
    c.type = "DURATION"
    c.value = _duration_value(None, c.g["unit"], x.gr)
    return True


def _n_set(c: _Cand, x: _Ctx) -> bool:
    g, gr = c.g, x.gr
    c.type = "SET"
    if "freq" in g:
        c.value = gr.frequency[g["freq"].lower()]
    elif "weekday" in g or "weekday2" in g:
        c.value = f"XXXX-WXX-{gr.weekdays[(g.get('weekday') or g['weekday2']).lower()]}"
    elif "pod" in g:
        c.value = f"XXXX-XX-XXT{gr.pods[g['pod'].lower()]}"
    elif "season" in g:
        code = gr.seasons.get(g["season"].lower())
        c.value = f"XXXX-{code}" if code else "P3M"
    else:
        unit = g.get("unit") or g.get("unit2")
        n = _num(g["num"], gr) if "num" in g else 1
        c.value = _duration_value(n or 1, unit, gr)
    return True


def _n_time(c: _Cand, x: _Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    if "named" in g:
        hh, mm = (12, 0) if g["named"].lower() in ("noon", "midday") else (24, 0)
    else:
        hh = int(g["hour"])
        mm = int(g.get("minute") or 0)
        ampm = g.get("ampm", "").lower().replace(".", "")
        if ampm and not 1 <= hh <= 12:
            return False  # "22 AM" is not a clock time
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
        if hh > 24:
            return False
    if dct is None:
        day = "XXXX-XX-XX"
        if "weekday" in g:
            day = f"XXXX-WXX-{gr.weekdays[g['weekday'].lower()]}"
    elif "weekday" in g:
        day = _weekday_date(dct, gr.weekdays[g["weekday"].lower()], None, x.direction(c)).isoformat()
    elif "deictic" in g:
        day = (dct + timedelta(days=gr.deictic.get(g["deictic"].lower(), 0))).isoformat()
    else:
        day = dct.isoformat()
    c.value = f"{day}T{hh:02d}:{mm:02d}"
    c.type = "TIME"
    c.anchor = DOCUMENT_DATE if dct else None
    return True


def _n_elapsed(c: _Cand, x: _Ctx) -> bool:
    h, m, s = int(c.g["hour"]), int(c.g["minute"]), int(c.g["second"])
    c.type = "DURATION"
    c.value = "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s else "")
    return c.value != "PT"


def _n_ref(c: _Cand, x: _Ctx) -> bool:
    c.value = x.gr.references[_norm_key(c.g["ref"])]
    return True


_NORMALIZERS = {
    "date": _n_date,
    "decade": _n_decade,
    "century": _n_century,
    "season": _n_season,
    "quarter": _n_quarter,
    "half": _n_half,
    "deictic": _n_deictic,
    "weekday": _n_weekday,
    "relative": _n_relative,
    "ago": _n_ago,
    "duration": _n_duration,
    "vague_duration": _n_vague_duration,
    "set": _n_set,
    "time": _n_time,
    "ref": _n_ref,
    "elapsed": _n_elapsed,
}


# ------------------------------------------------------------------------- modifiers
def _apply_prefixes(cands: list[_Cand], text: str, gr: _Grammar) -> None:
    prev_end = 0
    for c in cands:
        window_start = max(prev_end, c.start - 30)
        before = text[window_start:c.start]
        if c.type == "DATE" and c.kind not in ("ref",):
            m = gr.position.search(before)
            if m:
                mod = gr.position_mods.get(_norm_key(re.sub(r"[-‑]", " ", m.group("pos"))), "")
                if c.mod is None and mod:
                    c.mod = mod
                c.start = window_start + m.start()
        elif (c.type == "DURATION" or c.kind == "ago") and not re.match(r"(?i)the\s", text[c.start:c.end]):
            # ("over the past three days": "over" is a preposition before a determiner)
            m = gr.duration_mod.search(before)
            if m:
                mod, include = gr.duration_mods.get(_norm_key(m.group("dm")), ("", False))
                if mod:
                    c.mod = mod
                if include:
                    c.start = window_start + m.start()
        prev_end = c.end


# ------------------------------------------------------------------------ frame rule
def _frame_usable(f: _Cand, dct: Optional[date], x: "_Ctx") -> bool:
    """Can the full date ``f`` serve as the reference frame instead of the document date?

    Without a document date every full date can. Otherwise it must disagree with the
    document's year and either lie within a year of the document date (a story across a new
    year, or a misprinted date), or be reported as past although it lies after the document
    date (then the printed date cannot be the frame the writer used).
    """
    if dct is None:
        return True
    if f.frame.year == dct.year:
        return False
    if abs((f.frame - dct).days) <= 366:
        return True
    return f.frame > dct and x.direction(f) == "past"


def _resolve_yearless(cands: list[_Cand], dct: Optional[date], x: "_Ctx") -> None:
    """Give year-less months a year: from the document date or a nearer full date in the text."""
    frames = [c for c in cands if c.frame is not None]
    if any(c.yearless is not None for c in cands):
        frames = [f for f in frames if _frame_usable(f, dct, x)]
    for c in cands:
        if c.yearless is None:
            continue
        month, day = c.yearless
        direction = None if c.direction in (None, "none") else c.direction
        best_year, best_anchor, best_dist = None, None, None
        if dct is not None:
            best_year = _resolve_month(month, day, dct, direction)
            best_anchor = DOCUMENT_DATE
            best_dist = _distance(_interval(best_year, month, day, c.mod), dct)
        usable = list(frames)
        # nearest preceding frame first, then following ones
        usable.sort(key=lambda f: (f.start > c.start, abs(f.start - c.start)))
        for f in usable:
            y = _resolve_month(month, day, f.frame, None)
            iv = _interval(y, month, day, c.mod)
            if iv is None:
                continue
            dist = _distance(iv, f.frame)
            if best_dist is None or dist <= best_dist and best_anchor == DOCUMENT_DATE or dist < best_dist:
                best_year, best_anchor, best_dist = y, f, dist
        if best_year is None:
            c.value = "XXXX-" + _fmt_ymd(2000, month, day)[5:]
            c.anchor = None
        else:
            c.value = _fmt_ymd(best_year, month, day)
            c.anchor = best_anchor  # a _Cand (the frame) or DOCUMENT_DATE; ids assigned later


def _interval(y: int, m: int, d: Optional[int], mod: Optional[str] = None):
    """The days a month (or month-day) can mean; "early/mid/late" narrow it to a third."""
    if d:
        dd = _safe_date(y, m, d)
        return (dd, dd) if dd else None
    lo, hi = _month_interval(y, m)
    if mod in ("START", "MID", "END"):
        k = {"START": 0, "MID": 1, "END": 2}[mod]
        lo, hi = lo + timedelta(days=10 * k), (hi if k == 2 else lo + timedelta(days=10 * k + 9))
    return lo, hi


# ---------------------------------------------------------------------------- public
def normalize(text: str, anchor: Optional[str] = None, parsed=None) -> list[Time]:
    """Find and normalize the temporal expressions in ``text``.

    ``anchor`` is the document date (``YYYY-MM-DD``) that relative expressions resolve
    against; ``parsed`` (optional) is a spaCy ``Doc`` of the same text, used only for tense.
    Returns ``Time`` records with ids t1, t2, ... in text order.
    """
    if not text:
        return []
    text = text[:MAX_TEXT]
    gr = grammar()
    dct = parse_day(anchor)
    x = _Ctx(text, dct, parsed, gr)
    cands = _candidates(text, gr)
    kept: list[_Cand] = []
    for c in cands:
        fn = _NORMALIZERS.get(c.kind)
        if fn is None:
            continue
        try:
            ok = fn(c, x)
        except (ValueError, KeyError, OverflowError):
            ok = False
        if ok:
            kept.append(c)
    _apply_prefixes(kept, text, gr)
    _resolve_yearless(kept, dct, x)
    ids = {id(c): f"t{i}" for i, c in enumerate(kept, 1)}
    out = []
    for c in kept:
        anchor_ref = c.anchor
        if isinstance(anchor_ref, _Cand):
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


@stage("times", requires=('text', 'published', 'parse'), assigns=('times',))
def run(document: Document, parse: Parse) -> None:
    """Pipeline stage: fill ``document.times`` (ids t1, t2, ...)."""
    parsed = parse.doc
    document.times = normalize(document.text, document.published, parsed)
