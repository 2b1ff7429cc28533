"""Ingestion: turn files into :class:`~storyline.model.Document` objects (text fields only).

Supported inputs

* plain text (``.txt``, ``.md``, ``.text`` or no extension): the common layout of a pasted
  article, read by :func:`parse_text` with the patterns in ``data/layout.toml``;
* HTML (``.html``, ``.htm``, ``.xhtml``, or any text file whose content is HTML): body without
  boilerplate from trafilatura, headline/byline/site name from its metadata, date from htmldate;
* JSON Lines (``.jsonl``, ``.ndjson``): one article per line, ``text`` plus optional
  ``headline``, ``published``, ``url``, ``outlet``, ``byline``, ``source``, ``dateline``;
* RSS/Atom feeds (``.rss``, ``.atom``, or ``.xml`` whose content is a feed, via feedparser):
  one document per entry, its content (or summary) as the body;
* WARC web archives (``.warc``, ``.warc.gz``, via warcio, read as a stream): one document per
  archived HTML response, read as an HTML page;
* any of these gzip-compressed (``.gz``);
* a directory: every supported file in it, recursively, in sorted order.

Bad input raises (or, from :func:`iter_paths`, yields) an :class:`IngestError` whose text is
one line naming the file. Nothing here runs the NLP pipeline; analysis comes later.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as _dt
import functools
import gzip
import io
import json
import logging
import re
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from storyline.data import load_toml
from storyline.lexicon.gazetteer import lookup_place
from storyline.model import CitedSource, Document

log = logging.getLogger("storyline")

__all__ = ["IngestError", "read_path", "iter_paths", "parse_text", "parse_html", "SUPPORTED_SUFFIXES", "expand"]

PathLike = Union[str, Path]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}  # .xml only when the content is an RSS/Atom feed
WARC_SUFFIXES = {".warc"}  # also .warc.gz
SUPPORTED_SUFFIXES = (TEXT_SUFFIXES - {""}) | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES


class IngestError(Exception):
    """A file (or one line of a JSON Lines file) that cannot be read as an article.

    ``str(error)`` is one line: ``"examples/x.bin: binary file, not an article"``.
    """

    def __init__(self, source: PathLike, message: str):
        self.source = str(source)
        self.message = message
        super().__init__(f"{self.source}: {message}")


# --------------------------------------------------------------------------------------
# Layout rules, loaded once from data/layout.toml


@functools.cache
def layout() -> dict:
    """The raw layout table (``data/layout.toml``)."""
    return load_toml("layout.toml")


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so "Jan" never beats "January")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _unname(pattern: str) -> str:
    """A pattern with its named groups made anonymous, to combine several in one alternation."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@dataclass(frozen=True)
class _Rules:
    limits: dict
    months: dict
    dates: tuple  # compiled full-date patterns
    yearless: tuple
    weekday: str
    markup: re.Pattern
    date_line: re.Pattern
    date_tail: re.Pattern
    published_labels: frozenset
    bylines: tuple
    byline_sep: re.Pattern
    dateline: re.Pattern
    place_word: re.Pattern
    connectors: frozenset
    not_places: frozenset
    require_any: frozenset
    source_headers: tuple
    entry_sep: re.Pattern
    list_sep: re.Pattern
    outlet_max: int
    junk: tuple


@functools.cache
def _rules() -> _Rules:
    lay = layout()
    months = {k.lower(): v for k, v in lay["dates"]["months"].items()}
    month_alt = _alt(months)
    date_pats = [f.replace("{month}", month_alt) for f in lay["dates"]["formats"]]
    yearless_pats = [f.replace("{month}", month_alt) for f in lay["dates"]["yearless"]]
    weekday = _alt(lay["dates"]["weekdays"]["names"])
    head = lay["header"]
    labels = head["date_labels"]
    any_date = "|".join(f"(?:{_unname(p)})" for p in date_pats)
    # "[label[:]] [weekday,] DATE" at the start of a line; the rest must fit date_line_tail.
    date_line = re.compile(
        rf"^(?:(?P<label>{_alt(labels['published'] + labels['updated'])})\s*[:\-–—]?\s*)?"
        rf"(?:(?:{weekday})\.?,?\s+)?(?P<date>{any_date})",
        re.IGNORECASE,
    )
    dl = lay["dateline"]
    word = dl["place_word"]
    conn = _alt(dl["place_connectors"])
    place = rf"{word}(?:[ ](?:(?:{conn})[ ])?{word}){{0,{dl['place_max_words'] - 1}}}"
    any_or_yearless = "|".join(f"(?:{_unname(p)})" for p in date_pats + yearless_pats)
    dateline = re.compile(
        rf"(?P<places>{place}(?:{dl['joiner']}{place})*)"
        rf"(?:,[ ]*(?P<region>{place}))?"
        rf"(?:,?[ ]+(?i:(?:{weekday})\.?,?[ ]+)?(?P<date>(?i:{any_or_yearless})))?"
        rf"(?:[ ]*\((?P<agency>[^()\n]{{1,40}})\))?"
        rf"(?:(?P<dash>{dl['dashes']})|(?P<colon>{dl['colon']}))"
    )
    src = lay["sources"]
    return _Rules(
        limits=lay["limits"],
        months=months,
        dates=tuple(re.compile(p, re.IGNORECASE) for p in date_pats),
        yearless=tuple(re.compile(p, re.IGNORECASE) for p in yearless_pats),
        weekday=weekday,
        markup=re.compile(head["strip_markup"]),
        date_line=date_line,
        date_tail=re.compile(head["date_line_tail"], re.IGNORECASE),
        published_labels=frozenset(w.lower() for w in labels["published"]),
        bylines=tuple(re.compile(p, re.IGNORECASE) for p in head["bylines"]),
        byline_sep=re.compile(head["byline_date_separators"]),
        dateline=dateline,
        place_word=re.compile(word),
        connectors=frozenset(dl["place_connectors"]),
        not_places=frozenset(w.lower() for w in dl["not_places"]),
        require_any=frozenset(dl["require_any"]),
        source_headers=tuple(re.compile(p, re.IGNORECASE) for p in src["headers"]),
        entry_sep=re.compile(src["entry_separator"]),
        list_sep=re.compile(src["list_separator"], re.IGNORECASE),
        outlet_max=int(src["outlet_max_chars"]),
        junk=tuple(re.compile(p, re.IGNORECASE) for p in lay["junk"]["trailing"]),
    )


# --------------------------------------------------------------------------------------
# Dates


def _to_iso(m: re.Match) -> Optional[str]:
    month = m.group("month")
    month_no = int(month) if month.isdigit() else _rules().months.get(month.lower().rstrip("."))
    try:
        return _dt.date(int(m.group("year")), int(month_no), int(m.group("day"))).isoformat()
    except (TypeError, ValueError):
        return None


def parse_date(text: str) -> Optional[str]:
    """The first full date (day, month and year) printed in ``text``, as YYYY-MM-DD."""
    best: Optional[tuple[int, str]] = None
    for pat in _rules().dates:
        for m in pat.finditer(text):
            iso = _to_iso(m)
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
                break
    return best[1] if best else None


def _date_line(line: str) -> Optional[tuple[str, Optional[str]]]:
    """If ``line`` is a date line, (label, YYYY-MM-DD or None)."""
    r = _rules()
    m = r.date_line.match(line)
    if not m or not r.date_tail.match(line[m.end():]):
        return None
    iso = parse_date(m.group("date"))
    label = (m.group("label") or "").lower()
    return label, iso


def _normalize_published(value) -> Optional[str]:
    """A metadata date (ISO string, ISO datetime, or a printed date) as YYYY-MM-DD."""
    if value is None:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return parse_date(s)


def _check_published(published: Optional[str]) -> Optional[str]:
    if published is None:
        return None
    try:
        return _dt.date.fromisoformat(str(published)).isoformat()
    except ValueError:
        raise ValueError(f"published must be a date written YYYY-MM-DD, not {published!r}") from None


# --------------------------------------------------------------------------------------
# Plain-text layout


@dataclass
class _Line:
    start: int
    end: int  # end of the line's text, without its newline

    def text(self, s: str) -> str:
        return s[self.start : self.end]


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        out.append(_Line(pos, pos + len(body)))
        pos += len(piece)
    return out


def _strip_markup(line: str) -> str:
    return _rules().markup.sub("", line).strip()


def _byline(line: str) -> Optional[tuple[str, Optional[str]]]:
    """If ``line`` is a byline, (name(s), date printed on the same line or None)."""
    r = _rules()
    for pat in r.bylines:
        m = pat.match(line)
        if not m:
            continue
        value = m.group("byline").strip()
        # "By Jane Doe | March 4, 2026": split off a trailing date.
        for dpat in r.dates:
            for dm in dpat.finditer(value):
                before = value[: dm.start()]
                sep = r.byline_sep.search(before + " ")
                tail_ok = r.date_tail.match(value[dm.end():])
                if sep and tail_ok and before.strip(" ,|·•-–—"):
                    cut = re.sub(r"[\s,|·•\-–—]*(?:(?:published|updated|posted)\s*:?\s*)?$", "", before, flags=re.I)
                    return cut.strip(), _to_iso(dm)
        return value.strip(" ,|·•"), None
    return None


def _looks_like_headline(line: str) -> bool:
    lim = _rules().limits
    if not line or len(line) > lim["headline_max_chars"] or len(line.split()) > lim["headline_max_words"]:
        return False
    # A line ending in a full stop is a sentence, not a headline ("U.S." is an abbreviation).
    last = line.split()[-1]
    if line.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.){2,}", last) and not line.endswith("..."):
        return False
    return True


def _is_junk(line: str) -> bool:
    t = _strip_markup(line)
    return any(p.fullmatch(t) for p in _rules().junk)


def _parse_entry(line: str) -> Optional[CitedSource]:
    r = _rules()
    t = _strip_markup(line).lstrip("•-–—*·▪ ").strip()
    t = re.sub(r"^(?:\[\d{1,3}\]|\d{1,3}[.)])\s*", "", t)  # numbered entries: "1.", "[2]"
    if not t:
        return None
    url = re.fullmatch(r"(?:https?://|www\.)(?P<host>[^/\s]+)\S*", t)
    if url:  # a bare link: the site is the outlet, the link itself is kept as the title
        return CitedSource(outlet=re.sub(r"^www\.", "", url.group("host")), title=t)
    parts = r.entry_sep.split(t, maxsplit=1)
    outlet = parts[0].strip()
    title = parts[1].strip() if len(parts) > 1 else None
    if not outlet or len(outlet) > r.outlet_max:
        return None
    if title is None and (len(outlet.split()) > 8 or outlet.endswith(".") and not outlet.startswith("http")):
        return None
    return CitedSource(outlet=outlet, title=title or None)


def _header_entries(rest: str) -> Optional[list[CitedSource]]:
    r = _rules()
    rest = rest.strip()
    if not rest:
        return []
    if r.entry_sep.search(rest):
        e = _parse_entry(rest)
        return [e] if e else None
    items = [x.strip() for x in r.list_sep.split(rest) if x.strip()]
    out = [_parse_entry(x) for x in items]
    return None if any(e is None for e in out) else out  # type: ignore[return-value]


def _sources_block(text: str, lines: list[_Line], first: int, last: int):
    """Find a trailing sources block among lines[first..last]; (header index, sources) or None."""
    r = _rules()
    lowest = max(first, last - r.limits["sources_block_max_lines"])
    entries: list[CitedSource] = []
    for i in range(last, lowest - 1, -1):
        t = _strip_markup(lines[i].text(text))
        if not t:
            continue
        for hp in r.source_headers:
            hm = hp.match(t)
            if hm:
                head = _header_entries(hm.groupdict().get("rest") or "")
                if head is None:
                    return None
                return i, head + list(reversed(entries))
        if _is_junk(t):
            continue
        e = _parse_entry(t)
        if e is None:
            return None
        entries.append(e)
    return None


def _place_ok(place: str) -> bool:
    r = _rules()
    words = place.split()
    return all(w in r.connectors or w[:1].isupper() for w in words)


def _dateline(body: str) -> Optional[tuple[str, Optional[str], int]]:
    """If the body opens with a dateline: (dateline as printed without its dash, date or
    None, where the dateline and its dash end in ``body``)."""
    r = _rules()
    m = r.dateline.match(body)
    if not m:
        return None
    core = body[: m.start("dash") if m.group("dash") is not None else m.start("colon")].strip()
    if not core or len(core) > r.limits["dateline_max_chars"] or "\n" in core:
        return None
    places = [p.strip() for p in re.split(r"\s*/\s*", m.group("places"))]
    if m.group("region"):
        places.append(m.group("region").strip())
    if not all(_place_ok(p) for p in places):
        return None
    if any(p.lower() in r.not_places for p in places):
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


def _trim_end(text: str, lines: list[_Line], first: int, last: int) -> int:
    """Index of the last line of lines[first..last] that is neither blank nor trailing junk."""
    while last >= first:
        t = lines[last].text(text)
        if t.strip() and not _is_junk(t):
            break
        last -= 1
    return last


def _is_header(t: str) -> bool:
    return _byline(t) is not None or _date_line(t) is not None


def _skip_deck(text: str, lines: list[_Line], i: int) -> int:
    """Skip a standfirst between the headline and a byline/date line ("Headline / deck / By X").

    Only when a byline or date line follows within ``max_deck_lines`` short lines; otherwise
    those lines are the body and nothing is skipped.
    """
    lim = _rules().limits
    j, deck = i, 0
    while j < len(lines):
        t = _strip_markup(lines[j].text(text))
        if not t:
            j += 1
            continue
        if _is_header(t):
            return j if deck else i
        if deck >= lim["max_deck_lines"] or len(t) > lim["deck_max_chars"]:
            return i
        deck += 1
        j += 1
    return i


@dataclass
class _Layout:
    headline: Optional[str] = None
    byline: Optional[str] = None
    published: Optional[str] = None
    dateline: Optional[str] = None
    dateline_date: Optional[str] = None
    dateline_end: int = 0  # offset in the body where the dateline and its dash end
    cited: tuple = ()
    body_start: int = 0
    body_end: int = 0


def _layout(text: str, *, allow_headline: bool = True) -> _Layout:
    r = _rules()
    lines = _lines(text)
    out = _Layout(body_end=len(text))
    i = 0
    while i < len(lines) and not lines[i].text(text).strip():
        i += 1
    if i == len(lines):
        return out
    dates: list[tuple[str, Optional[str]]] = []

    def header_line(t: str) -> bool:
        bl = _byline(t)
        if bl is not None:
            if out.byline is None:
                out.byline = bl[0]
            if bl[1]:
                dates.append(("", bl[1]))
            return True
        dl = _date_line(t)
        if dl is not None:
            dates.append(dl)
            return True
        return False

    first_text = _strip_markup(lines[i].text(text))
    if allow_headline and _byline(first_text) is None and _date_line(first_text) is None:
        if _looks_like_headline(first_text):
            out.headline = first_text
            i += 1
    if out.headline is not None:
        i = _skip_deck(text, lines, i)
    seen = 0
    while i < len(lines) and seen < r.limits["max_header_lines"]:
        t = _strip_markup(lines[i].text(text))
        if not t:
            i += 1
            continue
        if not header_line(t):
            break
        seen += 1
        i += 1
    while i < len(lines) and not lines[i].text(text).strip():
        i += 1
    if i == len(lines):  # nothing but a header: take the whole text as the body
        return _Layout(body_start=0, body_end=len(text.rstrip()))
    first = i
    last = _trim_end(text, lines, first, len(lines) - 1)
    block = _sources_block(text, lines, first, last)
    if block is not None and block[0] > first:
        out.cited = tuple(block[1])
        last = _trim_end(text, lines, first, block[0] - 1)
    first_line = lines[first]
    out.body_start = first_line.start + (len(first_line.text(text)) - len(first_line.text(text).lstrip()))
    out.body_end = lines[last].start + len(lines[last].text(text).rstrip())
    dl = _dateline(text[out.body_start : out.body_end])
    if dl:
        out.dateline, out.dateline_date, out.dateline_end = dl
    published = [d for label, d in dates if d and label in r.published_labels]
    any_date = [d for _, d in dates if d]
    out.published = (published or any_date or [None])[0] or out.dateline_date
    return out


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(
    text: str, *, source: str = "<text>", raw: bool = False, published: Optional[str] = None
) -> Document:
    """Read a pasted article: headline, byline, date line, dateline, body, sources block.

    The body is the article text exactly as printed (newlines normalized to ``\\n``) from the
    first body line to the last, without the headline, byline, date lines, trailing sources
    block and trailing comment-widget junk. A dateline stays in the body and is also recorded
    in ``dateline``. ``published`` is the printed date (the date line, else a dated dateline)
    unless ``published=`` overrides it. With ``raw=True`` the whole input is the body: no
    metadata is parsed and every offset refers to ``text`` exactly.
    """
    published = _check_published(published)
    if raw:
        return Document(source=source, text=text, published=published)
    text = _normalize_newlines(text)
    lay = _layout(text)
    return Document(
        source=source,
        headline=lay.headline,
        byline=lay.byline,
        published=published or lay.published,
        dateline=lay.dateline,
        dateline_span=(0, lay.dateline_end) if lay.dateline else None,
        cited_sources=list(lay.cited),
        text=text[lay.body_start : lay.body_end],
    )


# --------------------------------------------------------------------------------------
# HTML

# htmldate settings: the original (not the last-modified) date, with the extensive search of
# the page's text; the best of the variants tried on htmldate-eval and trafilatura-eval.
_DATE_PARAMS = {"original_date": True, "extensive_search": True}
_EXTRACT_PARAMS = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "favor_precision": True,  # best F1 on the scrapinghub benchmark (see docs/ingest.md)
    "favor_recall": False,
}


def _fold_space(s: str) -> str:
    return " ".join(s.split()).casefold()


def html_body(html: str, **overrides) -> tuple[str, object]:
    """Main text of an HTML page (paragraphs separated by blank lines) and trafilatura's result."""
    import trafilatura

    params = {**_EXTRACT_PARAMS, "date_extraction_params": dict(_DATE_PARAMS), **overrides}
    result = trafilatura.bare_extraction(html, with_metadata=True, **params)
    if (result is None or not (getattr(result, "text", None) or "").strip()) and params.get("favor_precision"):
        # precision found nothing: a short or unusual page; try again favouring recall
        params.update(favor_precision=False, favor_recall=True)
        result = trafilatura.bare_extraction(html, with_metadata=True, **params) or result
    if result is None:
        return "", None
    text = getattr(result, "text", None) or ""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    title = getattr(result, "title", None)
    if paras and title and _fold_space(paras[0]) == _fold_space(title):
        paras = paras[1:]  # the headline repeated at the top of the body
    return "\n\n".join(paras), result


def _page_headings(html_or_tree) -> list[str]:
    """Texts of the page's <h1> elements (the first few), for cleaning the <title>."""
    tree = _html_tree(html_or_tree) if isinstance(html_or_tree, str) else html_or_tree
    if tree is None:
        return []
    return [" ".join(h.text_content().split()) for h in tree.iter("h1")][:5]


def _html_tree(html: str):
    """The page parsed by lxml (trafilatura's loader), or None."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:  # hostile markup: no tree rather than no document
        return None


def clean_title(title: Optional[str], sitename: Optional[str], headings: Iterable[str] = ()) -> Optional[str]:
    """The headline inside a page title: "Headline | Site" -> "Headline".

    A heading (<h1>) that the title starts or ends with is the headline; otherwise a title
    segment that names the site (``sitename``) is dropped. Separators are in layout.toml.
    """
    if not title:
        return None
    title = " ".join(title.split())
    folded = _fold_space(title)
    for h in headings:
        fh = _fold_space(h)
        if len(fh) >= layout()["html"]["min_heading_chars"] and fh != folded and (
            folded.startswith(fh) or folded.endswith(fh)
        ):
            return h
    site = _fold_space(sitename or "")
    if site:
        parts = _title_separator().split(title)
        if len(parts) > 1:
            last, first = _fold_space(parts[-1]), _fold_space(parts[0])
            if last and (last in site or site in last):
                return title[: title.rfind(parts[-1])].rstrip(_title_strip())
            if first and (first in site or site in first):
                return title[len(parts[0]) :].lstrip(_title_strip())
    return title


@functools.cache
def _title_separator() -> re.Pattern:
    return re.compile(layout()["html"]["title_separators"])


def _title_strip() -> str:
    return " " + layout()["html"]["title_separator_chars"]


def html_date(html: str) -> Optional[str]:
    """Publication date of an HTML page by htmldate (original date, extensive search)."""
    from htmldate import find_date

    try:
        return find_date(html, outputformat="%Y-%m-%d", **_DATE_PARAMS)
    except Exception:  # htmldate on hostile markup: no date rather than no document
        return None


# --------------------------------------------------------------------------------------
# HTML date evidence (data/dates.toml)


@functools.cache
def _date_rules() -> dict:
    rules = load_toml("dates.toml")
    return {**rules, "instant_re": re.compile(rules["timestamps"]["instant"])}


def _instant(value) -> Optional[_dt.datetime]:
    """An ISO 8601 instant with an explicit offset ("…T23:37:37-04:00", "…Z"), else None."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    m = _date_rules()["instant_re"].match(value)
    if not m:
        return None
    tz = m[7]
    minutes = 0 if tz == "Z" else (1 if tz[0] == "+" else -1) * (int(tz[1:3]) * 60 + int(tz[-2:]))
    try:
        return _dt.datetime(
            int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0),
            tzinfo=_dt.timezone(_dt.timedelta(minutes=minutes)),
        )
    except (ValueError, OverflowError):
        return None


def _jsonld_values(obj, keys_ok, out: list, depth: int = 0) -> None:
    if depth > 20 or len(out) > 200:
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, str):
                if keys_ok(k):
                    out.append((k, v))
            else:
                _jsonld_values(v, keys_ok, out, depth + 1)
    elif isinstance(obj, list):
        for x in obj[:200]:
            _jsonld_values(x, keys_ok, out, depth + 1)


def date_evidence(tree) -> tuple[list[_dt.datetime], list[_dt.datetime]]:
    """(publication instants, all instants) that the page states with an explicit offset.

    Publication instants come from JSON-LD ``datePublished``, publication ``<meta>`` keys and
    ``<time>`` elements marked as the publication time; "all instants" adds every dated JSON-LD
    value, dated ``<meta>`` and ``<time datetime>``. The keys are in data/dates.toml.
    """
    if tree is None:
        return [], []
    rules = _date_rules()
    pub_cfg, ts_cfg, lim = rules["published"], rules["timestamps"], rules["limits"]
    pub_jsonld = set(pub_cfg["jsonld_keys"])
    pub_meta = set(pub_cfg["meta_keys"])
    prefixes = tuple(ts_cfg["jsonld_key_prefixes"])
    words = tuple(ts_cfg["meta_key_words"])
    published: list = []
    every: list = []

    def add(value, is_pub: bool) -> None:
        d = _instant(value)
        if d is not None:
            every.append(d)
            if is_pub:
                published.append(d)

    try:
        for n, el in enumerate(tree.iter("script", "meta", "time")):
            if n > lim["max_elements"]:
                break
            tag = el.tag
            if tag == "script":
                if (el.get("type") or "").strip().lower() != "application/ld+json":
                    continue
                raw = el.text or ""
                if len(raw) > lim["max_jsonld_chars"]:
                    continue
                try:
                    data = json.loads(raw)
                except (ValueError, RecursionError):  # broken or absurdly nested JSON-LD
                    continue
                found: list = []
                _jsonld_values(data, lambda k: isinstance(k, str) and k.startswith(prefixes), found)
                for k, v in found:
                    add(v, k in pub_jsonld)
            elif tag == "meta":
                key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
                if key and any(w in key for w in words):
                    add(el.get("content"), key in pub_meta)
            else:
                cls = (el.get("class") or "").lower()
                is_pub = (
                    el.get("pubdate") is not None
                    or (el.get("itemprop") or "").strip().lower() in pub_cfg["time_itemprops"]
                    or any(w in cls for w in pub_cfg["time_class_words"])
                )
                add(el.get("datetime"), is_pub)
    except Exception:  # odd trees (comments, processing instructions): keep what was read
        pass
    return published, every


def microdata_date(tree) -> Optional[str]:
    """The date of the first visible element marked ``itemprop="datePublished"`` (its
    ``datetime``/``content`` attribute, else its text, read by htmldate's date parser)."""
    if tree is None:
        return None
    from htmldate.extractors import try_date_expr

    cfg = _date_rules()["microdata"]
    props = {p.lower() for p in cfg["itemprops"]}
    seen = 0
    try:
        for el in tree.iterfind(".//*[@itemprop]"):
            if not isinstance(el.tag, str) or el.tag == "meta":
                continue
            if (el.get("itemprop") or "").strip().lower() not in props:
                continue
            seen += 1
            if seen > cfg["max_elements"]:
                break
            value = el.get("datetime") or el.get("content") or " ".join(el.text_content().split())
            found = try_date_expr(
                value[: cfg["max_text_chars"]], "%Y-%m-%d", False,
                _dt.datetime(1995, 1, 1), _dt.datetime.now() + _dt.timedelta(days=1),
            )
            if found:
                return found
    except Exception:  # odd trees or values: no microdata date
        return None
    return None


def _url_dates(url: Optional[str]) -> set[str]:
    out = set()
    m = re.search(_date_rules()["microdata"]["url_date"], url or "")
    if m:
        try:
            out.add(_dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat())
        except ValueError:
            pass
    return out


def page_date(date: Optional[str], tree, url: Optional[str] = None) -> Optional[str]:
    """htmldate's ``date`` checked against the page's own evidence (data/dates.toml):
    visible microdata datePublished wins unless the URL confirms ``date``; then the day of a
    UTC instant is moved to the local day when the page restates that instant locally."""
    micro = microdata_date(tree)
    if micro and micro != date and date not in _url_dates(url):
        date = micro
    return local_day(date, tree)


def local_day(date: Optional[str], tree) -> Optional[str]:
    """Correct ``date`` to the local day when it is the UTC day of a publication instant that
    the page restates with a local offset (rule in data/dates.toml); otherwise ``date``."""
    if not date:
        return date
    published, every = date_evidence(tree)
    zero = _dt.timedelta(0)
    for d in published:
        if d.utcoffset() != zero or d.date().isoformat() != date:
            continue
        for other in every:
            off = other.utcoffset()
            if off != zero and other == d:  # the same instant, stated with a local offset
                return other.date().isoformat()
    return date


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no library's ``except Exception`` eats it."""


@contextlib.contextmanager
def _time_limit(seconds: float, source: str):
    """Stop the block after ``seconds`` (POSIX main thread only; elsewhere no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise IngestError(source, f"HTML extraction took longer than {seconds:g} s; page skipped") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_html(
    html: str, *, source: str = "<html>", raw: bool = False, published: Optional[str] = None
) -> Document:
    """An HTML page: boilerplate-free body (trafilatura), metadata (trafilatura), date (htmldate).

    Extraction is stopped after ``limits.html_seconds`` (layout.toml) where the platform allows.
    """
    published = _check_published(published)
    if raw:
        return Document(source=source, text=html, published=published)
    with _time_limit(float(_rules().limits["html_seconds"]), source):
        body, meta = html_body(html)
        if not body.strip():
            raise IngestError(source, "no article text found in the HTML page")
        # trafilatura dates the page with htmldate under _DATE_PARAMS; ask htmldate
        # directly only when that gave nothing usable.
        date = _normalize_published(getattr(meta, "date", None)) if meta is not None else None
        date = date or html_date(html)
        tree = _html_tree(html)
        date = page_date(date, tree, getattr(meta, "url", None) if meta is not None else None)
        headings = _page_headings(tree) if meta is not None else []
    lay = _layout(body, allow_headline=False)
    text = body[lay.body_start : lay.body_end]
    url = getattr(meta, "url", None) if meta is not None else None
    return Document(
        source=source,
        url=url,
        outlet=(getattr(meta, "sitename", None) or None) if meta is not None else None,
        headline=clean_title(getattr(meta, "title", None), getattr(meta, "sitename", None), headings)
        if meta is not None
        else None,
        byline=((getattr(meta, "author", None) or None) if meta is not None else None) or lay.byline,
        published=published or date or lay.published,
        dateline=lay.dateline,
        dateline_span=(0, lay.dateline_end) if lay.dateline else None,
        cited_sources=list(lay.cited),
        text=text,
    )


# --------------------------------------------------------------------------------------
# JSON Lines

_JSONL_FIELDS = {
    "headline": ("headline", "title"),
    "byline": ("byline", "author", "authors"),
    "outlet": ("outlet", "sitename", "site", "publisher"),
    "url": ("url", "link"),
    "dateline": ("dateline",),
    "source": ("source",),
}


def _jsonl_document(obj, where: str, *, raw: bool, published: Optional[str]) -> Document:
    if not isinstance(obj, dict):
        raise IngestError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(where, "no 'text' field (a non-empty string) in this record")
    fields: dict = {}
    for name, keys in _JSONL_FIELDS.items():
        for k in keys:
            v = obj.get(k)
            if isinstance(v, list) and name == "byline":
                v = ", ".join(str(x) for x in v if x)
            if isinstance(v, str) and v.strip():
                fields[name] = v.strip()
                break
    cited = []
    for item in obj.get("cited_sources") or []:
        if isinstance(item, dict) and isinstance(item.get("outlet"), str):
            cited.append(CitedSource(outlet=item["outlet"], title=item.get("title") or None))
        elif isinstance(item, str) and item.strip():
            cited.append(CitedSource(outlet=item.strip()))
    date = published or _normalize_published(obj.get("published") or obj.get("date"))
    if not raw:
        text = _normalize_newlines(text)
        lead = len(text) - len(text.lstrip())
        dl = _dateline(text[lead:])
        if dl:
            fields.setdefault("dateline", dl[0])
            if fields["dateline"] == dl[0]:
                fields["dateline_span"] = (lead, lead + dl[2])
    return Document(
        source=fields.pop("source", where),
        text=text,
        published=date,
        cited_sources=cited,
        **fields,
    )


def _read_jsonl(text: str, source: str, *, raw: bool, published: Optional[str]) -> list:
    out: list = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            out.append(IngestError(where, f"not valid JSON ({e.msg} at column {e.colno})"))
            continue
        try:
            out.append(_jsonl_document(obj, where, raw=raw, published=published))
        except IngestError as e:
            out.append(e)
    if not out:
        raise IngestError(source, "empty file")
    return out


# --------------------------------------------------------------------------------------
# Feeds (RSS, Atom) and web archives (WARC)

_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "pre", "table", "tr", "section", "article", "figure", "figcaption", "dd", "dt", "hr"}


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one paragraph per block element.

    This only converts markup that a feed already reduced to the article; whole pages go
    through trafilatura (:func:`parse_html`).
    """
    if "<" not in fragment:
        paras = re.split(r"\n\s*\n", fragment)
    else:
        import lxml.html

        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except Exception:  # lxml on garbage: fall back to the characters as given
            return " ".join(re.sub(r"<[^>]*>", " ", fragment).split())
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        for el in root.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in _BLOCK_TAGS:
                el.tail = "\n\n" + (el.tail or "")
                el.text = "\n\n" + (el.text or "")
            elif tag == "br":
                el.tail = "\n\n" + (el.tail or "")
        paras = re.split(r"\n\s*\n", root.text_content())
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())


def _looks_like_feed(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return bool(re.search(r"<(?:rss|feed|rdf:rdf)\b", head))


def _feed_date(entry) -> Optional[str]:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return _dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except ValueError:
                continue
    for key in ("published", "updated"):
        if entry.get(key):
            d = _normalize_published(entry[key])
            if d:
                return d
    return None


def _read_feed(text: str, source: str, *, raw: bool, published: Optional[str]) -> list:
    """One document per RSS/Atom entry: title, link, author, date, and its content or summary."""
    import feedparser

    if not text.lstrip().startswith("<"):
        # feedparser would take a bare string for a URL or a file name and open it
        raise IngestError(source, "not an RSS/Atom feed")
    parsed = feedparser.parse(text)
    if not parsed.entries:
        raise IngestError(source, "feed has no entries" if parsed.get("version") else "not an RSS/Atom feed")
    outlet = (parsed.feed.get("title") or "").strip() or None
    out: list = []
    for i, entry in enumerate(parsed.entries, 1):
        where = entry.get("link") or f"{source}#{i}"
        content = ""
        for c in entry.get("content") or []:
            if len(c.get("value") or "") > len(content):
                content = c["value"]
        if not content.strip():
            content = entry.get("summary") or ""
        body = content if raw else fragment_text(content)
        if not body.strip():
            out.append(IngestError(f"{source}#{i}", "feed entry has no text"))
            continue
        dl = None if raw else _dateline(body)
        out.append(
            Document(
                source=where,
                url=entry.get("link") or None,
                outlet=outlet,
                headline=(" ".join((entry.get("title") or "").split()) or None),
                byline=(entry.get("author") or None),
                published=published or _feed_date(entry),
                dateline=dl[0] if dl else None,
                dateline_span=(0, dl[2]) if dl else None,
                text=body,
            )
        )
    return out


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _read_warc(path: Path, source: str, *, raw: bool, published: Optional[str]) -> list:
    """One document per archived HTML response (HTTP 200) in a WARC file, read as a stream."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limits = _rules().limits
    size = path.stat().st_size
    if size == 0:
        raise IngestError(source, "empty file")
    if size > limits["max_warc_bytes"]:
        raise IngestError(source, f"file too large ({size / 1e6:.0f} MB; the limit for WARC is {limits['max_warc_bytes'] / 1e6:.0f} MB)")
    with path.open("rb") as fh:
        head = fh.read(64)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as gz:
                head = gz.read(16)
        except (OSError, EOFError):
            head = b""
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        raise IngestError(source, "not a valid WARC file (no WARC record header at the start)")
    out: list = []
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{record.rec_headers.get_header('WARC-Record-ID')}"
                ctype = ""
                if record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    if status and not status.startswith("2"):
                        continue
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if not ctype.lower().startswith(_HTML_TYPES):
                    continue
                data = record.content_stream().read(limits["max_file_bytes"] + 1)
                if len(data) > limits["max_file_bytes"]:
                    out.append(IngestError(uri, "archived page too large"))
                    continue
                if not data.strip():
                    continue
                m = re.search(r"charset=([\w.:-]+)", ctype, re.IGNORECASE)
                declared = None
                if m:
                    label = _LABEL_ALIASES.get(m.group(1).lower(), m.group(1).lower())
                    try:
                        declared = codecs.lookup(label).name
                    except LookupError:
                        declared = None
                try:
                    html = decode(data, uri, declared=declared or declared_encoding(data))
                    doc = parse_html(html, source=uri, raw=raw, published=published)
                    doc.url = doc.url or uri
                    out.append(doc)
                except IngestError as e:
                    out.append(e)
    except ArchiveLoadFailed as e:
        raise IngestError(source, f"not a valid WARC file ({e})".replace("\n", " ")) from None
    if not out:
        raise IngestError(source, "no archived HTML pages in the WARC file")
    return out


# --------------------------------------------------------------------------------------
# Bytes: size, binary, encoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG"),
    (b"GIF8", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"\x7fELF", "ELF"),
    (b"RIFF", "RIFF"),
    (b"ID3", "MP3"),
    (b"SQLite format 3", "SQLite"),
    (b"\xd0\xcf\x11\xe0", "OLE/Office"),
)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG Encoding): these labels mean windows-1252.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
                  "us-ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def _binary_kind(data: bytes) -> Optional[str]:
    head = data[: _rules().limits["binary_sniff_bytes"]]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head:
        return "binary"
    if head and sum(b in _CONTROL for b in head) / len(head) > _rules().limits["binary_control_ratio"]:
        return "binary"
    return None


def declared_encoding(data: bytes) -> Optional[str]:
    """The charset a page declares (``<meta charset>``, ``<?xml encoding?>``), if Python knows it."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "ignore").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, source: PathLike = "<bytes>", *, declared: Optional[str] = None) -> str:
    """Bytes to text: BOM, then the declared charset, then UTF-8, then charset-normalizer's guess.

    A page declaring a single-byte charset whose bytes are valid UTF-8 with non-ASCII characters
    is read as UTF-8 (a mislabel far more common than the opposite). Raises IngestError when no
    encoding fits.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise IngestError(source, f"undecodable bytes: the file starts with a {enc} byte-order mark but is not {enc}") from None
    utf8: Optional[str]
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if declared:
        single_byte = codecs.lookup(declared).name not in {"utf-8", "utf-16", "utf-32"} and not declared.startswith(("gb", "big5", "shift", "euc", "iso2022", "cp9"))
        if not (utf8 is not None and single_byte and not data.isascii()):
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    if utf8 is not None:
        return utf8
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:2_000_000]))
    if matches:
        # Among the guesses that read the bytes equally cleanly, prefer the common legacy
        # encodings of news text (short samples leave charset-normalizer undecided).
        cleanest = [m.encoding for m in matches if m.chaos <= matches[0].chaos + 1e-6]
        preferred = [e for e in layout()["encoding"]["prefer_on_tie"] if e in cleanest]
        for enc in preferred[:1] + [m.encoding for m in matches]:
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    raise IngestError(source, "undecodable bytes: not UTF-8, and no declared or detected encoding fits")


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:8192].lower() or bool(
        re.match(r"<(?:head|body|meta|title|article)\b", head)
    )


def _looks_like_jsonl(text: str) -> bool:
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _read_bytes(path: Path, source: str) -> bytes:
    limit = _rules().limits["max_file_bytes"]
    if not path.exists():
        raise IngestError(source, "no such file")
    if path.is_dir():
        raise IngestError(source, "is a directory")
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(source, f"file too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
        data = path.read_bytes()
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as e:
        raise IngestError(source, f"cannot read: {e.strerror or e}") from None
    if path.suffix.lower() == ".gz":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(limit + 1)
        except (OSError, EOFError):
            raise IngestError(source, "not a valid gzip file") from None
        if len(data) > limit:
            raise IngestError(source, f"file too large once decompressed (the limit is {limit / 1e6:.0f} MB)")
    return data


def _read(path: Path, *, raw: bool, published: Optional[str]) -> list:
    """Documents and per-line errors of one file; raises IngestError when the whole file is bad."""
    source = str(path)
    if _suffix(path) in WARC_SUFFIXES and path.is_file():
        return _read_warc(path, source, raw=raw, published=published)
    data = _read_bytes(path, source)
    if not data.strip():
        raise IngestError(source, "empty file")
    kind = _binary_kind(data)
    if kind:
        raise IngestError(source, f"binary file ({kind}), not an article" if kind != "binary" else "binary file, not an article")
    suffix = _suffix(path)
    known = suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
    text = decode(data, source, declared=declared_encoding(data) if suffix not in JSONL_SUFFIXES else None)
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f\x1b")
    if text and bad / min(len(text), 8192) > _rules().limits["binary_control_ratio"]:
        raise IngestError(source, "binary file, not an article")
    if not text.strip():
        raise IngestError(source, "empty file")
    if suffix in JSONL_SUFFIXES or (not known and _looks_like_jsonl(text)):
        return _read_jsonl(text, source, raw=raw, published=published)
    if suffix in {".rss", ".atom"} or (suffix not in HTML_SUFFIXES and _looks_like_feed(text)):
        return _read_feed(text, source, raw=raw, published=published)
    if suffix == ".xml":
        raise IngestError(source, "XML file that is not an RSS/Atom feed")
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        return [parse_html(text, source=source, raw=raw, published=published)]
    if not known:
        raise IngestError(source, f"unsupported file type '{suffix}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    doc = parse_text(text, source=source, raw=raw, published=published)
    if not doc.text.strip():
        raise IngestError(source, "no article text")
    return [doc]


def read_path(path: PathLike, *, raw: bool = False, published: Optional[str] = None) -> list[Document]:
    """The documents in one file (a JSON Lines file may hold several).

    Raises :class:`IngestError` for a missing, empty, binary, undecodable, oversized or
    unsupported file, and for the first bad line of a JSON Lines file (use :func:`iter_paths`
    to keep the good lines of such a file).
    """
    published = _check_published(published)
    path = Path(path)
    try:
        items = _read(path, raw=raw, published=published)
    except IngestError:
        raise
    except Exception as e:  # a library failing on hostile input: report, never a traceback
        raise IngestError(path, f"could not read ({type(e).__name__}: {e})".replace("\n", " ")) from e
    for item in items:
        if isinstance(item, IngestError):
            raise item
    return items


def _supported_file(p: Path) -> bool:
    return p.is_file() and _suffix(p) in SUPPORTED_SUFFIXES


def expand(paths: Iterable[PathLike]) -> Iterator[Union[Path, IngestError]]:
    """Files named or found (recursively, sorted, hidden entries skipped) under directories."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            visible = sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            found = [f for f in visible if _supported_file(f)]
            skipped = [f for f in visible if not _supported_file(f)]
            if not found:
                yield IngestError(p, "directory has no supported files (" + ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")")
            elif skipped:
                names = ", ".join(f.name for f in skipped[:3]) + (", …" if len(skipped) > 3 else "")
                log.warning("%s: skipped %d file(s) without a supported extension (%s)", p, len(skipped), names)
            yield from found
        else:
            yield p


def iter_paths(
    paths: Iterable[PathLike], *, raw: bool = False, published: Optional[str] = None
) -> Iterator[tuple[str, Union[list[Document], IngestError]]]:
    """For each file (directories expanded), ``(name, documents)`` or ``(name, IngestError)``.

    One bad file is reported and the rest proceed. A JSON Lines file yields its good records
    as one ``(path, documents)`` item and each bad line as ``("path:LINE", IngestError)``.
    """
    published = _check_published(published)
    for item in expand(paths):
        if isinstance(item, IngestError):
            yield item.source, item
            continue
        try:
            results = _read(item, raw=raw, published=published)
        except IngestError as e:
            yield e.source, e
            continue
        except Exception as e:
            err = IngestError(item, f"could not read ({type(e).__name__}: {e})".replace("\n", " "))
            yield err.source, err
            continue
        docs = [d for d in results if isinstance(d, Document)]
        if docs:
            yield str(item), docs
        for e in results:
            if isinstance(e, IngestError):
                yield e.source, e
