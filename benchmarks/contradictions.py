"""Figures and contradictions on real news: how often the checks fire, for reading by hand.

    .venv/bin/python benchmarks/contradictions.py [--limit N] [-v]

Reads ECB+ (``../shared/eval/ecbplus``: 982 news documents in 43 topics, two sub-topics
each, every sub-topic one real-world event reported by several outlets) and realnews-dev
(``../shared/eval/realnews-dev``: 24 wire stories). Runs the whole pipeline and prints, per
set: documents, figures read, in-article ``contradiction`` flags; for ECB+ also the figure
contradictions :func:`storyline.link.support.support` finds between the documents of each
sub-topic (each sub-topic taken as one story, no wire copies). With ``-v`` every flag and
contradiction is printed with both figures, so that its precision can be judged by hand
(there is no gold for contradictions). The eval folder is ``$STORYLINE_EVAL`` or
``<repo>/../shared/eval``, then ``/work/shared/eval``; absent, the benchmark skips.
Internal evaluation only: nothing of the sets is copied into this repository.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import zipfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _eval_dir() -> Path | None:
    for p in (os.environ.get("STORYLINE_EVAL"), ROOT.parent / "shared" / "eval", "/work/shared/eval"):
        if p and Path(p).is_dir():
            return Path(p)
    return None


_GLUE = [(re.compile(r" ([,.;:!?%)\]])"), r"\1"), (re.compile(r"(\d), (\d{3})\b"), r"\1,\2"), (re.compile(r"(\d)\. (\d)"), r"\1.\2"), (re.compile(r"([(\[$]) "), r"\1"),
         (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"), (re.compile(r"`` | ''"), '"')]


def _ecb_documents(zpath: Path, limit: int | None):
    from storyline.model import Document

    with zipfile.ZipFile(zpath) as z:
        names = sorted(n for n in z.namelist() if n.endswith(".xml"))
        for name in names[:limit]:
            root = ET.fromstring(z.read(name))
            sentences: dict[int, list[str]] = defaultdict(list)
            for tok in root.iter("token"):
                sentences[int(tok.get("sentence", 0))].append(tok.text or "")
            lines = []
            for k in sorted(sentences):
                line = " ".join(sentences[k])
                for pat, rep in _GLUE:
                    line = pat.sub(rep, line)
                if not line.startswith("http"):
                    lines.append(line)
            stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
            topic, rest = stem.split("_", 1)
            subtopic = f"{topic}{'plus' if rest.endswith('ecbplus') else ''}"
            yield subtopic, Document(source=stem, outlet=stem, text="\n".join(lines))


def _print_flags(docs, verbose: bool) -> int:
    n = 0
    for d in docs:
        for f in d.flags:
            if f.type == "contradiction":
                n += 1
                if verbose:
                    print(f"  {d.source}: {f.message}")
    return n


def _ecb(eval_dir: Path, limit: int | None, verbose: bool) -> None:
    from storyline.lexicon import figures
    from storyline.link.support import support
    from storyline.pipeline import analyze

    zpath = eval_dir / "ecbplus" / "ECB+.zip"
    if not zpath.exists():
        print(f"ECB+: skipped, no {zpath}")
        return
    pairs = list(_ecb_documents(zpath, limit))
    t0 = time.perf_counter()
    docs = list(analyze([d for _, d in pairs]))
    seconds = time.perf_counter() - t0
    by_sub: dict[str, list] = defaultdict(list)
    for (sub, _), d in zip(pairs, docs):
        by_sub[sub].append(d)
    read = sum(len(figures.read(d)) for d in docs)
    print(f"ECB+: {len(docs)} documents in {len(by_sub)} sub-topics, {seconds:.0f} s for the pipeline")
    print(f"  figures read: {read}")
    flags = _print_flags(docs, verbose)
    print(f"  in-article contradiction flags: {flags} ({100 * flags / max(len(docs), 1):.1f} per 100 documents)")
    found = 0
    for sub, members in sorted(by_sub.items()):
        result = support(sub, members, {d.id: d.id for d in members})
        for x in result.contradictions:
            if x.kind == "figure":
                found += 1
                if verbose:
                    print(f"  [{sub}] {x.detail}")
    print(f"  figure contradictions between documents of one sub-topic: {found}")


def _realnews(eval_dir: Path, verbose: bool) -> None:
    from storyline.ingest import read_path
    from storyline.lexicon import figures
    from storyline.pipeline import analyze

    folder = eval_dir / "realnews-dev" / "articles"
    if not folder.is_dir():
        print(f"realnews-dev: skipped, no {folder}")
        return
    docs = list(analyze([d for p in sorted(folder.glob("d*.txt")) for d in read_path(p)]))
    read = sum(len(figures.read(d)) for d in docs)
    print(f"realnews-dev: {len(docs)} documents, figures read: {read}")
    flags = _print_flags(docs, verbose)
    print(f"  in-article contradiction flags: {flags}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="read only the first N ECB+ documents")
    ap.add_argument("-v", action="store_true", help="print every flag and contradiction")
    args = ap.parse_args()
    eval_dir = _eval_dir()
    if eval_dir is None:
        print("skipped: no evaluation data (set STORYLINE_EVAL)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    _realnews(eval_dir, args.v)
    _ecb(eval_dir, args.limit, args.v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
