"""HTML ingestion quality: body extraction, headline, byline and date, ours beside trafilatura's.

Run from the repository root:

    .venv/bin/python benchmarks/extraction.py            # all three parts
    .venv/bin/python benchmarks/extraction.py --part body --limit 50

Data (read-only, never copied into the repository) comes from ``../shared/eval`` relative to
the repository root, or ``$STORYLINE_EVAL``:

* ``scrapinghub-article-extraction-benchmark``: 181 pages (``html/*.html.gz``, UTF-8) with the
  gold ``articleBody`` in ``ground-truth.json``. Body score: tokens are the matches of the
  regular expression ``\\w+`` (Python ``re``, Unicode word characters, case kept) in the
  extracted text and in the gold text; per page the two token bags (multisets) are compared,
  TP = Σ min(count_pred, count_gold), FP = Σ excess in the prediction, FN = Σ excess in the
  gold; TP/FP/FN are summed over all pages, then P = TP/(TP+FP), R = TP/(TP+FN), F1 their
  harmonic mean (a page with no output counts all its gold tokens as FN).
* ``trafilatura-eval``: ``evaldata.json`` gold title/author/date for the pages in
  ``eval-html.tar.xz`` (extracted to a temporary directory). A field is scored on every page
  whose gold has that key; an empty gold value is right only when nothing is extracted.
  Values are compared after Unicode NFC, case folding and whitespace collapsing; dates as
  YYYY-MM-DD. "Date accuracy (dated)" counts only pages whose gold has a date. The same pages'
  gold text segments are also checked: the share of "with" segments found in the body and of
  "without" (boilerplate) segments absent from it, after the same folding.
* ``htmldate-eval``: ``eval_default.json`` gold publication dates for 800 pages; also shown:
  htmldate alone with our settings (original date, extensive search) and with its defaults.

"Ours" is ``storyline.ingest.read_path`` on the file (our decoding, trafilatura with our
settings, htmldate for the date checked by the evidence rules of ``data/dates.toml``, our
layout clean-up); "trafilatura" is plain
``trafilatura.extract`` / ``extract_metadata`` with their defaults on the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TOKEN = re.compile(r"\w+")


def eval_dir() -> Path:
    return Path(os.environ.get("STORYLINE_EVAL") or ROOT.parent / "shared" / "eval")


def tokens(text: str | None) -> Counter:
    return Counter(TOKEN.findall(text or ""))


class PRF:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, pred: str | None, gold: str | None) -> None:
        p, g = tokens(pred), tokens(gold)
        tp = sum((p & g).values())
        self.tp += tp
        self.fp += sum(p.values()) - tp
        self.fn += sum(g.values()) - tp

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def norm(s) -> str:
    return " ".join(unicodedata.normalize("NFC", str(s or "")).casefold().split())


def valid_date(value) -> bool:
    import datetime

    try:
        return datetime.date.fromisoformat(str(value)).isoformat() == str(value)
    except ValueError:
        return False


def row(name: str, *cells) -> str:
    return f"  {name:<34}" + "".join(f"{c:>14}" for c in cells)


def quietly(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception:
        return None


# ---------------------------------------------------------------------------------------


def bench_body(limit: int | None) -> None:
    import trafilatura

    from storyline.ingest import IngestError, read_path

    base = eval_dir() / "scrapinghub-article-extraction-benchmark"
    if not (base / "ground-truth.json").exists():
        print(f"body: skipped: {base} not found")
        return
    gold = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:limit] if limit else sorted(gold)
    ours, ref = PRF(), PRF()
    t_ours = t_ref = 0.0
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm-up.html"  # imports and one-time tables out of the timing
        warm.write_bytes(gzip.decompress((base / "html" / f"{keys[0]}.html.gz").read_bytes()))
        quietly(read_path, warm)
        quietly(trafilatura.extract, warm.read_text(encoding="utf-8", errors="replace"))
        for key in keys:
            raw = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes())
            path = Path(tmp) / f"{key}.html"
            path.write_bytes(raw)
            truth = gold[key].get("articleBody") or ""
            t0 = time.perf_counter()
            try:
                text = read_path(path)[0].text
            except IngestError:
                text, failures = "", failures + 1
            t1 = time.perf_counter()
            ref_text = quietly(trafilatura.extract, raw.decode("utf-8", "replace")) or ""
            t2 = time.perf_counter()
            t_ours += t1 - t0
            t_ref += t2 - t1
            ours.add(text, truth)
            ref.add(ref_text, truth)
    n = len(keys)
    print(f"\nBody extraction — scrapinghub article-extraction-benchmark, {n} pages (\\w+ token bags, micro-summed)")
    print(row("", "precision", "recall", "F1", "pages/s"))
    print(row("ours (read_path: body+meta+date)", *(f"{x:.3f}" for x in ours.scores()), f"{n / t_ours:.1f}"))
    print(row("trafilatura.extract (defaults)", *(f"{x:.3f}" for x in ref.scores()), f"{n / t_ref:.1f}"))
    if failures:
        print(f"  ours: {failures} page(s) gave no document")


# ---------------------------------------------------------------------------------------


def _untar(archive: Path, dest: str) -> None:
    with tarfile.open(archive) as tar:
        try:
            tar.extractall(dest, filter="data")
        except TypeError:  # Python without extraction filters
            tar.extractall(dest)


def _find(root: Path, name: str) -> Path | None:
    for sub in ("tests/eval", "tests/cache", "tests/test_set", "eval", ""):
        p = root / sub / name
        if p.exists():
            return p
    return None


def html_gold(folder: str, gold_file: str, label: str) -> tuple[Path, dict] | None:
    """An evaluation folder holding a JSON gold file and its pages (eval-html.tar.xz), or None
    after printing that the benchmark is skipped."""
    base = eval_dir() / folder
    if not (base / gold_file).exists() or not (base / "eval-html.tar.xz").exists():
        print(f"{label}: skipped: {base} not found")
        return None
    return base, json.loads((base / gold_file).read_text(encoding="utf-8"))


def bench_meta(limit: int | None) -> None:
    import trafilatura

    from storyline.ingest import IngestError, read_path

    found = html_gold("trafilatura-eval", "evaldata.json", "metadata")
    if found is None:
        return
    base, gold = found
    items = [(url, g) for url, g in gold.items() if any(k in g for k in ("title", "author", "date"))]
    items = items[:limit] if limit else items
    fields = {"title": "headline", "author": "byline", "date": "published"}
    right = {who: Counter() for who in ("ours", "ref")}
    seen: Counter = Counter()
    dated = {who: [0, 0] for who in ("ours", "ref")}
    segs = {who: Counter() for who in ("ours", "ref", "n")}
    t_ours = t_ref = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        _untar(base / "eval-html.tar.xz", tmp)
        n = 0
        for url, g in items:
            path = _find(Path(tmp), g["file"])
            if path is None:
                continue
            n += 1
            t0 = time.perf_counter()
            try:
                doc = read_path(path)[0]
                ours = {"title": doc.headline, "author": doc.byline, "date": doc.published}
                body = doc.text
            except IngestError:
                ours, body = {}, ""
            t1 = time.perf_counter()
            raw = path.read_bytes()
            meta = quietly(trafilatura.extract_metadata, raw)
            t2 = time.perf_counter()
            ref_body = quietly(trafilatura.extract, raw) or ""
            for who, text in (("ours", body), ("ref", ref_body)):
                folded = norm(text)
                segs[who]["with"] += sum(norm(x) in folded for x in g.get("with", []))
                segs[who]["without"] += sum(norm(x) not in folded for x in g.get("without", []))
            segs["n"]["with"] += len(g.get("with", []))
            segs["n"]["without"] += len(g.get("without", []))
            t_ours += t1 - t0
            t_ref += t2 - t1
            ref = {"title": getattr(meta, "title", None), "author": getattr(meta, "author", None),
                   "date": getattr(meta, "date", None)}
            for f in fields:
                if f not in g:
                    continue
                seen[f] += 1
                for who, pred in (("ours", ours), ("ref", ref)):
                    ok = norm(pred.get(f)) == norm(g[f])
                    right[who][f] += ok
                    if f == "date" and g[f]:
                        dated[who][0] += ok
                        dated[who][1] += 1
    print(f"\nMetadata — trafilatura-eval gold, {n} pages (exact match after case/space folding; empty gold = nothing expected)")
    print(row("", "headline", "byline", "date", "date (dated)", "pages/s"))
    for who, label, t in (("ours", "ours (read_path)", t_ours), ("ref", "trafilatura.extract_metadata", t_ref)):
        cells = [f"{right[who][f] / seen[f]:.3f}" if seen[f] else "-" for f in fields]
        d = dated[who]
        cells.append(f"{d[0] / d[1]:.3f}" if d[1] else "-")
        cells.append(f"{n / t:.1f}" if t else "-")
        print(row(label, *cells))
    print(f"  (fields scored on {seen['title']} / {seen['author']} / {seen['date']} pages; {dated['ours'][1]} with a gold date)")
    bad = [g["date"] for _, g in items if g.get("date") and not valid_date(g["date"])]
    if bad:
        print(f"  gold audit: {len(bad)} gold date(s) are not a valid YYYY-MM-DD ({', '.join(bad[:4])}): "
              f"no extractor can match them, so at most {(dated['ours'][1] - len(bad)) / dated['ours'][1]:.3f} is reachable")
    n_with, n_without = segs["n"]["with"], segs["n"]["without"]
    print(f"  body segments on the same pages ({n_with} that must be in the text, {n_without} that must not):")
    for who, label in (("ours", "ours (read_path)"), ("ref", "trafilatura.extract (defaults)")):
        print(row(label, f"with {segs[who]['with'] / n_with:.3f}", f"without {segs[who]['without'] / n_without:.3f}"))


def bench_dates(limit: int | None) -> None:
    import trafilatura
    from htmldate import find_date

    from storyline.ingest import IngestError, decode, declared_encoding, html_date, read_path

    found = html_gold("htmldate-eval", "eval_default.json", "dates")
    if found is None:
        return
    base, gold = found
    items = list(gold.items())[:limit] if limit else list(gold.items())
    ok = Counter()
    t = Counter()
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        _untar(base / "eval-html.tar.xz", tmp)
        for url, g in items:
            path = _find(Path(tmp), g["file"])
            if path is None:
                continue
            n += 1
            data = path.read_bytes()
            html = quietly(decode, data, path, declared=declared_encoding(data)) or data.decode("utf-8", "replace")
            t0 = time.perf_counter()
            try:
                ours = read_path(path)[0].published
            except IngestError:
                ours = None
            t1 = time.perf_counter()
            ours_htmldate = html_date(html)
            t1b = time.perf_counter()
            plain = quietly(find_date, data)
            t2 = time.perf_counter()
            meta = quietly(trafilatura.extract_metadata, data)
            t3 = time.perf_counter()
            gd = g.get("date")
            ok["ours"] += ours == gd
            ok["ours_htmldate"] += ours_htmldate == gd
            ok["htmldate"] += plain == gd
            ok["traf"] += getattr(meta, "date", None) == gd
            t["ours"] += t1 - t0
            t["ours_htmldate"] += t1b - t1
            t["htmldate"] += t2 - t1b
            t["traf"] += t3 - t2
    print(f"\nDates — htmldate-eval eval_default.json, {n} pages (exact YYYY-MM-DD)")
    print(row("", "accuracy", "pages/s"))
    print(row("ours (read_path, whole ingest)", f"{ok['ours'] / n:.3f}", f"{n / t['ours']:.1f}"))
    print(row("htmldate with our settings", f"{ok['ours_htmldate'] / n:.3f}", f"{n / t['ours_htmldate']:.1f}"))
    print(row("htmldate.find_date (defaults)", f"{ok['htmldate'] / n:.3f}", f"{n / t['htmldate']:.1f}"))
    print(row("trafilatura.extract_metadata", f"{ok['traf'] / n:.3f}", f"{n / t['traf']:.1f}"))
    bad = [g.get("date") for _, g in items if not valid_date(g.get("date"))]
    if bad:
        print(f"  gold audit: {len(bad)} gold date(s) are not a valid YYYY-MM-DD")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=["body", "meta", "dates", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N pages of each set")
    args = ap.parse_args(argv)
    if not eval_dir().exists():
        print(f"skipped: evaluation data not found at {eval_dir()} (set STORYLINE_EVAL)")
        return 0
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura/htmldate warn on malformed pages
    if args.part in ("body", "all"):
        bench_body(args.limit)
    if args.part in ("meta", "all"):
        bench_meta(args.limit)
    if args.part in ("dates", "all"):
        bench_dates(args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
