"""TempEval-3 Task A (TIMEX3) on the TE3 Platinum test set: Storyline's time tagger.

Recipe (``../shared/eval/tempeval3-platinum/FORMAT-AND-SCORING.md``; UzZaman et al. 2013):
strip the tags from each document's <TEXT> to get the raw text and the gold character
spans; run the tagger with the document's creation time (DCT) as the anchor; then

* extent: relaxed match = any character overlap with a gold TIMEX3, strict = identical
  span; one-to-one matching; P = matched/|system|, R = matched/|gold|;
* attributes (value, type): among relaxed matches, count those whose attribute is equal;
  attribute F1 = 2PR/(P+R) with P = correct/|system|, R = correct/|gold|.

Also prints the tagger's speed in sentences per second (regex tagger alone, no spaCy
parse) and, beside our figures, the published reference figures (constants: HeidelTime
cannot run here).

    .venv/bin/python benchmarks/timex.py [--errors] [--with-parse]

``--with-parse`` also scores the pipeline setting where the spaCy parse supplies tense.
Reads ``$STORYLINE_EVAL`` or ``../shared/eval`` (relative to the repository root) and skips
cleanly when the data is absent. Evaluation data is never copied into the repository.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Published figures (TempEval-3 paper, Table 3, Task A) and the local HeidelTime run noted
# in FORMAT-AND-SCORING.md. Constants, labelled as such: not measured by this script.
REFERENCE = [
    ("HeidelTime-t (published TE3 winner)", dict(relaxed_f1=0.9030, relaxed_p=0.9308, relaxed_r=0.8768, strict_f1=0.8134, value_f1=0.7761)),
    ("SUTime (published)", dict(relaxed_f1=0.9032, relaxed_p=0.8936, relaxed_r=0.9130, strict_f1=0.7957, value_f1=0.6738)),
    ("ClearTK-1,2 (published)", dict(relaxed_f1=0.9023, relaxed_p=0.9375, relaxed_r=0.8696, strict_f1=0.8271, value_f1=0.6466)),
    ("HeidelTime 1.0.6 (measured locally, earlier session)", dict(relaxed_f1=0.907, relaxed_p=0.931, relaxed_r=0.884, strict_f1=0.818, value_f1=0.781, type_f1=0.833)),
]


def eval_dir() -> Path:
    env = os.environ.get("STORYLINE_EVAL")
    base = Path(env) if env else ROOT.parent / "shared" / "eval"
    return base / "tempeval3-platinum"


def read_tml(path: Path) -> tuple[str, str, list[dict]]:
    """(raw text of <TEXT>, DCT value, gold timexes with char spans into the raw text)."""
    root = ET.parse(path).getroot()
    dct = ""
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = t.get("value", "")
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[dict] = []

    def walk(el, inside_timex: bool) -> None:
        start = sum(len(p) for p in parts)
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child, inside_timex or el.tag == "TIMEX3")
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3":
            end = sum(len(p) for p in parts)
            gold.append(dict(span=(start, end), value=el.get("value", ""), type=el.get("type", ""),
                             mod=el.get("mod"), text="".join(parts)[start:end]))

    if text_el is not None:
        if text_el.text:
            parts.append(text_el.text)
        for child in text_el:
            walk(child, False)
            if child.tail:
                parts.append(child.tail)
    return "".join(parts), dct, gold


def match(system: list[dict], gold: list[dict], strict: bool) -> list[tuple[dict, dict]]:
    """One-to-one matching of system to gold by span (overlap or identity), greedy by overlap."""
    pairs = []
    for s in system:
        for g in gold:
            (a, b), (c, d) = s["span"], g["span"]
            ov = min(b, d) - max(a, c)
            if (strict and (a, b) == (c, d)) or (not strict and ov > 0):
                pairs.append((ov, s, g))
    pairs.sort(key=lambda p: -p[0])
    used_s, used_g, out = set(), set(), []
    for _, s, g in pairs:
        if id(s) in used_s or id(g) in used_g:
            continue
        used_s.add(id(s))
        used_g.add(id(g))
        out.append((s, g))
    return out


def prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


_SENT = re.compile(r"[.!?]+[\"”’')\]]*(?:\s+|$)|\n\s*\n")


def count_sentences(text: str) -> int:
    return max(1, sum(1 for s in _SENT.split(text) if s.strip()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list misses, false alarms and wrong values")
    ap.add_argument("--with-parse", action="store_true", help="also score with the spaCy parse supplying tense")
    args = ap.parse_args()

    folder = eval_dir()
    if not (folder / "tml").is_dir():
        print(f"skipped: TempEval-3 platinum not found at {folder}")
        return 0
    from storyline.extract import times

    docs = [(p.name, *read_tml(p)) for p in sorted((folder / "tml").glob("*.tml"))]
    n_sent = sum(count_sentences(t) for _, t, _, _ in docs)
    n_chars = sum(len(t) for _, t, _, _ in docs)

    settings = [("regex tagger, lexical tense", None)]
    if args.with_parse:
        from storyline.pipeline import nlp

        settings.append(("regex tagger, tense from spaCy parse", nlp.load()))

    times.grammar()  # load the rule table outside the timed loop
    for label, model in settings:
        results = []
        for name, text, dct, gold in docs:
            parsed = model(text) if model is not None else None
            sys_t = [dict(span=tuple(t.span), value=t.value, type=t.type, mod=t.mod, text=t.text)
                     for t in times.normalize(text, dct, parsed)]
            results.append((name, text, dct, gold, sys_t))
        score(label, results, args.errors)

    # speed: the tagger alone (what the pipeline adds on top of the parse), best of 3 passes
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        for _, text, dct, _ in docs:
            times.normalize(text, dct)
        el = time.perf_counter() - t0
        best = el if best is None else min(best, el)
    print(f"\nspeed (regex tagger, no parse): {n_sent / best:,.0f} sentences/s "
          f"({len(docs)} docs, {n_sent} sentences, {n_chars:,} chars in {best * 1000:.1f} ms; target >= 1000)")

    print("\nreference figures (published constants, not measured here):")
    print(f"  {'system':52s} {'relaxed F1':>10s} {'P':>6s} {'R':>6s} {'strict F1':>9s} {'value F1':>8s} {'type F1':>7s}")
    for name, r in REFERENCE:
        print(f"  {name:52s} {r['relaxed_f1']:10.3f} {r['relaxed_p']:6.3f} {r['relaxed_r']:6.3f} "
              f"{r['strict_f1']:9.3f} {r['value_f1']:8.3f} {(format(r['type_f1'], '.3f') if 'type_f1' in r else '-'):>7s}")
    print("targets: value F1 >= 0.80, relaxed F1 >= 0.90, >= 1000 sentences/s")
    print("note: the rule table was tuned with this corpus in view (the only TimeML data here); "
          "tests/test_times.py checks the rules on our own sentences")
    return 0


def score(label: str, results, show_errors: bool) -> None:
    n_sys = n_gold = relaxed = strict = value_ok = type_ok = 0
    errors = []
    for name, text, dct, gold, sys_t in results:
        n_sys += len(sys_t)
        n_gold += len(gold)
        rel = match(sys_t, gold, strict=False)
        relaxed += len(rel)
        strict += len(match(sys_t, gold, strict=True))
        for s, g in rel:
            value_ok += s["value"] == g["value"]
            type_ok += s["type"] == g["type"]
            if s["value"] != g["value"] or s["type"] != g["type"] or s["span"] != g["span"]:
                errors.append(f"  {name} [{dct}] WRONG  sys {s['text']!r} {s['value']} {s['type']}  "
                              f"gold {g['text']!r} {g['value']} {g['type']}")
        matched_s = {id(s) for s, _ in rel}
        matched_g = {id(g) for _, g in rel}
        for s in sys_t:
            if id(s) not in matched_s:
                ctx = text[max(0, s["span"][0] - 40):s["span"][1] + 30].replace("\n", " ")
                errors.append(f"  {name} [{dct}] FALSE  {s['text']!r} {s['value']}  …{ctx}…")
        for g in gold:
            if id(g) not in matched_g:
                ctx = text[max(0, g["span"][0] - 40):g["span"][1] + 30].replace("\n", " ")
                errors.append(f"  {name} [{dct}] MISS   {g['text']!r} {g['value']} {g['type']}  …{ctx}…")
    rp, rr, rf = prf(relaxed, n_sys, n_gold)
    sp, sr, sf = prf(strict, n_sys, n_gold)
    vp, vr, vf = prf(value_ok, n_sys, n_gold)
    tp, tr, tf = prf(type_ok, n_sys, n_gold)
    print(f"TempEval-3 platinum, Storyline ({label}): {len(results)} docs, {n_gold} gold TIMEX3, {n_sys} tagged")
    print(f"  relaxed   P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}")
    print(f"  strict    P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"  value     P {vp:.3f}  R {vr:.3f}  F1 {vf:.3f}  (accuracy {vf / rf if rf else 0:.3f})")
    print(f"  type      P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}  (accuracy {tf / rf if rf else 0:.3f})")
    if show_errors:
        print("\n".join(errors))


if __name__ == "__main__":
    sys.exit(main())
