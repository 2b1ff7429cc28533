"""Storyline: news articles in, an auditable record out.

>>> import storyline
>>> doc = storyline.analyze_text("Moscow condemned the raid, the ministry said on Monday.", published="2026-01-05")
>>> [e.name for e in doc.entities]
['Moscow']
"""

from storyline.model import Document, Entity, Event, Flag, Quote, Time
from storyline.pipeline import analyze, analyze_text, run_stages

__version__ = "0.1.0"
__all__ = ["Document", "Entity", "Event", "Flag", "Quote", "Time", "analyze", "analyze_text", "run_stages"]
