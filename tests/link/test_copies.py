"""Copies: a trimmed, re-headlined, re-wrapped wire story is a copy of the first report; a
different article on the same event is not."""

from __future__ import annotations

from storyline.link.copies import CopyIndex, find_copies, resemblance, shingles


def test_a_trimmed_wrapped_copy_is_found_and_points_to_the_first_report(texts):
    copies = find_copies([("wire", texts.wire), ("other", texts.other), ("copy", texts.wire_copy(texts.wire))])
    assert [(c.doc_id, c.copy_of, c.method) for c in copies] == [("copy", "wire", "minhash")]
    assert 0.5 <= copies[0].similarity < 1.0


def test_a_different_report_of_the_same_event_is_not_a_copy(texts):
    assert find_copies([("wire", texts.wire), ("other", texts.other)]) == []
    jaccard, contained = resemblance(shingles(texts.wire), shingles(texts.other))
    assert jaccard < 0.1 and contained < 0.2


def test_case_and_spacing_changes_are_exact_copies_and_a_copy_of_a_copy_points_to_the_first(texts):
    index = CopyIndex()
    assert index.add("a", texts.wire) is None
    exact = index.add("b", "  " + texts.wire.upper().replace("\n\n", "\n"))
    assert (exact.copy_of, exact.method, exact.similarity) == ("a", "exact", 1.0)
    trimmed = "\n\n".join(texts.wire.split("\n\n")[:-1])
    assert index.add("c", trimmed).copy_of == "a"


def test_an_edited_paragraph_still_leaves_a_copy(texts):
    paragraphs = texts.wire.split("\n\n")
    paragraphs[2] = "Divers searched the hull for others after rescue boats took 97 survivors out of the water."
    assert [c.copy_of for c in find_copies([("a", texts.wire), ("b", "\n\n".join(paragraphs))])] == ["a"]


def test_a_short_body_is_matched_only_exactly(texts):
    assert find_copies([("a", "Ferry sinks."), ("b", "Ferry sinks today.")]) == []
