"""Storyline: news articles in, an auditable record out.

>>> import storyline
>>> doc = storyline.analyze_text("Moscow condemned the raid, the ministry said on Monday.", published="2026-01-05")
>>> [e.name for e in doc.entities]
['Moscow']
"""

import os as _os
import sys as _sys

if _os.environ.get("STORYLINE_NO_TORCH") == "1":
    # A worker process (storyline.pipeline.workers, the Ray actors) sets this: spaCy's thinc
    # imports torch when it is installed, which costs a worker 1.3 s and 190 MB, and the
    # parser needs none of it (only the embeddings of linking do, in the parent).
    _sys.modules.setdefault("torch", None)  # "import torch" then raises ImportError

from storyline.model import Document, Entity, Event, Flag, Quote, Time
from storyline.pipeline import analyze, analyze_text, run_stages

__version__ = "0.1.0"
__all__ = ["Document", "Entity", "Event", "Flag", "Quote", "Time", "analyze", "analyze_text", "run_stages"]
