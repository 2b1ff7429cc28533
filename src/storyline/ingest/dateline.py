"""The one dateline reader: the place (and date, agency) that opens a news body,
"BEIJING, March 4, 2026 -", "KYIV, Ukraine (AP) —", "NEW DELHI:", and, without a place,
a date and a wire agency: "April 30 (Reuters) –".

The dateline stays in the body; readers record it, without its dash, in
``Document.dateline``. The rules are the ``[dateline]`` table of ``data/layout.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from storyline.ingest.credits import agency_credits
from storyline.ingest.dates import grammar, parse_date
from storyline.ingest.tables import alternation, layout, limits
from storyline.lexicon.gazetteer import lookup_place


@dataclass(frozen=True)
class _DatelineRules:
    pattern: re.Pattern  # places, region, date, agency, then a dash or a colon
    placeless: re.Pattern  # no place: an optional date, a wire agency in brackets, a dash
    joiner: re.Pattern  # what joins several places ("Caracas / Moscow")
    connectors: frozenset  # lower-case words inside a place ("Port of Spain")
    not_places: frozenset  # sentence openers and rubrics, lower case
    require_any: frozenset  # the marks of which a dateline must show one


@functools.cache
def _rules() -> _DatelineRules:
    dl = layout()["dateline"]
    dates = grammar()
    word = dl["place_word"]
    conn = alternation(dl["place_connectors"])
    place = rf"{word}(?:[ ](?:(?:{conn})[ ])?{word}){{0,{dl['place_max_words'] - 1}}}"
    pattern = re.compile(
        rf"(?P<places>{place}(?:{dl['joiner']}{place})*)"
        rf"(?:,[ ]*(?P<region>{place}))?"
        rf"(?:,?[ ]+(?i:(?:{dates.weekday})\.?,?[ ]+)?(?P<date>(?i:{dates.full_or_yearless})))?"
        rf"(?:[ ]*\((?P<agency>[^()\n]{{1,40}})\))?"
        rf"(?:(?P<dash>{dl['dashes']})|(?P<colon>{dl['colon']}))"
    )
    placeless = re.compile(
        rf"(?:(?i:(?:{dates.weekday})\.?,?[ ]+)?(?P<date>(?i:{dates.full_or_yearless}))[ ]*)?"
        rf"\((?P<agency>[^()\n]{{1,40}})\)(?P<dash>{dl['dashes']})"
    )
    return _DatelineRules(
        pattern=pattern,
        placeless=placeless,
        joiner=re.compile(dl["joiner"]),
        connectors=frozenset(dl["place_connectors"]),
        not_places=frozenset(w.lower() for w in dl["not_places"]),
        require_any=frozenset(dl["require_any"]),
    )


def _place_ok(place: str) -> bool:
    """Every word of the place is capitalised, or a connector ("Rio de Janeiro")."""
    connectors = _rules().connectors
    return all(w in connectors or w[:1].isupper() for w in place.split())


def _places(m: re.Match) -> Optional[list[str]]:
    """The places of a dateline match (the region last), or None when one is no place."""
    r = _rules()
    places = [p.strip() for p in r.joiner.split(m.group("places"))]
    if m.group("region"):
        places.append(m.group("region").strip())
    if not all(_place_ok(p) for p in places):
        return None
    if any(p.lower() in r.not_places for p in places):
        return None
    return places


def _placeless(body: str) -> Optional[tuple[str, Optional[str], int]]:
    """A dateline without a place: "April 30 (Reuters) –", "(AP) —"; the bracket must name
    a wire agency (``data/wires.toml``)."""
    m = _rules().placeless.match(body)
    if not m or not agency_credits(m.group("agency")):
        return None
    core = body[: m.start("dash")].strip()
    return core, (parse_date(m.group("date")) if m.group("date") else None), m.end()


def dateline(body: str) -> Optional[tuple[str, Optional[str], int]]:
    """If the body opens with a dateline: (dateline as printed without its dash, date or
    None, where the dateline and its dash end in ``body``)."""
    return _placed(body) or _placeless(body)


def _placed(body: str) -> Optional[tuple[str, Optional[str], int]]:
    r = _rules()
    m = r.pattern.match(body)
    if not m:
        return None
    core = body[: m.start("dash") if m.group("dash") is not None else m.start("colon")].strip()
    if not core or len(core) > limits()["dateline_max_chars"] or "\n" in core:
        return None
    places = _places(m)
    if places is None:
        return None
    all_caps = all(p.upper() == p and any(c.isalpha() for c in p) for p in places)
    if m.group("colon") is not None and not all_caps:
        return None
    marks = {
        "all_caps": all_caps,
        "known_place": all(lookup_place(p) is not None for p in places),
        "date": m.group("date") is not None,
        "agency": m.group("agency") is not None,
    }
    if not any(marks[k] for k in r.require_any):
        return None
    return core, (parse_date(m.group("date")) if m.group("date") else None), m.end()
