"""Long texts parsed in pieces: the parser's memory grows with the length of the text it is
given (about 3 GB for one text of a million characters), so a text over ``CHUNK_CHARS`` is
cut at line breaks into pieces of at most that size, each piece parsed on its own, and the
pieces' parses joined into one ``Doc`` whose text is the text exactly (every character
offset is kept). A piece ends at a line break, where a sentence ends anyway; a text of
normal length is one piece, parsed as before.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

CHUNK_CHARS = 100_000
"""The longest text parsed in one piece (characters)."""


def pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters (default ``CHUNK_CHARS``;
    ``"".join`` gives it back), each ending after a run of line breaks, else after a space,
    else at ``size``."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while len(text) - start > size:
        limit = start + size
        cut = _after_break(text, start, limit)
        if cut <= start:
            cut = text.rfind(" ", start + 1, limit) + 1
        if cut <= start:
            cut = limit
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _after_break(text: str, start: int, limit: int) -> int:
    """The end of the last run of spaces and line breaks holding a line break that ends
    inside ``(start, limit)``; ``-1`` if there is none."""
    hi = limit
    while True:
        nl = text.rfind("\n", start + 1, hi)
        if nl < 0:
            return -1
        lo = nl
        while lo > start + 1 and text[lo - 1].isspace():
            lo -= 1
        end = nl
        while end < len(text) and text[end].isspace():
            end += 1
        if end < limit:
            return end
        hi = lo  # the run reaches the limit: look before it


def join(docs: list[Doc]) -> Doc:
    """One ``Doc`` of the pieces' parses, with exactly their texts one after the other."""
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse(language: Language, text: str) -> Doc:
    """``text`` parsed by ``language``, a long text piece by piece (one piece at a time)."""
    parts = pieces(text)
    if len(parts) == 1:
        return language(text)
    return join([language(part) for part in parts])
