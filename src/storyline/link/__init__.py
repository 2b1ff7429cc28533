"""Cross-document linking: what many documents say together, not one.

Not a per-document stage: it works over the stored documents (``storyline link``, and the
end of ``storyline ingest``) and writes its own tables.

``copies``    near-duplicates: one report republished (MinHash/LSH over word shingles, and
              an exact hash); a copy points to its group's first report
``features``  what story clustering reads of a document; sentence embeddings
``stories``   online story clustering (embeddings, TF-IDF, entities, events, dates, time decay)
``identity``  one identity per actor across documents
``support``   corroboration and contradictions per claim and event, copies collapsed
``run``       the link step over a store (the one module here that imports the store)
"""
