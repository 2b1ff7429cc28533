"""Speaker resolution (quotes.speakers.Resolver), through its one method, on the real parse:
names, relative pronouns, pronouns in reported speech, typed sources, definite and bare
nominals, reports from an outlet."""

from __future__ import annotations

from storyline.extract.quotes.claims import claims_of
from storyline.extract.quotes.speakers import Resolver
from storyline.model import Document
from storyline.pipeline import run_stages


def _resolved(nlp, text, with_entities=True):
    document = Document(source="t", text=text)
    parsed = nlp(text)
    if with_entities:
        run_stages(document, parsed, ["sections", "entities"])
    cands, _ = claims_of(text, parsed)
    res = Resolver(document, parsed, text)
    for c in cands:
        res.resolve(c)
    return document, {text[c.content[0]:c.content[1]]: c for c in cands}


def test_a_named_source_is_its_entity(nlp):
    document, got = _resolved(nlp, "Dr. Lena Ortiz said the vaccine trial would resume in June.")
    c = got["the vaccine trial would resume in June"]
    assert c.speaker_name == "Lena Ortiz" and c.speaker_etype == "PERSON"
    assert document.entity(c.speaker).name == "Lena Ortiz"
    assert c.speaker_span == c.source


def test_without_entities_the_parse_names_the_speaker(nlp):
    _, got = _resolved(nlp, "Dr. Lena Ortiz said the vaccine trial would resume in June.", with_entities=False)
    c = got["the vaccine trial would resume in June"]
    assert c.speaker is None and c.speaker_name == "Lena Ortiz"


def test_a_relative_pronoun_is_the_noun_it_hangs_on(nlp):
    _, got = _resolved(nlp, "The ambassador, who said the talks would resume in May, left the summit early.")
    c = got["the talks would resume in May"]
    assert c.speaker_name == "The ambassador" and c.speaker_type == "ambassador"
    assert c.speaker_span[1] - c.speaker_span[0] == len("who")


def test_a_pronoun_in_reported_speech_is_its_speaker_when_they_agree(nlp):
    _, got = _resolved(nlp, "The health ministry said it believed the outbreak was contained.")
    inner = got["the outbreak was contained"]
    assert inner.speaker_name == "The health ministry" and inner.speaker_type == "ministry"
    _, got = _resolved(nlp, "Analysts said they expected the central bank to cut rates.")
    assert got["the central bank to cut rates"].speaker_type == "analysts"


def test_they_refers_back_to_a_typed_source(nlp):
    _, got = _resolved(nlp, "Farmers said they had lost their harvest. They said the floods came overnight.")
    assert got["the floods came overnight"].speaker_name == "Farmers"


def test_a_bare_nominal_refers_to_the_last_organization(nlp):
    _, got = _resolved(nlp, "Amnesty International published its findings on Tuesday. "
                            "The group said prisoners had been beaten.")
    c = got["prisoners had been beaten"]
    assert c.speaker_name == "Amnesty International" and c.speaker is not None


def test_reports_from_an_outlet_name_it_as_speaker_and_medium(nlp):
    _, got = _resolved(nlp, "Reports from the Guardian suggest that the minister will resign.")
    c = got["that the minister will resign"]
    assert c.speaker_type == "report" and c.speaker_name == "Guardian"
    assert c.medium[0] == "Guardian"  # an outlet written without its article


def test_an_unnamed_source_is_typed(nlp):
    _, got = _resolved(nlp, "A Japanese diplomat who spoke on condition of anonymity said the summit was off.\n\n"
                            "Unconfirmed reports said the general had fled.")
    assert got["the summit was off"].speaker_type == "anonymous diplomat"
    assert got["the summit was off"].speaker_name.startswith("A Japanese diplomat")
    assert got["the general had fled"].speaker_type == "unconfirmed reports"


def test_a_name_read_elsewhere_maps_to_an_entity_by_name_alias_or_last_word(nlp):
    from storyline.extract.quotes.speakers import entity_named

    document = Document(source="t", text="Finance Minister Adaeze Okafor defended the new fuel levy on Wednesday.")
    run_stages(document, nlp(document.text), ["sections", "entities"])
    okafor = next(e for e in document.entities if "Okafor" in e.name)
    assert entity_named(document.entities, "Okafor") is okafor
    assert entity_named(document.entities, okafor.name.upper()) is okafor
    assert entity_named(document.entities, "Musa") is None
