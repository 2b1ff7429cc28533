"""Articles of our own for the linking tests: two outlets' reports of one event, a wire
copy of one of them, and unrelated articles. No spaCy parse is needed for them."""

from __future__ import annotations

import hashlib

import pytest

from storyline.model import Document, Entity

FERRY_WIRE = (
    "A passenger ferry capsized off the coast of Ilha Verde on Tuesday, killing at least 14 people, "
    "the island's coast guard said.\n\n"
    "The vessel, the Santa Luzia, was carrying about 120 passengers from Porto Alegre do Norte to the "
    "fishing town of Vila Rasa when it overturned in heavy seas, coast guard commander Rui Tavares said.\n\n"
    "Rescue boats pulled 97 survivors from the water and divers were searching the hull for others, "
    "Tavares told reporters at the harbour.\n\n"
    "Survivors said the ferry had been overloaded with cargo and that the crew ignored a storm warning "
    "issued that morning.\n\n"
    "The transport ministry has opened an inquiry into the sinking, the worst on the island in a decade."
)
FERRY_OTHER = (
    "Divers searched on Wednesday for passengers still missing after the ferry Santa Luzia overturned "
    "near Vila Rasa, as the death toll from Tuesday's sinking off Ilha Verde rose to 19.\n\n"
    "Commander Rui Tavares of the coast guard said rough seas had slowed the search for the capsized "
    "ferry. Families gathered at the harbour in Porto Alegre do Norte waiting for news.\n\n"
    "Relatives of passengers accused the ferry operator of overloading the boat, and the transport "
    "minister promised that the inquiry would name those responsible for the sinking."
)
BUDGET = (
    "The central bank of Ilha Verde left its main interest rate unchanged at 6.5 percent on Thursday, "
    "saying inflation had slowed for a third month.\n\n"
    "Governor Marta Lobo said the bank would keep rates on hold until food prices stabilised, and that "
    "the currency had held steady against the dollar.\n\n"
    "Economists had expected the decision; several said a cut could come early next year if the "
    "budget deficit narrows as the finance ministry has promised."
)
FOOTBALL = (
    "Vila Rasa United won the island cup on Sunday, beating Porto Alegre 3-1 in front of a sold-out "
    "stadium.\n\nStriker Joao Mendes scored twice in the second half, and coach Ana Pires praised a "
    "young side that had been tipped for relegation in August."
)


def document(text: str, source: str, *, outlet=None, headline=None, published=None, entities=()) -> Document:
    ents = [Entity(id=f"e{i + 1}", name=n, type=t) for i, (n, t) in enumerate(entities)]
    return Document(id=hashlib.sha256(text.encode("utf-8")).hexdigest(), source=source, outlet=outlet,
                    headline=headline, published=published, text=text, entities=ents)


def wire_copy(text: str) -> str:
    """The wire story as another outlet runs it: first paragraph dropped, boilerplate added."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(["Read more world news at our site. Sign up for the morning briefing."]
                       + paragraphs[1:] + ["(c) 2026 The Harbour Times. All rights reserved."])


@pytest.fixture()
def articles() -> dict[str, Document]:
    ferry = [("Rui Tavares", "PERSON"), ("Ilha Verde", "GPE"), ("Vila Rasa", "GPE"), ("Santa Luzia", "PRODUCT")]
    return {
        "wire": document(FERRY_WIRE, "https://wire.example/ferry", outlet="Island Wire",
                         headline="Ferry capsizes off Ilha Verde, at least 14 dead", published="2026-03-03",
                         entities=ferry),
        "copy": document(wire_copy(FERRY_WIRE), "https://harbourtimes.example/a/991", outlet="The Harbour Times",
                         headline="Overloaded ferry sinks in heavy seas", published="2026-03-03", entities=ferry),
        "other": document(FERRY_OTHER, "https://gazette.example/ferry-toll", outlet="Vila Rasa Gazette",
                          headline="Ferry death toll rises to 19 as divers search", published="2026-03-04",
                          entities=ferry),
        "budget": document(BUDGET, "https://wire.example/rates", outlet="Island Wire",
                           headline="Central bank holds rates", published="2026-03-05",
                           entities=[("Marta Lobo", "PERSON"), ("Ilha Verde", "GPE")]),
        "football": document(FOOTBALL, "football.txt", headline="Vila Rasa United win the cup",
                             entities=[("Vila Rasa United", "ORG"), ("Joao Mendes", "PERSON")]),
    }


@pytest.fixture(params=["duckdb", "postgres"])
def db(request, tmp_path):
    """A fresh store location: a DuckDB file, then a PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "links.duckdb")
    return request.getfixturevalue("pg")


@pytest.fixture()
def texts():
    """The article bodies, and ``wire_copy``."""
    import types

    return types.SimpleNamespace(wire=FERRY_WIRE, other=FERRY_OTHER, budget=BUDGET, football=FOOTBALL,
                                 wire_copy=wire_copy)
