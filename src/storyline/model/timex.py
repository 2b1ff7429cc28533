"""TIMEX3 values: the one place that writes and reads them.

The times stage writes values (``2026-01-03``, ``2026-W09``, ``P2Y``); the checks read
them back. Both go through this module.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_day(s: Optional[str]) -> Optional[date]:
    """A date from a string that starts YYYY-MM-DD, else None."""
    if not s:
        return None
    m = _DAY.match(str(s))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
