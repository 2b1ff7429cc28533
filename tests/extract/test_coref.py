"""The one resolver of references back, shared by the quotes and the events stages."""

from __future__ import annotations

from storyline.extract.coref import Coreference, pronouns
from storyline.model import Document
from storyline.pipeline import Parse, run_stages

UP_TO_QUOTES = ["sections", "entities", "times", "quotes"]


def _prepared(nlp, text: str) -> tuple[Document, Coreference]:
    document = Document(source="t", text=text, published="2026-03-02")
    parsed = nlp(text)
    run_stages(document, Parse(parsed, nlp), UP_TO_QUOTES)
    return document, Coreference(document, parsed)


def test_a_subject_pronoun_prefers_the_earlier_subject(nlp):
    text = "Minister Lena Fischer met Omar Haddad in Berlin. She said the talks went well."
    document, coref = _prepared(nlp, text)
    m = coref.antecedent(text.index("She"), ("PERSON",), subject=True)
    assert m is not None and m.name == "Lena Fischer"


def test_a_possessive_takes_the_nearest_fitting_mention(nlp):
    text = "The Taliban condemned Pakistan for its airstrikes on Monday."
    document, coref = _prepared(nlp, text)
    m = coref.antecedent(text.index("its"), pronouns().refers_to["its"], subject=False)
    assert m is not None and m.name == "Pakistan"


def test_a_modifier_is_not_an_antecedent(nlp):
    text = "U.S. intelligence officials briefed reporters, and they said it was over."
    document, coref = _prepared(nlp, text)
    assert coref.antecedent(text.index("it was"), ("ORG", "GPE"), modifiers=False) is None


def test_plural_pronouns_refer_to_people_or_bodies_not_places():
    assert "GPE" not in pronouns().refers_to["they"]
    assert "GPE" in pronouns().refers_to["it"]


def test_first_person_in_a_quote_is_the_quotes_speaker(nlp):
    text = '"We will not accept this," Foreign Minister Lena Fischer of Germany told reporters on Monday.'
    document, coref = _prepared(nlp, text)
    speaker = coref.speaker_at(text.index("We"), text.index("We") + 2)
    assert speaker is not None and document.entity(speaker).name == "Lena Fischer"


def test_quotes_and_events_agree_on_who_he_is(analyze):
    text = ("President Ana Ruiz of Chile met Omar Haddad on Monday. He said he would visit Peru, "
            "and he condemned the attack on the embassy.")
    doc = analyze(text, published="2026-03-02")
    he_said = next(q for q in doc.quotes if q.speaker_name)
    condemn = next(e for e in doc.events if e.trigger == "condemned")
    assert he_said.speaker == condemn.source_entity and doc.entity(he_said.speaker).name == "Ana Ruiz"
