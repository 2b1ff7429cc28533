"""Quotes and claims: invented wire-style articles, the real spaCy model, the full pipeline."""

from __future__ import annotations

import pytest

from storyline.extract import quotes
from storyline.pipeline import run_stages
from storyline.model import Document

# --------------------------------------------------------------------------- quotation marks


def test_quotation_pairing_curly_straight_and_multiparagraph():
    text = ('“We will rebuild the bridge,” the mayor said.\n\n'
            'He added: "It will take two years."\n\n'
            '“The first paragraph of a long statement runs on.\n\n'
            '“And the second paragraph closes it,” she said.')
    qs = quotes.find_quotations(text)
    got = [text[q.start:q.end] for q in qs]
    assert got[0] == "“We will rebuild the bridge,”"
    assert got[1] == '"It will take two years."'
    # an opening mark with no closing one continues into the next paragraph
    assert got[2].startswith("“The first paragraph") and got[2].endswith("closes it,”")
    assert len(got) == 3


def test_stray_marks_never_crash_and_stay_in_their_paragraph():
    text = 'The so-called “reform bill passed on Tuesday.\n\nLawmakers left for the recess.” Others ” stayed « put.'
    qs = quotes.find_quotations(text)
    assert all(q.end <= len(text) for q in qs)
    assert all("\n" not in text[q.start:q.end] for q in qs)
    for odd in ["", "“", "”", '"', "“”", '""""', "«»", "“ ” “", "He said “", "\n\n“\n\n"]:
        quotes.find_quotations(odd)


@pytest.mark.parametrize("text", ["", " ", "“", "He said “", "”They said.", '"', "said said said", "“”“”", "\n\n"])
def test_stage_never_crashes_on_odd_text(analyze, text):
    doc = analyze(text)
    for q in doc.quotes:
        assert 0 <= q.span[0] <= q.span[1] <= len(text)


# --------------------------------------------------------------------------- direct quotes

WIRE = """Finance Minister Adaeze Okafor defended the new fuel levy on Wednesday.

“We cannot keep borrowing to pay for petrol that we burn in a week,” Okafor said on the NTV-7 channel, accusing previous governments of hiding the true cost of subsidies.

She charged that the central bank had “looked the other way for a decade” while reserves dwindled.

“Nobody enjoys paying more. But the alternative is a crisis,” said Ibrahim Musa, a spokesman for the ministry. “We have done the arithmetic.”

Okafor also told Reuters that the levy would be reviewed in June.
"""


def _by_text(doc, fragment):
    found = [q for q in doc.quotes if fragment in q.text]
    assert found, f"no quote containing {fragment!r}: {[q.text for q in doc.quotes]}"
    return found[0]


def test_direct_quote_speaker_after_with_medium(analyze):
    doc = analyze(WIRE, published="2026-02-04")
    q = _by_text(doc, "We cannot keep borrowing")
    assert q.kind == "direct"
    assert q.text.startswith("“") and q.text.endswith("”")
    assert "Okafor" in q.speaker_name
    assert q.cue == "said"
    assert q.medium == "NTV-7"
    assert doc.text[q.medium_span[0]:q.medium_span[1]] == "NTV-7"
    assert doc.text[q.span[0]:q.span[1]] == q.text
    if doc.entities:
        ent = doc.entity(q.speaker)
        assert ent is not None and "Okafor" in ent.name


def test_participle_inherits_speaker(analyze):
    doc = analyze(WIRE)
    q = _by_text(doc, "previous governments of hiding")
    assert q.kind == "indirect"
    assert q.cue == "accusing"
    assert "Okafor" in q.speaker_name


def test_partial_quote_and_pronoun_resolution(analyze):
    doc = analyze(WIRE)
    q = _by_text(doc, "looked the other way")
    assert q.kind == "partial"
    assert q.cue == "charged"
    # "She" resolves to the named finance minister, not left as a pronoun
    assert "Okafor" in q.speaker_name
    assert doc.text[q.speaker_span[0]:q.speaker_span[1]] == "She"


def test_multisentence_quote_inverted_speaker_and_continuation(analyze):
    doc = analyze(WIRE)
    q = _by_text(doc, "Nobody enjoys paying more")
    assert q.kind == "direct"
    assert "But the alternative is a crisis" in q.text
    assert q.speaker_name.startswith("Ibrahim Musa")
    more = _by_text(doc, "We have done the arithmetic")
    assert more.speaker_name == q.speaker_name  # the same speaker talking on


def test_told_outlet_is_a_medium(analyze):
    doc = analyze(WIRE)
    q = _by_text(doc, "the levy would be reviewed")
    assert q.medium == "Reuters"
    assert q.kind == "indirect"
    assert "Okafor" in q.speaker_name


def test_speaker_before_colon_and_multiparagraph(analyze):
    text = ("The opposition leader, Tomas Varga, spoke outside parliament on Friday.\n\n"
            "Varga said: “This budget punishes the poor.\n\n"
            "“It rewards the friends of the government, and the voters will remember,” he added.\n")
    doc = analyze(text)
    q = _by_text(doc, "This budget punishes the poor")
    assert q.kind == "direct"
    assert "Varga" in q.speaker_name
    assert "voters will remember" in q.text  # the quote runs over two paragraphs


# --------------------------------------------------------------------------- indirect speech


def test_indirect_speech_forms(analyze):
    text = ("The European Union urged both sides to return to the negotiating table.\n\n"
            "Colonel Rafael Ortiz has repeatedly denied that his troops fired on protesters.\n\n"
            "Ortiz also cast doubt on the inquiry, insisting that the videos had been edited.\n\n"
            "According to the health ministry, 41 people were injured in the clashes.\n")
    doc = analyze(text)
    urged = _by_text(doc, "to return to the negotiating table")
    assert urged.cue == "urged" and "European Union" in urged.speaker_name
    denied = _by_text(doc, "his troops fired on protesters")
    assert denied.status == "denied"
    assert "Ortiz" in denied.speaker_name
    insist = _by_text(doc, "the videos had been edited")
    assert insist.cue == "insisting" and "Ortiz" in insist.speaker_name
    acc = _by_text(doc, "41 people were injured")
    assert acc.cue == "According to"
    assert "health ministry" in acc.speaker_name.lower()
    assert acc.kind == "indirect"


def test_reports_from_an_outlet_are_attributed_and_typed(analyze):
    text = ("Reports from The Meridian Herald indicate that the two ministers met secretly in Vienna in March.\n")
    doc = analyze(text)
    q = _by_text(doc, "the two ministers met secretly")
    assert q.speaker_type == "report"
    assert "Meridian Herald" in q.speaker_name
    assert q.cue == "indicate"


def test_unnamed_sources_stay_unnamed_but_typed(analyze):
    text = ("A Japanese diplomat who spoke on condition of anonymity said the summit would be postponed.\n\n"
            "Analysts say the decision could delay the trade agreement by a year.\n\n"
            "Witnesses said soldiers blocked the road before dawn.\n")
    doc = analyze(text)
    d = _by_text(doc, "summit would be postponed")
    assert d.speaker_type == "anonymous diplomat"
    assert d.speaker is None
    a = _by_text(doc, "could delay the trade agreement")
    assert a.speaker_type == "analysts"
    assert a.status == "hedged"
    w = _by_text(doc, "soldiers blocked the road")
    assert w.speaker_type == "witnesses"


# --------------------------------------------------------------------------- status and evidence


def test_unverified_with_linked_evidence(analyze):
    text = ("“We know exactly who leaked the documents,” Interior Minister Lena Brandt said on Tuesday.\n\n"
            "Opposition deputies said the inquiry would take months.\n\n"
            "Despite the strong words, Brandt has not publicly disclosed any names of the alleged leakers.\n")
    doc = analyze(text)
    q = _by_text(doc, "We know exactly who leaked")
    assert q.status == "unverified"
    assert q.evidence and "has not publicly disclosed any names" in q.evidence[0].text
    s, e = q.evidence[0].span
    assert doc.text[s:e] == q.evidence[0].text
    # the other claim is not touched by evidence about Brandt
    other = _by_text(doc, "the inquiry would take months")
    assert other.status == "asserted" and not other.evidence


def test_evidence_linked_by_shared_content(analyze):
    text = ("The militia's commander said his men had captured three border posts and a fuel depot.\n\n"
            "Officials in the capital announced new curfews.\n\n"
            "No images of the captured border posts have been released, and the capture "
            "could not be independently verified.\n")
    doc = analyze(text)
    q = _by_text(doc, "captured three border posts")
    assert q.status == "unverified"
    assert "could not be independently verified" in q.evidence[0].text


def test_could_not_be_verified_and_no_evidence(analyze):
    text = ("The rebel commander said his fighters had shot down two helicopters. "
            "The claim could not be independently verified.\n\n"
            "Mayor Jonas Pell accused the utility of cutting power to poor districts first, but offered no evidence.\n")
    doc = analyze(text)
    heli = _by_text(doc, "shot down two helicopters")
    assert heli.status == "unverified"
    assert any("independently verified" in e.text for e in heli.evidence)
    pell = _by_text(doc, "cutting power")
    assert pell.status == "unverified"


def test_disputed_and_speculative(analyze):
    text = ("Protest organisers said 20,000 people marched, a claim the police denied.\n\n"
            "Unconfirmed reports suggested that the president had left the country.\n\n"
            "Commentators have speculated about a cabinet reshuffle.\n")
    doc = analyze(text)
    assert _by_text(doc, "20,000 people marched").status == "disputed"
    assert _by_text(doc, "the president had left the country").status == "speculative"
    spec = _by_text(doc, "a cabinet reshuffle")
    assert spec.status == "speculative"
    assert spec.speaker_type == "commentators"


def test_plain_claims_stay_asserted(analyze):
    doc = analyze("The minister said the new hospital would open in May.\n")
    q = _by_text(doc, "the new hospital would open")
    assert q.status == "asserted" and not q.evidence


# --------------------------------------------------------------------------- sections, headline, flags


def test_quotes_in_commentary_sections_are_analysis(analyze):
    text = ("The central bank raised rates on Tuesday, the governor said.\n\n"
            "Implications for Borrowers\n\n"
            "Economists warn that mortgage costs could double within a year.\n")
    doc = analyze(text)
    assert _by_text(doc, "the central bank raised rates".capitalize().split()[0]).section == "reporting"
    assert _by_text(doc, "mortgage costs could double").section == "analysis"


def test_name_colon_quote_in_body_and_headline(nlp):
    text = "Some context about the visit.\n\nVIDEO — Okafor: “We Will Rebuild” in Lagos:\n"
    doc = Document(source="t", text=text, headline="Okafor: “We Will Rebuild” in Lagos")
    parsed = nlp(text)
    from storyline.extract import sections as sec

    run_stages(doc, parsed, ["sections", "entities", "quotes"])
    body = [q for q in doc.quotes if q.field == "text"]
    head = [q for q in doc.quotes if q.field == "headline"]
    assert body and body[0].speaker_name == "Okafor" and body[0].text == "“We Will Rebuild”"
    assert head and head[0].speaker_name == "Okafor"
    s, e = head[0].span
    assert doc.headline[s:e] == "“We Will Rebuild”"


def test_scare_quotes_are_not_quotes(analyze):
    doc = analyze("The so-called “reform” package was delayed again on Monday.\n")
    assert not [q for q in doc.quotes if q.text == "“reform”"]


def test_unattributed_flag_is_conservative(analyze):
    doc = analyze("General Harun Okoro orchestrated the failed coup in 2019.\n\n"
                  "General Harun Okoro orchestrated the failed coup, prosecutors said.\n\n"
                  "The army reopened the airport on Monday.\n")
    flags = [f for f in doc.flags if f.type == "unattributed"]
    assert len(flags) == 1
    s, e = flags[0].spans[0]
    assert doc.text[s:e].startswith("General Harun Okoro orchestrated the failed coup in 2019")


# --------------------------------------------------------------------------- more forms


def test_parenthetical_cue_and_sandwich(analyze):
    text = ("The harbour was busier than ever, the port director said, until the dredging stopped.\n\n"
            "“That,” she added, “is why we need the new channel.”\n")
    doc = analyze(text)
    par = _by_text(doc, "The harbour was busier than ever")
    assert par.cue == "said" and "port director" in par.speaker_name
    assert "until the dredging stopped" in par.text
    sand = _by_text(doc, "is why we need the new channel")
    assert sand.kind == "direct" and sand.text.startswith("“That,”")
    assert sand.cue == "added"


def test_phrasal_cue_and_negated_and_inanimate(analyze):
    text = ("The workers' union called for an independent inquiry into the accident.\n\n"
            "The company has not disclosed the names of the injured workers.\n\n"
            "The accident highlights how little the rules are enforced.\n")
    doc = analyze(text)
    q = _by_text(doc, "an independent inquiry")
    assert q.cue == "called for" and q.text.startswith("an independent inquiry")
    assert not [x for x in doc.quotes if "names of the injured" in x.text]  # negated: no claim
    assert not [x for x in doc.quotes if "how little the rules" in x.text]  # an event is not a source


def test_pronoun_inside_reported_speech_refers_to_its_speaker(analyze):
    text = "Defence lawyers for Mr. Halvorsen said they expected the appeal to be heard in May.\n"
    doc = analyze(text)
    inner = [q for q in doc.quotes if q.text.startswith("the appeal") or q.text.startswith("to be heard")
             or q.cue == "expected"]
    outer = _by_text(doc, "they expected the appeal")
    assert outer.speaker_type == "lawyers"
    for q in inner:
        assert q.speaker_type == "lawyers"


def test_wrong_way_marks_and_quote_lists(analyze):
    text = ("Residents described the night of the flood.\n\n"
            "— Maria Lopez “We were never told to leave our homes.”\n\n"
            "— Idris Haddad ”The water came up to the second floor in an hour.”\n")
    doc = analyze(text)
    lopez = _by_text(doc, "We were never told")
    assert lopez.speaker_name == "Maria Lopez" and lopez.kind == "direct"
    haddad = _by_text(doc, "The water came up")
    assert haddad.speaker_name == "Idris Haddad"
    assert haddad.text.startswith("”The water")


def test_every_span_points_at_its_text(analyze):
    doc = analyze(WIRE + "\n" + "Reports from The Meridian Herald indicate that talks failed. The claim could not be verified.\n")
    for q in doc.quotes:
        assert doc.text[q.span[0]:q.span[1]] == q.text
        if q.cue_span:
            assert _fold_eq(doc.text[q.cue_span[0]:q.cue_span[1]], q.cue)
        if q.speaker_span:
            assert q.speaker_span[0] < q.speaker_span[1] <= len(doc.text)
        for e in q.evidence:
            assert doc.text[e.span[0]:e.span[1]] == e.text


def _fold_eq(a: str, b: str) -> bool:
    return a.replace("\u2011", "-").replace("\u00a0", " ") == b


def test_noun_cues_with_that_clauses(analyze):
    text = ("The governor repeated her warning that reservoirs would run dry by August.\n\n"
            "The union's claim that 3,000 jobs were lost was disputed by the company.\n")
    doc = analyze(text)
    w = _by_text(doc, "reservoirs would run dry")
    assert w.cue == "warning"
    assert w.text.startswith("that reservoirs")
    c = _by_text(doc, "3,000 jobs were lost")
    assert c.cue == "claim"
    assert "union" in (c.speaker_name or "").lower()


def test_nominals_resolve_to_named_entities_and_contrasts_split_claims(analyze):
    text = ("Kenyan Ambassador to Japan Otieno Wambua met trade officials in Tokyo on Monday. "
            "The Foreign Ministry of Japan hosted the talks.\n\n"
            "The ambassador said the tariff dispute would be settled by March.\n\n"
            "The ministry said it welcomed the proposal, while the rights group Amnesty International "
            "said detainees had been mistreated. The group urged the government to open an inquiry.\n")
    doc = analyze(text)
    amb = _by_text(doc, "tariff dispute")
    assert "Wambua" in amb.speaker_name
    assert doc.text[amb.speaker_span[0]:amb.speaker_span[1]] == "The ambassador"
    mini = _by_text(doc, "it welcomed the proposal")
    assert "Ministry" in mini.speaker_name
    assert "Amnesty" not in mini.text  # the contrast ends the ministry's claim
    grp = _by_text(doc, "to open an inquiry")
    assert "Amnesty" in grp.speaker_name
    if doc.entities:
        assert amb.speaker is not None and grp.speaker is not None


def test_random_typography_never_breaks_spans(nlp):
    import random

    from storyline.extract import sections as sec

    rng = random.Random(11)
    pieces = list("ab XY.,;:!?—–“”\"'‘’«»()\n") + [" said", " he said", "according to", "Mr. Osei", " told AFP",
                                                      " denied", " could not be independently verified", "\n\nAnalysis\n\n",
                                                      "• could ", " who said", "Rossi: ", "— Ana Paz "]
    for _ in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        headline = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) or None
        doc = Document(source="fuzz", text=text, headline=headline)
        parsed = nlp(text)
        run_stages(doc, parsed, ["sections", "entities", "quotes"])
        for q in doc.quotes:
            src = doc.headline if q.field == "headline" else doc.text
            assert src[q.span[0]:q.span[1]] == q.text
            for e in q.evidence:
                assert doc.text[e.span[0]:e.span[1]] == e.text


def test_rejection_of_the_claim_by_another_party_disputes_it(analyze):
    text = ("Opposition leader Ana Ruiz said the election had been rigged in three provinces. "
            "The electoral commission rejected the allegation on Tuesday.\n")
    doc = analyze(text)
    ruiz = _by_text(doc, "the election had been rigged")
    assert ruiz.status == "disputed"
    assert ruiz.evidence and "rejected the allegation" in ruiz.evidence[0].text
    rej = _by_text(doc, "the allegation")
    assert rej.status == "denied" and "commission" in rej.speaker_name.lower()


def test_acts_are_not_claims_and_datelines_stay_out(nlp):
    from storyline.extract import sections as sec

    text = ("QUITO (Example Wire) — The government declared a state of emergency in two provinces "
            "on Sunday after floods, officials said.\n\nIslamist militants attacked an army base overnight.\n")
    doc = Document(source="t", text=text, dateline_span=(0, len("QUITO (Example Wire)")))
    parsed = nlp(text)
    run_stages(doc, parsed, ["sections", "entities", "quotes"])
    cues = [q.cue for q in doc.quotes]
    assert "declared" not in cues and "attacked" not in cues
    said = _by_text(doc, "state of emergency")
    assert said.cue == "said" and said.text.startswith("The government declared")
    assert "QUITO" not in said.text


def test_colon_lines_headlines_and_transcripts(analyze):
    text = ("Poll: Voters in the north have turned against the coalition.\n\n"
            "Update: The minister resigned on Friday.\n\n"
            "“HOST: Let's start with the budget. Why did the talks collapse?\n\n"
            "“OKONKWO: Because the other side never wanted a deal.”\n")
    doc = analyze(text)
    poll = _by_text(doc, "Voters in the north")
    assert poll.speaker_name == "Poll" and poll.cue == ":"
    assert not [q for q in doc.quotes if q.speaker_name == "Update"]
    ok = _by_text(doc, "Because the other side")
    assert ok.speaker_name.upper() == "OKONKWO" and ok.kind == "direct"
    assert "OKONKWO" not in ok.text
