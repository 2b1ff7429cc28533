"""The checks stage: the anachronism flag, on our own invented articles, with the real parse."""

from __future__ import annotations

import pytest

from storyline.extract import checks
from storyline.extract.checks import earliest_start

STAGES = ["sections", "times", "checks"]


def flags(analyze, text, published):
    doc = analyze(text, published=published, stages=STAGES)
    return doc, [f for f in doc.flags if f.type == "anachronism"]


def test_past_event_after_publication_is_flagged(analyze):
    text = (
        "Special forces captured the rebel commander on January 3, 2026, officials said. "
        "He was flown to the capital the same night."
    )
    doc, found = flags(analyze, text, "2025-01-26")
    assert len(found) == 1
    f = found[0]
    assert f.details["published"] == "2025-01-26"
    assert f.details["event_date"] == "2026-01-03"
    assert "2025-01-26" in f.message and "2026-01-03" in f.message
    s, e = f.spans[-1]
    assert text[s:e] == "January 3, 2026"


def test_one_flag_names_all_conflicting_dates(analyze):
    text = (
        "Negotiators met in secret in late 2025, according to people familiar with the talks. "
        "Troops then seized the airport on February 9, 2026, and the junta fell in early March."
    )
    doc, found = flags(analyze, text, "2025-01-10")
    assert len(found) == 1
    f = found[0]
    assert f.details["event_date"] == "2026-02-09"
    assert "late 2025" in f.details["also"] and "early March" in f.details["also"]


def test_printed_publication_date_span_is_named(analyze):
    text = "Published January 26, 2025\n\nTroops entered the city on January 3, 2026, residents said."
    doc, found = flags(analyze, text, "2025-01-26")
    assert len(found) == 1
    spans = [text[s:e] for s, e in found[0].spans]
    assert spans == ["January 26, 2025", "January 3, 2026"]
    assert found[0].details["published_text"] == "January 26, 2025"


@pytest.mark.parametrize(
    "line,printed",
    [
        ("Last updated: January 26, 2025", True),
        ("Posted on January 26, 2025", True),
        ("Editor's note, January 26, 2025", False),
    ],
)
def test_the_cue_words_name_the_printed_publication_date(analyze, line, printed):
    text = line + "\n\nTroops entered the city on January 3, 2026, residents said."
    doc, found = flags(analyze, text, "2025-01-26")
    assert len(found) == 1
    assert ("published_text" in found[0].details) is printed


@pytest.mark.parametrize(
    "text",
    [
        "Construction is expected to begin in early 2027, the ministry said.",
        "The summit will be held on March 3, 2026 in Nairobi.",
        "The company plans to open the plant in 2027.",
        "The vote is scheduled for February 14, 2026.",
        "Officials hope to finish the bridge by late 2026.",
        "The central bank could raise rates in the second quarter of 2026, analysts said.",
        "Under the deal, troops must leave by June 30, 2026.",
    ],
)
def test_future_plans_are_not_anachronisms(analyze, text):
    doc, found = flags(analyze, text, "2026-01-26")
    assert doc.times, "the test sentence should contain a date"
    assert found == []


@pytest.mark.parametrize(
    "text,published",
    [
        ("Forces captured the commander on January 3, 2026, officials said.", "2026-01-26"),
        ("Rebels shelled the port last week and again on Monday.", "2026-01-26"),
        ("The ministry said on Friday that exports fell in 2025.", "2026-01-26"),
        ("Forces captured the commander on January 3, 2026, officials said.", None),
    ],
)
def test_consistent_articles_carry_no_flag(analyze, text, published):
    doc, found = flags(analyze, text, published)
    assert found == []


def test_checks_are_a_list_of_functions():
    assert checks.anachronism in checks.CHECKS
    assert all(callable(c) for c in checks.CHECKS)


@pytest.mark.parametrize(
    "value,mod,start",
    [
        ("2026-01-03", None, "2026-01-03"),
        ("2026-01", "START", "2026-01-01"),
        ("2025", "END", "2025-09-01"),
        ("2026-W03", None, "2026-01-12"),
        ("2025-Q4", None, "2025-10-01"),
        ("2025-SU", None, "2025-06-01"),
        ("2026-01-03TNI", None, "2026-01-03"),
    ],
)
def test_earliest_start(value, mod, start):
    assert earliest_start(value, mod).isoformat() == start


@pytest.mark.parametrize("value", ["PRESENT_REF", "P3D", "XXXX-01", "XXXX-WXX-1", "2026-13", "21"])
def test_earliest_start_of_non_dates(value):
    assert earliest_start(value) is None


@pytest.mark.parametrize(
    "text",
    [
        "Los Angeles prepared for the 2028 Olympics with new stadiums.",
        "The government set a target of 2030 for carbon neutrality.",
        "The government pledged to cut emissions in half by 2030.",
        "The vote was postponed to February 2027.",
        "The vote was delayed until 2027.",
        "The trial, which begins on March 3, 2026, will be televised.",
        "The agreement, signed in 2024, runs until December 2027.",
        "Rebels vowed to take the capital before 2027.",
    ],
)
def test_named_events_deadlines_and_postponements_are_not_flagged(analyze, text):
    doc, found = flags(analyze, text, "2026-01-26")
    assert doc.times and found == []


@pytest.mark.parametrize(
    "text,flagged",
    [
        ("Officials warned of shortages in 2027.", False),
        ("The bank forecast growth of 3 percent in 2027.", False),
        ("If elected in 2027, she would raise taxes.", False),
        ("The bonds mature in 2030.", False),
        ("Officials warned on March 3, 2027 that stocks were low.", True),
        ("Troops entered the city in March 2027, residents said.", True),
        ("The ministry said the strike ended on February 2, 2027.", True),
    ],
)
def test_anticipations_and_conditions_versus_reports(analyze, text, flagged):
    doc, found = flags(analyze, text, "2026-01-26")
    assert bool(found) is flagged


# ---------------------------------------------------------------------------------------
# contradiction: figures for one quantity, and dates for one event, that disagree
# ---------------------------------------------------------------------------------------


def contradictions(analyze, text, published="2026-03-09"):
    doc = analyze(text, published=published)
    return doc, [f for f in doc.flags if f.type == "contradiction"]


def test_two_death_tolls_in_one_article_are_flagged_with_both_spans(analyze):
    text = (
        "A car bomb tore through the central market of Marbella on Sunday, officials said. "
        "The governor put the death toll at 214 in a televised address. "
        "Hospital staff told reporters that 186 people were killed in the blast."
    )
    doc, found = contradictions(analyze, text)
    assert len(found) == 1
    f = found[0]
    assert [text[s:e] for s, e in f.spans] == ["death toll at 214", "186 people were killed"]
    assert f.details["kind"] == "figure" and f.details["quantity"] == "killed"
    assert (f.details["value_a"], f.details["value_b"]) == ("214", "186")
    assert "214" in f.message and "186" in f.message


def test_a_lower_bound_above_a_later_figure_is_flagged(analyze):
    text = (
        "At least 40 people were wounded when the stand collapsed during the derby. "
        "The club's doctor said 12 people were wounded."
    )
    doc, found = contradictions(analyze, text)
    assert len(found) == 1
    assert [text[s:e] for s, e in found[0].spans] == ["At least 40 people were wounded", "12 people were wounded"]
    assert found[0].details["quantity"] == "wounded"


def test_one_flag_per_quantity_lists_the_other_disagreeing_figures(analyze):
    text = (
        "The ferry capsized off the coast on Friday. Rescuers said 31 people died. "
        "The coast guard said 45 people died. A local radio station said 52 people died."
    )
    doc, found = contradictions(analyze, text)
    assert len(found) == 1
    assert "also" in found[0].details and "52 people died" in found[0].details["also"]


@pytest.mark.parametrize(
    "text",
    [
        # a subset: part of the earlier figure
        "The blast killed 40 people in the square. Twelve of the 40 killed were children.",
        "The strike killed 40 people, medics said, including 12 children.",
        # another counted group
        "The strike killed 40 people, medics said. The army said 12 soldiers were killed.",
        # a range, and a figure inside it
        "Between 30 and 40 people were killed in the clashes. Police said 35 people died.",
        # an approximation that the other figure fits
        "About 200 people died in the floods. The ministry confirmed a death toll of 214.",
        # an update the article states
        "Twelve people were killed in the attack, officials said. The death toll later rose to 19.",
        "The death toll has risen to 19. Initially, officials said 12 people had been killed.",
        # another date
        "Police arrested 12 protesters on Saturday. In 2019, police arrested 300 protesters in the same square.",
        # another place
        "In Aleppo, 40 people were killed. In Homs, 12 people were killed.",
        # another incident, an increment
        "The first bomb killed 12 people. Another 30 people were killed when a second bomb exploded.",
        # different quantities
        "Twelve people were killed and 40 were wounded in the attack.",
        # not a count of people
        "The army said it killed 40 percent of the rebel force. Officials said 12 people were killed.",
    ],
)
def test_figures_that_do_not_count_the_same_thing_are_not_flagged(analyze, text):
    doc, found = contradictions(analyze, text)
    assert found == [], [f.message for f in found]


@pytest.mark.parametrize(
    "text,published",
    [
        # a sentence opening with "It" continues the one before, dated in another year
        ("A quake killed 10 people on Sunday, officials said. The last major quake struck the region in "
         "February 2005. It killed 612 people.", "2026-03-09"),
        # an undated article: "In February" names a time the other sentence does not
        ("A gunman killed two workers at the plant last night. In February, a woman opened fire at a "
         "university, killing three.", None),
    ],
)
def test_background_figures_are_not_flagged(analyze, text, published):
    doc, found = contradictions(analyze, text, published)
    assert found == [], [f.message for f in found]


def test_two_dates_for_one_arrest_of_a_named_person_are_flagged(analyze):
    text = (
        "Police arrested opposition leader Juan Perez on March 3, 2026, his lawyer said. "
        "The interior ministry said officers arrested Perez on March 5, 2026."
    )
    doc, found = contradictions(analyze, text)
    dates = [f for f in found if f.details.get("kind") == "date"]
    assert len(dates) == 1
    assert [text[s:e] for s, e in dates[0].spans] == ["March 3, 2026", "March 5, 2026"]
    assert (dates[0].details["date_a"], dates[0].details["date_b"]) == ("2026-03-03", "2026-03-05")


@pytest.mark.parametrize(
    "text",
    [
        # the article says it happened again
        "Police arrested opposition leader Juan Perez on March 3, 2026. Police arrested Perez again on March 5, 2026.",
        # recurring acts against places and groups are never compared
        "Russian troops attacked Ukrainian positions near Bakhmut on March 2, 2026. "
        "On March 4, 2026, Russian troops attacked Ukrainian positions near Avdiivka.",
        # another kind of event for the same person
        "Police arrested opposition leader Juan Perez on March 3, 2026. He was released on March 5, 2026.",
    ],
)
def test_events_that_recur_or_differ_are_not_date_contradictions(analyze, text):
    doc, found = contradictions(analyze, text)
    assert [f for f in found if f.details.get("kind") == "date"] == []


def test_contradiction_is_a_check():
    assert checks.contradiction in checks.CHECKS


def test_a_nationality_before_the_counted_noun_does_not_make_another_quantity(analyze):
    text = (
        "Seven Somali soldiers were killed when fighters raided a base near the town on Tuesday, a regional "
        "official said. The army said on Tuesday that nine soldiers had been killed in the raid."
    )
    doc, found = contradictions(analyze, text, published="2025-07-10")
    assert len(found) == 1
    assert [text[s:e] for s, e in found[0].spans] == ["Seven Somali soldiers were killed", "nine soldiers had been killed"]


def test_a_superlatives_since_is_no_running_total(analyze):
    # "the deadliest attack since March" compares incidents: the figure is still this attack's
    text = (
        "Fighters attacked an army base before dawn on Tuesday, killing at least nine soldiers, in the "
        "deadliest attack on the army since March. A local official said on Tuesday that seven soldiers were killed."
    )
    doc, found = contradictions(analyze, text, published="2025-07-10")
    assert len(found) == 1 and "at least nine soldiers" in found[0].message
    # while a count "since March" is a running total, not compared with the day's figure
    text = ("Fighters have killed at least 90 soldiers since March, the army said. "
            "A local official said on Tuesday that seven soldiers were killed in the raid.")
    assert not contradictions(analyze, text, published="2025-07-10")[1]


def test_a_long_list_of_disagreeing_figures_gives_one_flag_of_bounded_size(analyze):
    # twenty sources, each with its own toll: 19 pairs with the first, more among the others
    sources = ["the mayor", "the governor", "a nurse", "the police", "the army", "a priest", "the union",
               "a teacher", "the coroner", "a driver", "the minister", "a farmer", "the hospital",
               "a witness", "the council", "a neighbour", "the church", "a porter", "the ferry company",
               "a fisherman"]
    text = "The ferry capsized off the coast on Friday. " + " ".join(
        f"{who.capitalize()} said {20 + 3 * i} people died." for i, who in enumerate(sources))
    doc, found = contradictions(analyze, text)
    assert len(found) == 1
    also = found[0].details["also"]
    assert also.count(" vs ") == checks.ALSO_SHOWN  # shown, the rest counted
    more = int(also.rsplit("; and ", 1)[1].split()[0])
    assert more > 0 and also.endswith(" more pairs")
