"""The ``sections`` stage: split the body into reporting and analysis/commentary parts.

A *heading* is a short line standing on its own: no sentence-final punctuation, at most a
dozen or so words, not a list bullet, with a blank line (or the start of the text) before
it. A section runs from one heading to the next (the stretch before the first heading is an
untitled section). A section is ``analysis`` when its heading opens with a commentary word
from ``data/sections.toml`` ("Implications of …", "Overall Takeaway:", "Analysis:",
"Opinion:"), or, failing a telling heading, when it is a run of bulleted lines whose
sentences are mostly speculative ("could", "may"). Numbered sub-headings ("2. Oil
Markets") stay in the kind of the section they sit in.

Sections tile the text: every character belongs to exactly one section, so any span can
be mapped to its kind with :meth:`Document.section_kind_at`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import Optional

from spacy.tokens import Doc

from storyline.data import load
from storyline.model import Document, Section
from storyline.pipeline.stage import Parse, stage

_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[A-Ha-h])[.)]\s+\S")
_LEADING_JUNK = re.compile(r"^[^\w“\"'‘]+")  # emoji, symbols, bullets before a heading's words
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")
_WORD = re.compile(r"[\w’'‑-]+")


@cache
def _lexicon() -> dict:
    return load("sections.toml")


@cache
def _commentary_re() -> re.Pattern:
    lex = _lexicon()["commentary"]
    cues = sorted(lex["cues"], key=len, reverse=True)
    mods = sorted(lex["modifiers"], key=len, reverse=True)
    cue = "|".join(re.escape(c).replace("'", "['’]") for c in cues)
    mod = "|".join(re.escape(m) for m in mods)
    return re.compile(rf"^(?:(?:{mod})\s+){{0,2}}(?:{cue})\b", re.IGNORECASE)


@cache
def _speculative_re() -> re.Pattern:
    words = _lexicon()["content"]["speculative"]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines of ``text`` (without the newline)."""
    out, start = [], 0
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        for line in text.split("\n"):  # the common case, without a regex match per line
            out.append((start, start + len(line)))
            start += len(line) + 1
        return out
    for m in _LINE_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _bullet_start() -> str:
    """A bullet and a space or tab, or a glued bullet: how a list line starts."""
    h = _lexicon()["heading"]
    spaced = "|".join(re.escape(b) for b in sorted(h["bullets"], key=len, reverse=True))
    glued = "|".join(re.escape(b) for b in sorted(h["glued_bullets"], key=len, reverse=True))
    return rf"(?:{spaced})[ \t]" + (rf"|(?:{glued})" if glued else "")


@cache
def _bullet_re() -> re.Pattern:
    """A list line, after any leading space."""
    return re.compile(rf"\s*(?:{_bullet_start()})")


@cache
def _bullet_lines_re() -> re.Pattern:
    """The list lines of a text whose only line break is ``\n``, in one scan."""
    return re.compile(rf"(?m)^[^\S\n]*(?:{_bullet_start()})[^\n]*")


def _is_bullet(line: str) -> bool:
    return _bullet_re().match(line) is not None


def _bullets(text: str, lines: list[tuple[int, int]]) -> list[str]:
    """The bullet lines among ``lines`` (a section's, in order)."""
    if not lines:
        return []
    start, end = lines[0][0], lines[-1][1]
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return [text[s:e] for s, e in lines if _is_bullet(text[s:e])]
    return _bullet_lines_re().findall(text, start, end)


def is_heading(line: str) -> bool:
    """A short line that reads as a heading rather than as a sentence."""
    h = _lexicon()["heading"]
    s = line.strip()
    if not s or len(s) > h["max_chars"] or _is_bullet(s):
        return False
    if not re.search(r"[^\W\d_]", s):
        return False
    if s[-1] in "".join(h["sentence_final"]) and not _NUMBERED.match(s):
        return False
    words = _WORD.findall(s)
    if not words or len(words) > h["max_words"]:
        return False
    # a sentence-like line ("He said so.") ends in punctuation; a line ending in a closing quote
    # mark after sentence punctuation is a one-line quotation, not a heading
    if re.search(r"[.!?,][”\"’']\s*$", s):
        return False
    return True


def heading_kind(title: str) -> Optional[str]:
    """``analysis`` when the heading opens with a commentary word, else None (undecided)."""
    s = _NUMBERED.sub(lambda m: m.group(0)[-1], title.strip(), count=1)
    s = _LEADING_JUNK.sub("", s)
    return "analysis" if _commentary_re().match(s) else None


def _speculative_bullets(text: str, lines: list[tuple[int, int]]) -> bool:
    c = _lexicon()["content"]
    bullets = _bullets(text, lines)
    if len(bullets) < c["min_bullets"]:
        return False
    spec = sum(1 for b in bullets if _speculative_re().search(b))
    return spec / len(bullets) >= c["min_speculative_share"]


def split(text: str) -> list[Section]:
    """The sections of ``text``, tiling it from 0 to ``len(text)``."""
    if not text:
        return [Section(title=None, kind="reporting", span=(0, 0))]
    lines = _lines(text)
    starts = [s for s, _ in lines]  # in order: the lines of a section are a slice
    # heading lines: short, standing alone (blank line or start of text before them)
    heads: list[int] = []
    for i, (s, e) in enumerate(lines):
        prev_blank = i == 0 or not text[lines[i - 1][0]:lines[i - 1][1]].strip()
        if prev_blank and is_heading(text[s:e]):
            # a lone short line followed directly by another non-blank line that is not a heading
            # is the first line of a paragraph only if that paragraph continues it in lower case
            nxt = next((text[lines[j][0]:lines[j][1]] for j in range(i + 1, len(lines))
                        if text[lines[j][0]:lines[j][1]].strip()), "")
            if nxt[:1].islower():
                continue
            heads.append(i)
    bounds = [0] + [lines[i][0] for i in heads if lines[i][0] > 0] + [len(text)]
    titles: list[Optional[str]] = [None] if not heads or lines[heads[0]][0] > 0 else []
    titles += [text[lines[i][0]:lines[i][1]].strip() for i in heads]
    sections: list[Section] = []
    parent_kind = "reporting"
    for k in range(len(bounds) - 1):
        start, end = bounds[k], bounds[k + 1]
        title = titles[k] if k < len(titles) else None
        kind = heading_kind(title) if title else None
        numbered = bool(title and _NUMBERED.match(title))
        if kind is None:
            if numbered:
                kind = parent_kind
            else:
                sec_lines = lines[bisect_left(starts, start):bisect_left(starts, end)]
                kind = "analysis" if _speculative_bullets(text, sec_lines) else "reporting"
        if not numbered:
            parent_kind = kind
        sections.append(Section(title=title, kind=kind, span=(start, end)))
    return sections


@stage("sections", requires=('text',), assigns=('sections',))
def run(document: Document, parse: Parse) -> None:
    document.sections = split(document.text)
