"""The figure reader's own sentences and tokens, from the text alone (no parse): the
reader runs where no parse is kept (a stored article's text, for linking), and a count
("1,200", "twelve") is a pattern of characters, not of the parser's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from storyline.model import Span
from storyline.textutil import fold


@dataclass(frozen=True)
class Tok:
    kind: str  # num, word, punct
    text: str  # folded
    start: int
    end: int


_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*")
_TOKEN = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)|(?P<word>[^\W\d_]+(?:['\u2019.-][^\W\d_]+)*)|(?P<punct>[^\s\w])")


def sentence_spans(text: str, abbreviations: frozenset[str]) -> list[Span]:
    """Sentences of ``text`` as spans, by full stops before a capital and line breaks (the
    full stop of a single letter or of one of ``abbreviations``, folded, ends none)."""
    out: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == ".":
            before = re.search(r"([\w.]+)$", text[start:m.start()])
            if before and (fold(before.group(1)) in abbreviations or len(before.group(1)) == 1):
                continue
        if text[start:m.start() + 1].strip():
            out.append((start, m.start() + 1 if not m.group(0).startswith("\n") else m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def tokens(text: str, s: int, e: int) -> list[Tok]:
    """The tokens of ``text[s:e]``: numbers ("1,200", "4.5"), words (folded) and marks."""
    out = []
    for m in _TOKEN.finditer(text, s, e):
        kind = m.lastgroup or "punct"
        out.append(Tok(kind, fold(m.group(0)) if kind == "word" else m.group(0), m.start(), m.end()))
    return out


def match_at(toks: list[Tok], i: int, table: dict[tuple[str, ...], str]) -> Optional[tuple[int, str]]:
    """The longest phrase of ``table`` starting at token ``i``: (end index, value)."""
    for n in (4, 3, 2, 1):
        words_ = tuple(t.text for t in toks[i:i + n] if t.kind == "word")
        if len(words_) == n and n <= len(toks) - i and words_ in table:
            return i + n, table[words_]
    return None


def match_ending(toks: list[Tok], j: int, table: dict[tuple[str, ...], str]) -> Optional[tuple[int, str]]:
    """The longest phrase of ``table`` ending just before token ``j``: (start index, value)."""
    for n in (4, 3, 2, 1):
        if j - n < 0:
            continue
        words_ = tuple(t.text for t in toks[j - n:j] if t.kind == "word")
        if len(words_) == n and words_ in table:
            return j - n, table[words_]
    return None
