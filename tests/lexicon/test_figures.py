"""The figure reader's one reading per document: kept while what it reads is unchanged."""

from storyline.lexicon import figures
from storyline.pipeline import analyze_text

TEXT = "Nine people were killed in Arvel on Monday. The ministry said 12 people were killed in the attack."


def test_a_document_is_read_once_and_each_figure_knows_its_quote(monkeypatch):
    doc = analyze_text(TEXT, published="2026-03-02")
    calls = []
    original = figures._read
    monkeypatch.setattr(figures, "_read", lambda d: calls.append(1) or original(d))
    first, again = figures.read(doc), figures.read(doc)
    assert first == again and not calls  # analyze read it already: the reading is kept
    by_value = {f.value: f for f in first}
    assert by_value[9].quote is None  # the narrator's own figure
    assert "12 people" in doc.quotes[by_value[12].quote].text  # the ministry's, in its claim


def test_a_changed_document_is_read_again():
    doc = analyze_text(TEXT, published="2026-03-02")
    before = figures.read(doc)
    doc.text = doc.text.replace("Nine people", "Eight people")
    assert [f.value for f in figures.read(doc)] != [f.value for f in before]
