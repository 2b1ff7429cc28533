"""JSON Lines: one article per line; a bad line is reported and the others are kept."""

from __future__ import annotations

import json

import pytest

from storyline.ingest import IngestError, iter_paths, read_path


def test_jsonl_with_a_bad_line(tmp_path, write):
    lines = [
        json.dumps({"headline": "Rates Held", "text": "The bank held rates on Wednesday.", "published": "2026-01-28T09:00:00Z",
                    "outlet": "Example Wire", "url": "https://example.org/a", "byline": "K. Mensah"}),
        "{not json",
        json.dumps({"headline": "No body"}),
        "",
        json.dumps({"text": "ACCRA - Floods closed schools on Monday.", "source": "feed-42"}),
    ]
    p = write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    results = list(iter_paths([p]))
    names = [name for name, _ in results]
    assert names == [str(p), f"{p}:2", f"{p}:3"]
    docs = results[0][1]
    assert [d.headline for d in docs] == ["Rates Held", None]
    assert docs[0].published == "2026-01-28" and docs[0].outlet == "Example Wire" and docs[0].byline == "K. Mensah"
    assert docs[0].url == "https://example.org/a" and docs[0].source == f"{p}:1"
    assert docs[1].source == "feed-42" and docs[1].dateline == "ACCRA"
    assert isinstance(results[1][1], IngestError) and "not valid JSON" in str(results[1][1])
    assert str(results[2][1]).startswith(f"{p}:3: ") and "text" in str(results[2][1])
    with pytest.raises(IngestError, match=r"wire\.jsonl:2: "):
        read_path(p)
