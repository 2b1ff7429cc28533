"""Lines of a pasted article, as offsets into its text, and the markup around header lines."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from storyline.ingest.tables import layout

# what str.splitlines() breaks on besides "\n" and "\r": stripped from the end of a line
_LINE_BREAKS = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"


@dataclass
class Line:
    start: int
    end: int  # end of the line's text, without its newline

    def text(self, s: str) -> str:
        return s[self.start : self.end]


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (as str.splitlines() breaks it), each as offsets into ``text``."""
    out, pos = [], 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip(_LINE_BREAKS)
        out.append(Line(pos, pos + len(body)))
        pos += len(piece)
    return out


@functools.cache
def _markup() -> re.Pattern:
    return re.compile(layout()["header"]["strip_markup"])


def strip_markup(line: str) -> str:
    """The line without the Markdown a header line is wrapped in ("# Headline", "**By X**")."""
    return _markup().sub("", line).strip()


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
