"""How codes read in the readable outputs (the Markdown digest, the briefing): CAMEO event
names, actor codes as names, TIMEX3 values as words, speakers and quote text.

The words come from data files: event names from ``cameo_plover.tsv``, sector names and
international organisations from ``actors.toml``, everything else from ``labels.toml``.
Nothing here is escaped: each renderer escapes for its own medium.
"""

from __future__ import annotations

import calendar
from functools import cache
from typing import TYPE_CHECKING, Optional

from storyline.data import load
from storyline.model.timex import Timex

if TYPE_CHECKING:
    from storyline.model import Document, Event, Quote

_QUOTE_MARKS = "\"“”«»„‟‹›‘’"


@cache
def _cameo() -> dict[str, dict]:
    return {row["code"]: row for row in load("cameo_plover.tsv")}


def cameo_label(code: str | None) -> str:
    """The CAMEO name of an event code ("Use conventional military force"); "" if unknown."""
    row = _cameo().get(code or "")
    return row["name"] if row else ""


def goldstein(code: str | None) -> Optional[float]:
    row = _cameo().get(code or "")
    try:
        return float(row["goldstein"]) if row else None
    except ValueError:
        return None


def labels() -> dict:
    return load("labels.toml")


@cache
def _igos() -> dict[str, str]:
    """IGO code -> the longest name actors.toml gives it ("African Union")."""
    out: dict[str, str] = {}
    for name, code in load("actors.toml").get("igos", {}).items():
        if len(name) > len(out.get(code, "")):
            out[code] = name
    return {code: (name.title() if name.islower() else name) for code, name in out.items()}


@cache
def country_name(iso3: str) -> Optional[str]:
    import pycountry

    rec = pycountry.countries.get(alpha_3=iso3)
    if rec is None:
        return None
    return getattr(rec, "common_name", None) or rec.name


@cache
def actor_code_name(code: str | None) -> str:
    """An actor code in words: "SOMMIL" -> "Somalia military", "IGOAFRAFU" -> "African Union"."""
    if not code:
        return ""
    if code in _igos():
        return _igos()[code]
    sectors = load("actors.toml").get("sectors", {})
    country = country_name(code[:3]) if len(code) >= 3 else None
    rest = code[3:] if country else code
    sector = sectors.get(rest, {}).get("name", rest.lower()) if rest else ""
    if country:
        return f"{country} {sector}".strip()
    return sector or code


def actor(doc: Document, code: str | None, entity_id: str | None) -> str:
    """"Fartun Omar (SOMGOV)", "Somalia military (SOMMIL)", or "" when nothing is known."""
    ent = doc.entity(entity_id) if entity_id else None
    name = ent.name if ent else actor_code_name(code)
    if not name:
        return ""
    return f"{name} ({code})" if code and code != name else name


# --------------------------------------------------------------------------------------
# Dates


def _num(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def _duration(t: Timex) -> str:
    words = labels()["timex"]
    parts = []
    for amounts, table in ((t.amounts, words["duration"]), (t.time_amounts, words["time_duration"])):
        for n, unit in amounts:
            one, many = table.get(unit, (unit, unit))
            if n is None:
                parts.append(f"{words['some']} {many}")
            else:
                parts.append(f"{_num(n)} {one if n == 1 else many}")
    return ", ".join(parts)


def _calendar(t: Timex) -> str:
    w = labels()["timex"]
    year = str(t.year) if t.year is not None else None
    if t.unit == "day":
        day = " ".join(x for x in (str(t.day) if t.day else "", calendar.month_name[t.month] if t.month else "") if x)
        return f"{day} {year}" if year else f"{day or '?'}, {w['unknown_year']}"
    if t.unit == "month":
        month = calendar.month_name[t.month] if t.month else "?"
        return f"{month} {year}" if year else f"{month}, {w['unknown_year']}"
    if t.unit == "year":
        return year or w["unknown_year"]
    if t.unit == "week":
        if t.weekday:
            name = w["weekday"].format(weekday=calendar.day_name[t.weekday - 1])
            return name if t.week and year else f"{name}, {w['unknown_week']}"
        return w["weekend" if t.weekend else "week"].format(week=t.week or "?", year=year or "?")
    if t.unit in ("quarter", "half"):
        return w[t.unit].format(**{t.unit: getattr(t, t.unit) or "?", "year": year or "?"})
    if t.unit == "season":
        return f"{w['seasons'].get(t.season or '', '?')} {year or ''}".strip()
    if t.unit in ("decade", "century"):
        return w[t.unit].format(**{t.unit: getattr(t, t.unit)}) if getattr(t, t.unit) is not None else ""
    return ""


def describe_timex(value: str | None, mod: str | None = None) -> str:
    """A TIMEX3 value in words: "XXXX-WXX-3" -> "a Wednesday, week and year unknown";
    "" when the value is not one we can read (show the value itself then)."""
    t = Timex.parse(value or "")
    if t is None:
        return ""
    w = labels()["timex"]
    if t.unit == "duration":
        text = _duration(t)
    elif t.unit == "ref":
        text = w["refs"].get(t.ref or "", "")
    else:
        text = _calendar(t)
        if t.part_of_day:
            text += f", {w['parts_of_day'].get(t.part_of_day, t.part_of_day)}"
        if t.clock:
            text += f", {t.clock[0]:02d}:{t.clock[1]:02d}"
    if text and mod:
        text = f"{w['mods'].get(mod, mod.lower())} {text}"
    return text


def timex_words(value: str | None, mod: str | None = None) -> str:
    """"8 July 2025 (2025-07-08)": the value in words with the value beside it."""
    words = describe_timex(value, mod)
    shown = value + (f", {mod}" if mod else "") if value else ""
    return f"{words} ({shown})" if words and words != value else shown


def event_date(doc: Document, ev: Event) -> str:
    """"8 July 2025 (2025-07-08), from the text: “Tuesday”", or "" when undated."""
    if not ev.date:
        return ""
    out = timex_words(ev.date)
    source = labels()["dates"].get(ev.date_source or "", "")
    if ev.date_source == "text" and ev.time:
        t = next((t for t in doc.times if t.id == ev.time), None)
        if t is not None:
            source += f": “{t.text}”"
    return f"{out}, {source}" if source else out


# --------------------------------------------------------------------------------------
# Speakers and quotes


def speaker(doc: Document, q: Quote) -> tuple[str, str]:
    """The speaker's name and what the article says they are: ("Fartun Omar", "defence
    minister"), ("Analysts", "unnamed"), ("", "") when unattributed."""
    ent = doc.entity(q.speaker) if q.speaker else None
    name = q.speaker_name or (ent.name if ent else "") or (q.speaker_type or "").capitalize()
    if ent is not None:
        return name, ent.role or ""
    # "Two residents", "Security analysts" are unnamed; "the Somali military" names a body
    if q.speaker_type and not any(w[:1].isupper() for w in name.split()[1:]):
        return name, "unnamed"
    return name, ""


def speaker_key(doc: Document, q: Quote) -> str:
    """Who a quote is grouped under across documents: the entity's name, else the words used."""
    ent = doc.entity(q.speaker) if q.speaker else None
    return (ent.name if ent else q.speaker_name or q.speaker_type or "").strip()


def quote_text(q: Quote) -> str:
    """The quoted words without the marks around them and without a trailing comma
    (the outputs put their own marks around a direct quote)."""
    text = q.text.strip()
    if len(text) >= 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS and q.kind == "direct":
        text = text[1:-1].strip()
    return text.rstrip(",").strip()


def medium(q: Quote) -> str:
    """"on Rossiya-24" for a named channel, "in a statement" for a kind of medium."""
    if not q.medium:
        return ""
    m = q.medium.strip()
    if m[:1].isupper() or m.casefold() in labels()["media"]["on"]:
        return f"on {m}"
    if " " in m:  # a phrase: "footage broadcast by a local channel"
        return f"in {m}"
    return f"in {'an' if m[:1] in 'aeiou' else 'a'} {m}"
