"""Outputs: every format Storyline writes, in one registry.

``registry``  the registry: ``register``, ``get``, ``names``; ``Output`` writes documents in a
              format as they come (streaming or not)
``records``   the JSON record (``json``), JSON Lines (``jsonl``), the JSON schema
``markdown``  a readable Markdown digest of one document (``md``)
``labels``    how codes read: CAMEO names, actor codes as names, TIMEX3 values in words
``briefing``  one report over many documents: ``render_html``, ``render_md`` (kind ``briefing``)
``results``   query results (``table``, ``json``, ``csv``) and the store's counts (``text``, ``json``)
``stories``   stories (``json``, ``md``)
``files``     ``--out DIR``: one JSON file per document
``text``      ``safe``: article text made safe for a terminal
"""

from storyline.outputs.registry import KINDS, Output, Renderer, get, names, register, render_all
from storyline.outputs.text import safe
from storyline.outputs.records import schema_json, to_json, to_jsonl
from storyline.outputs.markdown import to_markdown
from storyline.outputs import results as _results  # noqa: F401  (registers the query formats)
from storyline.outputs import stories as _stories  # noqa: F401  (registers the story formats)
from storyline.outputs.files import OutDir
from storyline.outputs import briefing  # noqa: E402  (registers the briefing formats)

__all__ = [
    "KINDS", "OutDir", "briefing", "Output", "Renderer", "get", "names", "register", "render_all", "safe",
    "schema_json", "to_json", "to_jsonl", "to_markdown",
]
