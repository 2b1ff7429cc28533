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


def _brute_force(figs):
    return [(a, b) for i, a in enumerate(figs) for b in figs[i + 1:] if figures.conflict(a, b, same_document=True)]


def test_the_pairs_are_every_conflicting_pair_in_text_order():
    text = ("Nine people were killed in Arvel on Monday. The ministry said 12 people were killed. "
            "At least 30 people were wounded, police said. A nurse said 14 people were killed. "
            "The hospital said five people were wounded. Two soldiers were killed in Brenn.")
    figs = figures.read(analyze_text(text, published="2026-03-02"))
    pairs = figures.in_document(figs)
    assert pairs and pairs == _brute_force(figs)
    assert {a.quantity for a, _ in pairs} == {"killed", "wounded"}


def test_a_figure_is_compared_with_a_bounded_number_of_earlier_ones():
    n = figures.PAIR_WINDOW + 20  # every figure disagrees with every other
    text = " ".join(f"Officials in report {i} said {100 + i} people were killed." for i in range(n))
    figs = figures.read(analyze_text(text, published="2026-03-02"))
    assert len(figs) == n
    pairs = figures.in_document(figs)
    index = {id(f): i for i, f in enumerate(figs)}
    gaps = [index[id(b)] - index[id(a)] for a, b in pairs]
    assert max(gaps) == figures.PAIR_WINDOW  # the window, no further
    assert len({(f.quantity, f.scope, f.places) for f in figs}) == 1  # one group: its order is the text's
    # every conflicting pair within the window, in text order
    assert pairs == [(a, b) for a, b in _brute_force(figs) if index[id(b)] - index[id(a)] <= figures.PAIR_WINDOW]
    assert len(pairs) > len(_brute_force(figs)) // 2  # most pairs are still found
