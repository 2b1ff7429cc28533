"""The publication day of an HTML page: htmldate's date, checked against the page's own
evidence (visible microdata, the URL, JSON-LD / <meta> / <time> instants). The keys and
rules are in ``data/dates.toml``; instants and days are read by :mod:`storyline.ingest.dates`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from dataclasses import dataclass
from typing import Iterator, Optional

from storyline.data import load
from storyline.ingest.dates import iso_day, parse_instant

# htmldate settings: the original (not the last-modified) date, with the extensive search of
# the page's text; the best of the variants tried on htmldate-eval and trafilatura-eval.
DATE_PARAMS = {"original_date": True, "extensive_search": True}


def html_date(html: str) -> Optional[str]:
    """Publication date of an HTML page by htmldate (original date, extensive search)."""
    from htmldate import find_date

    try:
        return find_date(html, outputformat="%Y-%m-%d", **DATE_PARAMS)
    except Exception:  # htmldate on hostile markup: no date rather than no document
        return None


@functools.cache
def _rules() -> dict:
    return load("dates.toml")


# --------------------------------------------------------------------------------------
# Instants the page states: JSON-LD, <meta>, <time>


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


@dataclass(frozen=True)
class _Keys:
    """Where a page states its instants (the ``[published]`` and ``[timestamps]`` tables)."""

    jsonld_prefixes: tuple  # JSON-LD keys that may hold an instant start with one of these
    jsonld_published: frozenset  # JSON-LD keys of the publication instant
    meta_words: tuple  # <meta> keys that may hold an instant contain one of these
    meta_published: frozenset  # <meta> keys of the publication instant
    time_itemprops: list  # a <time> with one of these itemprops is the publication time
    time_class_words: list  # … or with one of these words in its class
    max_elements: int
    max_jsonld_chars: int


@functools.cache
def _keys() -> _Keys:
    rules = _rules()
    pub_cfg, ts_cfg, lim = rules["published"], rules["timestamps"], rules["limits"]
    return _Keys(
        jsonld_prefixes=tuple(ts_cfg["jsonld_key_prefixes"]),
        jsonld_published=frozenset(pub_cfg["jsonld_keys"]),
        meta_words=tuple(ts_cfg["meta_key_words"]),
        meta_published=frozenset(pub_cfg["meta_keys"]),
        time_itemprops=pub_cfg["time_itemprops"],
        time_class_words=pub_cfg["time_class_words"],
        max_elements=lim["max_elements"],
        max_jsonld_chars=lim["max_jsonld_chars"],
    )


def _script_stamps(el, keys: _Keys) -> Iterator[tuple[object, bool]]:
    """(value, is the publication instant) of the dated keys of a JSON-LD <script>."""
    if (el.get("type") or "").strip().lower() != "application/ld+json":
        return
    raw = el.text or ""
    if len(raw) > keys.max_jsonld_chars:
        return
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # broken or absurdly nested JSON-LD
        return
    found: list = []
    _jsonld_values(data, lambda k: isinstance(k, str) and k.startswith(keys.jsonld_prefixes), found)
    for k, v in found:
        yield v, k in keys.jsonld_published


def _meta_stamps(el, keys: _Keys) -> Iterator[tuple[object, bool]]:
    """The content of a dated <meta>, and whether its key names the publication instant."""
    key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
    if key and any(w in key for w in keys.meta_words):
        yield el.get("content"), key in keys.meta_published


def _time_stamps(el, keys: _Keys) -> Iterator[tuple[object, bool]]:
    """The datetime of a <time>, and whether it is marked as the publication time."""
    cls = (el.get("class") or "").lower()
    is_pub = (
        el.get("pubdate") is not None
        or (el.get("itemprop") or "").strip().lower() in keys.time_itemprops
        or any(w in cls for w in keys.time_class_words)
    )
    yield el.get("datetime"), is_pub


def _stamps(el, keys: _Keys) -> Iterator[tuple[object, bool]]:
    """(value, is the publication instant) of each instant one element may state."""
    if el.tag == "script":
        return _script_stamps(el, keys)
    if el.tag == "meta":
        return _meta_stamps(el, keys)
    return _time_stamps(el, keys)


def date_evidence(tree) -> tuple[list[_dt.datetime], list[_dt.datetime]]:
    """(publication instants, all instants) that the page states with an explicit offset.

    Publication instants come from JSON-LD ``datePublished``, publication ``<meta>`` keys and
    ``<time>`` elements marked as the publication time; "all instants" adds every dated JSON-LD
    value, dated ``<meta>`` and ``<time datetime>``. The keys are in data/dates.toml.
    """
    if tree is None:
        return [], []
    keys = _keys()
    published: list = []
    every: list = []
    try:
        for n, el in enumerate(tree.iter("script", "meta", "time")):
            if n > keys.max_elements:
                break
            for value, is_pub in _stamps(el, keys):
                d = parse_instant(value)
                if d is not None:
                    every.append(d)
                    if is_pub:
                        published.append(d)
    except Exception:  # odd trees (comments, processing instructions): keep what was read
        pass
    return published, every


# --------------------------------------------------------------------------------------
# The rules: visible microdata, the URL's date, the local day


def microdata_date(tree) -> Optional[str]:
    """The date of the first visible element marked ``itemprop="datePublished"`` (its
    ``datetime``/``content`` attribute, else its text, read by htmldate's date parser)."""
    if tree is None:
        return None
    from htmldate.extractors import try_date_expr

    cfg = _rules()["microdata"]
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
    """The day a URL's path carries (/2017/7/12/), as a set of none or one."""
    out = set()
    m = re.search(_rules()["microdata"]["url_date"], url or "")
    if m:
        day = iso_day(m[1], m[2], m[3])
        if day:
            out.add(day)
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
