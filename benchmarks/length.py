"""Cost against length: characters per second of every stage at 2k, 20k, 200k and 1M characters.

    .venv/bin/python benchmarks/length.py            # 2k, 20k, 200k and 1M characters
    .venv/bin/python benchmarks/length.py --quick    # 2k, 20k and 200k only

The texts are built from the body paragraphs of ``examples/`` (no evaluation data needed),
concatenated in turn until the size is reached; each size starts its paragraphs at a
different place. A size is measured over about 200,000 characters of such documents (a
hundred documents of 2k, ten of 20k, one of 200k, one of 1M), in a fresh process, after one
untimed warm-up document (the one-time loading of tables and patterns is not the cost of
length). Per stage, the time comes from ``storyline.analyze(..., on_stage=)``; "parse" is
the parser as Storyline runs it (texts over ``pipeline.chunks.CHUNK_CHARS`` in pieces).

The reference figure is bare spaCy (``nlp.pipe`` over the same texts, whole, in its own
fresh process), printed beside our parse. Peak memory is the worker's maximum RSS
(``resource.getrusage``), model load included. Every size is measured ``--rounds`` times
(default 2), the order of the sizes reversed each round, and each stage's least time is
kept: the machine's load changes during a run, and it must not pass for a cost of length.

Targets (issue 14): every stage's rate at each size within 0.7..1.3 of that stage's median
rate over the sizes, and peak memory <= 1 GB at 1M characters. A missed target is printed
and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SIZES = (2_000, 20_000, 200_000, 1_000_000)
QUICK = SIZES[:3]
PER_SIZE = 200_000  # characters measured per size (several documents for the small sizes)
STAGES = ("parse", "sections", "entities", "times", "quotes", "events", "checks")
BAND = (0.7, 1.3)
MEMORY_MB = 1024
PUBLISHED = "2025-01-12"


def paragraphs() -> list[str]:
    from storyline.ingest import read_path

    out = []
    for path in sorted((ROOT / "examples").iterdir()):
        for doc in read_path(path):
            out += [p.strip() for p in doc.text.split("\n\n") if p.strip()]
    return out


def build(size: int, offset: int = 0, paras: list[str] | None = None) -> str:
    """About ``size`` characters of whole paragraphs of the examples, starting at paragraph ``offset``."""
    paras = paras or paragraphs()
    out, n, i = [], 0, offset
    while n < size:
        out.append(paras[i % len(paras)])
        n += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:size]


def texts_for(size: int) -> list[str]:
    paras = paragraphs()
    return [build(size, 7 * i + size % 11, paras) for i in range(max(1, PER_SIZE // size))]


def worker(mode: str, size: int) -> dict:
    from storyline.model import Document
    from storyline.pipeline import analyze, nlp

    texts = texts_for(size)
    model = nlp.load()
    model.max_length = max(model.max_length, size + 1)
    warm = build(2_000, 3)
    times = dict.fromkeys(STAGES, 0.0)
    if mode == "spacy":
        list(model.pipe([warm]))
        start = time.perf_counter()
        for _ in model.pipe(texts):
            pass
        times = {"parse": time.perf_counter() - start}
    else:
        list(analyze([Document(source="warm-up", text=warm, published=PUBLISHED)]))

        def on_stage(name: str, seconds: float) -> None:
            times[name] = times.get(name, 0.0) + seconds

        docs = [Document(source=f"length-{size}-{i}", text=t, published=PUBLISHED) for i, t in enumerate(texts)]
        for _ in analyze(docs, on_stage=on_stage):
            pass
    return {"chars": sum(len(t) for t in texts), "docs": len(texts), "seconds": times,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_worker(mode: str, size: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--worker", mode, str(size)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} worker at {size:,} characters failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    """One figure per stage from several runs of a size: each stage's least time, the highest peak memory."""
    out = dict(runs[0])
    out["seconds"] = {st: min(r["seconds"].get(st, 0.0) for r in runs) for st in runs[0]["seconds"]}
    out["peak_mb"] = max(r["peak_mb"] for r in runs)
    return out


def report(sizes: tuple[int, ...], ours: dict[int, dict], bare: dict[int, dict]) -> list[str]:
    """Print the tables; return the missed targets."""
    rate = {s: {st: ours[s]["chars"] / max(ours[s]["seconds"].get(st, 0.0), 1e-9) for st in STAGES} for s in sizes}
    head = "".join(f"{s:>14,}" for s in sizes)
    print(f"characters/s per stage, by document size (characters)\n{'stage':<22}{head}{'max/min':>9}{'in band':>9}")
    missed = []
    for st in STAGES:
        rates = [rate[s][st] for s in sizes]
        med = statistics.median(rates)
        out = [s for s in sizes if not BAND[0] <= rate[s][st] / med <= BAND[1]]
        missed += [f"{st} at {s:,} characters: {rate[s][st] / med:.2f} of its median rate" for s in out]
        cells = "".join(f"{r:>14,.0f}" for r in rates)
        print(f"{st:<22}{cells}{max(rates) / min(rates):>9.2f}{'yes' if not out else 'NO':>9}")
    cells = "".join(f"{bare[s]['chars'] / bare[s]['seconds']['parse']:>14,.0f}" for s in sizes)
    print(f"{'bare spaCy (ref)':<22}{cells}")
    total = "".join(f"{ours[s]['chars'] / sum(ours[s]['seconds'].values()):>14,.0f}" for s in sizes)
    print(f"{'whole run':<22}{total}")
    print(f"\npeak memory (MB, fresh process per size)\n{'':<22}{head}")
    print(f"{'storyline.analyze':<22}" + "".join(f"{ours[s]['peak_mb']:>14,.0f}" for s in sizes))
    print(f"{'bare spaCy (ref)':<22}" + "".join(f"{bare[s]['peak_mb']:>14,.0f}" for s in sizes))
    print("documents per size: " + ", ".join(f"{s:,}: {ours[s]['docs']}" for s in sizes))
    for s in sizes:
        if s >= 1_000_000 and ours[s]["peak_mb"] > MEMORY_MB:
            missed.append(f"peak memory at {s:,} characters: {ours[s]['peak_mb']:,.0f} MB > {MEMORY_MB} MB")
    return missed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2k, 20k and 200k characters only")
    ap.add_argument("--rounds", type=int, default=2, help="measure every size this many times; keep each stage's best")
    ap.add_argument("--worker", nargs=2, metavar=("MODE", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]))))
        return 0
    sizes = QUICK if args.quick else SIZES
    runs: dict[str, dict[int, list[dict]]] = {"storyline": {s: [] for s in sizes}, "spacy": {s: [] for s in sizes}}
    for r in range(args.rounds):
        # the sizes in turn, the order reversed each round: a change in the machine's load
        # during the run falls on every size alike
        for s in (sizes if r % 2 == 0 else sizes[::-1]):
            for mode in ("storyline", "spacy"):
                runs[mode][s].append(run_worker(mode, s))
            print(f"round {r + 1}: measured {s:,} characters", file=sys.stderr)
    ours = {s: best(runs["storyline"][s]) for s in sizes}
    bare = {s: best(runs["spacy"][s]) for s in sizes}
    print(f"best of {args.rounds} round(s) per stage and size")
    missed = report(sizes, ours, bare)
    band = f"{BAND[0]}..{BAND[1]} of the stage's median rate"
    print(f"\ntargets: every stage within {band}; peak memory <= {MEMORY_MB} MB at 1M characters")
    if missed:
        print("missed: " + "; ".join(missed))
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
