"""Copies: one report republished (a wire story under another headline, trimmed, wrapped in
other boilerplate, a paragraph edited) is found as a near-duplicate of the first report.

Each body becomes a set of word shingles (:data:`SHINGLE` words, case and punctuation
ignored); MinHash signatures in an LSH index (datasketch) propose earlier bodies that may
share many shingles, and each proposal is checked exactly on the two shingle sets. A body
is a copy of an earlier one when their Jaccard similarity is at least :data:`JACCARD`, or
when one contains at least :data:`CONTAINED` of the other's shingles (a trimmed copy, or
one with boilerplate added). Identical normalised bodies are ``exact`` copies.

Documents are given in linking order (earliest first); a copy points to the first report
of its group (``Copy.copy_of``): the first document of the group in that order, so
re-running over the same documents gives the same copies. A copy is never independent
corroboration: anything that counts outlets collapses a group to its first report.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from storyline.model.links import Copy

SHINGLE = 4
"""Words per shingle."""
JACCARD = 0.5
"""Jaccard similarity of shingle sets from which two bodies are copies."""
CONTAINED = 0.8
"""Share of the smaller body's shingles found in the other from which it is a copy."""
LSH_THRESHOLD = 0.3
"""The LSH index's threshold: lower than :data:`JACCARD`, so that contained copies are proposed."""
PERMUTATIONS = 128
MIN_SHINGLES = 8
"""A body with fewer shingles (a few words) is matched only exactly."""
MAX_WORDS = 20_000
"""Words of a body read at most (bodies are untrusted; the rest adds nothing to the test)."""

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[: MAX_WORDS * 12])][:MAX_WORDS]


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    ws = words(text)
    if len(ws) < size:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i:i + size]) for i in range(len(ws) - size + 1)}


def fingerprint(text: str) -> str:
    """The exact-match key: sha256 of the body's words, lowercased, single-spaced."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def resemblance(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard similarity, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / len(a | b), common / min(len(a), len(b))


@dataclass
class CopyIndex:
    """Bodies added in linking order; :meth:`add` says which earlier report a body copies."""

    jaccard: float = JACCARD
    contained: float = CONTAINED
    _lsh: object = None
    _exact: dict[str, str] = field(default_factory=dict)
    _sets: dict[str, set[str]] = field(default_factory=dict)
    _order: dict[str, int] = field(default_factory=dict)
    _root: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)

    def add(self, doc_id: str, text: str) -> Optional[Copy]:
        """Index one body; the :class:`Copy` record if it copies an earlier one, else None."""
        if doc_id in self._order:
            raise ValueError(f"document {doc_id} added twice")
        self._order[doc_id] = len(self._order)
        key = fingerprint(text)
        if key in self._exact:
            self._root[doc_id] = self._root[self._exact[key]]
            return Copy(doc_id=doc_id, copy_of=self._root[doc_id], similarity=1.0, method="exact")
        self._exact[key] = doc_id
        mine = shingles(text)
        self._sets[doc_id] = mine
        best = self._best(doc_id, mine) if len(mine) >= MIN_SHINGLES else None
        self._root[doc_id] = self._root[best[1]] if best else doc_id
        return Copy(doc_id=doc_id, copy_of=self._root[doc_id], similarity=round(best[0], 4), method="minhash") if best else None

    def _best(self, doc_id: str, mine: set[str]) -> Optional[tuple[float, str]]:
        from datasketch import MinHash

        sig = MinHash(num_perm=PERMUTATIONS, seed=1)
        sig.update_batch([s.encode("utf-8") for s in sorted(mine)])
        best: Optional[tuple[float, int, str]] = None
        for other in self._lsh.query(sig):
            jac, cont = resemblance(mine, self._sets[other])
            if jac >= self.jaccard or cont >= self.contained:
                cand = (max(jac, cont), -self._order[other], other)
                if best is None or cand > best:
                    best = cand
        self._lsh.insert(doc_id, sig)
        return (best[0], best[2]) if best else None


def find_copies(bodies: Iterable[tuple[str, str]]) -> list[Copy]:
    """The copies among ``(doc_id, text)`` pairs given in linking order."""
    index = CopyIndex()
    return [c for doc_id, text in bodies if (c := index.add(doc_id, text)) is not None]


__all__ = ["CopyIndex", "fingerprint", "find_copies", "resemblance", "shingles"]
