"""The pipeline: the spaCy parse, the declared stages in order, and the batch policy.

``nlp``      loads the spaCy pipeline once per process
``stage``    how a stage declares what it needs and what it adds; the check of a chosen set
``run``      ``analyze`` / ``analyze_text`` / ``run_stages``: parse, then run the stages
"""

from storyline.pipeline.stage import Parse, Stage, StageError, stage
from storyline.pipeline.run import (
    DEFAULT_STAGES,
    analyze,
    analyze_text,
    content_hash,
    parser_input,
    plan,
    run_stages,
    stages,
)

__all__ = [
    "DEFAULT_STAGES", "Parse", "Stage", "StageError", "analyze", "analyze_text", "content_hash",
    "parser_input", "plan", "run_stages", "stage", "stages",
]
