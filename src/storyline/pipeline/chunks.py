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


def pieces(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters (``"".join`` gives it back),
    each ending after a run of line breaks, else after a space, else at ``size``."""
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while len(text) - start > size:
        limit = start + size
        cut = text.rfind("\n", start + 1, limit)
        while 0 < cut < limit and text[cut].isspace():
            cut += 1  # after the whole run of spaces and line breaks
        if cut <= start or cut >= limit:
            cut = text.rfind(" ", start + 1, limit) + 1
        if cut <= start:
            cut = limit
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


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
