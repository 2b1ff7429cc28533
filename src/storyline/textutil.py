"""Small text helpers shared by the stages: folding variants of a name together."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Hyphens, dashes and minus signs that writers and typesetters use interchangeably in names
# ("Melik-Bagdasarov", "Melik‑Bagdasarov" with U+2011, "Rossiya–24").
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4"
_DASH_TABLE = {ord(c): "-" for c in DASHES} | {ord(c): "'" for c in APOSTROPHES}


@lru_cache(maxsize=65536)
def fold_char(c: str) -> str:
    """One character folded to a single plain character: accents off, dashes to '-', lower case."""
    c = c.translate(_DASH_TABLE)
    base = unicodedata.normalize("NFKD", c)
    base = "".join(ch for ch in base if not unicodedata.combining(ch))
    if len(base) != 1:
        base = c if len(c) == 1 else base[:1] or c
    return base.lower()


def fold_preserving(text: str) -> str:
    """``text`` folded character by character, so offsets into the result are offsets into ``text``."""
    return "".join(fold_char(c) for c in text)


def fold(name: str) -> str:
    """A key under which spelling variants of a name meet: 'Rodríguez' == 'Rodriguez',
    'Melik‑Bagdasarov' == 'Melik-Bagdasarov', 'U.S.' == 'US' (full stops dropped)."""
    s = fold_preserving(name).replace(".", "")
    s = re.sub(r"[\s\u00a0]+", " ", s)
    return s.strip(" ,;:'\"-")


POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")


def strip_possessive(name: str) -> str:
    return POSSESSIVE.sub("", name)


_SMALL_WORDS = frozenset(
    "a an and as at by de del for from in into of on or over the to under vs with behind after before".split()
)
_LINE_RE = re.compile(r"[^\n]+")


def heading_lines(text: str, max_words: int = 14) -> list[tuple[int, int]]:
    """Spans of lines that read as headings: short, no sentence-final full stop, title case.

    News pasted as text keeps its crossheads ("Context: U.S. Capture of Maduro and Regional
    Fallout"); their capitalised words are not names, and their text is not a sentence.
    """
    out = []
    for m in _LINE_RE.finditer(text):
        line = m.group().strip()
        if not line or line[-1] in ".?!;,\"”’'" or len(line) < 3:
            continue
        words = [w for w in re.findall(r"[^\W\d_][\w'’\-‑]*", line)]
        if not words or len(words) > max_words:
            continue
        content = [w for w in words if w.lower() not in _SMALL_WORDS]
        if not content:
            continue
        capped = sum(1 for w in content if w[0].isupper())
        if capped / len(content) >= 0.75:
            lead = len(m.group()) - len(m.group().lstrip())
            out.append((m.start() + lead, m.start() + lead + len(line)))
    return out
