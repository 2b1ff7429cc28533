"""The end of a pasted article: the trailing sources block ("SOURCES: OUTLET – title"), the
lines crediting a wire ("Based on reporting by AFP", ``data/wires.toml``), and the
comment-widget and share-bar junk a copy-paste drags along.

Patterns are in the ``[sources]`` and ``[junk]`` tables of ``data/layout.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from storyline.ingest.credits import credit_line, unique
from storyline.ingest.lines import Line, split_lines, strip_markup
from storyline.ingest.tables import layout, limits
from storyline.model import CitedSource


@dataclass(frozen=True)
class _TailRules:
    source_headers: tuple  # the header line of a sources block, its entries as `rest`
    entry_sep: re.Pattern  # outlet from title in one entry
    list_sep: re.Pattern  # outlets listed on the header line
    outlet_max_chars: int
    outlet_max_words: int
    junk: tuple  # whole lines of trailing junk


@functools.cache
def _rules() -> _TailRules:
    lay = layout()
    src = lay["sources"]
    return _TailRules(
        source_headers=tuple(re.compile(p, re.IGNORECASE) for p in src["headers"]),
        entry_sep=re.compile(src["entry_separator"]),
        list_sep=re.compile(src["list_separator"], re.IGNORECASE),
        outlet_max_chars=int(src["outlet_max_chars"]),
        outlet_max_words=int(src["outlet_max_words"]),
        junk=tuple(re.compile(p, re.IGNORECASE) for p in lay["junk"]["trailing"]),
    )


def is_junk(line: str) -> bool:
    t = strip_markup(line)
    return any(p.fullmatch(t) for p in _rules().junk)


def trim_end(text: str, lines: list[Line], first: int, last: int) -> int:
    """Index of the last line of lines[first..last] that is neither blank nor trailing junk."""
    while last >= first:
        t = lines[last].text(text)
        if t.strip() and not is_junk(t):
            break
        last -= 1
    return last


def parse_entry(line: str) -> Optional[CitedSource]:
    """One line of a sources block as a cited source, or None when it reads as prose."""
    r = _rules()
    t = strip_markup(line).lstrip("•-–—*·▪ ").strip()
    t = re.sub(r"^(?:\[\d{1,3}\]|\d{1,3}[.)])\s*", "", t)  # numbered entries: "1.", "[2]"
    if not t:
        return None
    url = re.fullmatch(r"(?:https?://|www\.)(?P<host>[^/\s]+)\S*", t)
    if url:  # a bare link: the site is the outlet, the link itself is kept as the title
        return CitedSource(outlet=re.sub(r"^www\.", "", url.group("host")), title=t)
    parts = r.entry_sep.split(t, maxsplit=1)
    outlet = parts[0].strip()
    title = parts[1].strip() if len(parts) > 1 else None
    if not outlet or len(outlet) > r.outlet_max_chars:
        return None
    if title is None and (
        len(outlet.split()) > r.outlet_max_words or outlet.endswith(".") and not outlet.startswith("http")
    ):
        return None
    return CitedSource(outlet=outlet, title=title or None)


def _header_entries(rest: str) -> Optional[list[CitedSource]]:
    """The entries on the header line itself ("Sources: Reuters, AP"); None if one is prose."""
    r = _rules()
    rest = rest.strip()
    if not rest:
        return []
    if r.entry_sep.search(rest):
        e = parse_entry(rest)
        return [e] if e else None
    items = [x.strip() for x in r.list_sep.split(rest) if x.strip()]
    out = [parse_entry(x) for x in items]
    return None if any(e is None for e in out) else out  # type: ignore[return-value]


def _credit_lines(text: str, lines: list[Line], first: int, last: int):
    """Trailing credit lines among lines[first..last] ("Based on reporting by AFP", "With
    AFP", "Reporting by …; Editing by …", :mod:`storyline.ingest.credits`), with junk
    between them: (index of the first, their credits), or None when the last line is none."""
    start, cited = None, []
    for i in range(last, first - 1, -1):
        t = strip_markup(lines[i].text(text))
        if not t or is_junk(t):
            continue
        found = credit_line(t)
        if found is None:
            break
        start, cited = i, found + cited
    return None if start is None else (start, cited)


def sources_block(text: str, lines: list[Line], first: int, last: int):
    """Find the trailing sources block and credit lines among lines[first..last], in either
    order: (index of their first line, the sources and credits) or None. Credit lines are
    cut from the body like a sources block, so they never read as a section or a quote."""
    start, cited = None, []
    end = last
    for find in (_credit_lines, _sources_block, _credit_lines):
        found = find(text, lines, first, end) if end >= first else None
        if found is not None:
            start, cited = found[0], found[1] + cited
            end = found[0] - 1
    return None if start is None else (start, unique(cited))


def _sources_block(text: str, lines: list[Line], first: int, last: int):
    """Find a trailing sources block among lines[first..last]; (header index, sources) or None."""
    r = _rules()
    lowest = max(first, last - limits()["sources_block_max_lines"])
    entries: list[CitedSource] = []
    for i in range(last, lowest - 1, -1):
        t = strip_markup(lines[i].text(text))
        if not t:
            continue
        for hp in r.source_headers:
            hm = hp.match(t)
            if hm:
                head = _header_entries(hm.groupdict().get("rest") or "")
                if head is None:
                    return None
                return i, head + list(reversed(entries))
        if is_junk(t):
            continue
        e = parse_entry(t)
        if e is None:
            return None
        entries.append(e)
    return None


def cut_tail(body: str) -> tuple[str, list[CitedSource]]:
    """``body`` without a trailing sources block or credit lines (and the junk around them),
    and what they cite; ``body`` unchanged when it ends in neither (a feed entry's text)."""
    lines = split_lines(body)
    if not lines:
        return body, []
    last = trim_end(body, lines, 0, len(lines) - 1)
    block = sources_block(body, lines, 0, last) if last >= 0 else None
    if block is None or block[0] == 0:
        return body, []
    end = trim_end(body, lines, 0, block[0] - 1)
    return body[: lines[end].start + len(lines[end].text(body).rstrip())], block[1]
