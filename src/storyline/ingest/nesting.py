"""Markup nested deeper than the HTML parser keeps: flattened, so its text is still found.

libxml2's HTML parser (lxml, trafilatura) stops building the tree about 255 elements
deep and the text below is lost ("no article text found" for a page of 20,000 nested
``<div>``). When a page's tree reaches that depth, :func:`flatten` drops the tags nested
deeper than :data:`MAX_DEPTH` (their text stays, inside the element at that depth) in one
linear pass; the page is then parsed again. Pages that do not reach the parser's limit are
never touched.
"""

from __future__ import annotations

import re

PARSER_DEPTH = 255
"""How deep libxml2's HTML parser nests elements (without XML_PARSE_HUGE)."""
MAX_DEPTH = 100
"""The depth a flattened page keeps; deeper tags are dropped."""

_TOKEN = re.compile(  # a comment, or a tag with at most a few thousand characters of attributes
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:_-]*)(?P<attrs>(?:[^<>\"']|\"[^\"]{0,2048}\"|'[^']{0,2048}'){0,4096})>",
    re.S,
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
_RAW = frozenset(("script", "style", "textarea", "title", "xmp", "plaintext"))
_KEEP = frozenset("html head body p h1 h2 h3 h4 h5 h6".split()) | _RAW  # raw text stays inside its element
_CLOSE_SEARCH = 256  # how far down the open elements a closing tag looks for its opening tag


def tree_depth(tree) -> int:
    """The depth of an lxml tree (its root is 0)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest - 1


def too_deep(tree) -> bool:
    """Did the parser stop nesting this tree (so text below its limit may be lost)?"""
    return tree is not None and tree_depth(tree) >= PARSER_DEPTH - 1


def flatten(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with the tags nested deeper than ``max_depth`` removed (their text kept)."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, kept) of the open elements
    kept_depth = pos = 0
    while (m := _TOKEN.search(html, pos)) is not None:
        out.append(html[pos : m.start()])
        pos = m.end()
        name = (m["name"] or "").lower()
        if not name or name in _VOID or (m["attrs"] or "").rstrip().endswith("/"):
            out.append(m.group())
            continue
        if m["close"]:
            found = next((i for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _CLOSE_SEARCH), -1) if stack[i][0] == name), None)
            if found is None:
                out.append(m.group())
                continue
            closed = stack[found:]
            del stack[found:]
            kept_depth -= sum(1 for _, k in closed if k)
            if closed[0][1]:
                out.append(m.group())
            continue
        keep = kept_depth < max_depth or name in _KEEP
        stack.append((name, keep))
        kept_depth += keep
        if keep:
            out.append(m.group())
        if name in _RAW:  # copy its text as is, up to its closing tag
            end = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            stop = end.start() if end else len(html)
            out.append(html[pos:stop])
            pos = stop
    out.append(html[pos:])
    return "".join(out)
