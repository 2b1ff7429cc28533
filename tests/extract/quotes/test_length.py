"""Long and pathological texts: the claims found do not multiply with nesting, and the usual
nesting of reports ("X said Y said Z denied …") is kept whole."""

from __future__ import annotations

from storyline.extract.quotes.candidate import Candidate
from storyline.extract.quotes.claims import MAX_NESTING, cap_nesting
from storyline.pipeline import analyze_text


def _c(s: int, e: int) -> Candidate:
    return Candidate(content=(s, e), kind="indirect")


def test_cap_nesting_keeps_outer_claims_and_bounds_every_character():
    nested = [_c(i, 100 - i) for i in range(10)]  # ten claims, each inside the one before
    kept = cap_nesting(nested)
    assert [c.content for c in kept] == [(i, 100 - i) for i in range(MAX_NESTING)]
    side = [_c(0, 10), _c(10, 20), _c(5, 15), _c(0, 20)]  # never more than 3 on one character
    assert cap_nesting(side) == side


def test_reports_of_reports_are_all_kept():
    text = ("The minister said the opposition claimed that the army had shelled the town. "
            "Officials said the vote would go ahead.")
    doc = analyze_text(text, published="2026-01-05")
    spans = [q.span for q in doc.quotes]
    assert any(text[s:e].startswith("the opposition claimed") for s, e in spans)
    assert any(text[s:e] == "that the army had shelled the town" for s, e in spans)
    assert any(text[s:e].startswith("the vote would go ahead") for s, e in spans)


def _bounded(text: str, factor: int) -> None:
    doc = analyze_text(text, published="2026-01-05")
    size = len(doc.model_dump_json())
    assert size <= factor * len(text), (size, len(text))
    covered = [0] * (len(text) + 1)
    for q in doc.quotes:
        for i in range(q.span[0], q.span[1]):
            covered[i] += 1
    assert max(covered) <= MAX_NESTING


def test_nested_unbalanced_quotation_marks_give_bounded_output():
    # 2,000 opening marks, none closed, each after a cue: one run-on "sentence"
    _bounded("He said " + "\u201cand she said " * 2_000, 12)


def test_nested_reports_in_short_sentences_give_bounded_output():
    # sentences the parser can read, each a chain of reports of reports: a deeper chain
    # gives no more output per character (at most MAX_NESTING claims cover a character)
    for names in (["Ali", "Bea", "Cem", "Dan"], ["Ali", "Bea", "Cem", "Dan", "Eve", "Fay", "Gus", "Hal", "Ida", "Jon"]):
        sentence = " said ".join(names) + " said the bridge fell. "
        _bounded(sentence * 60, 25)


def test_a_chain_deeper_than_the_cap_keeps_its_outer_reports():
    doc = analyze_text("Ali said Bea said Cem said Dan said Eve said the bridge fell.", published="2026-01-05")
    assert [q.speaker_name for q in doc.quotes] == ["Ali", "Bea", "Cem", "Dan"][:MAX_NESTING]
    assert doc.quotes[0].text == "Bea said Cem said Dan said Eve said the bridge fell"


def test_the_claim_holding_a_span_is_found_by_offset_as_a_scan_would():
    import random

    from storyline.extract.quotes.evidence import Claims

    rng = random.Random(7)
    cands = []
    for _ in range(300):
        s = rng.randrange(0, 5000)
        cands.append(_c(s, s + rng.randrange(1, 400)))
    claims = Claims(None, cands)
    for _ in range(2000):
        lo = rng.randrange(0, 5400)
        hi = lo + rng.randrange(0, 60)
        first = next((c for c in cands if c.content[0] <= lo and hi <= c.content[1]), None)
        assert claims.containing(lo, hi) is first  # the first in the document's list, as before
