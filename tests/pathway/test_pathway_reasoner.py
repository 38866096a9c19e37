"""The treatment-sequence reasoner on the real built graph, setting by setting as the documents describe them.

What a row of `pathway_cases.yaml` can state (the options, exactly or in part, their ranks, what must
not be offered, the notes) is stated there, where curators add rows; these tests keep what a row
cannot: option kinds, firings, cautions and exceptions, durations, settings and requirements of a
step, the quotes behind a ruling, conditional options, fallbacks, shared outcomes and bad input.
Treatments are named by their local names (`imatinib_dose_escalation`); options by their treatment.
"""

import pytest

from helpers import local
from oncokg.errors import OncoKGError
from oncokg.pathway import TreatmentPathways
from oncokg.pathway.answer import Answer
from oncokg.vocab.rdf import BASE

UR = {"cancer": "GIST", "setting": "unresectable"}
LOCAL = {"cancer": "GIST", "setting": "localized resectable"}
MARGINAL = {"cancer": "GIST", "setting": "marginally resectable"}
RECURRENT = {"cancer": "GIST", "setting": "recurrent"}
STOMACH = {"cancer": "stomach cancer", "setting": "recurrent"}
REFRACTORY = {"cancer": "cancer", "setting": "refractory"}


def ask(tp: TreatmentPathways, base: dict, *history: str, **extra) -> Answer:
    return tp.answer({**base, "history": list(history), **extra})


def offered(answer: Answer) -> list[str]:
    """The treatments offered, best first."""
    return [local(o.step.treatment) for o in answer.options]


def ranks(answer: Answer) -> dict[str, int]:
    return {local(o.step.treatment): o.rank for o in answer.options}


def excluded(answer: Answer) -> dict[str, str]:
    return {local(e.treatment): e.kind for e in answer.excluded}


def conditional(answer: Answer) -> set[str]:
    return {local(c.step.treatment) for c in answer.conditional}


def notes(answer: Answer) -> str:
    return " | ".join(answer.notes)


# --- GIST, localized and small ---------------------------------------------------------------------


def test_small_asymptomatic_gist_may_be_watched_or_removed(tp):
    answer = ask(tp, LOCAL, findings=["tumour under 2 cm", "asymptomatic"])
    assert set(offered(answer)) == {"endoscopic_surveillance", "surgery"}
    assert ranks(answer) == {"endoscopic_surveillance": 1, "surgery": 1}
    assert "imatinib" not in offered(answer)


def test_a_gist_that_is_not_small_and_silent_is_removed_not_watched(tp):
    answer = ask(tp, LOCAL)
    assert offered(answer) == ["surgery"]
    assert "endoscopic_surveillance" in conditional(answer)


def test_a_watched_gist_that_grows_goes_to_surgery(tp):
    answer = ask(tp, LOCAL, "endoscopic surveillance:progression", findings=["tumour under 2 cm", "asymptomatic"])
    assert offered(answer) == ["surgery"]
    assert answer.options[0].kind == "next"


def test_a_watched_gist_that_is_stable_keeps_being_watched(tp):
    answer = ask(tp, LOCAL, "endoscopic surveillance:stable", findings=["tumour under 2 cm", "asymptomatic"])
    assert answer.options[0].kind == "continue" and offered(answer)[0] == "endoscopic_surveillance"


# --- GIST, resected: by recurrence risk --------------------------------------------------------------


def test_resected_intermediate_risk_gets_a_year_of_imatinib(tp):
    answer = ask(tp, LOCAL, "surgery:complete resection", findings=["intermediate risk"])
    assert offered(answer) == ["imatinib"]
    assert answer.options[0].step.durations == ("P1Y",)
    assert answer.options[0].step.settings == (BASE + "adjuvant",)


def test_resected_high_risk_gets_three_years_first_then_one(tp):
    answer = ask(tp, LOCAL, "surgery:complete resection", findings=["high risk of recurrence"])
    assert [o.step.durations for o in answer.options] == [("P3Y",), ("P1Y",)]
    assert [o.rank for o in answer.options] == [1, 2]  # "for tumors that are highly likely to come back"
    assert "no_further_treatment" not in offered(answer)
    assert "endoscopic_surveillance" not in offered(answer) + list(conditional(answer))


# --- GIST, marginally resectable: before and after shrinkage ------------------------------------------


def test_marginally_resectable_starts_with_imatinib_after_a_biopsy(tp):
    answer = ask(tp, MARGINAL)
    assert offered(answer) == ["imatinib"]
    step = answer.options[0].step
    assert BASE + "biopsy" in step.requires and BASE + "neoadjuvant" in step.settings
    assert "surgery" not in offered(answer)


def test_after_shrinkage_surgery_follows_imatinib(tp):
    answer = ask(tp, MARGINAL, "imatinib:response")
    assert offered(answer) == ["imatinib", "surgery"]
    assert [o.kind for o in answer.options] == ["continue", "next"]
    assert ranks(answer) == {"imatinib": 1, "surgery": 1}, (
        "continued until it stops shrinking, or surgery if it shrank enough"
    )


def test_after_surgery_imatinib_is_continued(tp):
    answer = ask(tp, MARGINAL, "imatinib:response", "surgery:complete resection")
    assert offered(answer) == ["imatinib"]
    assert answer.options[0].step.iri.endswith("gs-mr-imatinib-adjuvant")
    assert "surgery" not in offered(answer)


def test_after_surgery_a_higher_risk_gets_three_years_of_imatinib_first(tp):
    answer = ask(tp, MARGINAL, "imatinib:response", "surgery:complete resection", findings=["high risk"])
    assert [o.step.durations for o in answer.options] == [("P3Y",), ()]
    assert [o.rank for o in answer.options] == [1, 2]
    assert "at least 3 years of imatinib after surgery" in answer.options[0].step.evidence[0].quote


@pytest.mark.parametrize("risk, excepted", [(["low risk"], True), (["high risk"], False), ([], False)])
def test_after_surgery_the_exception_for_a_low_risk_is_shown_beside_imatinib(tp, risk, excepted):
    """Review 89: "continued after surgery" is said without an exception, but "for at least a year
    afterward (unless the risk of the cancer coming back is low)" holds one; a low-risk patient sees
    both sentences, and the option stays."""
    answer = ask(tp, MARGINAL, "surgery:complete resection", findings=risk)
    first = answer.options[0]
    assert local(first.step.treatment) == "imatinib"
    said = [(u.unless, e.quote) for u in first.excepted for e in u.evidence]
    assert bool(said) is excepted
    if excepted:
        assert all(BASE + "low_recurrence_risk" in unless for unless, _ in said)
        assert any("unless the risk of the cancer coming back is low" in quote for _, quote in said)


def test_not_shrinking_enough_continues_imatinib_then_escalates(tp):
    answer = ask(tp, MARGINAL, "imatinib:insufficient shrinkage")
    assert [o.step.iri.rsplit("/", 1)[-1] for o in answer.options] == ["gs-mr-imatinib-continued"]
    later = ask(tp, MARGINAL, "imatinib:insufficient shrinkage", "imatinib:progression")
    assert offered(later) == ["imatinib_dose_escalation"]


# --- GIST, unresectable or metastatic: every step, on progression and on intolerance ---------------------


def test_unresectable_options_carry_their_order_and_certainty(tp):
    answer = ask(tp, UR, "imatinib:intolerance", "sunitinib:progression", "regorafenib:progression")
    assert ranks(answer) == {"other_targeted_drugs": 1, "clinical_trial": 2}
    certainty = {local(o.step.treatment): o.step.certainty for o in answer.options}
    assert certainty == {"clinical_trial": "hedged", "other_targeted_drugs": "unclear"}


@pytest.mark.parametrize("written", ["Gleevec®", "  GLEEVEC ", "Herceptin®"])
def test_patient_names_match_as_query_parameters_do(tp, written):
    """Trademark signs, case and spacing, as the query resolver reads them."""
    expected = tp.names.resolve(written.replace("®", "").strip().lower(), "treatment")
    assert tp.names.resolve(written, "treatment") == expected


def test_why_names_the_transition_and_the_history_entry(tp):
    option = ask(tp, UR, "Gleevec:progression").options[0]
    firing = option.firings[0]
    assert firing.entry == 0 and firing.trigger == BASE + "progression"
    assert firing.transition.iri.endswith("gs-ur-imatinib-to-dose-escalation")
    assert "increasing the dose of imatinib" in firing.transition.evidence[0].quote


def test_when_the_sequence_runs_out_on_progression_the_refractory_options_are_offered(tp):
    answer = ask(
        tp,
        UR,
        "imatinib:progression",
        "higher-dose imatinib:progression",
        "sunitinib:progression",
        "regorafenib:progression",
        "clinical trial:progression",
        "other targeted drugs:progression",
    )
    assert {"compassionate_use", "supportive_care", "pain_medication"} == set(offered(answer))
    assert all(o.kind == "fallback" for o in answer.options)
    assert ranks(answer)["compassionate_use"] == 1 and ranks(answer)["supportive_care"] == 2
    assert "no next step after" in notes(answer) and "run out" in notes(answer)
    assert answer.fallback is not None and local(answer.fallback.state) == "refractory"


@pytest.mark.parametrize(
    "history",
    [
        ("imatinib:intolerance", "sunitinib:intolerance"),
        ("imatinib:intolerance", "sunitinib:progression", "regorafenib:intolerance"),
    ],
)
def test_intolerance_at_the_end_of_the_sequence_is_not_called_refractory(tp, history):
    answer = ask(tp, UR, *history)
    assert answer.fallback is None and not {o.kind for o in answer.options} & {"fallback"}
    assert "no next step after" in notes(answer) and "intolerance is not refractoriness" in notes(answer)


def test_a_failed_trial_is_not_offered_again(tp):
    answer = ask(
        tp,
        UR,
        "imatinib:intolerance",
        "sunitinib:progression",
        "regorafenib:progression",
        "other targeted drugs:progression",
        "clinical trial:progression",
    )
    assert "clinical_trial" not in offered(answer) and excluded(answer)["clinical_trial"] == "already tried"
    assert "compassionate_use" in offered(answer)


def test_shrinkage_on_targeted_therapy_may_make_surgery_possible(tp):
    answer = ask(tp, UR, "imatinib:progression", "higher-dose imatinib:progression", "sunitinib:response")
    assert offered(answer) == ["sunitinib", "surgery", "clinical_trial"], "what works goes on first (review 80)"
    assert [o.kind for o in answer.options] == ["continue", "next", "entry"]
    after = ask(tp, UR, "sunitinib:response", "surgery:complete resection")
    assert offered(after) == ["targeted_therapy"]


def test_metastatic_gist_is_treated_as_unresectable(tp):
    answer = ask(tp, {"cancer": "GIST", "setting": "metastatic"}, "imatinib:progression")
    assert answer.pathway.iri.endswith("gs-unresectable")
    assert offered(answer) == ["imatinib_dose_escalation", "clinical_trial"]
    assert "acs-gist covers gastrointestinal stromal tumour metastatic with its unresectable pathway" in notes(answer)


# --- GIST spread to the liver, with and without contraindications ------------------------------------------

FEW_SMALL = "no more than a few small liver tumours"


def test_cirrhosis_is_a_caution_on_embolization_with_the_hedged_quote(tp):
    answer = ask(tp, UR, findings=["spread to the liver", "cirrhosis"])
    assert "embolization" in offered(answer) and "embolization" not in excluded(answer)
    option = next(o for o in answer.options if local(o.step.treatment) == "embolization")
    caution = next(c for c in option.cautions if local(c.object) == "cirrhosis")
    assert "cirrhosis" in caution.evidence[0].quote and caution.evidence[0].certainty == "hedged"


def test_a_tumour_near_major_vessels_is_a_caution_on_ablation(tp):
    answer = ask(tp, UR, findings=["liver metastases", FEW_SMALL, "near major blood vessels"])
    assert {"ablation", "embolization"} <= set(offered(answer)) and "ablation" not in excluded(answer)
    option = next(o for o in answer.options if local(o.step.treatment) == "ablation")
    assert {local(c.object) for c in option.cautions} == {"tumour_near_major_structures"}


def test_a_large_tumour_is_a_caution_on_imatinib_not_an_exclusion(tp):
    answer = ask(tp, UR, findings=["large tumour"])
    assert offered(answer) == ["imatinib", "clinical_trial"]
    assert {local(c.object) for c in answer.options[0].cautions} == {"large_tumour"}


def test_the_issue_example_patient(tp):
    answer = tp.answer(
        {
            "cancer": "GIST",
            "setting": "unresectable",
            "biomarkers": {"HER2": "positive"},
            "findings": ["liver metastases", "cirrhosis"],
            "history": [{"treatment": "imatinib", "outcome": "progression"}],
        }
    )
    assert offered(answer) == ["imatinib_dose_escalation", "embolization", "clinical_trial"]
    assert ranks(answer)["imatinib_dose_escalation"] < ranks(answer)["embolization"], "the next line before the liver"
    assert excluded(answer) == {"imatinib": "already tried"}


# --- GIST, recurrent --------------------------------------------------------------------------------------


def test_recurrent_gist_starts_with_imatinib_and_local_treatment_for_defined_tumours(tp):
    assert offered(ask(tp, RECURRENT)) == ["imatinib", "clinical_trial"]
    answer = ask(tp, RECURRENT, findings=["one or more well-defined recurrent tumours"])
    assert offered(answer)[0] == "imatinib" and set(offered(answer)[1:3]) == {"ablation", "recurrence_resection"}


def test_recurrent_gist_after_imatinib_progression_offers_the_higher_dose_or_sunitinib_not_yet_regorafenib(tp):
    answer = ask(tp, RECURRENT, "imatinib:progression")
    assert set(offered(answer)) == {"imatinib_dose_escalation", "sunitinib", "clinical_trial"}, (
        "regorafenib: if imatinib and sunitinib stop working"
    )
    assert ranks(answer) == {"imatinib_dose_escalation": 1, "sunitinib": 1, "clinical_trial": 2}


def test_recurrent_gist_intolerant_of_imatinib_skips_the_higher_dose(tp):
    answer = ask(tp, RECURRENT, "imatinib:intolerance")
    assert set(offered(answer)) == {"sunitinib", "clinical_trial"}


def test_recurrent_gist_offers_regorafenib_once_imatinib_and_sunitinib_stop_working(tp):
    answer = ask(
        tp, {"cancer": "GIST", "setting": "distant recurrence"}, "imatinib:progression", "sunitinib:progression"
    )
    r = ranks(answer)
    assert r["regorafenib"] == 1 and r["clinical_trial"] == 2, "trials stand beside the sequence, after its next step"
    assert "other_targeted_drugs" not in r, "only once imatinib, sunitinib and regorafenib have stopped working"
    assert "sunitinib" not in r and excluded(answer)["sunitinib"] == "already tried"


def test_a_success_drops_the_alternatives_of_the_same_event(tp):
    answer = ask(tp, RECURRENT, "imatinib:progression", "sunitinib:response")
    assert offered(answer) == ["sunitinib", "clinical_trial"] and answer.options[0].kind == "continue"


# --- Stomach cancer: HER2, bleeding, obstruction, nutrition ---------------------------------------------


def test_her2_positive_stomach_cancer_gets_trastuzumab_with_chemotherapy_first(tp):
    answer = ask(tp, STOMACH, biomarkers={"HER2": "positive"})
    assert offered(answer)[:2] == ["trastuzumab", "chemotherapy"]
    assert answer.options[0].step.given_with == (BASE + "chemotherapy",)
    assert answer.options[0].rank == answer.options[1].rank == 1  # listed first; the text orders neither
    assert "supportive_care" in offered(answer) and not answer.excluded


def test_trastuzumab_that_works_well_may_be_kept_after_chemotherapy_finishes(tp):
    def alone(answer):
        return [o for o in answer.options if local(o.step.treatment) == "trastuzumab" and not o.step.given_with]

    answer = ask(tp, STOMACH, "trastuzumab:response", biomarkers={"HER2": "positive"})
    kept = alone(answer)
    assert len(kept) == 1 and kept[0].step.settings == (BASE + "maintenance",)
    assert "after your chemotherapy finishes" in kept[0].step.evidence[0].quote
    assert kept[0].firings[0].trigger == BASE + "response"
    assert not alone(ask(tp, STOMACH, biomarkers={"HER2": "positive"}))  # "if it works well": not before
    assert not alone(ask(tp, STOMACH, "trastuzumab:progression", biomarkers={"HER2": "positive"}))


@pytest.mark.parametrize(
    "biomarkers, words",
    [
        ({"HER2": "negative"}, "the tumour is HER2-negative"),
        ({"HER2": "untested"}, "HER2 status is untested: testing is needed"),
        ({}, "not given (untested): testing is needed"),
    ],
)
def test_trastuzumab_is_ruled_out_without_her2_positivity(tp, biomarkers, words):
    answer = ask(tp, STOMACH, biomarkers=biomarkers)
    assert "trastuzumab" not in offered(answer) and "chemotherapy" in offered(answer)
    exclusion = next(e for e in answer.excluded if local(e.treatment) == "trastuzumab")
    assert exclusion.kind == "biomarker" and words in exclusion.reason and exclusion.evidence
    quotes = [e.quote for e in exclusion.evidence]
    assert any(q.startswith("Trastuzumab only works for people") for q in quotes), quotes
    testing = any(q.startswith("Tests can be done on tissue") for q in quotes)
    assert testing == ("testing is needed" in words), quotes  # how to test, quoted only when untested


@pytest.mark.parametrize("finding", ["bleeding", "obstruction"])
def test_bleeding_or_obstruction_brings_palliative_surgery_and_radiation(tp, finding):
    answer = ask(tp, STOMACH, findings=[finding])
    assert {"palliative_surgery", "radiation_therapy", "chemotherapy", "supportive_care"} <= set(offered(answer))
    without = ask(tp, STOMACH)
    assert "palliative_surgery" not in offered(without) and "palliative_surgery" in conditional(without)


def test_nutritional_support_comes_before_a_planned_surgery(tp):
    """The source: "Pre-surgery nutrition can be improved by feeding intravenously and/or through a
    nasogastric tube". Offered to a malnourished patient whose surgery is planned, named beside the plan; without
    a planned surgery it is conditional on one."""
    answer = ask(tp, STOMACH, findings=["malnourished"], planned=["surgery"])
    assert "nutritional_support" in offered(answer)
    assert "before it, the sources give nutritional support" in notes(answer)
    assert "nutritional_support" in conditional(ask(tp, STOMACH, findings=["malnourished"]))
    assert "nutritional_support" in conditional(ask(tp, STOMACH, findings=["before surgery"]))


def test_stomach_cancer_progressing_on_chemotherapy_may_join_a_trial_or_have_another_regimen(tp):
    answer = ask(tp, STOMACH, "chemotherapy:progression")
    assert ranks(answer)["clinical_trial"] == ranks(answer)["chemotherapy"] == 1, "the text ties trials to no point"
    again = next(o for o in answer.options if local(o.step.treatment) == "chemotherapy").again
    assert "several chemotherapy regimens" in again[0].evidence[0].quote
    assert "chemotherapy" not in excluded(answer)


def test_refractory_stomach_cancer_composes_every_source(tp):
    answer = tp.answer({"cancer": "gastric cancer", "setting": "refractory"})
    assert local(answer.pathway.disease) == "gastric_cancer" and "stomach-recurrent covers" in notes(answer)
    sources = {s for o in answer.options for step in (o.step, *o.support) for s in step.sources}
    assert sources == {"stomach-recurrent", "refractory-overview", "stomach-targeted-immuno", "refractory-what-is"}
    assert [local(p.disease) for p in answer.outcome.general] == ["cancer_in_general"]


# --- Refractory cancer with options exhausted ----------------------------------------------------------


def test_refractory_cancer_has_its_options_exhausted_by_definition(tp):
    answer = ask(tp, REFRACTORY)
    r = ranks(answer)
    assert r["clinical_trial"] == r["compassionate_use"] == 1 and r["pain_medication"] == r["supportive_care"] == 2
    assert {"targeted_therapy", "immunotherapy", "palliative_care"} <= set(r), "refractory-overview's management"
    assert all(r[t] == 3 for t in ("targeted_therapy", "immunotherapy", "palliative_care"))
    assert {"home_care", "hospitalization", "hospice_care"} <= conditional(answer)


def test_a_patient_preferring_home_care_gets_it(tp):
    answer = ask(tp, REFRACTORY, findings=["patient preferences"])
    assert {"home_care", "hospitalization", "hospice_care"} <= set(offered(answer))


# --- History out of order, treatments outside the pathway ------------------------------------------------


def test_history_out_of_the_usual_order_is_answered_with_a_note(tp):
    answer = ask(tp, UR, "sunitinib:progression")
    assert offered(answer) == ["imatinib", "clinical_trial"]
    assert "out of the usual order" in notes(answer) and "after higher-dose imatinib or imatinib" in notes(answer)
    exclusion = next(e for e in answer.excluded if e.kind == "prerequisite")
    assert local(exclusion.treatment) == "regorafenib" and "not yet: imatinib" in exclusion.reason
    assert any("if imatinib and sunitinib stop working" in e.quote for e in exclusion.evidence)


def test_progression_after_resection_and_adjuvant_imatinib_is_a_recurrence(tp):
    answer = ask(tp, LOCAL, "surgery:complete resection", "imatinib:progression", findings=["high risk"])
    assert set(offered(answer)) == {"imatinib_dose_escalation", "sunitinib", "clinical_trial"}
    assert answer.fallback is None and "recurrent pathway" in notes(answer)


def test_a_regimen_given_with_chemotherapy_counts_chemotherapy_as_tried(tp):
    answer = ask(tp, STOMACH, "trastuzumab with chemotherapy:progression", biomarkers={"HER2": "positive"})
    assert excluded(answer)["trastuzumab"] == "already tried"
    chemo = next(o for o in answer.options if local(o.step.treatment) == "chemotherapy")
    assert chemo.again, "offered again only as another regimen, as the source words it"


def test_a_trial_only_stance_is_offered_as_part_of_a_trial_and_shown_against_not_commonly_used(tp):
    from oncokg.pathway.render import step_label

    answer = ask(tp, STOMACH)
    option = next(o for o in answer.options if local(o.step.treatment) == "immunotherapy")
    assert step_label(option.step, tp.graph).endswith("as part of a clinical trial")
    assert [local(u.stance) for u in option.against] == ["rarely_used"]


def test_planned_treatments_are_answered_and_must_be_treatments(tp):
    answer = ask(tp, UR, planned=["chemotherapy"])
    assert "planned chemotherapy: acs-gist says chemotherapy is usually not effective" in notes(answer)
    with pytest.raises(OncoKGError) as caught:
        tp.answer({**UR, "planned": ["bleeding"]})
    assert "field 'planned[1]'" in str(caught.value) and "not a treatment" in str(caught.value)


def test_a_treatment_outside_the_pathway_is_kept_as_history(tp):
    answer = ask(tp, UR, "chemotherapy:progression")
    assert offered(answer) == ["imatinib", "clinical_trial"]
    assert "not a step" in notes(answer) and excluded(answer)["chemotherapy"] == "already tried"


def test_a_narrower_treatment_matches_its_broader_step(tp):
    answer = ask(
        tp, UR, "imatinib:intolerance", "sunitinib:progression", "regorafenib:progression", "Nexavar:progression"
    )
    assert offered(answer) == ["clinical_trial"]
    assert answer.matched[-1][0].endswith("gs-ur-other-targeted-drugs")


def test_states_the_sources_do_not_tell_apart_share_one_result(tp):
    first = ask(tp, UR, "Gleevec:progression")
    assert ask(tp, UR, "imatinib:progression").outcome is first.outcome
    unrelated = ask(tp, UR, "imatinib:progression", findings=["malnourished"])
    assert unrelated.outcome is first.outcome and unrelated.patient != first.patient
    assert ask(tp, UR, "imatinib:progression", findings=["cirrhosis", "liver metastases"]).outcome is not first.outcome
    assert tp.reasoner.reason(first.patient) == first


# --- Bad input: one clear message ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "state, fragment",
    [
        ({"cancer": "GISTT", "setting": "unresectable"}, "field 'cancer': unknown cancer 'GISTT'; did you mean 'GIST'"),
        ({"cancer": "GIST", "setting": "imatinib"}, "'imatinib' names imatinib, a treatment, not a disease state"),
        (
            {"cancer": "GIST", "setting": "unresectable", "findings": ["cirrhossis"]},
            "findings[1]': unknown finding 'cirrhossis'; did you mean 'cirrhosis'",
        ),
        (
            {"cancer": "GIST", "setting": "unresectable", "history": ["imatinb:progression"]},
            "history[1].treatment': unknown treatment 'imatinb'",
        ),
        (
            {"cancer": "GIST", "setting": "unresectable", "history": ["imatinib:grew"]},
            "history[1].outcome': unknown outcome 'grew'",
        ),
        (
            {"cancer": "GIST", "setting": "unresectable", "history": [{"treatment": "imatinib"}]},
            "field 'history[1]': expected",
        ),
        ({"cancer": "GIST", "setting": "unresectable", "history": "imatinib"}, "field 'history': expected a list"),
        (
            {"cancer": "GIST", "setting": "unresectable", "biomarkers": ["HER2"]},
            "field 'biomarkers': expected an object",
        ),
        (
            {"cancer": "stomach cancer", "setting": "recurrent", "biomarkers": {"HER2": "maybe"}},
            "unknown HER2 status 'maybe'; known: +, -, negative, positive, untested",
        ),
        (
            {"cancer": "GIST", "setting": "unresectable", "biomarkers": {"HER3": "positive"}},
            "biomarkers.HER3': unknown biomarker 'HER3'",
        ),
        ({"setting": "unresectable"}, "field 'cancer' is missing"),
        ({"cancer": "GIST", "setting": "unresectable", "stage": 4}, "unknown field 'stage'"),
        (
            {"cancer": "stomach cancer", "setting": "localized resectable"},
            "no pathway for stomach cancer localized resectable; the sources give stomach cancer pathways for: recurrent",
        ),
        ([1, 2], "expected a JSON object"),
    ],
)
def test_bad_patient_states_get_one_clear_line(tp, state, fragment):
    with pytest.raises(OncoKGError) as caught:
        tp.answer(state)
    message = str(caught.value)
    assert fragment in message and "\n" not in message
