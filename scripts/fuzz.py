#!/usr/bin/env python3
"""A seeded mutation fuzzer over the example articles: the whole pipeline, each input timed.

    python scripts/fuzz.py --seed 20240601 --minutes 10            # a long run
    python scripts/fuzz.py --seed 20240601 --inputs 200 --quick    # what CI runs (tests/robustness)
    python scripts/fuzz.py --seed 20240601 --replay 1234           # input 1234 of that seed again

Each input is made from the files in ``examples/`` (text, HTML, JSON Lines, and an RSS feed
and a WARC archive made from them) by one to four
mutations drawn from a generator seeded with ``SEED:INDEX``: byte flips, inserted quotation
marks, lone surrogates (as raw bytes, as JSON escapes, and as Python strings given to
``analyze_text``), control and format characters, truncation, huge repetition, nested
quotation marks and nested HTML, splices of two articles, date and number noise, broken JSON
field types and re-encodings (UTF-16, cp1252, Latin-1). Input INDEX of a seed is always the
same bytes, so ``--replay INDEX`` reproduces it.

Every input is written to a file and run through what ``storyline analyze`` runs (the batch:
read, parse, every stage), in a worker process that is killed after ``--timeout`` seconds
(a slow input is reported as slow, not as a crash; issue 14 is about speed). A crash is any
of: an exception out of the batch, a document the batch reported as failed in a stage, an
ingest error message that is not one line, a record that does not serialise, or a span
that does not check out (:func:`storyline.pipeline.audit.span_problems`); a worker that
dies is a crash too. Each crash is saved under ``--out`` as the input itself and a ``.txt``
with the seed, index, mutations and traceback. The summary (printed, and written as
``summary.json`` in ``--out``) gives inputs run, crashes by exception type, ingest errors,
timeouts, ingest errors that came from ingest's catch-all (``could not read (TypeError: …)``:
reported, so not crashes, but saved as ``caught-*.txt`` for review) and the slowest inputs.
The exit status is 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import random
import re
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "‚", "「", "」", "″", "`"]
CONTROLS = [chr(c) for c in range(0, 32)] + ["\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\u200e", "\u202e",
                                              "\ufeff", "\u0301", "\ufffd", "\u00a0", "\u3000"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\udcb6", "\ud83d"]
NOISE = ["Feb. 29", "February 30", "31 April 2026", "2026-13-45", "last Monday", "99999999999999999999",
         "10:61 p.m.", "in the 1990s", "next month", "Q5 2025", "since March", "early 202", "the 32nd",
         "P.O. Box", "Mr.", "U.S.", "said", "according to", "told reporters", "—", "...", "(", ")", "[", "]",
         "\n\n", "SOURCES: REUTERS – x", "By ", "NAIROBI (Reuters) - ", "<p>", "</p>", "&amp;", "&#0;", "&#xD800;"]


@dataclass
class Seed:
    name: str  # the example's file name: its suffix says how it is read
    data: bytes


@dataclass
class Case:
    index: int
    suffix: str
    data: bytes
    mutations: list[str] = field(default_factory=list)
    text: str | None = None  # set: run analyze_text on this string instead of reading a file


def load_seeds(directory: Path) -> list[Seed]:
    """The example files, and an RSS feed and a WARC archive made from them (the formats
    the examples do not show)."""
    seeds = [Seed(p.name, p.read_bytes()) for p in sorted(directory.iterdir()) if p.is_file() and not p.name.startswith(".")]
    return seeds + _derived(seeds)


def _derived(seeds: list[Seed]) -> list[Seed]:
    from html import escape
    from io import BytesIO

    texts = [s.data.decode("utf-8", "replace") for s in seeds if s.name.endswith(".txt")]
    items = "".join(
        f"<item><title>{escape(t.splitlines()[0])}</title><link>https://example.org/{i}</link>"
        f"<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description><![CDATA[<p>"
        + "</p><p>".join(p for p in t.split("\n\n")[1:] if p.strip()) + "</p>]]></description></item>"
        for i, t in enumerate(texts[:3])
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>{items}</channel></rss>'
    out = [Seed("derived-feed.rss", feed.encode("utf-8"))]
    pages = [s.data for s in seeds if s.name.endswith(".html")]
    if pages:
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        buf = BytesIO()
        writer = WARCWriter(buf, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/page", "response",
                                                      payload=BytesIO(pages[0]), http_headers=headers))
        out.append(Seed("derived-archive.warc", buf.getvalue()))
    return out


# ----------------------------------------------------------------------------- mutations
def _pos(rng: random.Random, data) -> int:
    return rng.randrange(len(data) + 1) if data else 0


def m_flip(rng, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _insert_text(rng, data: bytes, pieces: list[str], k: int) -> bytes:
    """``k`` pieces inserted as UTF-8 (surrogates too) at character boundaries of ``data``."""
    for _ in range(k):
        i = _pos(rng, data)
        while 0 < i < len(data) and 0x80 <= data[i] < 0xC0:  # not inside a UTF-8 sequence
            i += 1
        data = data[:i] + rng.choice(pieces).encode("utf-8", "surrogatepass") + data[i:]
    return data


def m_quotes(rng, data):
    return _insert_text(rng, data, QUOTES, rng.choice([1, 2, 5, 20, 100]))


def m_controls(rng, data):
    return _insert_text(rng, data, CONTROLS, rng.choice([1, 3, 10, 50]))


def m_surrogate_bytes(rng, data):
    return _insert_text(rng, data, SURROGATES, rng.randint(1, 5))  # UTF-8 of a surrogate: invalid bytes


def m_json_surrogate(rng, data):
    escapes = ["\\ud800", "\\udfff", "\\udcb6", "\\ud83d", "\\ud83d\\ude00", "\\u0000", "\\u001f"]
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randint(1, 4)):
        starts = [i for i, c in enumerate(text) if c == '"']
        i = rng.choice(starts) + 1 if starts else _pos(rng, text)
        text = text[:i] + rng.choice(escapes) + text[i:]
    return text.encode("utf-8")


def m_noise(rng, data):
    return _insert_text(rng, data, NOISE, rng.randint(1, 8))


def m_truncate(rng, data):
    return data[: _pos(rng, data)]


def m_delete(rng, data):
    i = _pos(rng, data)
    return data[:i] + data[i + rng.randint(1, 400) :]


def m_repeat(rng, data, cap: int = 300_000):
    if not data:
        return data
    i = rng.randrange(len(data))
    piece = data[i : i + rng.choice([1, 3, 20, 200])]
    times = min(rng.choice([10, 100, 1000, 5000]), cap // max(1, len(piece)))
    return data[:i] + piece * times + data[i:]


def m_nested_quotes(rng, data):
    depth = rng.choice([5, 20, 100, 300])
    opens, closes = ["“", "‘", "«", '"', "'"], ["”", "’", "»", '"', "'"]
    seq = "".join(rng.choice(opens) + "he said " for _ in range(depth))
    tail = "".join(rng.choice(closes) for _ in range(rng.choice([0, depth // 2, depth])))
    return _insert_text(rng, data, [seq + "the talks failed." + tail], 1)


def m_nested_html(rng, data):
    tag = rng.choice(["div", "b", "span", "blockquote", "p", "table", "li", "q"])
    depth = rng.choice([50, 300, 2000, 20000])
    closed = rng.random() < 0.5
    inner = "The minister said on Monday that talks would resume."
    block = f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")
    text = data.decode("utf-8", "replace")
    if "<body" in text.lower():
        i = text.lower().index("<body")
        return (text[:i] + block + text[i:]).encode()
    return ("<html><body>" + block + text + "</body></html>").encode()


def m_splice(rng, data, seeds: list[Seed]):
    other = rng.choice(seeds).data
    return data[: _pos(rng, data)] + other[_pos(rng, other) :]


def m_json_types(rng, data):
    values = [5, -1, 1e308, True, None, [], {}, "Reuters", ["Reuters", 5], [{"outlet": 5}], {"outlet": "X"},
              "x" * 500, [[[[]]]], "2026-02-30", "\ud800", 10**30]
    fields = ["text", "headline", "title", "byline", "authors", "author", "published", "date", "cited_sources",
              "url", "source", "dateline", "outlet"]
    lines = data.decode("utf-8", "replace").split("\n")
    out = []
    for line in lines:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):  # not JSON (any more): left as it is
            out.append(line)
            continue
        if isinstance(obj, dict) and rng.random() < 0.7:
            obj[rng.choice(fields)] = rng.choice(values)
        out.append(json.dumps(obj) if rng.random() < 0.9 else "[" * rng.choice([10, 5000]))
    return "\n".join(out).encode("utf-8", "surrogatepass")


def m_reencode(rng, data):
    text = data.decode("utf-8", "replace")
    enc = rng.choice(["utf-16-le", "utf-16-be", "utf-16", "cp1252", "latin-1", "utf-32"])
    raw = text.encode(enc, "replace")
    if enc in ("cp1252", "latin-1") and rng.random() < 0.5:  # mixed: part UTF-8, part legacy
        cut = _pos(rng, text)
        return text[:cut].encode("utf-8") + text[cut:].encode(enc, "replace")
    return raw


def m_gzip_or_magic(rng, data):
    import gzip

    return rng.choice([gzip.compress(data), b"%PDF" + data, b"\x00" * 3 + data, data + b"\x00"])


MUTATIONS = {
    "flip": m_flip, "quotes": m_quotes, "controls": m_controls, "surrogate-bytes": m_surrogate_bytes,
    "json-surrogate": m_json_surrogate, "noise": m_noise, "truncate": m_truncate, "delete": m_delete,
    "repeat": m_repeat, "nested-quotes": m_nested_quotes, "nested-html": m_nested_html, "splice": None,
    "json-types": m_json_types, "reencode": m_reencode, "gzip-or-magic": m_gzip_or_magic,
}
MAX_BYTES = 2_000_000
QUICK_BYTES = 40_000  # --quick (and CI): smaller inputs, the same mutations


def make_case(seed: int, index: int, seeds: list[Seed], max_bytes: int = MAX_BYTES) -> Case:
    """Input ``index`` of the run seeded ``seed`` (the same bytes every time for the same
    ``max_bytes``: every input is cut to it, and a repetition to a sixth of it)."""
    rng = random.Random(int.from_bytes(hashlib.sha256(f"{seed}:{index}".encode()).digest()[:8], "big"))
    base = rng.choice(seeds)
    data, names = base.data, []
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
        name = rng.choice(list(MUTATIONS))
        try:
            if name == "splice":
                data = m_splice(rng, data, seeds)
            elif name == "repeat":
                data = m_repeat(rng, data, cap=min(300_000, max_bytes // 6))
            else:
                data = MUTATIONS[name](rng, data)
        except Exception:  # a mutator's own bug must not end a long run: the input goes on unmutated
            name += "(failed)"
        data = data[:max_bytes]
        names.append(name)
    suffix = Path(base.name).suffix
    if rng.random() < 0.08:
        suffix = rng.choice([".txt", ".html", ".jsonl", ".md", ".xml", ".rss", ""])
        names.append(f"suffix{suffix or '-none'}")
    case = Case(index, suffix, data, [f"{base.name}"] + names)
    if rng.random() < 0.1:  # a Python string, surrogates and all, straight to analyze_text
        text = data.decode("utf-8", "surrogateescape" if rng.random() < 0.5 else "replace")
        for _ in range(rng.randint(0, 3)):
            i = _pos(rng, text)
            text = text[:i] + rng.choice(SURROGATES + CONTROLS) + text[i:]
        case.text, case.mutations = text, case.mutations + ["analyze_text"]
    return case


# ----------------------------------------------------------------------------- running
def run_case(case: Case, workdir: str) -> dict:
    """Run one input through the pipeline; the result (never raises)."""
    from storyline.pipeline import analyze_text
    from storyline.pipeline.audit import span_problems
    from storyline.pipeline.batch import Batch

    t0 = time.monotonic()
    out = {"index": case.index, "docs": 0, "ingest_errors": 0, "crash": None}
    try:
        if case.text is not None:
            docs = [analyze_text(case.text)]
            errors: list[str] = []
        else:
            path = os.path.join(workdir, f"input{case.suffix}")
            with open(path, "wb") as fh:
                fh.write(case.data)
            batch = Batch([path])
            if hasattr(batch, "analyze"):
                docs = list(batch.analyze())
            else:  # a checkout from before the per-document guard (to measure what it fixed)
                from storyline.pipeline import analyze

                docs = list(analyze(batch.documents()))
            errors = batch.errors
        for e in errors:
            if "\n" in e:
                raise AssertionError(f"error message of more than one line: {e!r}")
            if "stage '" in e and "' failed (" in e:
                raise AssertionError(f"a stage failed: {e}")
        out["ingest_errors"] = len(errors)
        # a library failing in a way no check foresaw, caught by ingest's last resort: the
        # file is reported, not a crash, but counted and saved for review
        out["caught"] = [e for e in errors if re.search(r"could not read( this (record|page))? \(", e)]
        for d in docs:
            problems = span_problems(d)
            if problems:
                raise AssertionError("span problems: " + "; ".join(problems[:5]))
        out["docs"] = len(docs)
    except BaseException as exc:  # everything is a finding here
        tb = traceback.format_exc()
        last = traceback.extract_tb(exc.__traceback__)[-1:] or [None]
        where = f"{Path(last[0].filename).name}:{last[0].lineno}" if last[0] else "?"
        out["crash"] = {"type": type(exc).__name__, "message": str(exc)[:500], "where": where, "traceback": tb}
    out["seconds"] = time.monotonic() - t0
    return out


def _worker(conn, workdir: str) -> None:
    import logging

    logging.getLogger("storyline").setLevel(logging.ERROR)
    while True:
        case = conn.recv()
        if case is None:
            return
        conn.send(run_case(case, workdir))


class Worker:
    """A forked process that runs inputs one at a time; killed and replaced after a timeout."""

    def __init__(self, ctx, workdir: str):
        self.parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, workdir), daemon=True)
        self.proc.start()
        child.close()

    def run(self, case: Case, timeout: float) -> dict | None:
        """The result, or None if the input ran out of time (the worker is then killed);
        a dead worker is a crash."""
        self.parent.send(case)
        if self.parent.poll(timeout):
            try:
                return self.parent.recv()
            except EOFError:
                pass
        else:
            self.kill()
            return None
        code = self.proc.exitcode
        self.kill()
        return {"index": case.index, "docs": 0, "ingest_errors": 0, "seconds": timeout,
                "crash": {"type": "WorkerDied", "message": f"exit code {code}", "where": "?", "traceback": ""}}

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()


def save_crash(out_dir: Path, seed: int, case: Case, result: dict) -> Path:
    crash = result["crash"]
    stem = out_dir / f"crash-{seed}-{case.index}-{crash['type']}"
    if case.text is not None:
        stem.with_suffix(".input.txt").write_bytes(case.text.encode("utf-8", "surrogatepass"))
    else:
        Path(f"{stem}.input{case.suffix}").write_bytes(case.data)
    Path(f"{stem}.txt").write_text(
        f"seed {seed} index {case.index}\nreplay: python scripts/fuzz.py --seed {seed} --replay {case.index}\n"
        f"mutations: {' '.join(case.mutations)}\n{crash['type']} at {crash['where']}: {crash['message']}\n\n{crash['traceback']}",
        encoding="utf-8",
    )
    return stem


@dataclass
class Summary:
    seed: int
    inputs: int = 0
    crashes: int = 0
    crash_types: dict = field(default_factory=dict)
    crash_sites: dict = field(default_factory=dict)
    timeouts: int = 0
    ingest_errors: int = 0
    caught: int = 0  # ingest errors from its catch-all ("could not read (TypeError: ...)")
    documents: int = 0
    seconds: float = 0.0
    slowest: list = field(default_factory=list)  # [seconds, index, mutations]

    def add(self, case: Case, result: dict | None, timeout: float) -> None:
        self.inputs += 1
        if result is None:
            self.timeouts += 1
            self._slow(timeout, case, timed_out=True)
            return
        self.documents += result["docs"]
        self.ingest_errors += result["ingest_errors"]
        self.caught += len(result.get("caught") or [])
        self._slow(result["seconds"], case)
        if result["crash"]:
            c = result["crash"]
            self.crashes += 1
            self.crash_types[c["type"]] = self.crash_types.get(c["type"], 0) + 1
            site = f"{c['type']} at {c['where']}"
            self.crash_sites[site] = self.crash_sites.get(site, 0) + 1

    def _slow(self, seconds: float, case: Case, timed_out: bool = False) -> None:
        self.slowest.append([round(seconds, 2), case.index, " ".join(case.mutations) + (" (timed out)" if timed_out else "")])
        self.slowest = sorted(self.slowest, reverse=True)[:10]


def fuzz(seed: int, *, inputs: int | None = None, minutes: float | None = None, timeout: float = 20.0,
         out_dir: Path | None = None, examples: Path = ROOT / "examples", start: int = 0,
         progress: bool = False, max_bytes: int = MAX_BYTES) -> Summary:
    """Run inputs ``start``, ``start+1``, ... of ``seed`` until ``inputs`` are done or
    ``minutes`` have passed; crashes are saved in ``out_dir``."""
    from storyline.pipeline import nlp

    seeds = load_seeds(examples)
    out_dir = Path(out_dir or tempfile.mkdtemp(prefix="storyline-fuzz-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.load()  # loaded once, before the workers fork
    import storyline.pipeline.run as run

    run.stages()
    ctx = mp.get_context("fork")
    summary = Summary(seed)
    deadline = time.monotonic() + minutes * 60 if minutes else None
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-work-") as workdir:
        worker = Worker(ctx, workdir)
        index = start
        try:
            while (inputs is None or summary.inputs < inputs) and (deadline is None or time.monotonic() < deadline):
                case = make_case(seed, index, seeds, max_bytes)
                result = worker.run(case, timeout)
                if result is None or (result["crash"] and result["crash"]["type"] == "WorkerDied"):
                    worker = Worker(ctx, workdir)
                summary.add(case, result, timeout)
                if result and result.get("caught"):
                    (out_dir / f"caught-{seed}-{case.index}.txt").write_text(
                        "\n".join(result["caught"]) + f"\nmutations: {' '.join(case.mutations)}\n", encoding="utf-8")
                if result and result["crash"]:
                    stem = save_crash(out_dir, seed, case, result)
                    if progress:
                        print(f"crash #{summary.crashes}: input {index}: {result['crash']['type']} at "
                              f"{result['crash']['where']} ({stem}.txt)", file=sys.stderr, flush=True)
                if progress and summary.inputs % 500 == 0:
                    print(f"{summary.inputs} inputs, {summary.crashes} crashes, {summary.timeouts} timeouts, "
                          f"{time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
                index += 1
        finally:
            worker.parent.send(None) if worker.proc.is_alive() else None
            worker.kill()
    summary.seconds = round(time.monotonic() - t0, 1)
    (out_dir / "summary.json").write_text(json.dumps(summary.__dict__, indent=2) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--minutes", type=float, default=None, help="stop after this long")
    ap.add_argument("--inputs", type=int, default=None, help="stop after this many inputs")
    ap.add_argument("--start", type=int, default=0, help="first input index")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds one input may take (default 20)")
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"), help="where crashes and summary.json go")
    ap.add_argument("--examples", type=Path, default=ROOT / "examples")
    ap.add_argument("--replay", type=int, default=None, metavar="INDEX", help="run input INDEX alone, in this process")
    ap.add_argument("--quick", action="store_true", help=f"inputs of at most {QUICK_BYTES:,} bytes (what CI runs)")
    args = ap.parse_args(argv)
    if args.replay is not None:
        case = make_case(args.seed, args.replay, load_seeds(args.examples), QUICK_BYTES if args.quick else MAX_BYTES)
        print("mutations:", " ".join(case.mutations))
        with tempfile.TemporaryDirectory() as workdir:
            result = run_case(case, workdir)
        print(result["crash"]["traceback"] if result["crash"] else f"no crash ({result['docs']} documents, "
              f"{result['ingest_errors']} ingest errors, {result['seconds']:.1f} s)")
        return 1 if result["crash"] else 0
    if args.minutes is None and args.inputs is None:
        args.minutes = 10
    s = fuzz(args.seed, inputs=args.inputs, minutes=args.minutes, timeout=args.timeout, out_dir=args.out,
             examples=args.examples, start=args.start, progress=True, max_bytes=QUICK_BYTES if args.quick else MAX_BYTES)
    print(json.dumps(s.__dict__, indent=2))
    return 1 if s.crashes else 0


if __name__ == "__main__":
    if not os.environ.get("PYTHONPATH"):  # this checkout's code, unless PYTHONPATH names one
        sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
