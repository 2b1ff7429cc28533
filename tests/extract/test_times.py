"""The time tagger: detection, TIMEX3 values, tense direction, anchors and non-times.

All texts are our own invented wire-style sentences. Anchor 2026-01-21 is a Wednesday in
ISO week 2026-W04.
"""

from __future__ import annotations

import pytest

from storyline.extract.times import normalize

WED = "2026-01-21"


def find(times, text):
    hits = [t for t in times if t.text == text]
    assert hits, f"{text!r} not tagged; got {[(t.text, t.value) for t in times]}"
    return hits[0]


def check(sentence, anchor, expr, value, type_="DATE", mod=None):
    t = find(normalize(sentence, anchor), expr)
    assert (t.value, t.type, t.mod) == (value, type_, mod), (sentence, t)
    assert sentence[t.span[0]:t.span[1]] == t.text
    return t


# ------------------------------------------------------------------ calendar dates
@pytest.mark.parametrize(
    "sentence,expr,value",
    [
        ("Troops crossed the border on January 3, 2026, witnesses said.", "January 3, 2026", "2026-01-03"),
        ("The decree, dated 3 January 2026, was read on state television.", "3 January 2026", "2026-01-03"),
        ("The filing (2026-01-03) lists four defendants.", "2026-01-03", "2026-01-03"),
        ("The accord was signed on Jan. 3 in Doha.", "Jan. 3", "2026-01-03"),
        ("Parliament reconvened on January 3rd, 2026 after the recess.", "January 3rd, 2026", "2026-01-03"),
        ("The memo is dated 1/3/2026 and marked secret.", "1/3/2026", "2026-01-03"),
        ("The mine closed in May 2010 after the flood.", "May 2010", "2010-05"),
        ("Output has fallen every month since 2022.", "2022", "2022"),
        ("The party held power from 1998 to 2004.", "1998", "1998"),
        ("The trans-Saharan convoy of 1957-58 was the last of its kind.", "58", "1958"),
        ("Monday, January 5, 2026 was declared a holiday.", "Monday, January 5, 2026", "2026-01-05"),
    ],
)
def test_calendar_dates(sentence, expr, value):
    t = check(sentence, WED, expr, value)
    assert t.anchor in (None, "document date")


def test_full_dates_need_no_anchor():
    t = check("Troops crossed the border on January 3, 2026.", None, "January 3, 2026", "2026-01-03")
    assert t.anchor is None


# --------------------------------------------------------------- weekdays by tense
@pytest.mark.parametrize(
    "sentence,value",
    [
        ("The ministry said on Monday that it had received the letter.", "2026-01-19"),
        ("Dock workers will strike on Friday unless wages rise.", "2026-01-23"),
        ("Union leaders called for a general strike on Friday.", "2026-01-23"),
        ("The court is scheduled to rule on Thursday.", "2026-01-22"),
        ("Police arrested three men on Saturday.", "2026-01-17"),
        ("Sunday's explosion killed four people near the market.", "2026-01-18"),
        ("Ministers met last Tuesday in Brussels.", "2026-01-20"),
        ("The envoy arrives next Monday.", "2026-01-26"),
    ],
)
def test_weekday_direction_from_tense(sentence, value):
    wd = next(w for w in ("Monday", "Tuesday", "Thursday", "Friday", "Saturday", "Sunday") if w in sentence)
    t = find(normalize(sentence, WED), next(t.text for t in normalize(sentence, WED) if wd in t.text))
    assert t.value == value, (sentence, t)
    assert t.anchor == "document date"


def test_weekday_direction_with_parse(nlp):
    text = "The minister said on Monday that dock workers will strike on Friday."
    times = normalize(text, WED, nlp(text))
    assert find(times, "Monday").value == "2026-01-19"
    assert find(times, "Friday").value == "2026-01-23"


def test_pipeline_stage_fills_document(analyze):
    doc = analyze("Rebels shelled the town on Tuesday, and talks resume next week.", published=WED, stages=["times"])
    assert [(t.id, t.text, t.value) for t in doc.times] == [
        ("t1", "Tuesday", "2026-01-20"),
        ("t2", "next week", "2026-W05"),
    ]


# ---------------------------------------------------------------- relative and vague
@pytest.mark.parametrize(
    "sentence,expr,value,type_,mod",
    [
        ("Prices rose sharply last week.", "last week", "2026-W03", "DATE", None),
        ("This week, the council met twice.", "This week", "2026-W04", "DATE", None),
        ("The central bank will decide next month.", "next month", "2026-02", "DATE", None),
        ("Exports fell last year.", "last year", "2025", "DATE", None),
        ("Shelling has intensified over the past three days.", "the past three days", "P3D", "DURATION", None),
        ("A year ago, the border crossing was still open.", "A year ago", "2025", "DATE", None),
        ("The strike began three days ago.", "three days ago", "2026-01-18", "DATE", None),
        ("The plant closed two weeks ago.", "two weeks ago", "2026-W02", "DATE", None),
        ("Investors fled six months ago.", "six months ago", "2025-07", "DATE", None),
        ("The rebels could reach the capital within weeks.", "weeks", "PXW", "DURATION", None),
        ("The town was without power for nearly a week.", "nearly a week", "P1W", "DURATION", "LESS_THAN"),
        ("The siege lasted more than a month.", "a month", "P1M", "DURATION", "MORE_THAN"),
        ("Talks went on for about two hours.", "about two hours", "PT2H", "DURATION", "APPROX"),
        ("The region has seen decades of conflict.", "decades", "PXDE", "DURATION", None),
        ("The reform took a decade.", "a decade", "P10Y", "DURATION", None),
        ("The 24-hour truce expired.", "24-hour", "PT24H", "DURATION", None),
        ("The ceasefire is now holding.", "now", "PRESENT_REF", "DATE", None),
        ("The port is currently closed.", "currently", "PRESENT_REF", "DATE", None),
        ("The governor recently resigned.", "recently", "PAST_REF", "DATE", None),
        ("Officials met yesterday.", "yesterday", "2026-01-20", "DATE", None),
        ("The verdict is expected tomorrow.", "tomorrow", "2026-01-22", "DATE", None),
        ("Crowds gathered tonight.", "tonight", "2026-01-21TNI", "TIME", None),
        ("Sirens sounded this morning.", "this morning", "2026-01-21TMO", "TIME", None),
        ("Police clashed with fans over the weekend.", "the weekend", "2026-W03-WE", "DATE", None),
        ("Revenue grew earlier this year.", "earlier this year", "2026", "DATE", None),
        ("The law takes effect at the end of the year.", "the end of the year", "2026", "DATE", "END"),
    ],
)
def test_relative_and_vague(sentence, expr, value, type_, mod):
    check(sentence, WED, expr, value, type_, mod)


# ------------------------------------------------------- early / mid / late, seasons
@pytest.mark.parametrize(
    "sentence,anchor,expr,value,mod",
    [
        ("Talks collapsed in early March.", "2026-06-10", "early March", "2026-03", "START"),
        ("Elections are due in late October.", "2026-06-10", "late October", "2026-10", "END"),
        ("The harvest fails by mid-July most years.", "2026-06-10", "mid-July", "2026-07", "MID"),
        ("Negotiators met in late 2025.", WED, "late 2025", "2025", "END"),
        ("Construction should start in early 2027.", WED, "early 2027", "2027", "START"),
        ("The fund runs dry by the end of 2025.", WED, "the end of 2025", "2025", "END"),
        ("Growth slowed in mid-2024.", WED, "mid-2024", "2024", "MID"),
        ("The exodus began in the late 1990s.", WED, "the late 1990s", "199", "END"),
        ("Prices peaked late last year.", WED, "late last year", "2025", "END"),
        ("The fleet sails early next month.", WED, "early next month", "2026-02", "START"),
    ],
)
def test_position_modifiers(sentence, anchor, expr, value, mod):
    check(sentence, anchor, expr, value, "DATE", mod)


@pytest.mark.parametrize(
    "sentence,expr,value",
    [
        ("Profits rose in the fourth quarter of 2025.", "the fourth quarter of 2025", "2025-Q4"),
        ("The bank reported Q3 2024 results.", "Q3 2024", "2024-Q3"),
        ("Drought struck last summer.", "last summer", "2025-SU"),
        ("The offensive began in the spring of 2024.", "the spring of 2024", "2024-SP"),
        ("Mills closed in the 1990s.", "the 1990s", "199"),
        ("It was a hit in the '80s.", "the '80s", "198"),
        ("Wars defined the 20th century.", "20th century", "19"),
        ("The first half of 2026 was calm.", "The first half of 2026", "2026-H1"),
    ],
)
def test_quarters_seasons_decades(sentence, expr, value):
    check(sentence, WED, expr, value)


@pytest.mark.parametrize(
    "sentence,expr,value",
    [
        ("The market opens every Monday.", "every Monday", "XXXX-WXX-1"),
        ("Patrols leave every morning.", "every morning", "XXXX-XX-XXTMO"),
        ("The paper is printed daily.", "daily", "P1D"),
        ("Inspectors visit twice a week.", "twice a week", "P1W"),
        ("Fees are reviewed each year.", "each year", "P1Y"),
    ],
)
def test_sets(sentence, expr, value):
    check(sentence, WED, expr, value, "SET")


@pytest.mark.parametrize(
    "sentence,expr,value",
    [
        ("The curfew starts at 3 p.m. on Tuesday.", "3 p.m. on Tuesday", "2026-01-20T15:00"),
        ("Polls close at 8 PM.", "8 PM", "2026-01-21T20:00"),
        ("The match was moved to 15:00 GMT Saturday.", "15:00 GMT Saturday", "2026-01-17T15:00"),
        ("Shots were heard Friday afternoon.", "Friday afternoon", "2026-01-16TAF"),
    ],
)
def test_times_of_day(sentence, expr, value):
    check(sentence, WED, expr, value, "TIME")


# ----------------------------------------------------------------- no document date
@pytest.mark.parametrize(
    "sentence,expr,value",
    [
        ("Prices rose sharply last week.", "last week", "XXXX-WXX"),
        ("Talks collapsed in January.", "January", "XXXX-01"),
        ("The ministry said on Monday it would appeal.", "Monday", "XXXX-WXX-1"),
        ("Exports fell last year.", "last year", "XXXX"),
        ("Officials met yesterday.", "yesterday", "XXXX-XX-XX"),
    ],
)
def test_no_anchor_no_guess(sentence, expr, value):
    t = check(sentence, None, expr, value)
    assert t.anchor is None


# ----------------------------------------------------------------------- the frame rule
def test_yearless_month_takes_year_from_nearby_full_date_before_or_after():
    text = (
        "Officials tied the seizure in early January to disloyal guards. "
        "The raid on January 3, 2026 lasted two hours. "
        "It had been planned since early December, one officer said."
    )
    times = normalize(text, "2025-01-26")
    full = find(times, "January 3, 2026")
    jan = find(times, "early January")
    dec = find(times, "early December")
    assert (jan.value, jan.mod, jan.anchor) == ("2026-01", "START", full.id)
    assert (dec.value, dec.mod, dec.anchor) == ("2025-12", "START", full.id)


def test_historical_full_date_does_not_reset_the_frame():
    text = "The treaty was signed on May 5, 2010. Talks broke down in August, diplomats said."
    aug = find(normalize(text, "2013-03-22"), "August")
    assert (aug.value, aug.anchor) == ("2012-08", "document date")


def test_frame_without_document_date():
    text = "The raid on January 3, 2026 came after weeks of talks. In early January the city was calm."
    times = normalize(text, None)
    full = find(times, "January 3, 2026")
    jan = find(times, "early January")
    assert (jan.value, jan.anchor) == ("2026-01", full.id)


def test_same_year_full_date_keeps_document_anchor():
    t = find(normalize("Rebels took the town on January 9, 2026, and lost it in March.", "2026-06-10"), "March")
    assert (t.value, t.anchor) == ("2026-03", "document date")


# --------------------------------------------------------------------------- not times
@pytest.mark.parametrize(
    "sentence",
    [
        "Police said 12 officers were injured in the clashes.",
        "The government pledged $4 billion in aid.",
        "He spoke on the Rossiya\u201124 channel.",
        "The 600-kilometre pipeline crosses three provinces.",
        "The firm shipped version 2.0.1 of its software.",
        "For details call 202-555-0143 or +44 20 7946 0958.",
        "About 2,000 troops were deployed along the border.",
        "Some 2000 troops were deployed along the border.",
        "The aircraft, Flight 2024, landed safely.",
        "A 22-year-old student was detained.",
        "Officials may meet again, and protesters march to the square.",
        "Prices could fall further, analysts warned.",
        "EURASIA DAILY published the interview.",
        "The vote was 3-1 in favour.",
        "The Sunday Times published the leaked memo.",
        "The Good Friday Agreement ended the conflict.",
        "June Carter and April Ryan attended.",
        "Protests spread across the Arab Spring states.",
        "He recalled the fall of Kabul.",
        "USA Today first reported the deal.",
        "Shares could fall further, and traders want them to fall.",
        "The Anchorage Daily News reported the arrest.",
        "Two men, between 30 and 40 years old, were detained.",
        "He was added to the U.S. Marshals '15 Most Wanted' list.",
        "The screen has 2880 pixels by 1800 pixels.",
        "",
        "“ ” ‘ — … \u2011 \x00 ###",
    ],
)
def test_not_times(sentence):
    assert normalize(sentence, WED) == []


def test_ambiguous_month_names_with_cue():
    assert find(normalize("The book will be published in May.", WED), "May").value == "2026-05"
    assert find(normalize("Protests grew through March, officials said.", "2026-06-10"), "March").value == "2026-03"
    assert find(normalize("Leaves turn in the fall.", WED), "the fall").type == "DATE"


def test_ids_spans_and_order():
    text = "On Monday, three days after the vote on January 16, 2026, the board met again for two hours."
    times = normalize(text, WED)
    assert [t.id for t in times] == [f"t{i}" for i in range(1, len(times) + 1)]
    assert [t.span[0] for t in times] == sorted(t.span[0] for t in times)
    for t in times:
        assert text[t.span[0]:t.span[1]] == t.text


def test_large_odd_input_is_bounded():
    text = ("1999-2000-2001 / 12:30:45 ‘’“” 3-4 " * 2000) + "On Monday the board met."
    times = normalize(text, WED)
    assert any(t.text == "Monday" for t in times)


def test_past_tense_full_date_after_the_document_date_is_a_frame(nlp):
    text = "Troops seized the airport on February 9, 2026, and the junta fell in early March."
    times = normalize(text, "2025-01-10", nlp(text))
    full = find(times, "February 9, 2026")
    assert (find(times, "early March").value, find(times, "early March").anchor) == ("2026-03", full.id)


def test_planned_far_future_date_is_not_a_frame(nlp):
    text = "The stadium will open on June 1, 2028. Workers poured the foundations in March."
    times = normalize(text, "2026-05-10", nlp(text))
    assert (find(times, "March").value, find(times, "March").anchor) == ("2026-03", "document date")


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("There were 1990 votes cast and 2020 ballots printed.", []),
        ("In 2012 police arrested the mayor.", [("2012", "2012")]),
        ("The 2024 elections were close.", [("2024", "2024")]),
        ("They cited a 2009 analysis by the budget office.", [("2009", "2009")]),
        ("He is now 71 years old.", [("now", "PRESENT_REF")]),
        ("The ceasefire took effect at midnight on Saturday.", [("midnight on Saturday", "2026-01-17T24:00")]),
        ("The 2015-16 season ended early.", [("2015", "2015"), ("16", "2016")]),
    ],
)
def test_years_versus_counts(sentence, expected):
    assert [(t.text, t.value) for t in normalize(sentence, WED)] == expected


def test_postponed_until_points_ahead(nlp):
    text = "The qualifier has been postponed until Saturday because of heavy snow."
    assert find(normalize(text, WED, nlp(text)), "Saturday").value == "2026-01-24"


@pytest.mark.parametrize(
    "sentence,values",
    [
        ("The minister is due to arrive on Friday.", ["2026-01-23"]),
        ("The minister arrived on Friday.", ["2026-01-16"]),
        ("Talks are set to resume on Monday.", ["2026-01-26"]),
        ("Voters go to the polls on Sunday.", ["2026-01-25"]),
        ("Sunday's vote was marred by violence.", ["2026-01-18"]),
        ("Sunday's vote could be marred by violence.", ["2026-01-25"]),
        ("The strike, which began on Monday, is expected to end on Friday.", ["2026-01-19", "2026-01-23"]),
        ("The ministry announced on Tuesday that curbs would begin on Thursday.", ["2026-01-20", "2026-01-22"]),
        ("Police say the suspects fled on Monday.", ["2026-01-19"]),
    ],
)
def test_weekday_direction_from_the_parse(nlp, sentence, values):
    assert [t.value for t in normalize(sentence, WED, nlp(sentence))] == values


# Issue 10: kinds of time expression wire copy writes that were mis-read (our own sentences;
# anchor 2026-01-21, a Wednesday).
@pytest.mark.parametrize(
    "sentence,expected",
    [
        # a clock time with its part of the day: "12:27 in the morning" is just after midnight
        ("The first blast came at 12:27 in the morning.", [("12:27 in the morning", "2026-01-21T00:27")]),
        ("Shelling resumed at 9:15 at night.", [("9:15 at night", "2026-01-21T21:15")]),
        ("Sirens sounded at 4:05 in the afternoon.", [("4:05 in the afternoon", "2026-01-21T16:05")]),
        # a stretch of one day, not a vague past
        ("Eleven drones were downed over the past day.", [("the past day", "P1D")]),
        # a month and day after "last": the last one before the document date
        ("He was detained last December 2 in Lomar.", [("last December 2", "2025-12-02")]),
        ("She was freed last January 19.", [("last January 19", "2026-01-19")]),
        # a month range is one period
        ("Imports fell in November-December, the office said.", [("November-December", "2025-11")]),
        # a deictic word restated by its weekday is one day
        ("Envoys met in Tarvel yesterday Tuesday for talks.", [("yesterday Tuesday", "2026-01-20")]),
        # a position word on a part of a day stays in the extent
        ("Jets struck late Tuesday morning.", [("late Tuesday morning", "2026-01-20TMO")]),
        # a range in words is one expression
        ("The convoy needs two or three days to arrive.", [("two or three days", "P3D")]),
        # the half of a month is that month, with a mod
        ("Results are due in the first half of March.", [("the first half of March", "2026-03")]),
        # ordinal centuries written with a hyphen, and "-long" after a plural unit
        ("A 19th-century bridge collapsed.", [("19th-century", "18")]),
        ("The decades-long dispute flared again.", [("decades-long", "PXDE")]),
        # a fraction of a unit: the whole units, then the next smaller unit
        ("He spent three-and-a-half years in prison.", [("three-and-a-half years", "P3Y6M")]),
        ("The meeting lasted one and a half hours.", [("one and a half hours", "PT1H30M")]),
    ],
)
def test_issue10_time_kinds(sentence, expected):
    assert [(t.text, t.value) for t in normalize(sentence, WED)] == expected


def test_bare_part_of_day_takes_the_day_its_sentence_names():
    text = "On January 9, voters queued in the morning. Counting began in the evening."
    got = [(t.text, t.value) for t in normalize(text, WED)]
    assert got == [("January 9", "2026-01-09"), ("the morning", "2026-01-09TMO"), ("the evening", "2026-01-21TEV")]


def test_bare_part_of_day_needs_a_document_date():
    assert normalize("Polling stations opened in the morning.", None) == []


def test_a_dateline_day_anchors_deictic_words_when_the_page_has_no_date():
    from storyline.extract.times import dateline_day

    day = dateline_day("ODRAVA, June 12 (Reuters)")
    text = "Shelling hit the port yesterday evening and resumed today."
    assert [(t.text, t.value) for t in normalize(text, None, None, day)] == [
        ("yesterday evening", "XXXX-06-11TEV"), ("today", "XXXX-06-12")]
    assert dateline_day("ODRAVA, Moldova (Reuters)") is None
    # a document date, when there is one, comes first
    assert normalize("It rained yesterday.", "2026-01-21", None, day)[0].value == "2026-01-20"
    # the day before March 1 of an unknown year is read in a common year
    assert normalize("It rained yesterday.", None, None, dateline_day("ODRAVA, March 1"))[0].value == "XXXX-02-28"
    assert dateline_day("ODRAVA, Feb. 29").month == 2
