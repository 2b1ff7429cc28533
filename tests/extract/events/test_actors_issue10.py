"""Issue 10, who the actors are: regional IGOs and EU institutions, organisation names the
parser splits, "the bloc", "X-based" groups, peoples and tribes of a domestic conflict,
coordinated national modifiers in targets. Our own sentences throughout."""

from __future__ import annotations

import pytest

from storyline.lexicon.actors import code_span, igo_code


def _span(nlp, sentence, phrase):
    d = nlp(sentence)
    start = sentence.index(phrase)
    span = d.char_span(start, start + len(phrase))
    assert span is not None
    return span


@pytest.mark.parametrize(
    "name, code",
    [
        ("ECOWAS", "IGOWAFWAS"),
        ("the Southern African Development Community", "IGOSAFSAD"),
        ("IGAD", "IGOEAFIAD"),
        ("the Gulf Cooperation Council", "IGOPGSGCC"),
        ("the European Parliament", "IGOEUREECLEG"),
        ("the Council of the European Union", "IGOEUREEC"),
        ("the League of Arab States", "IGOMEAARL"),
    ],
)
def test_regional_organisations_and_eu_institutions_are_igos(name, code):
    assert igo_code(name) == code


def test_lower_case_acronym_is_not_an_igo():
    assert igo_code("au") is None  # "au pair", not the African Union


def test_igo_body_is_not_stacked_twice(nlp):
    span = _span(nlp, "A European Parliament resolution condemned the vote.", "A European Parliament resolution")
    assert code_span(span).code == "IGOEUREECLEG"


def test_x_based_gives_the_country_when_nothing_else_does(nlp):
    span = _span(nlp, "Police blamed an Iran-based militant group for the blast.", "an Iran-based militant group")
    assert code_span(span).code == "IRNUAF"


def test_x_based_does_not_override_a_named_nationality(nlp):
    span = _span(nlp, "The Libyan monitor, a Paris-based group, said so.", "a Paris-based group")
    assert code_span(span).code == "LBY"


def test_x_based_city_gives_its_country(nlp):
    span = _span(nlp, "A Lagos-based firm won the contract.", "A Lagos-based firm")
    assert code_span(span).code == "NGABUS"


def test_affiliation_hyphen_still_gives_no_country(nlp):
    span = _span(nlp, "Russian-backed separatists shelled the town.", "Russian-backed separatists")
    assert not (code_span(span).code or "").startswith("RUS")


def test_long_igo_name_split_at_of_with_acronym(analyze, find):
    doc = analyze("Leaders of the 15-member Economic Community of West African States (ECOWAS) condemned Mali.")
    assert find(doc.events, root="11", source="IGOWAFWAS", target="MLI"), doc.events


def test_igo_acronym_the_parser_calls_a_pronoun(analyze, find):
    doc = analyze("ECOWAS condemned Mali.")
    assert find(doc.events, root="11", source="IGOWAFWAS", target="MLI"), doc.events


def test_the_bloc_is_the_story_igo(analyze, find):
    doc = analyze("The European Union imposed sanctions on Belarus in May. On Monday Minsk condemned the bloc.")
    assert find(doc.events, root="11", source="BLR", target="IGOEU"), doc.events


def test_the_bloc_without_an_igo_in_the_story_is_not_coded(analyze):
    doc = analyze("Ghana's president said the bloc would act. The bloc condemned Mali.")
    assert not [e for e in doc.events if (e.source or "").startswith("IGO")], doc.events


def test_pakistan_based_group_is_the_target_of_blame(analyze, find):
    doc = analyze("Nepal has blamed the India-based Lashkar group for the bombing.")
    assert find(doc.events, root="11", source="NPL", target="IND"), doc.events


@pytest.mark.parametrize(
    "sentence",
    [
        "Alawite tribesmen clashed with Kurdish fighters near Aleppo in Syria on Monday.",
        "Sunni Bedouins attacked the Druze in the town of Shahba in Syria.",
    ],
)
def test_peoples_of_a_domestic_conflict_take_the_home_country(analyze, find, sentence):
    doc = analyze(sentence)
    assert find(doc.events, root="19", source="SYR", target="SYR"), doc.events


def test_a_nationality_keeps_its_country(analyze, find):
    doc = analyze("Russian soldiers attacked Kurdish fighters near Aleppo in Syria on Monday.")
    assert find(doc.events, root="19", source="RUS", target="SYR"), doc.events


def test_modifier_entity_lends_its_country(analyze, find):
    doc = analyze("Georgia held elections in October. The European Parliament criticised Georgia's elections.")
    assert find(doc.events, root="11", source="IGOEU", target="GEO"), doc.events


def test_coordinated_national_modifiers_in_a_target(analyze, find):
    doc = analyze("A Hezbollah delegation has also held talks with both Syrian and Iranian officials.")
    assert find(doc.events, root="04", source="LBN", target="SYR"), doc.events
    assert find(doc.events, root="04", source="LBN", target="IRN"), doc.events
