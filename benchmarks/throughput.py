"""Throughput: bare spaCy ``nlp.pipe`` versus ``storyline.analyze`` over the same articles.

    .venv/bin/python benchmarks/throughput.py [--repeat N] [--batch-size B]

Corpus: the 181 article bodies of the ScrapingHub article-extraction benchmark's ground
truth (``../shared/eval``; news from many outlets) when present, else our own
``examples/`` articles. Each side runs in its own subprocess so its peak memory (max RSS)
is its own; both parse the same texts with the same model, batch size and one process.
Each side first processes 4 texts untimed (warm-up); the warm-up time is printed too, as
it holds Storyline's one-time loading of its tables.
The reference figure is bare spaCy from the same run; the target is a ratio >= 0.80.

The corpus is dealt into ``--rounds`` parts (default 3); each part is run by both sides,
one right after the other, the side that goes first alternating, so that a change in the
machine's load during the run falls on both sides alike. The ratio is over the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("STORYLINE_EVAL", ROOT.parent / "shared" / "eval"))


def corpus() -> tuple[str, list[str]]:
    truth = EVAL / "scrapinghub-article-extraction-benchmark" / "ground-truth.json"
    if truth.exists():
        data = json.loads(truth.read_text(encoding="utf-8"))
        texts = [v["articleBody"] for v in data.values() if v.get("articleBody", "").strip()]
        return f"ScrapingHub ground-truth bodies ({len(texts)} articles)", texts
    from storyline.ingest import iter_paths

    texts = []
    for _, result in iter_paths([ROOT / "examples"]):
        if isinstance(result, list):
            texts.extend(d.text for d in result)
    return f"examples/ ({len(texts)} articles; ../shared/eval absent)", texts


def worker(mode: str, repeat: int, batch_size: int, part: int, rounds: int) -> None:
    from storyline.pipeline import nlp
    from storyline.model import Document
    from storyline.pipeline import analyze

    _, texts = corpus()
    texts = (texts * repeat)[part::rounds]
    model = nlp.load()
    # Warm up: each side processes the first 4 texts once, so what is timed is the steady
    # state. Storyline's one-time start-up (gazetteer, country and people tables) is timed
    # separately and printed beside the rate.
    warm = time.perf_counter()
    if mode == "spacy":
        list(model.pipe(texts[:4]))
    else:
        list(analyze([Document(source="warm-up", text=t) for t in texts[:4]]))
    warm = time.perf_counter() - warm
    start = time.perf_counter()
    if mode == "spacy":
        n = sum(1 for _ in model.pipe(texts, batch_size=batch_size))
    else:
        docs = [Document(source=f"bench-{i}", text=t) for i, t in enumerate(texts)]
        n = sum(1 for _ in analyze(docs, batch_size=batch_size))
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(t) for t in texts)
    print(json.dumps({"n": n, "seconds": elapsed, "peak_mb": peak_mb, "chars": chars, "warm_up": warm}))


def _run_worker(mode: str, args, part: int) -> dict | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", mode, "--repeat", str(args.repeat), "--batch-size",
         str(args.batch_size), "--part", str(part), "--rounds", str(args.rounds)],
        capture_output=True, text=True, cwd=ROOT,
    )
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1, help="run over the corpus N times")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=3, help="parts of the corpus, each run by both sides in turn")
    ap.add_argument("--worker", choices=("spacy", "storyline"), help=argparse.SUPPRESS)
    ap.add_argument("--part", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.repeat, args.batch_size, args.part, args.rounds)
        return 0
    label, texts = corpus()
    print(f"corpus: {label}, {sum(len(t) for t in texts) * args.repeat:,} characters, repeat={args.repeat}, "
          f"rounds={args.rounds}")
    results: dict[str, dict] = {}
    for part in range(args.rounds):
        order = ("spacy", "storyline") if part % 2 == 0 else ("storyline", "spacy")
        for mode in order:
            r = _run_worker(mode, args, part)
            if r is None:
                return 1
            total = results.setdefault(mode, {"n": 0, "seconds": 0.0, "chars": 0, "peak_mb": 0.0, "warm_up": 0.0})
            for key in ("n", "seconds", "chars"):
                total[key] += r[key]
            total["peak_mb"] = max(total["peak_mb"], r["peak_mb"])
            total["warm_up"] = max(total["warm_up"], r["warm_up"])
    print(f"{'':28}{'articles/s':>12}{'chars/s':>12}{'peak MB':>10}{'warm-up s':>11}")
    for mode, name in (("spacy", "bare spaCy nlp.pipe (ref)"), ("storyline", "storyline.analyze")):
        r = results[mode]
        print(
            f"{name:28}{r['n'] / r['seconds']:>12.2f}{r['chars'] / r['seconds']:>12,.0f}"
            f"{r['peak_mb']:>10.0f}{r['warm_up']:>11.1f}"
        )
    ratio = results["spacy"]["seconds"] / results["storyline"]["seconds"]
    print(f"ratio storyline/spaCy: {ratio:.2f}  (target >= 0.80)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
