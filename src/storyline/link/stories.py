"""Stories: articles that report the same real-world story, grouped online.

Articles arrive in linking order (published or first-ingested time, then document id);
each joins the most similar story so far, if that similarity reaches :data:`THRESHOLD`,
or starts a new one (single-pass clustering of a news stream, as in Miranda et al.,
"Multilingual clustering of streaming news", EMNLP 2018). The similarity of an article to
a story is the weighted mean of the features both have (:data:`WEIGHTS`):

``embedding``  cosine of the article's sentence embedding (headline and lead) and the
               story's centroid;
``tfidf``      cosine of the article's TF-IDF vector and the story's, with document
               frequencies of the articles seen so far (sublinear term frequency);
``entities``   the share of the article's named entities the story already names;
``events``     the share of the article's CAMEO event codes (not bare statements) the story has;
``dates``      the share of the article's event dates the story has.

When the article and the story both have dates, a story whose members are all more than
:data:`WINDOW_DAYS` away is not a candidate, and the similarity decays with the distance
in days (``exp(-days / DECAY_DAYS)``). An article without a date is compared with every
story, without decay: clustering works without dates. The same articles in the same order
give the same stories.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from storyline.link.features import Article, sublinear
from storyline.model.links import Story, StoryMember

THRESHOLD = 0.50
"""The similarity from which an article joins a story: chosen, with the weights of the
embedding and TF-IDF, on the odd-numbered topics of ECB+ and reported on the even-numbered
ones (``benchmarks/stories.py --tune``; docs/stories.md)."""
WEIGHTS = {"embedding": 0.5, "tfidf": 0.5, "entities": 0.25, "events": 0.1, "dates": 0.15}
WINDOW_DAYS = 30
DECAY_DAYS = 7.0


def story_id(first_doc_id: str) -> str:
    return "s" + first_doc_id[:12]


@dataclass
class _Story:
    id: str
    members: list[Article] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    embedding: object = None
    vector: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    entities: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    dates: Counter = field(default_factory=Counter)
    first: Optional[date] = None
    last: Optional[date] = None

    def days_from(self, day: Optional[date]) -> Optional[int]:
        if day is None or self.first is None:
            return None
        if self.first <= day <= self.last:
            return 0
        return min(abs((day - self.first).days), abs((day - self.last).days))


def _share(mine: frozenset[str], theirs: Counter) -> Optional[float]:
    if not mine or not theirs:
        return None
    return sum(1 for x in mine if x in theirs) / len(mine)


class StoryClusterer:
    """Online story clustering; :meth:`add` places one article (and its embedding, a unit
    vector or None) and returns ``(story id, score)``."""

    def __init__(self, threshold: float = THRESHOLD, weights: Optional[dict[str, float]] = None,
                 window_days: int = WINDOW_DAYS, decay_days: float = DECAY_DAYS):
        self.threshold = threshold
        self.weights = dict(WEIGHTS if weights is None else weights)
        self.window_days, self.decay_days = window_days, decay_days
        self.stories: list[_Story] = []
        self._by_id: dict[str, _Story] = {}
        self._by_term: dict[str, list[int]] = {}
        self._df: Counter = Counter()
        self._docs = 0

    # ----------------------------------------------------------------------------------
    def add(self, art: Article, embedding=None, into: Optional[str] = None, score: float = 1.0) -> tuple[str, float]:
        """Place ``art``: in story ``into`` if given (a copy joins its original's story; a
        stored membership is replayed), else in the most similar story or a new one."""
        self._docs += 1
        self._df.update(art.terms.keys())
        vector = self._tfidf(art)
        if into is None:
            best, score = self._best(art, embedding, vector)
            into = best.id if best is not None else None
        story = self._by_id.get(into) if into else None
        if story is None:
            story = _Story(story_id(art.doc_id) if into is None else into)
            self.stories.append(story)
            self._by_id[story.id] = story
            score = 1.0
        self._join(story, art, embedding, vector, score)
        return story.id, score

    def _tfidf(self, art: Article) -> dict[str, float]:
        n = self._docs
        weights = {t: w * (math.log((1 + n) / (1 + self._df[t])) + 1.0) for t, w in sublinear(art.terms).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def _best(self, art: Article, embedding, vector) -> tuple[Optional[_Story], float]:
        dots: dict[int, float] = {}
        for t, w in vector.items():
            for i in self._by_term.get(t, ()):
                dots[i] = dots.get(i, 0.0) + w * self.stories[i].vector[t]
        best: Optional[_Story] = None
        best_score = -1.0
        for i, story in enumerate(self.stories):
            days = story.days_from(art.published)
            if days is not None and days > self.window_days:
                continue
            tfidf = dots.get(i, 0.0) / math.sqrt(story.norm2) if story.norm2 else 0.0
            score = self._similarity(art, story, embedding, tfidf)
            if days:
                score *= math.exp(-days / self.decay_days)
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < self.threshold:
            return None, 1.0
        return best, round(best_score, 4)

    def _similarity(self, art: Article, story: _Story, embedding, tfidf: float) -> float:
        features = {"tfidf": tfidf}
        if embedding is not None and story.embedding is not None:
            import numpy as np

            features["embedding"] = float(np.dot(embedding, story.embedding) / (np.linalg.norm(story.embedding) or 1.0))
        for name, mine, theirs in (("entities", art.entities, story.entities), ("events", art.events, story.events),
                                   ("dates", art.dates, story.dates)):
            share = _share(mine, theirs)
            if share is not None:
                features[name] = share
        total = sum(self.weights.get(f, 0.0) for f in features)
        return sum(self.weights.get(f, 0.0) * v for f, v in features.items()) / total if total else 0.0

    def _join(self, story: _Story, art: Article, embedding, vector: dict[str, float], score: float) -> None:
        index = self.stories.index(story) if story.members else len(self.stories) - 1
        story.members.append(art)
        story.scores.append(score)
        if embedding is not None:
            story.embedding = embedding.copy() if story.embedding is None else story.embedding + embedding
        dot = sum(w * story.vector.get(t, 0.0) for t, w in vector.items())
        story.norm2 += 2 * dot + sum(w * w for w in vector.values())
        for t, w in vector.items():
            if t not in story.vector:
                self._by_term.setdefault(t, []).append(index)
            story.vector[t] = story.vector.get(t, 0.0) + w
        story.entities.update(art.entities)
        story.events.update(art.events)
        story.dates.update(art.dates)
        if art.published is not None:
            story.first = min(story.first or art.published, art.published)
            story.last = max(story.last or art.published, art.published)

    # ----------------------------------------------------------------------------------
    def records(self) -> tuple[list[Story], list[StoryMember]]:
        """Every story and membership so far, stories in the order they started."""
        stories, members = [], []
        for s in self.stories:
            outlets = list(dict.fromkeys(a.outlet for a in s.members if a.outlet))
            stories.append(Story(story_id=s.id, headline=s.members[0].headline,
                                 first_seen=s.first.isoformat() if s.first else None,
                                 outlets=outlets, articles=len(s.members)))
            members.extend(StoryMember(story_id=s.id, doc_id=a.doc_id, position=i, score=sc)
                           for i, (a, sc) in enumerate(zip(s.members, s.scores)))
        return stories, members

    def labels(self) -> dict[str, str]:
        """Document id -> story id."""
        return {a.doc_id: s.id for s in self.stories for a in s.members}


__all__ = ["DECAY_DAYS", "THRESHOLD", "WEIGHTS", "WINDOW_DAYS", "StoryClusterer", "story_id"]
