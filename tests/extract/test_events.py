"""Events stage: CAMEO/PLOVER coding from the real spaCy parse, on our own wire-style sentences."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from storyline import data
from storyline.extract import events
from storyline.extract.events import pronouns, rules
from storyline.extract.events.candidates import candidates, matches
from storyline.extract.events.select import BACKGROUND, select
from storyline.model import Document
from storyline.pipeline.run import parser_input, run_stages
from storyline.pipeline.stage import Parse


def _events(analyze, text, published="2026-02-10"):
    return analyze(text, published=published).events


def _find(evs, root=None, code=None, source=None, target=None):
    out = []
    for e in evs:
        if root and e.root != root:
            continue
        if code and e.code != code:
            continue
        if source and not (e.source or "").startswith(source):
            continue
        if target and not (e.target or "").startswith(target):
            continue
        out.append(e)
    return out


# --- the data files -----------------------------------------------------------------------


def test_every_pattern_code_has_plover_type_and_goldstein():
    table = events.cameo_table()
    codes = events.all_codes()
    assert len(codes) > 80
    missing = sorted(c for c in codes if c not in table or table[c].goldstein is None)
    assert missing == []
    # only CAMEO 01 statements lack a PLOVER type (the published table has none for them)
    assert sorted(c for c in codes if not table[c].plover) == sorted(c for c in codes if c.startswith("01"))
    assert "010" not in codes  # a plain statement is never coded: it would be a default code
    roots = {c[:2] for c in codes}
    # every CAMEO root with a PLOVER type (02-20) is covered by the dictionary
    assert {f"{r:02d}" for r in range(2, 21)} <= roots


def test_cameo_table_values():
    table = events.cameo_table()
    assert table["173"].plover == "COERCE" and table["173"].goldstein == -5.0
    assert table["111"].plover == "ACCUSE"
    assert table["190"].plover == "ASSAULT" and table["190"].goldstein == -10.0
    assert table["036"].plover == "AGREE"
    assert table["010"].plover is None  # public statements have no PLOVER type


def test_pattern_file_is_a_general_dictionary():
    raw = resources.files("storyline.data").joinpath("cameo_patterns.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    verbs = data["verb"]
    assert len(verbs) > 80
    lemmas = {lemma for entry in verbs for lemma in entry["lemmas"]}
    for word in ("accuse", "condemn", "arrest", "attack", "meet", "sign", "urge", "threaten", "protest", "release"):
        assert word in lemmas
    for entry in verbs + data["noun"]:
        for lemma in entry["lemmas"]:
            assert len(lemma.split()) <= 3, lemma  # lemmas, not sentence fragments


# --- who did what to whom -------------------------------------------------------------------


def test_active_verb_source_and_target(analyze):
    evs = _events(analyze, "Moscow condemned the Dutch government on Tuesday.")
    hits = _find(evs, root="11", source="RUS", target="NLD")
    assert hits, evs
    e = hits[0]
    assert e.plover == "ACCUSE" and e.goldstein is not None
    assert e.trigger == "condemned"
    assert e.source_entity is not None


def test_passive_agent_is_the_source(analyze):
    evs = _events(analyze, "The opposition leader was arrested by Kenyan police in Nairobi on Friday.")
    hits = _find(evs, code="173", source="KEN")
    assert hits, evs
    assert hits[0].location is not None and hits[0].location.name == "Nairobi"
    assert hits[0].location.country == "KEN" and hits[0].location.lat is not None


def test_nominalization_with_by_phrase(analyze):
    evs = _events(analyze, "The capture of the rebel commander by Colombian troops surprised analysts.")
    assert _find(evs, root="17", source="COL"), evs


def test_coordinated_subjects_meet_reciprocally(analyze):
    evs = _events(analyze, "Brazil and Argentina met in Geneva last week.")
    pairs = {(e.source, e.target) for e in evs if e.root == "04"}
    assert ("BRA", "ARG") in pairs and ("ARG", "BRA") in pairs, evs


def test_two_events_in_one_sentence(analyze):
    text = "Chilean police arrested three protesters, and the interior ministry condemned the violence."
    evs = _events(analyze, text)
    assert _find(evs, code="173", source="CHL")
    assert {e.root for e in evs} >= {"17"}


def test_target_is_the_actor_acted_upon_not_every_object(analyze):
    evs = _events(analyze, "Peru signed a trade agreement with Ecuador in Lima.")
    hits = _find(evs, root="05", source="PER")
    assert hits and all(e.target == "ECU" for e in hits), evs


def test_received_from_reverses_roles(analyze):
    evs = _events(analyze, "Kurdish fighters received weapons from the French government.")
    hits = _find(evs, root="07")
    assert hits and hits[0].source.startswith("FRA"), evs


# --- modality --------------------------------------------------------------------------------


def test_stopped_short_of_is_negated(analyze):
    text = "Ankara has criticized the strike but stopped short of military retaliation against Syria."
    evs = _events(analyze, text)
    fights = [e for e in evs if e.root in ("18", "19", "20")]
    assert all(e.status == "negated" for e in fights), evs
    assert _find(evs, root="11", source="TUR")


def test_did_not_attack_is_negated(analyze):
    evs = _events(analyze, "The Sudanese army did not attack the rebel camp on Monday.")
    assert evs and all(e.status == "negated" for e in evs if e.root == "19"), evs


def test_will_not_provide_aid_is_a_rejection(analyze):
    evs = _events(analyze, "Norway said it would not provide military aid to the junta.")
    hits = [e for e in evs if e.source and e.source.startswith("NOR")]
    assert hits and hits[0].root == "12" and hits[0].status == "reported", evs


def test_planned_meeting_is_intent(analyze):
    evs = _events(analyze, "Beijing and Tokyo are due to hold consultations next month.")
    hits = [e for e in evs if e.source and e.source.startswith(("CHN", "JPN"))]
    assert len({e.source[:3] for e in hits}) == 2, evs
    assert all(e.status == "planned" for e in hits)
    assert all(e.root in ("03", "04") for e in hits)


def test_threatened_to_shell_folds_into_a_threat(analyze):
    evs = _events(analyze, "Pakistan threatened to shell Indian positions along the border.")
    hits = _find(evs, root="13", source="PAK")
    assert hits and hits[0].code.startswith("138"), evs
    assert not _find(evs, root="19")  # the shelling did not happen


def test_accused_of_supplying_is_alleged(analyze):
    evs = _events(analyze, "Iran has been accused of supplying drones to Russian forces.")
    supply = [e for e in evs if e.root == "07"]
    assert supply and all(e.status == "alleged" for e in supply), evs
    assert supply[0].source == "IRN", evs
    # a named accuser: the act is the content of its accusation, coded once as 112
    evs = _events(analyze, "Ukraine accused Iran of supplying drones to Russian forces.")
    assert _find(evs, root="11", source="UKR", target="IRN")
    assert not [e for e in evs if e.root == "07"], evs


def test_conditional_is_hypothetical(analyze):
    evs = _events(analyze, "If Serbian troops attack Kosovo, NATO could respond quickly.")
    attack = [e for e in evs if e.root == "19"]
    assert attack and all(e.status == "hypothetical" for e in attack), evs


def test_must_statement_is_a_demand(analyze):
    evs = _events(analyze, "The German foreign minister said Hungary must release the detained journalists.")
    hits = _find(evs, root="10", source="DEU", target="HUN")
    assert hits, evs


# --- dates, sections, quotes, empty results --------------------------------------------------------


def test_date_from_the_sentence_else_document_date(analyze):
    text = "Egyptian police detained two reporters on March 3, 2026. Cairo later condemned the Qatari broadcaster."
    evs = _events(analyze, text, published="2026-03-10")
    arrest = _find(evs, code="173")[0]
    assert arrest.date == "2026-03-03" and arrest.date_source == "text" and arrest.time
    later = _find(evs, root="11")[0]
    assert later.date == "2026-03-10" and later.date_source == "document date" and later.time is None


def test_no_codable_event_gives_an_empty_list(analyze):
    doc = analyze("The weather in Oslo was mild and the markets were quiet.", published="2026-01-01")
    assert doc.events == []


def test_events_carry_spans_into_the_text(analyze):
    text = "Hungarian police arrested a Serbian smuggler near Szeged."
    doc = analyze(text)
    assert doc.events
    for e in doc.events:
        s, t = e.span
        assert 0 <= s < t <= len(text)
        ts, te = e.trigger_span
        assert text[ts:te] == e.trigger
        if e.source_span:
            assert text[e.source_span[0] : e.source_span[1]].strip()


def test_odd_input_does_not_crash(analyze):
    for text in ["", "   ", "“ unbalanced quote", "!!!", "\u2011\u2011", "x" * 50]:
        doc = analyze(text)
        assert isinstance(doc.events, list)


def test_event_inside_a_quote_links_to_it(analyze):
    text = 'The minister said: "Nigerian troops attacked the village of Kaduna on Monday."'
    doc = analyze(text)
    inside = [e for e in doc.events if e.root == "19"]
    if not doc.quotes:
        pytest.skip("quotes stage found no quote here")
    assert inside and inside[0].quote is not None
    q = doc.quotes[inside[0].quote]
    assert q.span[0] <= inside[0].span[0] and inside[0].span[1] <= q.span[1]


def test_saying_another_actor_used_force_codes_the_act_with_its_reporter(analyze):
    # the reported act (issue 10): the shelling, reported by Pakistan; no accusation
    evs = _events(analyze, "Pakistan said Indian troops shelled Muzaffarabad on Sunday.")
    shelling = _find(evs, root="19", source="IND", target="PAK")
    assert shelling and shelling[0].according_to == "Pakistan", evs
    assert not _find(evs, code="112"), evs


def test_force_on_a_place_targets_its_country_and_reporters_do_not_accuse(analyze):
    evs = _events(analyze, "Medics said Indian troops shelled Muzaffarabad on Sunday.")
    shelling = _find(evs, root="19", source="IND")
    assert shelling and shelling[0].target == "PAK", evs  # force used on a place: the place's country
    assert not _find(evs, code="112"), evs  # an uncoded news source reports, it does not accuse


# --- which matches are reported events -----------------------------------------------------


def test_relative_clause_describing_an_actor_is_not_coded(analyze):
    evs = _events(analyze, "Turkish police released the Swedish journalist, who had been detained in March.")
    assert _find(evs, root="08", source="TUR"), evs
    assert not _find(evs, root="17"), evs
    evs = _events(analyze, "Ecuadorean rebels who attacked a police post last year were arrested by the army on Monday.")
    assert _find(evs, code="173", target="ECU"), evs
    assert not _find(evs, root="19"), evs


def test_headline_and_existential_participles_are_reported(analyze):
    evs = _events(analyze, "Five Egyptian journalists arrested in Cairo")
    assert _find(evs, code="173", target="EGY"), evs
    evs = _events(analyze, "There were 12 Nigerian soldiers killed in the ambush.")
    assert _find(evs, root="19", target="NGA"), evs


def test_nominal_without_an_agent_is_a_reference_not_an_event(analyze):
    evs = _events(analyze, "The opposition leader's arrest dominated debate in the Bolivian parliament.")
    assert evs == [], evs


def test_event_noun_in_a_time_frame_is_not_coded(analyze):
    evs = _events(analyze, "Chinese officials met Nepalese ministers during a visit by the Chinese premier to Kathmandu.")
    assert _find(evs, code="040", source="CHN", target="NPL"), evs
    assert not _find(evs, code="042"), evs


def test_participial_result_elaborates_the_main_act(analyze):
    evs = _events(analyze, "Ethiopian troops shelled the town, killing at least six civilians.")
    force = [e for e in evs if e.root in ("18", "19", "20")]
    assert len(force) == 1 and force[0].trigger == "shelled", evs


def test_requested_act_is_the_content_not_a_second_event(analyze):
    evs = _events(analyze, "The Kenyan president was pressured by Britain to release the prisoners.")
    assert _find(evs, root="10", source="GBR", target="KEN"), evs
    assert not _find(evs, root="08"), evs


def test_grounds_of_a_sentence_are_not_a_second_event(analyze):
    evs = _events(analyze, "A Peruvian court jailed a Bolivian student for helping rebels.")
    assert _find(evs, code="173", source="PER", target="BOL"), evs
    assert [e.root for e in evs] == ["17"], evs


def test_hoped_for_act_is_hypothetical(analyze):
    evs = _events(analyze, "Kenya said it hoped Somali officials would be arrested.")
    arrests = _find(evs, root="17")
    assert arrests and all(e.status == "hypothetical" for e in arrests), evs


def test_ordered_to_leave_is_an_expulsion(analyze):
    evs = _events(analyze, "Lithuania ordered three Belarusian diplomats to leave the country.")
    assert _find(evs, root="16", source="LTU", target="BLR"), evs


def test_natural_causes_are_not_actors(analyze):
    evs = _events(analyze, "Floods killed at least 14 people in northern Peru on Sunday.")
    assert not [e for e in evs if e.root in ("18", "19", "20")], evs


def test_would_not_hesitate_is_planned_not_negated(analyze):
    evs = _events(analyze, "The Chilean government said it would not hesitate to sanction the union.")
    hits = [e for e in evs if e.source and e.source.startswith("CHL")]
    assert hits and all(e.status != "negated" for e in hits), evs


def test_one_sided_act_is_not_mirrored_but_talks_are(analyze):
    evs = _events(analyze, "Moldova ratified a trade treaty with Romania on Tuesday.")
    pairs = {(e.source, e.target) for e in evs if e.root == "05"}
    assert ("MDA", "ROU") in pairs and ("ROU", "MDA") not in pairs, evs
    evs = _events(analyze, "Moldova held talks with Romania on Tuesday.")
    pairs = {(e.source, e.target) for e in evs if e.root == "04"}
    assert ("MDA", "ROU") in pairs and ("ROU", "MDA") in pairs, evs


def test_people_located_in_a_place_are_not_its_government(analyze):
    evs = _events(analyze, "Eritrean rebels shelled the border town of Tesseney, killing four people, aid officials in Khartoum said.")
    assert _find(evs, root="19", source="ERI"), evs
    assert not _find(evs, code="112"), evs  # aid officials in Khartoum are not Sudan's government accusing anyone


def test_passive_support_verb_names_the_doer(analyze):
    evs = _events(analyze, "Serbian forces were engaged in heavy shelling against Bosnian villages.")
    assert _find(evs, root="19", source="SRB"), evs


def test_temporal_clause_is_the_time_frame_of_the_reported_act(analyze):
    text = "Peruvian troops shelled a rebel camp on Monday, officials said, two days after rebels kidnapped four Peruvian engineers."
    evs = _events(analyze, text)
    assert _find(evs, root="19", source="PER"), evs
    assert not _find(evs, root="18"), evs
    evs = _events(analyze, "Colombian rebels kidnapped four Peruvian engineers.")
    assert _find(evs, root="18", source="COL", target="PER"), evs


def test_clause_describing_a_coded_event_noun_is_part_of_it(analyze):
    evs = _events(analyze, "Chadian rebels launched an attack targeting Sudanese soldiers near the border.")
    force = [e for e in evs if e.root in ("18", "19", "20")]
    assert len(force) == 1 and force[0].source.startswith("TCD") and force[0].target.startswith("SDN"), evs


def test_participle_after_a_postposed_attribution_elaborates_the_main_act(analyze):
    text = "Kenyan troops launched an assault on a Somali militant camp, the army said, expanding its campaign against the militants."
    evs = _events(analyze, text)
    force = [e for e in evs if e.root in ("18", "19", "20")]
    assert len(force) == 1 and force[0].source.startswith("KEN"), evs


def test_killed_in_a_strike_is_one_event_with_the_strikes_author_and_code(analyze):
    evs = _events(analyze, "Four Afghan villagers were killed in a Pakistani air strike near Khost.")
    force = [e for e in evs if e.root in ("18", "19", "20")]
    assert len(force) == 1, evs
    assert force[0].code == "195" and force[0].source.startswith("PAK") and force[0].target.startswith("AFG"), evs


def test_attending_a_meeting_abroad_is_a_visit_to_the_host(analyze):
    evs = _events(analyze, "Kenya's foreign minister attended a meeting in Kampala.")
    assert _find(evs, code="042", source="KEN", target="UGA"), evs
    evs = _events(analyze, "Kenya's foreign minister attended a meeting with Ugandan officials.")
    assert _find(evs, code="040", source="KEN", target="UGA"), evs
    # at home the place is where, not whom
    evs = _events(analyze, "The Brazilian president attended a summit in Brasilia on Friday.")
    assert not _find(evs, target="BRA"), evs


def test_scheduled_act_keeps_its_code_announced_act_is_intent(analyze):
    evs = _events(analyze, "The Chilean president is scheduled to attend a summit in Lima.")
    hits = _find(evs, source="CHL", target="PER")
    assert hits and hits[0].code == "042" and hits[0].status == "planned", evs
    evs = _events(analyze, "The Chilean president said he would attend a summit in Lima.")
    hits = _find(evs, source="CHL", target="PER")
    assert hits and hits[0].root == "03", evs


def test_participial_act_of_another_kind_is_its_own_event(analyze):
    text = "Armenia ordered two Georgian diplomats to leave the country, accusing them of spying for a foreign power."
    evs = _events(analyze, text)
    assert _find(evs, root="16", source="ARM", target="GEO"), evs
    assert _find(evs, code="112", source="ARM", target="GEO"), evs  # "them": the diplomats, not Armenia


def test_dateline_is_not_the_subject(analyze):
    evs = _events(analyze, "Quito / Lima — Peru recalled its ambassador from Ecuador on Friday.")
    assert evs and all((e.source or "").startswith("PER") for e in evs), evs


def test_event_noun_frame_without_a_reported_act_is_the_report(analyze):
    evs = _events(analyze, "Analysts have speculated about divisions in Caracas prior to the Colombian raid.")
    assert _find(evs, source="COL"), evs


def test_plural_pronoun_takes_every_coordinated_speaker(analyze):
    evs = _events(analyze, "Ghana and Togo said they would expel the smugglers.")
    assert {e.source for e in evs if e.root in ("13", "17")} >= {"GHA", "TGO"}, evs


def test_condemning_an_attack_targets_its_author_not_its_victims(analyze):
    evs = _events(analyze, "Peru condemned the arrest of its consul by Bolivian police.")
    assert _find(evs, root="11", source="PER", target="BOL"), evs
    evs = _events(analyze, "Turkey condemned the killing of three Turkish soldiers.")
    assert not _find(evs, root="11", target="TUR"), evs  # the victims are not the ones condemned


# --- claims, denials and sympathy (CAMEO 01) --------------------------------------------------


def test_claim_of_responsibility_is_015_aimed_at_the_attacks_target(analyze):
    evs = _events(analyze, "The Somali militant group al-Shabab claimed responsibility for a bomb attack on a hotel in Nairobi on Monday.")
    hits = _find(evs, code="015", source="SOM", target="KEN")
    assert hits, evs
    assert hits[0].plover is None and hits[0].goldstein == 0.0 and hits[0].status == "reported"
    # the attack is the content of the claim, coded once, as the claim
    assert not _find(evs, root="18") and not _find(evs, root="19"), evs


def test_claiming_an_attack_by_verb_and_by_clause(analyze):
    evs = _events(analyze, "Boko Haram claimed the attack on the Nigerian army base.")
    assert _find(evs, code="015", source="NGA", target="NGAMIL"), evs
    evs = _events(analyze, "The rebels admitted that their fighters had shelled the Ethiopian town.")
    assert _find(evs, code="015", target="ETH"), evs
    assert not _find(evs, root="19"), evs


def test_denial_of_responsibility_is_016_not_a_negated_act(analyze):
    evs = _events(analyze, "Russia denied that its troops had shelled the Ukrainian town of Kupiansk.")
    hits = _find(evs, code="016", source="RUS", target="UKR")
    assert hits and hits[0].status == "reported", evs
    assert not _find(evs, root="19"), evs
    evs = _events(analyze, "The Kremlin on Tuesday denied any involvement in the attack on the Georgian border post.")
    assert _find(evs, code="016", source="RUSGOV"), evs


def test_sympathy_is_018_and_thanks_are_praise(analyze):
    evs = _events(analyze, "The Kenyan president sent condolences to the families of the Nigerian victims.")
    assert _find(evs, code="018", source="KENGOV"), evs
    evs = _events(analyze, "The Malian government expressed appreciation for China's assistance.")
    assert _find(evs, code="051", source="MLIGOV", target="CHN"), evs


def test_another_partys_act_claimed_is_still_an_accusation(analyze):
    evs = _events(analyze, "Israel claimed that Hamas fighters had fired rockets at Sderot.")
    assert _find(evs, code="112", source="ISR", target="PSE"), evs
    assert not _find(evs, code="015"), evs


def test_protesters_destroying_property_are_rioting(analyze):
    evs = _events(analyze, "Protesters torched a police station in the Bangladeshi capital on Sunday.")
    assert _find(evs, code="145", source="OPP"), evs
    # the police beating protesters is an assault, not a riot
    evs = _events(analyze, "Belarusian police beat protesters in Minsk.")
    assert _find(evs, root="18", source="BLRCOP") and not _find(evs, code="145"), evs


def test_a_document_speaks_for_its_author(analyze):
    evs = _events(analyze, "A report released on Tuesday in the Kenyan capital accused Ugandan troops of looting.")
    assert _find(evs, code="112", source="KEN", target="UGA"), evs
    evs = _events(analyze, "A report by Amnesty International accused the Egyptian police of torture.")
    assert _find(evs, code="112", source="NGOHRIAMN", target="EGYCOP"), evs
    # a document released is not someone released
    evs = _events(analyze, "The Indian government released a report on the floods.")
    assert not _find(evs, root="08"), evs


def test_hosting_is_paired_with_a_visit(analyze):
    evs = _events(analyze, "Chinese President Xi Jinping hosted the Kenyan president in Beijing on Monday.")
    assert _find(evs, code="043", source="CHNGOV", target="KENGOV"), evs
    assert _find(evs, code="042", source="KENGOV", target="CHNGOV"), evs
    # a visit to a place is not paired with hosting by the place
    evs = _events(analyze, "The Kenyan president visited Beijing on Monday.")
    assert _find(evs, code="042", source="KENGOV", target="CHN") and not _find(evs, code="043"), evs


def test_coordinated_names_misparsed_by_the_small_model_still_act(analyze):
    # en_core_web_sm reads "Barack" as a preposition here; both leaders still meet each other
    evs = _events(analyze, "Barack Obama and Vladimir Putin met in Zurich on Monday.", published="2014-06-02")
    assert _find(evs, code="040", source="USAGOV", target="RUSGOV"), evs
    assert _find(evs, code="040", source="RUSGOV", target="USAGOV"), evs


def test_possessive_pronoun_lends_its_owners_actor(analyze):
    evs = _events(analyze, "Al-Shabaab said its fighters had killed 43 soldiers at the base.")
    assert _find(evs, root="19", source="SOMREB"), evs
    evs = _events(analyze, "The Russian president said his troops had shelled the Ukrainian town of Kupiansk.")
    assert _find(evs, root="19", source="RUSMIL", target="UKR"), evs


def test_participle_describing_a_thing_is_not_an_event(analyze):
    evs = _events(analyze, "The group posted the statement on a website linked to Al-Shabaab.")
    assert not _find(evs, root="11"), evs


def test_examples_driven_modality_and_arguments(analyze):
    # "no" on the subject negates: a denial, not a shooting
    evs = _events(analyze, '"No live rounds were fired by our officers in Kisumu," the Kenyan police spokesman said.')
    assert all(e.status == "negated" for e in evs if e.root in ("18", "19")), evs
    # a second clause with its own subject does not inherit the first clause's negation
    evs = _events(analyze, "The figures could not be verified, and the Somali army rejected the rebels' demands.")
    assert _find(evs, root="12", source="SOMMIL") and all(e.status != "negated" for e in _find(evs, root="12")), evs
    # the speaker's own accusation, joined by the parser to the reported clause
    evs = _events(analyze, "The Kenyan rights commission said two protesters were killed in Kisumu, and accused police of using live ammunition.")
    assert _find(evs, code="112", source="KEN", target="KENCOP"), evs  # police in Kisumu: Kenyan
    assert not _find(evs, code="112", source="KENOPP"), evs
    # declining to comment is CAMEO 011, not a rejection
    evs = _events(analyze, "Azerbaijan's State Security Service declined to comment.")
    assert _find(evs, code="011", source="AZE") and not _find(evs, root="12"), evs
    # a hospital receiving patients is not hosting a visit; one party meeting alone is no event
    assert not _events(analyze, "The Kenyan hospital received three people with gunshot wounds.")
    assert not _find(_events(analyze, "The Kenyan cabinet will meet next month."), root="04")


def test_a_pronoun_refers_to_people_not_a_modifier_or_a_place(analyze):
    text = (
        '"We know the names of those traitors who fled Venezuela and worked for U.S. intelligence," '
        "the Russian ambassador said, accusing them of failing their duty."
    )
    evs = _find(_events(analyze, text), code="112", source="RUS")
    assert evs, evs
    assert all(e.target not in ("USA", "VEN") for e in evs), evs
    assert any(e.target_span is not None for e in evs)  # "them" is kept as words


def test_bare_sector_actors_take_the_dateline_country_and_say_so(analyze):
    from storyline import analyze as analyze_docs
    from storyline.ingest import parse_text

    doc = parse_text(
        "Police fire tear gas in Nairobi\n\n"
        "NAIROBI (Kenya) — Police fired tear gas at protesters in the city centre on Monday.\n\n"
        "Relief officials in Nairobi said the two governments had agreed to meet.\n",
        source="t.txt",
    )
    assert doc.dateline == "NAIROBI (Kenya)"
    doc = next(analyze_docs([doc]))
    fired = [e for e in doc.events if e.code == "175"]
    assert fired and fired[0].source == "KENCOP" and fired[0].target == "KENOPP", doc.events
    assert "source country from the dateline" in fired[0].inferred
    # located people and several governments are not the dateline country's
    later = [e for e in doc.events if e.sentence.startswith("Relief")]
    assert all(not (e.source or "").startswith("KEN") for e in later), later


def test_riot_control_weapons_are_repression_not_artillery(analyze):
    evs = _events(analyze, "Kenyan police fired tear gas and water cannon at protesters in Nairobi.")
    assert _find(evs, code="175", source="KENCOP", target="KENOPP"), evs
    assert not _find(evs, root="19"), evs
    evs = _events(analyze, "Israeli troops fired rockets at Gaza.")
    assert _find(evs, code="194", source="ISRMIL"), evs


def test_travel_is_a_visit_only_to_another_country_or_its_actors(analyze):
    assert _find(_events(analyze, "The Kenyan foreign minister flew to Kampala for talks."), code="042", source="KENGOV", target="UGA")
    assert not _events(analyze, "The patient went to his doctor after three months of fatigue.")
    assert not _find(_events(analyze, "The American president returned to the White House on Sunday."), code="042")


def test_welcoming_an_act_is_approval_welcoming_a_leader_is_hosting(analyze):
    evs = _events(analyze, "The Kenyan government welcomed the prisoner exchange.")
    assert _find(evs, code="051", source="KENGOV") and not _find(evs, code="043"), evs
    evs = _events(analyze, "The Kenyan president hosted a delegation from Uganda.")
    assert _find(evs, code="043", source="KENGOV", target="UGA") and _find(evs, code="042", source="UGA"), evs
    # handing something back is not travel
    assert not _find(_events(analyze, "Britain returned the territory to China in 1997."), code="042")


# --- the named pieces of the stage: each with its own example --------------------------------


def _prepared(nlp, text, published="2026-02-10"):
    """``text`` parsed and run through the stages before events: (document, parse, context)."""
    document = Document(source="<test>", text=text, published=published)
    parsed = nlp(parser_input(document))
    run_stages(document, Parse(parsed, nlp), stages=("sections", "entities", "times", "quotes"))
    return document, parsed, events.Context(document, parsed)


def _coded(nlp, text, recodes=events.RECODES):
    """The events of ``text`` coded with the rules ``recodes`` (by default all, in order)."""
    document, parsed, ctx = _prepared(nlp, text)
    return [e for sent in events.segments(parsed) for e in events.code_sentence(document, ctx, sent, recodes)]


def _pairs(evs, root):
    return {(e.source, e.target) for e in evs if e.root == root}


# rule name -> (an example sentence, what the rule makes true of its events)
RULE_EXAMPLES = {
    "refusal": (
        "Japan will not provide aid to North Korea.",
        lambda evs: any(e.root == "12" and e.status == "reported" for e in _find(evs, source="JPN", target="PRK")),
    ),
    "planned": (
        "Germany will sign a trade agreement with Poland next week.",
        lambda evs: bool(_find(evs, root="03", source="DEU", target="POL")),
    ),
    "must_demand": (
        "France said Iran must release the detained sailors.",
        lambda evs: bool(_find(evs, root="10", source="FRA", target="IRN")),
    ),
    "riot": (
        "Protesters torched a police station in Nepal.",
        lambda evs: bool(_find(evs, code="145", target="NPL")),
    ),
    "passive_author": (
        "Two farmers were killed in Israeli tank fire.",
        lambda evs: bool(_find(evs, root="19", source="ISR")),
    ),
    "fired_from": (
        "A rocket was fired at Israel from the Gaza Strip.",
        lambda evs: bool(_find(evs, root="19", source="PSE", target="ISR")),
    ),
    "framing_country": (
        "In a U.S. operation, special forces captured the militant leader.",
        lambda evs: bool(_find(evs, code="173", source="USA")),
    ),
    "natural_causes": (
        "Floods killed eleven people in Kenya.",
        lambda evs: not any(e.root in ("18", "19", "20") for e in evs),
    ),
    "criticised_subject": (
        # the decision criticised is the target (its author is resolved over the document)
        "The ruling drew sharp criticism from France.",
        lambda evs: any(e.root == "11" and e.source == "FRA" and e.target_span for e in evs),
    ),
    "in_sentence": (
        "Shots were fired.",
        lambda evs: all(e.source_span or e.target_span for e in evs),
    ),
    "inverse": (
        "Kurdish fighters received weapons from the French government.",
        lambda evs: bool(_find(evs, root="07", source="FRA")),
    ),
    "one_party_meeting": (
        "The Kenyan cabinet met on Monday.",
        lambda evs: not _find(evs, root="04"),
    ),
    "reciprocal": (
        "Brazil and Argentina met in Geneva.",
        lambda evs: {("BRA", "ARG"), ("ARG", "BRA")} <= _pairs(evs, "04"),
    ),
    "pairs": (
        "Moscow condemned the Dutch government.",
        lambda evs: bool(_find(evs, root="11", source="RUS", target="NLD")),
    ),
    "responsibility": (
        "Hamas claimed that its fighters attacked the Israeli convoy.",
        lambda evs: bool(_find(evs, code="015", target="ISR")) and not _find(evs, root="19"),
    ),
    "accusation": (
        # an accusing verb: the accusation, coded instead of the act ("said" reports the act,
        # tests/extract/events/test_reported_act.py)
        "Ukraine alleged that Russian troops shelled the town of Kharkiv.",
        lambda evs: bool(_find(evs, code="112", source="UKR", target="RUS")) and not _find(evs, root="19"),
    ),
    "paired_event": (
        "Jordan hosted the Iraqi prime minister.",
        lambda evs: bool(_find(evs, code="042", source="IRQ", target="JOR")),
    ),
}


def test_every_recode_rule_is_named_documented_and_has_an_example():
    names = [r.name for r in events.RECODES]
    assert len(set(names)) == len(names)
    assert set(RULE_EXAMPLES) | {"cameo_code"} == set(names)  # cameo_code: a guard, tested below
    assert all(r.doc for r in events.RECODES)


@pytest.mark.parametrize("name", list(RULE_EXAMPLES))
def test_recode_rule_example(nlp, name):
    text, holds = RULE_EXAMPLES[name]
    evs = _coded(nlp, text)
    assert holds(evs), evs
    without = _coded(nlp, text, [r for r in events.RECODES if r.name != name])
    assert not holds(without), f"{name} changes nothing in its example: {without}"


def test_planned_rule_an_act_announced_on_a_condition_is_a_threat(nlp):
    evs = _coded(nlp, "Germany will sign the trade agreement with Poland unless Warsaw raises tariffs.")
    assert _find(evs, root="13", source="DEU", target="POL"), evs
    # only scheduled, nobody's intention: the act keeps its own code
    evs = _coded(nlp, "The Chilean president is due to visit Lima next week.")
    assert _find(evs, code="042", source="CHL") and all(e.status == "planned" for e in evs), evs


def test_rule_cameo_code_drops_a_code_the_table_lacks(nlp):
    document, parsed, ctx = _prepared(nlp, "Moscow condemned the Dutch government.")
    sent = next(iter(events.segments(parsed)))
    cand = candidates(sent, ctx)[0]
    for code, dropped in (("111", None), ("999", "cameo_code")):
        c = rules.Coding(cand, document, ctx, sent, code, "reported", cand.sources, cand.targets, [])
        rules.cameo_code(c)
        assert c.dropped == dropped


# reason (a BACKGROUND criterion) -> (an example sentence, the trigger it drops)
SELECTION_EXAMPLES = {
    "describes an actor": ("The journalist, who had been arrested by Iranian police last year, left Tehran on Monday.", "arrested"),
    "describes a thing": ("A website linked to the militia was shut down by Kenyan authorities.", "linked"),
    "nominal reference": ("The release of the prisoners came as talks continued.", "release"),
    "time frame": ("Indian officials met Bhutanese ministers during a visit by the Indian president to Thimphu.", "visit"),
    "elaboration": ("Syrian forces shelled the village, killing six civilians.", "killing"),
    "elaboration of an event noun": ("Somali militants launched an attack targeting Kenyan police near the border.", "targeting"),
    "time frame of a coded act": ("Nigerian soldiers clashed with militants on Monday after the militants abducted three Nigerian teachers.", "abducted"),
    "content of a coded act": ("The Thai prime minister was pressured by China to release the fishermen.", "release"),
    "content of an accusation": ("Lithuania accused Belarus of supplying weapons to the rebels.", "supplying"),
    "grounds of a coded act": ("A Cuban court jailed an American contractor for helping dissidents.", "helping"),
}


def test_every_selection_criterion_has_an_example():
    assert set(SELECTION_EXAMPLES) == {reason for reason, _ in BACKGROUND}


@pytest.mark.parametrize("reason", list(SELECTION_EXAMPLES))
def test_selection_criterion_example(nlp, reason):
    text, word = SELECTION_EXAMPLES[reason]
    _, parsed, ctx = _prepared(nlp, text)
    sent = next(iter(events.segments(parsed)))
    kept = matches(sent, ctx)
    assert any(c.trigger.text == word for c in kept), kept  # matched, then ...
    why = {parsed[i].text: r for i, r in select(kept).items()}
    assert why.get(word) == reason, why  # ... dropped by this criterion, the first that applies


def test_pronoun_resolver_interface(nlp):
    text = "Kenya said it would send troops. Brazil and Argentina said they would attack the rebels."
    document, parsed, ctx = _prepared(nlp, text)
    it = next(t for t in parsed if t.lower_ == "it")
    arg = pronouns.resolve(it, ctx.coref, ctx.code_token)
    assert arg is not None and arg.code == "KEN" and arg.span == (it.idx, it.idx + len(it))
    they = next(t for t in parsed if t.lower_ == "they")
    assert {a.code for a in pronouns.coordinated(they, ctx.code_token)} == {"BRA", "ARG"}
    assert pronouns.coordinated(it, ctx.code_token) == []  # "it" is one actor
    troops = next(t for t in parsed if t.lower_ == "troops")
    assert pronouns.resolve(troops, ctx.coref, ctx.code_token) is None  # not a pronoun


# --- the data files' schemas ---------------------------------------------------------------


def _raw(name):
    return tomllib.loads(resources.files("storyline.data").joinpath(name).read_text("utf-8"))


def test_event_words_is_validated():
    raw = _raw("event_words.toml")
    data.validate("event_words.toml", raw)
    raw["places"]["nuons"] = raw["places"].pop("nouns")
    with pytest.raises(data.DataFileError, match="event_words.toml: places: unknown key 'nuons'"):
        data.validate("event_words.toml", raw)
    raw = _raw("pronouns.toml")
    raw["classes"]["relatve"] = raw["classes"].pop("relative")
    with pytest.raises(data.DataFileError, match="pronouns.toml: classes: unknown key 'relatve'"):
        data.validate("pronouns.toml", raw)


def test_cameo_patterns_senses_are_validated():
    raw = _raw("cameo_patterns.toml")
    raw["verb"][0]["taget"] = raw["verb"][0].pop("target")
    with pytest.raises(data.DataFileError, match="unknown key 'taget'"):
        data.validate("cameo_patterns.toml", raw)
    raw = _raw("cameo_patterns.toml")
    raw["noun"][0]["code"] = "19O"  # a letter O for a zero
    with pytest.raises(data.DataFileError, match="cameo_patterns.toml: noun > entry 1"):
        data.validate("cameo_patterns.toml", raw)
    raw = _raw("cameo_patterns.toml")
    raw["verb"][0]["governors"] = ["claim"]  # a noun's key on a verb
    with pytest.raises(data.DataFileError, match="unknown key 'governors'"):
        data.validate("cameo_patterns.toml", raw)


def test_cameo_plover_rows_are_validated():
    row = {"code": "173", "name": "Arrest", "plover": "COERCE", "mode": "arrest", "context": "legal", "goldstein": "-5.0", "note": ""}
    data.validate("cameo_plover.tsv", [row])
    for key, bad in (("code", "17a"), ("plover", "COERCION"), ("goldstein", "strong"), ("goldstein", "-12")):
        with pytest.raises(data.DataFileError, match=f"cameo_plover.tsv: row 1: {key}"):
            data.validate("cameo_plover.tsv", [dict(row, **{key: bad})])
    with pytest.raises(data.DataFileError, match="unknown key 'goldstien'"):
        data.validate("cameo_plover.tsv", [dict(row, goldstien="1.0")])
