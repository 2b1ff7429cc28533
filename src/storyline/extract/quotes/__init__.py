"""The ``quotes`` stage: who said what, how, through which medium, and on what evidence.

Passes over the parsed body (and the headline, when there is one); every word list lives in
``data/attribution.toml`` and the quotation marks in ``data/quotation_marks.toml``. The
design and its limits are described in ``docs/attribution.md``. One module per step:

- :mod:`.marks` — pairing quotation marks (:func:`find_quotations`);
- :mod:`.cues` (with :mod:`.complements`), :mod:`.nouns`, :mod:`.according`,
  :mod:`.colon`, :mod:`.leftovers` — the passes that find claims, run in order by
  :mod:`.claims`: verbs of saying with a source and a content, nouns of saying with a
  that-clause, "according to X", "Name: clause" lines, and quotations no cue claimed;
- :mod:`.content` — content spans (trimming, snapping to quotations: ``direct`` /
  ``partial`` / ``indirect``); :mod:`.phrases` — subjects and source noun phrases;
  :mod:`.media` — "told Reuters", "said on X";
- :mod:`.speakers` — who each source is (:class:`~.speakers.Resolver`: names, pronouns,
  nominals, unnamed typed sources);
- :mod:`.status` and :mod:`.evidence` — hedges, statuses and the evidence sentences that
  qualify a claim ("could not be independently verified", "a claim the police denied");
- :mod:`.flags` — strong claims the article makes without a source (``unattributed``);
- :mod:`.headline` — quotes in the headline;
- :mod:`.lexicon` — the data files, read once; :mod:`.candidate` — what the passes share.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from storyline.extract.quotes.candidate import Candidate, to_quote
from storyline.extract.quotes.claims import claims_of
from storyline.extract.quotes.content import trim
from storyline.extract.quotes.flags import unattributed
from storyline.extract.quotes.headline import headline_quotes
from storyline.extract.quotes.lexicon import lex, lexicon
from storyline.extract.quotes.marks import Quotation, find_quotations
from storyline.extract.quotes.speakers import Resolver
from storyline.extract.quotes.status import statuses
from storyline.lexicon import figures
from storyline.model import Document, Quote
from storyline.pipeline.stage import Parse, stage

__all__ = ["Candidate", "Quotation", "Resolver", "extract", "find_quotations", "lexicon", "run"]


def extract(document: Document, parsed: Doc) -> list[Candidate]:
    """The attribution candidates of the body (resolved, with statuses)."""
    text = document.text
    cands, scan = claims_of(text, parsed)
    ds = getattr(document, "dateline_span", None)
    if ds and 0 <= ds[0] < ds[1] <= len(text):
        # the dateline ("MOGADISHU (Horn Wire) —") opens the body but is no part of any claim
        for c in cands:
            if c.content[0] < ds[1] < c.content[1]:
                c.content = trim(text, (ds[1], c.content[1]), scan.quotations)
    res = Resolver(document, parsed, text)
    for c in cands:
        res.resolve(c)
    statuses(document, parsed, text, cands, scan.quotations)
    return cands


@stage("quotes", requires=('parse', 'sections', 'entities', 'headline'), assigns=('quotes', 'flags'),
       loads=(lex, figures.words))
def run(document: Document, parse: Parse) -> None:
    parsed = parse.doc
    text = document.text
    quotes: list[Quote] = []
    if text.strip():
        cands = extract(document, parsed)
        for c in cands:
            quotes.append(to_quote(c, text, "text", document.section_kind_at(c.content[0])))
        document.flags.extend(unattributed(document, parsed, cands))
    try:
        quotes = headline_quotes(document, parse) + quotes
    except Exception as exc:  # the headline is a convenience; never let it sink the body
        logging.getLogger("storyline").warning("%s: headline not read for quotes (%s)", document.source, exc)
    document.quotes = quotes
