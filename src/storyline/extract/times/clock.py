"""The normalizer of clock times: "3 p.m. on Tuesday", "15:00 GMT", "midnight on Saturday".

The day comes from a weekday or deictic word in the match ("on Tuesday", "tomorrow"),
else it is the document date; without one it stays unknown (``XXXX-XX-XXT15:00``). See
``times.dates`` for the normalizer contract.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Optional

from storyline.extract.times.calendar import weekday_date
from storyline.extract.times.candidates import Cand
from storyline.extract.times.reading import Ctx
from storyline.model.timex import DOCUMENT_DATE, Timex


def _hour_minute(g: dict, x: Ctx) -> Optional[tuple[int, int]]:
    """(hour 0-24, minute) of the match, or None for no clock time ("22 AM")."""
    if "named" in g:  # "noon", "midnight"
        return x.gr.named_times[g["named"].lower()]
    hh = int(g["hour"])
    mm = int(g.get("minute") or 0)
    ampm = g.get("ampm", "").lower().replace(".", "")
    if ampm and not 1 <= hh <= 12:
        return None  # "22 AM" is not a clock time
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    pod = g.get("clockpod", "").lower().split()[-1:]  # "12:27 in the morning", "9:15 at night"
    if pod == ["morning"] and hh == 12:
        hh = 0
    elif pod in (["afternoon"], ["evening"]) and hh < 12 or pod == ["night"] and 6 <= hh < 12:
        hh += 12
    elif pod == ["night"] and hh == 12:
        hh = 0
    if hh > 24:
        return None
    return hh, mm


def n_time(c: Cand, x: Ctx) -> bool:
    g, gr, dct = c.g, x.gr, x.dct
    clock = _hour_minute(g, x)
    if clock is None:
        return False
    if dct is None:
        if "weekday" in g:
            value = Timex("week", weekday=gr.weekdays[g["weekday"].lower()], clock=clock)
        else:
            value = Timex("day", clock=clock)
    elif "weekday" in g:
        day = weekday_date(dct, gr.weekdays[g["weekday"].lower()], None, x.direction(c))
        value = Timex.of_day(day, clock=clock)
    elif "deictic" in g:
        value = Timex.of_day(dct + timedelta(days=gr.deictic.get(g["deictic"].lower(), 0)), clock=clock)
    else:
        value = Timex.of_day(dct, clock=clock)
    c.value = str(value)
    c.type = "TIME"
    c.anchor = DOCUMENT_DATE if dct else None
    return True


NORMALIZERS = {"time": n_time}
