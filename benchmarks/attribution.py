"""Score Storyline's quotes stage on PolNeAR (CofeNet's BIO re-packaging).

    .venv/bin/python benchmarks/attribution.py [--split valid|test] [--limit N] [--all-annotators]

Reads ``../shared/eval/polnear-cofenet/{split}.jsonl`` (override the eval root with
``STORYLINE_EVAL``); exits 0 with "skipped: …" when it is absent. Each paragraph is
detokenized (keeping a character -> token map), run through the ``sections`` and ``quotes``
stages, and the speaker/cue/content character spans of every quote are projected back onto
tokens. Scores are micro-averaged over all paragraphs, per role:

* **exact**: a predicted span counts when a gold span of the same role has the same first
  and last token (CofeNet's "Exact").
* **jaccard** (soft span match): each predicted span scores the best token Jaccard
  |pred ∩ gold| / |pred ∪ gold| against the gold spans of its role, P = mean over predicted
  spans; R likewise over gold spans; F1 their harmonic mean.
* **token** (Citron's token overlap): P = tokens in both predicted and gold spans of a role /
  predicted tokens of that role; R = the same overlap / gold tokens.

Annotation-style conventions of PolNeAR that are applied *here*, in the projection, and not in
the extractor (they are matters of annotation style, not of what a user should see):

* cues include the auxiliaries, negation and adverbs right before the verb ("has often
  cited", "also said"), a multi-word time phrase right after it ("said last month") and a
  colon ("said :");
* a source ending in an apposition takes its closing comma ("Flynn , a top Trump
  surrogate ,"); a possessive source keeps its "'s";
* tags are univocal: an attribution nested inside another one's content ("X said she
  thinks Y") is not tagged on its own (the outer content covers it), and a content that
  surrounds its own parenthetical source and cue
  ("Lenox was a juggernaut, Mr. Clarke said, until …") is split into the parts around them;
* the detokenizer restores the direction of a `''` the source used to open a quotation
  (when a later `''` closes it with no `` in between).

The extractor itself already keeps quotation marks and the punctuation inside them in the
content, drops a sentence-final period outside them, keeps "that" in the content, puts an
adjacent preposition in the cue ("called for"), and gives a relative-pronoun source as
written ("who").

Twice-annotated articles: by default only the first annotator's copy of an article is
scored (``--all-annotators`` scores every copy).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Published exact-match F1 on the PolNeAR test split (CofeNet, COLING 2022, Table 6), and
# Citron on PARC 3.0 (Newell et al.): content exact 59.3, token overlap 83.3.
REFERENCE = {
    "Rule baseline": {"source": 10.7, "cue": 22.8, "content": 5.6},
    "CoreNLP": {"source": 13.9, "cue": None, "content": 17.5},
    "BERT-CRF": {"source": 82.2, "cue": 74.9, "content": 71.0},
    "CofeNet (BERT+Cofe)": {"source": 83.2, "cue": 75.3, "content": 72.9},
}
CITRON_PARC = {"content exact": 59.3, "content token-overlap": 83.3}
ROLES = ("source", "cue", "content")

_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "''", "'", "n't", "'s", "'re", "'ve",
                    "'ll", "'d", "'m", "'S", "-RRB-", "-RSB-", "-RCB-", "...", "…"}
_NO_SPACE_AFTER = {"``", "`", "(", "[", "{", "$", "-LRB-", "-LSB-", "-LCB-", "#"}
_MAP = {"``": "“", "''": "”", "`": "‘", "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]",
        "-LCB-": "{", "-RCB-": "}"}


def eval_root() -> Path:
    env = os.environ.get("STORYLINE_EVAL")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text and each token's character range in it."""
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    no_space_next = True
    open_double = False
    for k, tok in enumerate(tokens):
        surface = _MAP.get(tok, tok)
        if tok == "'":
            surface = "’"
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        later = tokens[k + 1:]
        closes_later = "''" in later and ("``" not in later or later.index("''") < later.index("``"))
        if tok == "''" and not open_double and nxt[:1].isalnum() and closes_later:
            tok = "``"  # the source used a closing mark to open a quotation: restore the direction
            surface = "“"
        if tok == "``":
            open_double = True
        elif tok == "''":
            open_double = False
        space = not (no_space_next or tok in _NO_SPACE_BEFORE or (tok.startswith("'") and len(tok) <= 3 and tok[1:].isalpha()))
        if space:
            out.append(" ")
            pos += 1
        offsets.append((pos, pos + len(surface)))
        out.append(surface)
        pos += len(surface)
        no_space_next = tok in _NO_SPACE_AFTER
    return "".join(out), offsets


def gold_spans(labels: list[str]) -> dict[str, set[tuple[int, int]]]:
    spans: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
    start, role = None, None
    for i, lab in enumerate(labels + ["O"]):
        if start is not None and lab != f"I-{role}":
            spans[role].add((start, i - 1))
            start = role = None
        if lab.startswith("B-"):
            start, role = i, lab[2:]
    return spans


def to_tokens(span, offsets) -> tuple[int, int] | None:
    """First and last token overlapping the character span [s, e)."""
    if span is None:
        return None
    s, e = span
    idx = [i for i, (a, b) in enumerate(offsets) if a < e and s < b]
    return (idx[0], idx[-1]) if idx else None


def extend_cue(span, parsed) -> tuple[int, int]:
    """PolNeAR style: auxiliaries/negation/adverbs before the cue verb, a colon after it."""
    s, e = span
    sp = parsed.char_span(s, e, alignment_mode="expand")
    if sp is None or not len(sp):
        return span
    verb = sp[0]
    left = verb.i
    while left - 1 >= 0:
        t = parsed[left - 1]
        if t.head.i == verb.i and t.dep_ in ("aux", "auxpass", "neg", "advmod") and t.pos_ != "PUNCT":
            left -= 1
        else:
            break
    right = sp.end - 1
    # a time phrase right after the verb ("said last month"; a bare "said Friday" stays out)
    while right + 1 < len(parsed) and parsed[right + 1].head.i == verb.i and parsed[right + 1].dep_ == "npadvmod" \
            and parsed[right + 1].ent_type_ in ("DATE", "TIME") and parsed[right + 1].left_edge.i < parsed[right + 1].i:
        right = parsed[right + 1].right_edge.i
    if right + 1 < len(parsed) and parsed[right + 1].text == ":":
        right += 1
    return parsed[left].idx, parsed[right].idx + len(parsed[right].text)


def _runs(idx: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in sorted(idx):
        if out and i == out[-1][1] + 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def predict(text: str, parsed, offsets) -> dict[str, set[tuple[int, int]]]:
    """Token spans per role for one paragraph, in PolNeAR's annotation style."""
    from storyline.extract import quotes
    from storyline.extract import sections
    from storyline.model import Document
    from storyline.pipeline import Parse

    # the attribution task alone (no entity linking), as PolNeAR scores it: the two stage
    # functions are called directly, past the pipeline's check that quotes follow entities
    document = Document(source="polnear", text=text)
    sections.run(document, Parse(parsed))
    quotes.run(document, Parse(parsed))
    out: dict[str, set] = {r: set() for r in ROLES}
    tokens = [text[a:b] for a, b in offsets]
    body = [q for q in document.quotes if q.field == "text"]
    for q in body:
        # tags are univocal: an attribution nested inside another's content ("X said she thinks
        # Y") is not tagged separately; the outer content covers it
        if q.cue_span and any(o is not q and o.span[0] <= q.cue_span[0] and q.span[1] <= o.span[1]
                              and not (o.span[0] <= (o.cue_span or (-1, -1))[0] < o.span[1]) for o in body):
            continue
        src = to_tokens(q.speaker_span, offsets)
        if src and src[1] + 1 < len(tokens) and tokens[src[1] + 1] == "," and "," in tokens[src[0]:src[1] + 1]:
            src = (src[0], src[1] + 1)  # an apposition's closing comma belongs to the source
        if src and src[1] + 1 < len(tokens) and tokens[src[1] + 1] in ("'s", "’s", "'"):
            src = (src[0], src[1] + 1)  # a possessive source keeps its 's ("Stumpf 's repeated emphasis")
        cue = to_tokens(extend_cue(q.cue_span, parsed), offsets) if q.cue_span else None
        content = to_tokens(q.span, offsets)
        if content:
            # tags are univocal: a parenthetical source and cue split the content around them
            inside = set(range(content[0], content[1] + 1))
            for sp in (src, cue):
                if sp and content[0] <= sp[0] <= content[1]:
                    inside -= set(range(sp[0], sp[1] + 1))
            for a, b in _runs(list(inside)):
                while a <= b and tokens[a] in (",", "—", "--", "–"):
                    a += 1
                while b >= a and tokens[b] in (",", "—", "--", "–"):
                    b -= 1
                if a <= b:
                    out["content"].add((a, b))
        if cue:
            out["cue"].add(cue)
        if src:
            out["source"].add(src)
    return out


def _jac(a, b) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)
    union = (a[1] - a[0] + 1) + (b[1] - b[0] + 1) - inter
    return inter / union if union else 0.0


class Score:
    def __init__(self):
        self.c = {r: {"tp": 0, "pred": 0, "gold": 0, "jp": 0.0, "jr": 0.0, "tok_both": 0, "tok_pred": 0, "tok_gold": 0}
                  for r in ROLES}

    def add(self, pred: dict, gold: dict) -> None:
        for r in ROLES:
            c = self.c[r]
            p, g = pred[r], gold[r]
            c["tp"] += len(p & g)
            c["pred"] += len(p)
            c["gold"] += len(g)
            c["jp"] += sum(max((_jac(x, y) for y in g), default=0.0) for x in p)
            c["jr"] += sum(max((_jac(y, x) for x in p), default=0.0) for y in g)
            pt = {i for a, b in p for i in range(a, b + 1)}
            gt = {i for a, b in g for i in range(a, b + 1)}
            c["tok_both"] += len(pt & gt)
            c["tok_pred"] += len(pt)
            c["tok_gold"] += len(gt)

    @staticmethod
    def _prf(tp, npred, ngold):
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def table(self) -> dict:
        out = {}
        for r in ROLES:
            c = self.c[r]
            out[r] = {
                "exact": self._prf(c["tp"], c["pred"], c["gold"]),
                "jaccard": self._prf(0, 0, 0) if not c["pred"] else (
                    c["jp"] / c["pred"], c["jr"] / c["gold"] if c["gold"] else 0.0,
                    (lambda p, rr: 2 * p * rr / (p + rr) if p + rr else 0.0)(c["jp"] / c["pred"], c["jr"] / c["gold"] if c["gold"] else 0.0)),
                "token": (lambda p, rr: (p, rr, 2 * p * rr / (p + rr) if p + rr else 0.0))(
                    c["tok_both"] / c["tok_pred"] if c["tok_pred"] else 0.0, c["tok_both"] / c["tok_gold"] if c["tok_gold"] else 0.0),
                "n_pred": c["pred"], "n_gold": c["gold"],
            }
        return out


def load_rows(path: Path, all_annotators: bool, limit: int | None) -> list[dict]:
    rows, first_id = [], {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            article = row["id"].rsplit("_", 1)[0]
            first_id.setdefault(article, row["id"])
            if not all_annotators and first_id[article] != row["id"]:
                continue
            rows.append(row)
            if limit and len(rows) >= limit:
                break
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("valid", "test"), default="test")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N paragraphs")
    ap.add_argument("--all-annotators", action="store_true", help="score every annotator's copy of twice-annotated articles")
    ap.add_argument("--show-errors", type=int, default=0, help="print N paragraphs with content errors")
    args = ap.parse_args(argv)

    path = eval_root() / "polnear-cofenet" / f"{args.split}.jsonl"
    if not path.exists():
        print(f"skipped: PolNeAR data not found at {path}")
        return 0
    from storyline.pipeline import nlp

    rows = load_rows(path, args.all_annotators, args.limit)
    texts = [detokenize(r["tokens"]) for r in rows]
    nlp.load()  # model load is not part of the timed run
    score = Score()
    shown = 0
    t0 = time.perf_counter()
    parsed_all = nlp.parse_many((t for t, _ in texts), batch_size=64, n_process=1)
    for row, (text, offsets), parsed in zip(rows, texts, parsed_all):
        pred = predict(text, parsed, offsets)
        gold = gold_spans(row["labels"])
        score.add(pred, gold)
        if args.show_errors and shown < args.show_errors and (pred["content"] != gold["content"] or pred["source"] != gold["source"]):
            shown += 1
            toks = row["tokens"]
            fmt = lambda ss: [" ".join(toks[a:b + 1])[:100] for a, b in sorted(ss)]
            print("—", text[:300])
            for r in ROLES:
                print(f"   {r:8s} gold {fmt(gold[r])}\n   {'':8s} pred {fmt(pred[r])}")
    elapsed = time.perf_counter() - t0
    table = score.table()

    print(f"PolNeAR {args.split}: {len(rows)} paragraphs ({'all annotators' if args.all_annotators else 'first annotator per article'}), "
          f"{len(rows) / elapsed:.1f} paragraphs/s (spaCy parse + sections + quotes, 1 process)")
    print()
    print(f"{'role':8s} {'n_gold':>6s} {'n_pred':>6s} | {'exact P':>7s} {'R':>5s} {'F1':>5s} | {'jacc P':>6s} {'R':>5s} {'F1':>5s} | {'token P':>7s} {'R':>5s} {'F1':>5s}")
    for r in ROLES:
        t = table[r]
        e, j, k = t["exact"], t["jaccard"], t["token"]
        print(f"{r:8s} {t['n_gold']:6d} {t['n_pred']:6d} | {e[0]*100:7.1f} {e[1]*100:5.1f} {e[2]*100:5.1f} | "
              f"{j[0]*100:6.1f} {j[1]*100:5.1f} {j[2]*100:5.1f} | {k[0]*100:7.1f} {k[1]*100:5.1f} {k[2]*100:5.1f}")
    print()
    print("Exact-match F1, source / cue / content (published figures are on the test split):")
    ours = " / ".join(f"{table[r]['exact'][2]*100:.1f}" for r in ROLES)
    print(f"  {'Storyline (this run, ' + args.split + ')':34s} {ours}")
    for name, ref in REFERENCE.items():
        vals = " / ".join("–" if ref[r] is None else f"{ref[r]:.1f}" for r in ROLES)
        print(f"  {name:34s} {vals}")
    print(f"  Citron on PARC 3.0 (other corpus):  content exact {CITRON_PARC['content exact']}, "
          f"token-overlap {CITRON_PARC['content token-overlap']}; "
          f"ours content exact {table['content']['exact'][2]*100:.1f}, token-overlap {table['content']['token'][2]*100:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
