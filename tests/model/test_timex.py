"""The TIMEX3 value type: reading, writing and the days a value can mean."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.model.timex import Timex, date_part, parse_day


@pytest.mark.parametrize(
    "value,unit",
    [
        ("2026-01-03", "day"),
        ("XXXX-01-03", "day"),
        ("XXXX-XX-XX", "day"),
        ("2026-01-21TMO", "day"),
        ("2026-01-20T15:00", "day"),
        ("2026-01-17T24:00", "day"),
        ("XXXX-XX-XXTMO", "day"),
        ("2026-01", "month"),
        ("XXXX-01", "month"),
        ("2026", "year"),
        ("XXXX", "year"),
        ("2026-W03", "week"),
        ("2026-W03-WE", "week"),
        ("XXXX-WXX", "week"),
        ("XXXX-WXX-WE", "week"),
        ("XXXX-WXX-1", "week"),
        ("XXXX-WXX-5TAF", "week"),
        ("XXXX-WXX-6T15:00", "week"),
        ("2025-Q4", "quarter"),
        ("XXXX-Q2", "quarter"),
        ("XXXX-QX", "quarter"),
        ("2026-H1", "half"),
        ("XXXX-H2", "half"),
        ("2025-SU", "season"),
        ("XXXX-WI", "season"),
        ("199", "decade"),
        ("XXX", "decade"),
        ("19", "century"),
        ("XX", "century"),
        ("P3D", "duration"),
        ("PT2H", "duration"),
        ("PXW", "duration"),
        ("PXDE", "duration"),
        ("PTXH", "duration"),
        ("P10Y", "duration"),
        ("P0.5M", "duration"),
        ("PT2H5M30S", "duration"),
        ("PRESENT_REF", "ref"),
        ("PAST_REF", "ref"),
    ],
)
def test_every_value_the_tagger_writes_reads_back_and_writes_the_same(value, unit):
    t = Timex.parse(value)
    assert t is not None and t.unit == unit
    assert str(t) == value


@pytest.mark.parametrize("value", ["", "2026-1", "20260103", "2026-W3", "2026-Q5", "P", "PT", "NOW", "2026-01-03Tlate", "1 day"])
def test_what_is_not_a_timex3_value(value):
    assert Timex.parse(value) is None


def test_parts_are_read():
    t = Timex.parse("2026-01-20T15:00")
    assert (t.year, t.month, t.day, t.clock) == (2026, 1, 20, (15, 0))
    t = Timex.parse("XXXX-WXX-5TAF")
    assert (t.year, t.week, t.weekday, t.part_of_day) == (None, None, 5, "AF")
    assert Timex.parse("PT2H5M30S").time_amounts == ((2.0, "H"), (5.0, "M"), (30.0, "S"))
    assert Timex.parse("PXDE").amounts == ((None, "DE"),)
    assert Timex.parse("2026-W03-WE").weekend


def test_constructors_write_iso_forms():
    assert str(Timex.of_day(date(2026, 1, 3))) == "2026-01-03"
    assert str(Timex.of_day(date(2026, 1, 3), part_of_day="NI")) == "2026-01-03TNI"
    assert str(Timex.of_day(date(2026, 1, 3), clock=(9, 5))) == "2026-01-03T09:05"
    # ISO weeks: 2027-01-01 is a Friday in the last week of 2026
    assert str(Timex.of_week(date(2027, 1, 1))) == "2026-W53"
    assert str(Timex.of_week(date(2026, 1, 24), weekend=True)) == "2026-W04-WE"
    assert str(Timex.of_month(2026, 2)) == "2026-02"
    assert str(Timex.of_month(None, 2, 9)) == "XXXX-02-09"
    assert str(Timex.duration(((1.5, "Y"),))) == "P1.5Y"
    assert str(Timex.duration(time_amounts=((None, "H"),))) == "PTXH"


@pytest.mark.parametrize(
    "value,mod,first,last",
    [
        ("2026-01-03", None, "2026-01-03", "2026-01-03"),
        ("2026-01-03", "END", "2026-01-03", "2026-01-03"),
        ("2026-01-03TNI", None, "2026-01-03", "2026-01-03"),
        ("2026-02", None, "2026-02-01", "2026-02-28"),
        ("2024-02", None, "2024-02-01", "2024-02-29"),
        ("2026-02", "START", "2026-02-01", "2026-02-10"),
        ("2026-02", "MID", "2026-02-11", "2026-02-20"),
        ("2026-02", "END", "2026-02-21", "2026-02-28"),
        ("2025", None, "2025-01-01", "2025-12-31"),
        ("2025", "START", "2025-01-01", "2025-04-30"),
        ("2025", "MID", "2025-05-01", "2025-08-31"),
        ("2025", "END", "2025-09-01", "2025-12-31"),
        ("2025", "APPROX", "2025-01-01", "2025-12-31"),
        ("2026-W03", None, "2026-01-12", "2026-01-18"),
        ("2026-W03", "END", "2026-01-16", "2026-01-18"),
        ("2025-Q4", None, "2025-10-01", "2025-12-31"),
        ("2026-H2", None, "2026-07-01", "2026-12-31"),
        ("2025-SU", None, "2025-06-01", "2025-08-29"),
        ("2025-WI", None, "2025-12-01", "2026-02-28"),
        ("199", None, "1990-01-01", "1999-12-31"),
        ("20", None, "2000-01-01", "2099-12-31"),
    ],
)
def test_interval(value, mod, first, last):
    lo, hi = Timex.parse(value).interval(mod)
    assert (lo.isoformat(), hi.isoformat()) == (first, last)


@pytest.mark.parametrize("value", ["XXXX-01", "XXXX-WXX-1", "XXXX-QX", "P3D", "PRESENT_REF", "2026-13", "2026-02-30", "2026-W54"])
def test_no_interval_for_unknown_or_impossible_values(value):
    assert Timex.parse(value).interval() is None


def test_date_part_and_parse_day():
    assert date_part("2026-01-03TNI") == "2026-01-03"
    assert date_part("P3D") == "P3D"
    assert parse_day("2026-01-21T10:00:00Z") == date(2026, 1, 21)
    assert parse_day("2026-02-30") is None
    assert parse_day("") is None and parse_day(None) is None
