"""The pipeline: the spaCy parse, the declared stages in order, and the batch policy.

``nlp``      loads the spaCy pipeline once per process
``stage``    how a stage declares what it needs and what it adds; the check of a chosen set
``run``      ``analyze`` / ``analyze_text`` / ``run_stages``: parse, then run the stages;
             ``DocumentFailed`` when the parser or a stage raises on one document
``batch``    the bad-input policy: report a bad file or a failed document, go on with the rest
``audit``    ``span_problems``: the spans of a record that do not check out
"""

from storyline.pipeline.stage import Parse, Stage, StageError, stage
from storyline.pipeline.run import (
    DEFAULT_STAGES,
    DocumentFailed,
    analyze,
    analyze_text,
    content_hash,
    parser_input,
    plan,
    run_stages,
    stages,
)

__all__ = [
    "DEFAULT_STAGES", "DocumentFailed", "Parse", "Stage", "StageError", "analyze", "analyze_text", "content_hash",
    "parser_input", "plan", "run_stages", "stage", "stages",
]
