"""The quotes stage's data files: the evidence-phrase syntax, what the schemas refuse, and
the cross-references between lists that the code relies on."""

from __future__ import annotations

import copy

import pytest

from storyline import data
from storyline.extract.quotes.lexicon import evidence_regex, lex, lexicon, without_article


def test_evidence_phrase_syntax():
    rx = evidence_regex("could|can not [adv] be [adv] verified|confirmed", ("independently", "so far"))
    assert rx.search("The claim could not be independently verified.")
    assert rx.search("It can not so far be confirmed")
    assert rx.search("It could not immediately be verified")  # any -ly adverb
    assert not rx.search("It could be verified")
    gap = evidence_regex("offered no … evidence", ())
    assert gap.search("He offered no credible or concrete evidence")
    assert not gap.search("He offered no credible, concrete, firm or written documentary evidence")
    apostrophe = evidence_regex("couldn't not be verified", ())
    assert apostrophe.search("couldn’t not be verified")  # a curly apostrophe matches too


def test_the_lexicon_is_read_once_into_sets():
    assert lex() is lex()
    assert "say" in lex().cues and "whether" in lex().question_complementizers
    assert lexicon()["verbs"]["status"]["deny"] == "denied"
    assert without_article("the guardian", lex().articles) == "guardian"
    assert without_article("theguardian", lex().articles) == "theguardian"


def _misspelled(name, path, wrong):
    raw = copy.deepcopy(data.load(name))
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[wrong] = node.pop(path[-1])
    return raw


@pytest.mark.parametrize("name,path,wrong", [
    ("attribution.toml", ("verbs", "weak", "speech_objects"), "speech_object"),
    ("attribution.toml", ("evidence", "links", "stop_words"), "stopwords"),
    ("quotation_marks.toml", ("marks", "single_open"), "single_opening"),
    ("sections.toml", ("heading", "glued_bullets"), "glued_bullet"),
])
def test_a_misspelled_key_is_a_load_error(name, path, wrong):
    with pytest.raises(data.DataFileError) as err:
        data.validate(name, _misspelled(name, path, wrong))
    assert name in str(err.value) and repr(wrong) in str(err.value)


def test_an_unknown_status_or_referent_is_a_load_error():
    raw = copy.deepcopy(data.load("attribution.toml"))
    raw["verbs"]["status"]["deny"] = "refuted"
    with pytest.raises(data.DataFileError, match="attribution.toml: verbs > status > deny"):
        data.validate("attribution.toml", raw)
    raw = copy.deepcopy(data.load("pronouns.toml"))
    raw["refers_to"]["she"] = ["WOMAN"]
    with pytest.raises(data.DataFileError, match="pronouns.toml: refers_to > she"):
        data.validate("pronouns.toml", raw)


def test_according_phrases_are_two_words():
    raw = copy.deepcopy(data.load("attribution.toml"))
    raw["according"]["phrases"] = ["in the words of"]
    with pytest.raises(data.DataFileError, match="according > phrases"):
        data.validate("attribution.toml", raw)


def test_lists_that_qualify_other_lists_only_name_their_words():
    """A word a list qualifies but that the list it depends on lacks would silently do nothing."""
    x = lex()
    assert set(x.status) <= x.cues  # a status is given by a cue verb
    assert x.directive <= x.addressee  # directive verbs are addressee verbs
    assert x.aspectual <= x.cues
    assert x.agree_person | x.agree_thing | x.agree_plural <= set(x.pronouns)
    assert x.bare_nominals <= x.org_nominals
    assert set(x.claim_nouns) and all(" " not in n for n in x.claim_nouns)
