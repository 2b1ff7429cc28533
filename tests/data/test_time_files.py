"""The time data files (time_rules.toml, tense.toml, checks.toml) against their schemas:
a misspelled key, an unknown placeholder, a broken pattern or a wrong code is a load error."""

from __future__ import annotations

import copy
import tomllib

import pytest

from storyline import data
from storyline.data.schemas import times as schemas


def raw(name: str) -> dict:
    return tomllib.loads(data.read_text(name))


def test_the_new_files_are_declared_for_the_registry():
    assert schemas.FILES == {"tense.toml": schemas.TenseFile, "checks.toml": schemas.ChecksFile}
    for name, schema in schemas.FILES.items():
        schema.model_validate(raw(name))


def test_a_misspelled_rule_key_names_the_rule():
    r = raw("time_rules.toml")
    r["rule"][3]["patern"] = r["rule"][3].pop("pattern")
    with pytest.raises(data.DataFileError) as err:
        data.validate("time_rules.toml", r)
    assert "'patern'" in str(err.value) and r["rule"][3]["name"] in str(err.value)


def test_an_unknown_placeholder_is_an_error():
    r = raw("time_rules.toml")
    r["rule"][0]["pattern"] = "(?P<month>{MONTHS})"
    with pytest.raises(data.DataFileError, match="unknown placeholder"):
        data.validate("time_rules.toml", r)


def test_a_broken_pattern_is_an_error():
    r = raw("time_rules.toml")
    r["not_time"][0]["pattern"] = "(?:money"
    with pytest.raises(data.DataFileError, match="not a regular expression"):
        data.validate("time_rules.toml", r)


@pytest.mark.parametrize(
    "table,key,bad",
    [
        ("seasons", "summer", "SM"),
        ("parts_of_day", "morning", "MORNING"),
        ("references", "now", "NOW"),
        ("frequency", "daily", "every day"),
        ("position", "early", "BEGIN"),
    ],
)
def test_a_wrong_code_is_an_error(table, key, bad):
    r = raw("time_rules.toml")
    r["lexicon"][table][key] = bad
    with pytest.raises(data.DataFileError, match=table):
        data.validate("time_rules.toml", r)


def test_a_rule_must_name_a_normalizer():
    r = raw("time_rules.toml")
    r["rule"][0]["kind"] = "calendar"
    with pytest.raises(data.DataFileError, match="kind"):
        data.validate("time_rules.toml", r)


@pytest.mark.parametrize(
    "name,path,key",
    [
        ("tense.toml", ("text",), "futur"),
        ("tense.toml", ("parse",), "plan_verb"),
        ("checks.toml", ("anachronism",), "published_cue"),
        ("time_rules.toml", ("context",), "season_cue"),
        ("time_rules.toml", ("lexicon",), "month"),
    ],
)
def test_misspelled_keys_in_every_table(name, path, key):
    r = copy.deepcopy(raw(name))
    node = r
    for step in path:
        node = node[step]
    node[key] = node.get(key, ["x"])
    with pytest.raises(data.DataFileError, match=f"unknown key '{key}'"):
        data.validate(name, r)
