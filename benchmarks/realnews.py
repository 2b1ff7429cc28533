"""Real wire copy: the whole pipeline on realnews-dev, scored by its reference scorer.

    .venv/bin/python benchmarks/realnews.py [-v]

realnews-dev (``../shared/eval/realnews-dev``) is 24 real wire stories with exhaustive
hand-made gold for quotes, claim status, events, times and entities (see its README). Every
article is read with ``storyline.ingest.read_path`` and analysed with the default pipeline;
the records go to the set's own ``score.py`` (never reimplemented here), whose figures are
printed beside the targets of issue 10 and the reference figures other systems publish.
Internal evaluation only: nothing of the set is copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("STORYLINE_EVAL", ROOT.parent / "shared" / "eval"))
SET = EVAL / "realnews-dev"

# (score.py key, label, target) — targets from issue 10; None: reported only
FIGURES = [
    ("quotes_found", "quotes found (recall)", None),
    ("quotes_attributed", "speakers right (share of gold quotes)", 0.90),
    ("quote_status", "status right (share of found quotes)", 0.75),
    ("quote_precision_pool", "quote precision", None),
    ("events", "events found (recall)", 0.60),
    ("event_precision", "event precision", 0.60),
    ("events_emitted", "events emitted", None),
    ("times", "times right", 0.95),
    ("entities", "key entities found", None),
    ("entity_errors", "entity-type errors (must-not)", None),
    ("meta", "headline/date/dateline right", None),
    ("flags", "no forbidden flag", None),
]
REFERENCE = [
    "GDELT hand check (published): event code right ~81%, actors right ~79%",
    "UniversalPetrarch users (published, UniversalPetrarch #52): 44% of events right, 3 false per true",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", action="store_true", help="also print score.py's per-article counts")
    args = ap.parse_args()
    if not (SET / "score.py").exists():
        print(f"skipped: no realnews-dev set at {SET}")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.ingest import read_path
    from storyline.pipeline import analyze

    paths = sorted((SET / "articles").glob("d*.txt"))
    t0 = time.perf_counter()
    docs = [d for p in paths for d in read_path(p)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for d in analyze(docs):
            f.write(d.model_dump_json() + "\n")
        out = f.name
    seconds = time.perf_counter() - t0
    proc = subprocess.run([sys.executable, str(SET / "score.py"), out] + (["-v"] if args.v else []),
                          capture_output=True, text=True)
    os.unlink(out)
    if proc.returncode != 0:
        print(proc.stdout + proc.stderr)
        return 1
    lines = proc.stdout.strip().splitlines()
    scores = json.loads(lines[-1])
    if args.v:
        print("\n".join(lines[:-1]))
    print(f"realnews-dev: {len(paths)} articles, {seconds:.1f} s for ingest and the whole pipeline")
    for key, label, target in FIGURES:
        value = scores.get(key)
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        goal = f"(target >= {target:.2f}: {'met' if value >= target else 'not met'})" if target is not None else ""
        print(f"  {label:40} {shown:>7}  {goal}")
    print("reference figures (published, other data):")
    for r in REFERENCE:
        print(f"  {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
