"""Meetings (issue 10): an intergovernmental body meeting is its members consulting. Our own
sentences."""

from __future__ import annotations


def test_an_intergovernmental_body_meeting_alone_is_a_consultation(analyze):
    doc = analyze("NATO defence ministers met in Brussels on Thursday.", published="2026-03-02")
    assert [e for e in doc.events if e.root == "04" and (e.source or "").startswith("IGO")], doc.events
    # one national body meeting alone is still no event between actors
    doc = analyze("The Kenyan cabinet met on Monday.", published="2026-03-02")
    assert not [e for e in doc.events if e.root == "04"], doc.events
