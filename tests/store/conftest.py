"""Documents built by hand for the store's tests: every table gets rows, and no spaCy parse
is needed to make them."""

from __future__ import annotations

import pytest

from storyline.model import (
    CitedSource, Document, Entity, Event, Evidence, Flag, Location, Quote, Section, Time,
)

TEXT = (
    "The harbour authority fined two trawlers on Friday, director Anil Ramdin said. "
    "\u201cWe will not tolerate it,\u201d Ramdin told reporters. Fishermen's groups say "
    "the fines are too low."
)


def span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    s = text.index(part, start)
    return (s, s + len(part))


def hand_built(text: str = TEXT, *, source: str = "harbour.txt") -> Document:
    """A document with a row for every table: two entities (one with two mentions), two
    quotes (one with evidence), two events (one located, one not), a time, two flags."""
    fined, quoted = span(text, "fined"), span(text, "We will not tolerate it,")
    return Document(
        id="d" * 64, source=source, outlet="Island Wire", url="https://example.org/harbour",
        headline="Trawlers fined", byline="By K. Ng", published="2026-05-02", dateline="PORT LOUIS",
        cited_sources=[CitedSource(outlet="HARBOUR NEWS", title="Trawlers fined"), CitedSource(outlet="AFP")],
        text=text,
        sections=[Section(span=(0, len(text)))],
        entities=[
            Entity(id="e1", name="Anil Ramdin", type="PERSON", aliases=["Ramdin"], country="MUS", actor="MUSGOV",
                   role="director", mentions=[span(text, "Anil Ramdin"), span(text, "Ramdin", 80)]),
            Entity(id="e2", name="harbour authority", type="ORG", mentions=[span(text, "harbour authority")]),
        ],
        quotes=[
            Quote(speaker="e1", speaker_name="Anil Ramdin", cue="told", cue_span=span(text, "told"),
                  text="We will not tolerate it,", span=quoted, kind="direct",
                  evidence=[Evidence(text="fined two trawlers", span=span(text, "fined two trawlers"))]),
            Quote(speaker_type="groups", cue="say", text="the fines are too low", span=span(text, "the fines are too low"),
                  kind="indirect", status="disputed", section="analysis"),
        ],
        events=[
            Event(source="MUSGOV", source_entity="e2", target=None, code="172", root="17", plover="COERCE",
                  goldstein=-5.0, trigger="fined", trigger_span=fined, date="2026-05-01", date_source="text",
                  time="t1", location=Location(name="Port Louis", country="MUS", lat=-20.16, lon=57.5),
                  sentence=text[:text.index(".") + 1], span=(0, text.index(".") + 1)),
            Event(code="010", root="01", trigger="say", status="alleged", quote=1,
                  sentence=text[span(text, "Fishermen")[0]:], span=(span(text, "Fishermen")[0], len(text))),
        ],
        times=[Time(id="t1", text="Friday", value="2026-05-01", type="DATE", span=span(text, "Friday"),
                    anchor="document date", mod="END")],
        flags=[
            Flag(type="unattributed", message="a claim with no source", spans=[fined], details={"why": "test"}),
            Flag(type="anachronism", message="no details"),
        ],
    )


@pytest.fixture()
def document() -> Document:
    return hand_built()


@pytest.fixture()
def build():
    """``build(text=..., source=...)``: another hand-built document."""
    return hand_built


@pytest.fixture(params=["duckdb", "postgres"])
def db(request, tmp_path):
    """A fresh store location: a DuckDB file, then a PostgreSQL database (the ``pg`` fixture)."""
    if request.param == "duckdb":
        return str(tmp_path / "s.duckdb")
    return request.getfixturevalue("pg")


@pytest.fixture(scope="session")
def hand_built_doc():
    """``hand_built`` for module- and session-scoped fixtures."""
    return hand_built


@pytest.fixture(scope="module")
def pg_database(postgres_url):
    """``pg_database(name)``: a new database on the session's server, its owner's URL returned."""
    import uuid

    import psycopg

    def create(prefix: str = "m") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return postgres_url.rsplit("/", 1)[0] + "/" + name

    return create
