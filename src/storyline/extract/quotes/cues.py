"""Verb cues: every verb of saying in the lexicon with a source and a content.

The source is the verb's subject, the subject it inherits as a participle or conjunct
("…, accusing them of", "insisting that"), a passive agent, or a name between a quotation
and its cue ("“…,” Flynn, a top surrogate, said"). The content is what
:func:`~storyline.extract.quotes.complements.content_children` finds, the clause around a
parenthetical cue ("X was true, she said, until …"), or a quotation right next to the cue
clause ("“…,” she said", "She said: “…”"). Intentions ("wants to prove"), negated reports
("did not say"), headline passives ("Death Toll Disputed") and inanimate subjects of
evidential verbs ("The situation highlights how …") are not claims.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.attrs import LEMMA
from spacy.tokens import Token

from storyline.extract.docindex import tokens_where
from storyline.extract.quotes.candidate import Candidate, Scan
from storyline.extract.quotes.complements import content_children
from storyline.extract.quotes.content import LETTER, sandwich, snap, trim
from storyline.extract.quotes.lexicon import Lexicon, plain, typography
from storyline.extract.quotes.marks import Quotation, in_quote
from storyline.extract.quotes.media import medium
from storyline.extract.quotes.phrases import (np_span, past_dateline, quoting_outlet, source_like, span_of, subject,
                                              subtree_span)

_CLAUSE_BREAKS = (",", "—", "–", "--")
_DASHES = ("-", "—", "–", "--")  # what sets a parenthetical cue clause off on its left
_CLAUSE_ENDS = (",", ".", "—", "–", "--", "!", "?", ";")  # … and on its right


def verb_cues(scan: Scan) -> list[Candidate]:
    """The claims cued by verbs of saying, in text order."""
    out: list[Candidate] = []
    cues = scan.lex.cues
    for tok in tokens_where(scan.doc, LEMMA, lambda s: s.lower() in cues):  # _may_cue's first test
        lemma = tok.lemma_.lower()
        if not _may_cue(tok, lemma, scan) or not scan.readable(tok):
            continue
        cand = _verb_claim(tok, lemma, scan)
        if cand is not None:
            out.append(cand)
    return out


def _may_cue(tok: Token, lemma: str, scan: Scan) -> bool:
    """A cue verb of the lexicon, outside quotations, not used as an adjective."""
    if tok.pos_ != "VERB" or lemma not in scan.lex.cues or tok.dep_ in ("amod", "compound", "nmod"):
        return False
    if in_quote(tok.idx, scan.quotations):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i == tok.i and not any(
            c.dep_ in ("aux", "auxpass") for c in tok.children) and (
            tok.tag_ == "VBN" or tok.lower_ in scan.lex.adjectival):
        return False  # "names alleged traitors": a participle used as an adjective
    return True


def _verb_claim(tok: Token, lemma: str, scan: Scan) -> Optional[Candidate]:
    """The claim the cue verb ``tok`` reports, if it has a source and a content."""
    lex, text = scan.lex, scan.text
    kids, extra = content_children(tok, lemma, lex)
    parenthetical = False
    if not kids:
        head = _parenthetical_head(tok, lex)
        if head is not None:
            kids, parenthetical = [head], True
    near_q = None
    if not kids:
        explicit = any(c.dep_ == "nsubj" for c in tok.children)
        near_q = _adjacent_quotation(tok, scan) if (lemma not in lex.weak or explicit) and lemma not in lex.evidential else None
        if near_q is None:
            return None
    subj = _source(tok, scan)
    if subj is None or _not_a_report(tok, subj, lemma, scan):
        return None
    cue_span = span_of([tok] + [c for c in tok.children if c.dep_ == "prt" and c.lower_ in lex.phrasal.get(lemma, ())] + extra)
    if parenthetical:
        head = kids[0]
        content = (head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text))
        if tok.dep_ == "conj":  # the clause before the cue clause's comma
            content = (content[0], tok.doc[subj.left_edge.i - 1].idx)
    elif kids:
        content = _complement_span(tok, kids, [subj], cue_span, scan)
    else:
        content = (near_q.start, near_q.end)
    content = trim(text, _within_paragraph(content, cue_span, scan), scan.quotations)
    if any(a in text[content[0]:content[1]].lower() for a in lex.anonymity_clauses):
        return None  # "who asked not to be identified": a condition of anonymity, not a claim
    if content[1] - content[0] < 2 or not LETTER.search(text[content[0]:content[1]]):
        return None
    content, kind = snap(content, scan.quotations, text)
    src: Optional[tuple[int, int]] = np_span(subj)
    if parenthetical and kind != "indirect":
        if _quoted_around(content, [src, cue_span], scan):
            kind = "direct"  # “That,” she added, “is why …”: quoted on both sides of the cue clause
    elif not parenthetical and content[0] < src[1] and src[0] < content[1]:
        if subj.idx >= content[1]:
            # the parser hung the quotation on a word of the name ("judge Name said"): the name after it
            src = (min(t.idx for t in subj.subtree if t.idx >= content[1]), src[1])
        else:
            # the subject sits inside the quotation (parse error): keep the quotation, drop the source
            src, subj = None, None
    if kind == "direct":
        content = sandwich(scan, content, cue_span)
    cand = Candidate(content=content, kind=kind, source=src, source_head=subj, cue=cue_span,
                     cue_token=tok, cue_text=text[cue_span[0]:cue_span[1]], medium=medium(tok, lex) or _quoting(tok, text))
    cand.status = lex.status.get(lemma, "asserted")
    return cand


def _quoting(tok: Token, text: str) -> Optional[tuple[str, tuple[int, int]]]:
    """The medium of "X quoted him as saying": X."""
    outlet = quoting_outlet(tok)
    if outlet is None:
        return None
    span = np_span(outlet)
    return plain(text[span[0]:span[1]]), span


def _parenthetical_head(tok: Token, lex: Lexicon) -> Optional[Token]:
    """"Lenox was a juggernaut, Mr. Clarke said, until …": the clause a parenthetical cue
    clause is set into (its head), when the cue clause is set off by commas or dashes."""
    if not (tok.dep_ in ("parataxis", "advcl", "conj") and tok.head.i < tok.i and tok.head.pos_ in ("VERB", "AUX")
            and tok.head.lemma_.lower() not in lex.cues):
        return None
    doc = tok.doc
    subj0 = subject(tok)
    if tok.dep_ == "conj":
        # "Washington “stands with …” of China, spokesperson Name said.": a cue clause that
        # closes the sentence after a comma, with a subject of its own, misparsed as a conjunct
        own = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        end = doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(doc) else None
        if not own or own[0].left_edge.i < 2 or doc[own[0].left_edge.i - 1].text != "," \
                or doc[own[0].left_edge.i - 2].dep_ == "cc" or not (end is None or end.text in (".", "!", "?")):
            return None
    left = doc[subj0.left_edge.i - 1] if subj0 is not None and subj0.left_edge.i > 0 else None
    r_edge = tok.right_edge
    right = doc[r_edge.i + 1] if r_edge.i + 1 < len(doc) and not r_edge.is_space else None
    t = typography()
    left_ok = left is not None and (left.text in _CLAUSE_BREAKS or (
        left.text in t.close + t.straight and left.i > 0 and doc[left.i - 1].text in (",", "—", "–")))
    if subj0 is not None and subj0.i < tok.i and left_ok and (right is None or right.text in _CLAUSE_ENDS):
        return tok.head
    return None


def _source(tok: Token, scan: Scan) -> Optional[Token]:
    """The source of the cue: its subject, or a name between a quotation and the cue."""
    subj = subject(tok)
    if subj is None:
        subj = _between_quote_and_cue(tok, scan)
    if subj is None:
        subj = _before_dashes(tok)
    if subj is None:
        return None
    return past_dateline(subj, tok)


def _before_dashes(tok: Token) -> Optional[Token]:
    """"A rescuer – connected to a local group – told AFP that …": a subject set off by a
    parenthetical between dashes, which the parser hung on the parenthetical."""
    if tok.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return None
    sent = tok.sent
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.i >= tok.i:
        return None
    head = first
    while head.i < tok.i and head.pos_ not in ("NOUN", "PROPN"):
        head = tok.doc[head.i + 1]
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("npadvmod", "dep", "nsubj", "appos"):
        return None
    nxt = tok.doc[head.i + 1] if head.i + 1 < tok.i else None
    if nxt is None or nxt.text not in _DASHES:
        return None
    closing = [t for t in tok.doc[nxt.i + 1:tok.i] if t.text in _DASHES]
    return head if closing and closing[-1].i == tok.i - 1 else None  # "– told": the cue right after


def _not_a_report(tok: Token, subj: Token, lemma: str, scan: Scan) -> bool:
    """Cue verbs that report no claim here."""
    lex = scan.lex
    if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl", "acl", "relcl") \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and tok.head.lemma_.lower() not in lex.sustained:
        return True  # "wants to prove", "declined to say": an intention, not a report (but "continued to call for")
    if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) \
            and tok.dep_ in ("ROOT", "conj", "parataxis"):
        return True  # "Death Toll Disputed": a headline passive, no source
    if any(c.dep_ == "neg" and subj.i < c.i < tok.i and not in_quote(c.idx, scan.quotations) for c in tok.children):
        return True  # "has not disclosed any names", "did not say": no claim is reported
    if lemma in lex.evidential and not source_like(subj, lex):
        return True  # "The situation highlights how …": not a source
    return False


def _complement_span(tok: Token, kids: list[Token], exclude: list[Token], cue_span: tuple[int, int],
                     scan: Scan) -> tuple[int, int]:
    """The span of the content children, up to a second claim, never over the cue."""
    spans = [subtree_span(k, exclude) for k in kids]
    content = (min(s for s, _ in spans), max(e for _, e in spans))
    content = _before_second_claim(tok, content, scan)
    # content must not swallow the cue or the source
    if content[0] <= cue_span[0] < content[1]:
        content = (cue_span[1], content[1]) if cue_span[1] < content[1] and kids[0].i > tok.i \
            else (content[0], cue_span[0])
    return content


def _before_second_claim(tok: Token, content: tuple[int, int], scan: Scan) -> tuple[int, int]:
    """"said it would act and said it would …": a coordinated reporting verb with no subject
    of its own is a second claim of the same source, not part of the first."""
    for t in tok.doc[tok.i + 1:]:
        if t.idx >= content[1]:
            break
        if t.idx > content[0] and t.dep_ == "conj" and t.head.i == tok.i and t.pos_ == "VERB" \
                and t.lemma_.lower() in scan.lex.cues \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
                and not in_quote(t.idx, scan.quotations):
            cc = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
            cut = cc[-1].idx if cc else t.idx
            if cut > content[0]:
                content = (content[0], cut)
            break
    return content


def _within_paragraph(content: tuple[int, int], cue_span: tuple[int, int], scan: Scan) -> tuple[int, int]:
    """Indirect content stays in the paragraph of its cue."""
    text = scan.text
    if "\n" in text[content[0]:content[1]] and not any(q.start <= content[0] and content[1] <= q.end
                                                       for q in scan.quotations.overlapping(*content)):
        nl_before = text.rfind("\n", content[0], cue_span[0])
        nl_after = text.find("\n", max(content[0], cue_span[1]), content[1])
        content = (nl_before + 1 if nl_before >= 0 else content[0], nl_after if nl_after >= 0 else content[1])
    return content


def _quoted_around(content: tuple[int, int], spans: list[tuple[int, int]], scan: Scan) -> bool:
    """Is everything in ``content`` but ``spans`` (the source and the cue) quoted?"""
    covered = spans + [(q.start, q.end) for q in scan.quotations.overlapping(*content)]
    rest = "".join(ch for i, ch in enumerate(scan.text[content[0]:content[1]], content[0])
                   if not any(a <= i < b for a, b in covered))
    return not LETTER.search(rest)


def _between_quote_and_cue(tok: Token, scan: Scan) -> Optional[Token]:
    """“…,” Flynn, a top surrogate, said: the parser hung the name on the quotation."""
    text = scan.text
    q = next((q for q in scan.quotations.overlapping(tok.idx - 131, tok.idx + 1) if q.closed and 0 <= tok.idx - q.end <= 130 and
              re.fullmatch(r"[\s,]*[^.!?“”\"\n]{1,120}?[\s,]*", text[q.end:tok.idx])), None)
    if q is None or text[q.inner[1] - 1:q.inner[1]] not in (",", "—", "–", "?", "!"):
        return None  # “…,” X said — a quotation that ends a sentence does not run on to a cue
    gap = tok.doc.char_span(q.end, tok.idx, alignment_mode="expand")
    chunk = [t for t in (gap if gap is not None else []) if t.i < tok.i and not t.is_punct]
    if not chunk:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in chunk):
        return None
    heads = [t for t in chunk if t.pos_ in ("PROPN", "NOUN", "PRON") and not (chunk[0].i <= t.head.i < tok.i)]
    return heads[0] if heads else None


def _carries(verb: Token, cue: Token) -> bool:
    """Is ``verb`` the verb a cue hangs on as "X was heard saying", "Y quoted him as saying"?"""
    return (cue.dep_ == "xcomp" and cue.head.i == verb.i) or (
        cue.dep_ == "pcomp" and cue.head.head.i == verb.i and cue.head.lower_ == "as")


def _adjacent_quotation(tok: Token, scan: Scan) -> Optional[Quotation]:
    """A quotation right before ("“…,” she said") or after ("She said: “…”") the cue clause."""
    text = scan.text
    end = tok.idx + len(tok.text)
    for q in scan.quotations.overlapping(tok.idx - 61, end + 41):
        if not (0 <= tok.idx - q.end <= 60 or 0 <= q.start - end <= 40):
            continue  # only a quotation right next to the cue
        if len(re.findall(r"[^\W\d_]+", text[q.inner[0]:q.inner[1]])) < 2:
            continue  # a one-word scare quote is not what the cue reports
        if q.end <= tok.idx:
            gap = text[q.end:tok.idx]
            gap_span = tok.doc.char_span(q.end, tok.idx, alignment_mode="expand")
            if gap_span is not None and any(t.pos_ == "VERB" and t.i != tok.i and t.dep_ not in ("compound", "amod")
                                            and not _carries(t, tok) for t in gap_span):
                continue  # another clause between (but a title tagged as a verb: "judge Name said")
            if len(gap) <= 60 and "\n" not in gap and not re.search(r"[!?]|[a-z]{3,}\.\s", gap):
                if re.fullmatch(r"[\s,—–-]*(?:[\w.’'‑-]+\s+){0,6}", gap):
                    return q
        elif q.start >= tok.idx + len(tok.text):
            gap = text[tok.idx + len(tok.text):q.start]
            if len(gap) <= 40 and "\n" not in gap.strip("\n") and re.fullmatch(r"(?:\s+[\w.’'‑-]+){0,4}\s*[:,]?\s*", gap):
                return q
    return None
