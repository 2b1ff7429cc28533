"""Scale: articles/s in 1 process, in N worker processes and on Ray with N workers; memory
per worker over the run; a whole ``storyline analyze`` process beside bare spaCy.

    .venv/bin/python benchmarks/scale.py                 # 1,000 articles, N = 2
    .venv/bin/python benchmarks/scale.py --articles 200 --workers 2 --skip-ray --skip-whole

Corpus: the ScrapingHub article-extraction benchmark's ground-truth bodies (181 real news
articles) and the 24 realnews-dev wire stories, from ``../shared/eval`` (or
``$STORYLINE_EVAL``, or ``/work/shared/eval``), interleaved and repeated in a fixed order to
``--articles`` documents. Without the data the benchmark says so and exits 0. Nothing of it
is copied into the repository; the whole-process runs read a temporary JSON Lines file.

Each measurement runs in its own fresh process, one after another, on the same documents:

1. ``1 process``: ``storyline.pipeline.analyze`` (the model loaded before the clock starts);
2. ``N workers``: :class:`storyline.pipeline.workers.Pool` (the clock includes starting the
   workers and their model loads);
3. ``Ray, N workers``: :class:`storyline.pipeline.engine_ray.RayEngine` (the clock starts
   after ``ray.init``, which is printed apart, and includes the actors' model loads);
4. ``storyline analyze FILE --format jsonl`` as a whole process (start-up, model load, JSON
   written to a file) with ``--workers 1`` and ``--workers N``, beside bare spaCy (a process
   that loads the model and runs ``nlp.pipe`` over the same texts, with ``n_process`` 1 and
   N, and writes nothing).

Memory: every worker's resident set is sampled from ``/proc`` twice a second; printed is its
peak (VmHWM where the process is still there to ask, else the sampled maximum) and the
sampled RSS after a quarter, half and all of the articles, which shows whether it is flat.
Targets (printed beside the figures): N=2 workers >= 1.7x one process; memory per worker
<= 1 GB and flat; whole-process analyze >= 0.8x bare spaCy. The machine may be shared:
``uptime``'s load is printed before and after. Exit status 1 only when a run fails.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def eval_dir() -> Path | None:
    for candidate in (os.environ.get("STORYLINE_EVAL"), ROOT.parent / "shared" / "eval", "/work/shared/eval"):
        if candidate and (Path(candidate) / "scrapinghub-article-extraction-benchmark").is_dir():
            return Path(candidate)
    return None


def corpus(n: int) -> list[dict]:
    """``n`` documents (``source``, ``text``): the real bodies, interleaved, repeated."""
    base = eval_dir()
    truth = json.loads((base / "scrapinghub-article-extraction-benchmark" / "ground-truth.json").read_text("utf-8"))
    bodies = [v["articleBody"] for _, v in sorted(truth.items()) if v.get("articleBody", "").strip()]
    wire = []
    articles = base / "realnews-dev" / "articles"
    if articles.is_dir():
        from storyline.ingest import read_path

        for path in sorted(articles.iterdir()):
            try:
                wire.extend(d.text for d in read_path(path))
            except Exception:  # an unreadable file is not this benchmark's concern
                continue
    mixed, step = [], max(1, len(bodies) // max(1, len(wire)))
    for i, body in enumerate(bodies):
        mixed.append(body)
        if wire and i % step == step - 1:
            mixed.append(wire[(i // step) % len(wire)])
    return [{"source": f"scale-{i}", "text": mixed[i % len(mixed)]} for i in range(n)]


# --------------------------------------------------------------------------------------
# Memory sampling


TICK = os.sysconf("SC_CLK_TCK")


def _status(pid: int) -> dict[str, float]:
    out: dict[str, float] = {}
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        out["cpu"] = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    except (OSError, ValueError, IndexError):
        pass
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return out


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _ray_workers() -> list[int]:
    """This run's Ray Data actors: processes under this one (the local Ray it started) whose
    command line names the map (other Ray sessions on the machine are not counted)."""
    me, pids = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"MapBatches" in cmd or b"MapWorker" in cmd:
                pid = ancestor = int(entry.name)
                for _ in range(16):
                    ancestor = _parent(ancestor)
                    if ancestor in (0, 1) or ancestor == me:
                        break
                if ancestor == me:
                    pids.append(pid)
    return pids


class Sampler(threading.Thread):
    """The RSS of the processes ``pids()`` names, twice a second, with the fraction done."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.done = pids, 0.0
        self.samples: dict[int, list[tuple[float, int]]] = {}
        self.hwm: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        for pid in self.pids():
            s = _status(pid)
            if "VmRSS" in s:
                self.samples.setdefault(pid, []).append((self.done, s["VmRSS"]))
                self.hwm[pid] = max(self.hwm.get(pid, 0), s.get("VmHWM", 0), s["VmRSS"])
                self.cpu[pid] = s.get("cpu", 0.0)

    def report(self) -> list[dict]:
        out = []
        for pid, samples in self.samples.items():
            if not samples:
                continue

            def at(fraction: float) -> int:
                return next((mb for done, mb in samples if done >= fraction), samples[-1][1])

            out.append({"pid": pid, "peak_mb": self.hwm.get(pid, 0), "q1": at(0.25), "half": at(0.5),
                        "end": samples[-1][1]})
        return out


# --------------------------------------------------------------------------------------
# The measured runs (each in its own process)


def run_engine(mode: str, n: int, workers: int) -> dict:
    from storyline.model import Document

    items = corpus(n)
    chars = sum(len(d["text"]) for d in items)
    # made as they are read, so that no engine's process holds the analysed documents
    docs = (Document(**d) for d in items)
    extra: dict = {}
    if mode == "one":
        from storyline.pipeline import analyze, nlp

        nlp.load()
        sampler = Sampler(lambda: [os.getpid()])
        engine = None
    elif mode == "pool":
        from storyline.pipeline.workers import Pool

        engine = Pool(workers)
        sampler = Sampler(lambda: engine.pids)
    else:
        from storyline.pipeline.engine_ray import RayEngine

        engine = RayEngine(workers)
        start = time.perf_counter()
        engine.__enter__()
        extra["ray_init_s"] = time.perf_counter() - start
        sampler = Sampler(_ray_workers)
    sampler.start()
    failed: list[str] = []
    cpu0 = time.process_time()
    start = time.perf_counter()
    first = None
    count = 0
    try:
        if engine is not None and mode == "pool":
            engine.__enter__()
        stream = analyze(docs, on_failure=lambda f: failed.append(str(f))) if engine is None else \
            engine.analyze(docs, on_failure=failed.append)
        for _ in stream:
            count += 1
            first = first or time.perf_counter()
            sampler.done = count / n
            if count in (n // 4, n // 2):
                sampler.sample()
        sampler.sample()
    finally:
        seconds = time.perf_counter() - start
        parent_cpu = time.process_time() - cpu0
        sampler.stop.set()
        if engine is not None:
            engine.__exit__(None, None, None)
    steady = (count - 1) / (time.perf_counter() - first) if first and count > 1 else None
    workers_cpu = sum(c for pid, c in sampler.cpu.items() if pid != os.getpid())
    return {"n": count, "failed": len(failed), "seconds": seconds, "chars": chars,
            "steady_rate": steady, "memory": sampler.report(), "cpu_s": parent_cpu + workers_cpu, **extra}


def bare_spacy(path: str, n_process: int) -> None:
    import spacy

    from storyline.pipeline.nlp import model_name

    nlp = spacy.load(model_name())
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=n_process))


def whole_process(cmd: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return time.perf_counter() - start, proc.returncode, proc.stderr


# --------------------------------------------------------------------------------------


def _sub(args: list[str]) -> dict | None:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        print(f"  run {' '.join(args)} failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__() if Path("/proc/loadavg").exists() else "?"


def _print_engines(results: dict, workers: int) -> None:
    print(f"\n{'engine':22}{'articles/s':>11}{'steady/s':>10}{'seconds':>9}{'CPU s/art':>10}{'failed':>8}"
          "   memory per worker (MB): peak, RSS at 25% / 50% / 100%")
    for name, r in results.items():
        if r is None:
            print(f"{name:22}{'failed':>11}")
            continue
        mem = "; ".join(f"{m['peak_mb']}, {m['q1']} / {m['half']} / {m['end']}" for m in r["memory"]) or "-"
        steady = f"{r['steady_rate']:.2f}" if r["steady_rate"] else "-"
        extra = f"  (ray.init {r['ray_init_s']:.1f} s, not timed)" if "ray_init_s" in r else ""
        print(f"{name:22}{r['n'] / r['seconds']:>11.2f}{steady:>10}{r['seconds']:>9.1f}"
              f"{r['cpu_s'] / max(1, r['n']):>10.3f}{r['failed']:>8}   {mem}{extra}")
    one = results.get("1 process")
    for name, r in results.items():
        if r is not None and one is not None and name != "1 process":
            ratio = one["seconds"] / r["seconds"] * (r["n"] / max(1, one["n"]))
            target = "  (target >= 1.70)" if workers == 2 else ""
            cpu = workers * (one["cpu_s"] / max(1, one["n"])) / (r["cpu_s"] / max(1, r["n"]))
            print(f"scaling {name} / 1 process: {ratio:.2f}x{target}; CPU-bound projection on "
                  f"{workers} idle cores: {cpu:.2f}x")
    peaks = [m["peak_mb"] for r in results.values() if r for m in r["memory"]]
    if peaks:
        print(f"largest peak per worker: {max(peaks)} MB (target <= 1024 MB, flat over the run)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-ray", action="store_true", help="leave out the Ray run")
    ap.add_argument("--skip-whole", action="store_true", help="leave out the whole-process comparison")
    ap.add_argument("--engine-run", choices=("one", "pool", "ray"), help=argparse.SUPPRESS)
    ap.add_argument("--bare-spacy", metavar="FILE", help=argparse.SUPPRESS)
    ap.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.engine_run:
        print(json.dumps(run_engine(args.engine_run, args.articles, args.workers)))
        return 0
    if args.bare_spacy:
        bare_spacy(args.bare_spacy, args.n_process)
        return 0
    if eval_dir() is None:
        print("scale: skipped: ../shared/eval (or $STORYLINE_EVAL) with the ScrapingHub benchmark is absent")
        return 0
    docs = corpus(args.articles)
    chars = sum(len(d["text"]) for d in docs)
    print(f"corpus: {len(docs)} articles ({len({d['text'] for d in docs})} distinct real bodies), {chars:,} characters; "
          f"{os.cpu_count()} CPUs; load average before: {_load()}")
    n, w = str(args.articles), str(args.workers)
    runs = {"1 process": ["--engine-run", "one"], f"{w} workers": ["--engine-run", "pool"]}
    if not args.skip_ray:
        runs[f"Ray, {w} workers"] = ["--engine-run", "ray"]
    results = {name: _sub([*a, "--articles", n, "--workers", w]) for name, a in runs.items()}
    _print_engines(results, args.workers)
    bad = any(r is None for r in results.values())
    if not args.skip_whole:
        bad |= _whole(docs, args.workers)
    print(f"load average after: {_load()}")
    return 1 if bad else 0


def _whole(docs: list[dict], workers: int) -> bool:
    """The whole-process comparison; True when a run failed."""
    bad = False
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        print(f"\nwhole process over {len(docs)} articles (start-up and model load included):")
        for k in sorted({1, workers}):
            ours, code, err = whole_process([sys.executable, "-m", "storyline.cli", "analyze", str(path),
                                             "--format", "jsonl", "--workers", str(k)])
            ref, ref_code, ref_err = whole_process([sys.executable, __file__, "--bare-spacy", str(path),
                                                    "--n-process", str(k)])
            if code != 0 or ref_code != 0:
                print(f"  failed: {(err or ref_err).strip().splitlines()[-1:]}", file=sys.stderr)
                bad = True
                continue
            print(f"  storyline analyze --workers {k} --format jsonl: {ours:7.1f} s  ({len(docs) / ours:.2f} articles/s)")
            print(f"  bare spaCy nlp.pipe n_process={k} (reference): {ref:7.1f} s  ({len(docs) / ref:.2f} articles/s)")
            print(f"  ratio storyline/spaCy with {k} process(es): {ref / ours:.2f}  (target >= 0.80)")
    return bad


if __name__ == "__main__":
    sys.exit(main())
