"""A year-less "Feb. 29" when no year near the document date has one: no year, no crash
(it raised TypeError in the frame rule)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "published, value, anchor",
    [
        ("2026-01-21", "XXXX-02-29", None),  # 2025, 2026, 2027: no 29 February
        ("2024-01-21", "2024-02-29", "document date"),
        ("2028-03-01", "2028-02-29", "document date"),
        (None, "XXXX-02-29", None),
    ],
)
def test_feb_29(analyze, published, value, anchor):
    doc = analyze("The talks ended on Feb. 29.", published=published)
    assert [(t.text, t.value, t.anchor) for t in doc.times] == [("Feb. 29", value, anchor)]


def test_feb_29_beside_a_full_date_out_of_reach(analyze):
    doc = analyze("The talks ended on Feb. 29 and resumed on March 3, 2024.", published="2026-01-21")
    assert [(t.text, t.value) for t in doc.times] == [("Feb. 29", "XXXX-02-29"), ("March 3, 2024", "2024-03-03")]
