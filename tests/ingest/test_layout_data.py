"""layout.toml and dates.toml are validated on load: a misspelled key, a pattern that does
not compile or does not name the groups the reader needs is a load error."""

from __future__ import annotations

import copy

import pytest

from storyline import data


@pytest.fixture
def layout():
    return copy.deepcopy(data.load("layout.toml"))


@pytest.fixture
def dates():
    return copy.deepcopy(data.load("dates.toml"))


def test_the_shipped_files_are_valid(layout, dates):
    assert data.validate("layout.toml", layout) and data.validate("dates.toml", dates)


def test_a_misspelled_key_is_an_error(layout, dates):
    layout["dateline"]["not_place"] = layout["dateline"].pop("not_places")
    with pytest.raises(data.DataFileError, match="layout.toml: dateline: unknown key 'not_place'"):
        data.validate("layout.toml", layout)
    dates["published"]["meta_key"] = []
    with pytest.raises(data.DataFileError, match="unknown key 'meta_key'"):
        data.validate("dates.toml", dates)


def test_a_pattern_that_does_not_compile_is_an_error(layout):
    layout["junk"]["trailing"].append("be the first (to comment")
    with pytest.raises(data.DataFileError, match="junk > trailing"):
        data.validate("layout.toml", layout)


def test_a_date_format_must_name_its_groups(layout):
    layout["dates"]["formats"].append(r"(?P<month>{month})\s+(?P<day>\d{1,2})")
    with pytest.raises(data.DataFileError, match="year"):
        data.validate("layout.toml", layout)


def test_a_byline_pattern_must_capture_the_names(layout):
    layout["header"]["bylines"] = [r"^by\s+(\S.*)$"]
    with pytest.raises(data.DataFileError, match="byline"):
        data.validate("layout.toml", layout)


def test_marks_codecs_and_lower_case_keys_are_checked(layout, dates):
    layout["dateline"]["require_any"] = ["all_caps", "capitals"]
    with pytest.raises(data.DataFileError, match="require_any"):
        data.validate("layout.toml", layout)
    layout = copy.deepcopy(data.load("layout.toml"))
    layout["encoding"]["prefer_on_tie"] = ["cp1252", "latin-one"]
    with pytest.raises(data.DataFileError, match="codec"):
        data.validate("layout.toml", layout)
    dates["published"]["meta_keys"].append("article:Published_Time")  # compared lower-cased
    with pytest.raises(data.DataFileError, match="meta_keys"):
        data.validate("dates.toml", dates)
