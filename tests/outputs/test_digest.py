"""The Markdown digest on documents analysed by the real pipeline, from sentences of our
own: what a reader found missing or confusing is there and reads naturally."""

from __future__ import annotations

import re

import pytest

from storyline import outputs
from storyline.outputs import labels as lab

TEXT = (
    "Police arrested 12 protesters outside the regional assembly in Ostrava on Wednesday, city officials said.\n\n"
    "\"We acted to protect the building,\" said Tomas Marek, the city's police chief.\n\n"
    "Two witnesses said officers beat several people who had already been detained. "
    "The account could not be independently verified.\n\n"
    "Analysts say the unrest could spread to other towns.\n"
)


@pytest.fixture(scope="module")
def undated():
    import storyline

    return storyline.analyze_text(TEXT)


@pytest.fixture(scope="module")
def dated():
    import storyline

    return storyline.analyze_text(TEXT, published="2026-03-05")


def test_no_publication_date_is_said_and_relative_dates_read_as_what_they_are(undated):
    lines = outputs.to_markdown(undated).splitlines()
    assert "- **Published:** no publication date found" in lines
    [wednesday] = [t for t in undated.times if t.text == "Wednesday"]
    assert wednesday.value.startswith("XXXX")  # no document date to resolve it against
    assert f"- Wednesday → a Wednesday, week and year unknown ({wednesday.value})" in lines
    assert not any(line.startswith("- Wednesday → XXXX") for line in lines)


def test_events_show_actors_label_sentence_and_date(dated):
    md = outputs.to_markdown(dated)
    lines = md.splitlines()
    assert dated.events
    for ev in dated.events:
        head = f"- **{lab.actor(dated, ev.source, ev.source_entity) or '(no source actor)'} → "
        [line] = [i for i, x in enumerate(lines) if x.startswith(head) and f"· {ev.code} {lab.cameo_label(ev.code)} · {ev.status}**" in x]
        assert lab.cameo_label(ev.code)  # every emitted code has its CAMEO name
        assert lines[line + 1] == f"  - sentence: {ev.sentence}"
        when = lines[line + 2]
        assert when.startswith(f"  - when: {lab.describe_timex(ev.date)} ({ev.date})")
        if ev.date_source == "text":
            [t] = [t for t in dated.times if t.id == ev.time]
            assert when.endswith(f"from the text: “{t.text}”")
    arrest = next(ev for ev in dated.events if ev.code.startswith("173"))
    assert "Arrest, detain, or charge with legal action" in md and arrest.date == "2026-03-04"


def test_quote_lines_read_naturally(dated):
    md = outputs.to_markdown(dated)
    direct = next(q for q in dated.quotes if q.kind == "direct")
    ent = dated.entity(direct.speaker)
    assert ent is not None and ent.role
    assert f"- **{ent.name}**, {ent.role}, said: “We acted to protect the building”" in md.splitlines()
    assert "“\"" not in md and "\"”" not in md and "““" not in md  # no doubled quotation marks
    assert not re.search(r"according to:?\s*$", md, re.M | re.I)
    assert not re.search(r"\*\* :", md)
    assert "- **Analysts** (unnamed) say the unrest could spread to other towns — *hedged*" in md.splitlines()


def test_evidence_is_shown_only_under_its_own_claim(dated):
    lines = outputs.to_markdown(dated).splitlines()
    with_evidence = [q for q in dated.quotes if q.evidence]
    assert with_evidence, "the unverified account carries its evidence"
    evidence_lines = [i for i, x in enumerate(lines) if x.startswith("  - evidence")]
    assert len(evidence_lines) == sum(len(q.evidence) for q in dated.quotes)
    for q in with_evidence:
        [at] = [i for i, x in enumerate(lines) if x.startswith("- ") and lab.quote_text(q) in x]
        for k, ev in enumerate(q.evidence):
            assert lines[at + 1 + k].endswith(ev.text)
    unverified = next(q for q in dated.quotes if q.status == "unverified")
    assert any("could not be independently verified" in ev.text for ev in unverified.evidence)


def test_checks_section_is_always_there(dated):
    lines = outputs.to_markdown(dated).splitlines()
    at = lines.index("## Checks")
    if dated.flags:
        assert lines[at + 2].startswith(f"- **{dated.flags[0].type}**")
    else:
        assert lines[at + 2] == "- no flags"
