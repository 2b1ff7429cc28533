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


_FOLD_KEPT = 65536


class _FoldTable(dict):
    """``str.translate`` table of :func:`fold_char`, filled as characters are met (at most
    :data:`_FOLD_KEPT` of them: a text of every code point does not grow it further)."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        if len(self) < _FOLD_KEPT:
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_preserving(text: str) -> str:
    """``text`` folded character by character, so offsets into the result are offsets into ``text``."""
    return text.translate(_FOLD_TABLE)


def alternation(words, *, spaces: bool = False, lower: bool = False) -> str:
    """A regular expression (no groups captured) matching any of ``words``, the longest at a
    position first, as ``"|".join`` of them sorted longest first would, but written as a
    trie ("pr(?:ime minister|esident)"): the regex engine then tries one branch per
    character instead of every word at every position of the text.

    ``spaces``: a space in a word matches any run of whitespace (``\\s+``). ``lower``: the
    words are lower-cased first, for a pattern that ignores case (where "May" and "MAY"
    would otherwise be two branches that both match)."""
    trie: dict = {}
    for w in {w.lower() for w in words} if lower else set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie, spaces) if trie else "(?!)"


def _trie_char(ch: str, spaces: bool) -> str:
    return r"\s+" if spaces and ch == " " else re.escape(ch)


def _trie_pattern(node: dict, spaces: bool) -> str:
    # iterative over single-child runs, recursive over branches (depth: the longest word)
    out = []
    while True:
        ends = "" in node
        children = sorted(k for k in node if k)
        if len(children) == 1 and not ends:
            out.append(_trie_char(children[0], spaces))
            node = node[children[0]]
            continue
        if not children:
            return "".join(out)
        branches = [_trie_char(ch, spaces) + _trie_pattern(node[ch], spaces) for ch in children]
        group = "(?:" + "|".join(branches) + ")"
        return "".join(out) + (group + "?" if ends else group)


_PLAIN = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "", "\u00a0": " "})


def plain(s: str) -> str:
    """``s`` with typographic hyphens made plain, soft hyphens dropped and no-break spaces
    made spaces (same length but for soft hyphens): how names and cues are reported."""
    return s.translate(_PLAIN)


_SPACES = re.compile(r"[\s\u00a0]+")


@lru_cache(maxsize=131072)
def fold(name: str) -> str:
    """A key under which spelling variants of a name meet: 'Rodríguez' == 'Rodriguez',
    'Melik‑Bagdasarov' == 'Melik-Bagdasarov', 'U.S.' == 'US' (full stops dropped)."""
    s = fold_preserving(name).replace(".", "")
    s = _SPACES.sub(" ", s)
    return s.strip(" ,;:'\"-")


# The per-document caches below live in the parse's user_data: spaCy rebuilds ``doc.text``
# and ``doc.sents`` from the tokens on every access, and the stages ask for them often.


def doc_text(doc) -> str:
    """``doc.text``, built once per parsed document."""
    cached = doc.user_data.get("storyline_text")
    if cached is None:
        cached = doc.user_data["storyline_text"] = doc.text
    return cached


def folded_text(doc) -> str:
    """``fold_preserving(doc.text)``, computed once per parsed document."""
    cached = doc.user_data.get("storyline_folded")
    if cached is None:
        cached = doc.user_data["storyline_folded"] = fold_preserving(doc_text(doc))
    return cached


def sentences(doc) -> list:
    """``list(doc.sents)``, computed once per parsed document (spaCy recomputes it on each use)."""
    cached = doc.user_data.get("storyline_sents")
    if cached is None:
        cached = doc.user_data["storyline_sents"] = list(doc.sents)
    return cached


def sentence_starts(doc) -> list[int]:
    """Token offsets where the parse's sentences start."""
    cached = doc.user_data.get("storyline_sent_starts")
    if cached is None:
        cached = doc.user_data["storyline_sent_starts"] = [s.start for s in sentences(doc)]
    return cached
