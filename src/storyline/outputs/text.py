"""Article text made safe to print."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str | None) -> str:
    """Article text made safe for a terminal: no control or bidi-override characters."""
    return _CONTROL.sub("", text or "")
