"""Every shipped data file is validated against its schema when loaded."""

from __future__ import annotations

import pytest

from storyline import data
from storyline.data.schemas import SCHEMAS
from storyline.data.schemas.base import Pending


@pytest.mark.parametrize("name", data.shipped_files())
def test_every_shipped_file_has_a_real_schema_and_loads(name):
    assert name in SCHEMAS, f"{name} has no schema"
    assert SCHEMAS[name] is not Pending, f"{name} still has the placeholder schema"
    assert data.load(name)


def test_a_misspelled_key_names_the_file_the_entry_and_the_key():
    raw = {"people": [
        {"name": "Ana Ruiz", "country": "CHL", "terms": []},
        {"name": "Ivo Petrov", "country": "BGR", "temrs": []},
    ]}
    with pytest.raises(data.DataFileError) as err:
        data.validate("people.toml", raw)
    message = str(err.value)
    assert "people.toml" in message and "entry 2" in message and "Ivo Petrov" in message
    assert "'temrs'" in message and "\n" not in message


def test_a_wrong_type_is_an_error_too():
    raw = {"facility_suffixes": "avenue", "locative_prepositions": [], "place_prepositions": []}
    with pytest.raises(data.DataFileError, match="names.toml: facility_suffixes"):
        data.validate("names.toml", raw)


def test_a_file_without_a_schema_cannot_be_loaded():
    with pytest.raises(data.DataFileError, match="no schema"):
        data.validate("unknown.toml", {})
