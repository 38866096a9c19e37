"""Drafting a short made-up document: stances, certainty, frequency, scope, effects, proposals, offsets."""

import pytest

from oncokg.drafting.draft import check_source_id, draft_document, draft_text
from oncokg.errors import OncoKGError
from oncokg.project import INDEX_FILE


@pytest.fixture(scope="module")
def drafted(document, names, cue_reader):
    return draft_text(document, "made-up", names, cue_reader)


def statements(drafted, treatment):
    return [d for d in drafted.drafts if d.node is not None and d.node["aboutTreatment"] == treatment]


def test_every_draft_is_a_draft_whose_quote_is_the_text_at_its_offsets(document, drafted):
    assert drafted.drafts
    for entry in drafted.as_document()["facts"]:
        assert entry["status"] == "draft"
        start, end = entry["at"]
        assert document[start:end] == entry["quote"]
        assert 0 < entry["confidence"] <= 1


def test_an_option_with_its_frequency_state_and_disease(drafted):
    (imatinib,) = statements(drafted, "imatinib")
    assert imatinib.node == {
        "a": "TreatmentStatement",
        "aboutTreatment": "imatinib",
        "stance": "option",
        "forDisease": "gist",
        "inDiseaseState": "advanced",
        "usageFrequency": "usually",
    }
    assert imatinib.certainty == "hedged"  # "usually": how often is a hedge (data/facts/README.md)


def test_a_rarely_used_treatment_is_never_an_option(drafted):
    (radiation,) = statements(drafted, "radiation_therapy")
    assert radiation.node["stance"] == "rarely_used"
    assert any(cue.startswith("RARE_USE") for cue in radiation.cues)


def test_a_trial_is_trial_only_and_its_may_is_hedged(drafted):
    (regorafenib,) = statements(drafted, "regorafenib")
    assert (regorafenib.node["stance"], regorafenib.certainty) == ("trial_only", "hedged")
    assert "clinical_trial" not in {d.node["aboutTreatment"] for d in drafted.drafts if d.node}


def test_the_section_heading_gives_its_state_and_it_carries_the_treatment(drafted):
    sunitinib = statements(drafted, "sunitinib")
    assert {d.node["a"] for d in sunitinib} == {"TreatmentStatement", "OutcomeStatement"}
    for draft in sunitinib:
        assert draft.node["inDiseaseState"] == "recurrent"
        assert draft.scope_from["state"] == "section"
    outcome = next(d for d in sunitinib if d.node["a"] == "OutcomeStatement")
    assert outcome.sentence.text.startswith("It can also shrink")
    assert outcome.node["outcomeStatus"] == "benefit_shown"
    assert outcome.certainty == "hedged"


def test_side_effects_are_triples_with_their_frequency(drafted):
    (effects,) = [d for d in drafted.drafts if d.triples]
    assert effects.triples == [["sunitinib", "hasAdverseEffect", "fatigue"]]
    assert effects.qualifiers == {"frequency": "common"}


def test_an_unknown_drug_is_proposed_not_drafted(drafted):
    assert [(p.text, p.suggested_class) for p in drafted.proposals] == [("zelpatinib", "TargetedTherapyDrug")]
    assert not any("zelpatinib" in d.sentence.text for d in drafted.drafts)


def test_draft_document_never_overwrites_without_force(document, built, built_project, tmp_path):
    text = tmp_path / "page.txt"
    text.write_text(document, encoding="utf-8")
    out = tmp_path / "page.draft.yaml"
    out.write_text("mine\n", encoding="utf-8")
    args = (text, "made-up", built_project.facts_dir, built_project.build_dir / INDEX_FILE, out)
    with pytest.raises(OncoKGError, match="exists; give --force"):
        draft_document(*args)
    assert out.read_text(encoding="utf-8") == "mine\n"
    target, _ = draft_document(*args, force=True)
    assert target == out and "made-up-draft-1" in out.read_text(encoding="utf-8")


def test_a_bad_source_id_is_refused():
    with pytest.raises(OncoKGError, match="lower-case letters"):
        check_source_id("Bad Id")


def test_an_outcome_a_use_serves_is_its_purpose(names, cue_reader):
    text = "Treating GIST\n\nSunitinib may be given to help patients live longer.\n"
    (statement,) = [d for d in draft_text(text, "p", names, cue_reader).drafts if d.node["a"] == "TreatmentStatement"]
    assert statement.node["forPurpose"] == "longer_survival"


def _statement_nodes(text, names, cue_reader):
    """The statement nodes drafted from a text, in order."""
    return [d.node for d in draft_text(text, "t", names, cue_reader).drafts if d.node]


def _nodes(text, names, cue_reader):
    return [(node["a"], node["aboutTreatment"]) for node in _statement_nodes(text, names, cue_reader)]


def test_a_use_word_of_a_circumstance_drafts_no_use(names, cue_reader):
    text = "GIST\n\nIn most people the tumour shrinks a lot when treated with imatinib.\n"
    assert _nodes(text, names, cue_reader) == [("OutcomeStatement", "imatinib")]


def test_responding_to_a_treatment_is_its_benefit(names, cue_reader):
    text = "GIST\n\nA GIST that grows back might respond to sunitinib.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")]


def test_a_how_often_word_far_from_a_treatment_noun_does_not_undo_a_definition(names, cue_reader):
    text = "GIST\n\nSunitinib is a pill that is usually the second treatment for GIST.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")]
    assert _nodes("GIST\n\nSunitinib is a treatment that is usually given for GIST.\n", names, cue_reader) == []


def test_how_a_treatment_is_given_or_acts_is_a_description_not_a_use(names, cue_reader):
    for line in (
        "Imatinib for GIST is given by mouth once a day.",
        "Radiofrequency ablation for GIST is done by inserting a thin probe.",
        "Sunitinib works by blocking signals in GIST cells.",
        "For GIST, immunotherapy helps the body's immune system to attack the cells.",
        "For GIST, immunotherapy helps your own immune system to attack the cells.",
        "For GIST, sunitinib acts on signals inside the tumour cells.",
    ):
        assert _nodes(f"GIST\n\n{line}\n", names, cue_reader) == [], line


def test_how_treatments_come_about_is_research_not_a_use(names, cue_reader):
    text = "GIST\n\nSunitinib and newer drugs are developed through clinical trials that test whether treating GIST works.\n"
    assert _nodes(text, names, cue_reader) == []
    text = "GIST\n\nFor GIST, sunitinib is given in clinical trials.\n"  # given: a use, in a trial
    assert _nodes(text, names, cue_reader) != []


def test_clauses_of_opposite_stance_are_drafted_each_with_its_own(names, cue_reader):
    text = "GIST\n\nSunitinib is helpful for GIST, while radiation is rarely used for it.\n"
    found = {
        d.node["aboutTreatment"]: (d.node["stance"], d.sentence.text)
        for d in draft_text(text, "t", names, cue_reader).drafts
        if d.node
    }
    assert found == {
        "sunitinib": ("option", "Sunitinib is helpful for GIST"),
        "radiation_therapy": ("rarely_used", "while radiation is rarely used for it."),
    }


def test_a_surgeon_s_verb_is_the_use_of_the_surgery_it_names(names, cue_reader):
    # the index names metastasectomy "removal of tumours that have spread"; the verb says it is done
    text = "GIST\n\nIn GIST the team might remove tumours that have spread.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "metastasectomy")]


def test_what_a_tumour_allows_or_a_treatment_aims_at_is_no_use(names, cue_reader):
    for line in (
        "In GIST a large tumour is harder to remove in one piece at surgery.",
        "In GIST the aim of surgery is to take out every cancer cell.",
    ):
        assert _nodes(f"GIST\n\n{line}\n", names, cue_reader) == [], line


def test_a_question_states_nothing(names, cue_reader):
    assert _nodes("GIST\n\nIs sunitinib used for GIST when imatinib stops working?\n", names, cue_reader) == []
    assert _nodes("GIST\n\nSunitinib is used for GIST when imatinib stops working.\n", names, cue_reader) == [
        ("TreatmentStatement", "sunitinib")
    ]


def test_it_after_leading_adverbs_it_a_use_verb_takes_and_these_drugs_carry_the_treatment_before(names, cue_reader):
    for second in (
        "Now and then, though, it is used to ease pain.",
        "If the tumour shrinks, the team may keep giving it for years.",
        "Doctors say these drugs work.",
    ):
        text = f"GIST\n\nRegorafenib is offered for GIST. {second}\n"
        assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "regorafenib")] * 2, second
    text = "GIST\n\nRegorafenib is offered for GIST. Nobody knows yet how well these drugs work.\n"  # a doubted benefit
    assert _nodes(text, names, cue_reader) == [
        ("TreatmentStatement", "regorafenib"),
        ("OutcomeStatement", "regorafenib"),
    ]


def test_a_treatment_named_first_or_possible_is_a_use(names, cue_reader):
    for line, treatment in (
        ("In GIST the standard first treatment is imatinib.", "imatinib"),
        ("In GIST surgery may become possible later.", "surgery"),
        ("In GIST palliative care may be considered to ease symptoms.", "palliative_care"),
    ):
        assert _nodes(f"GIST\n\n{line}\n", names, cue_reader) == [("TreatmentStatement", treatment)], line


@pytest.mark.parametrize(
    "line",
    [
        "Clinical trials are careful studies that test new medicines for GIST.",
        "In GIST sunitinib can change how the thyroid gland works.",
        "Sunitinib for GIST comes as capsules.",
        "Nivolumab for GIST is given every two weeks.",
        "Immunotherapy drugs use the body's defences against GIST.",
        "A GIST can be considered refractory after imatinib.",
    ],
)
def test_a_plural_defined_by_its_kind_the_body_s_working_and_a_form_or_schedule_are_no_use(line, names, cue_reader):
    assert _nodes(f"GIST\n\n{line}\n", names, cue_reader) == []


def test_a_use_inside_a_doubt_is_what_is_doubted_not_a_use(names, cue_reader):
    text = "GIST\n\nDoctors are unsure whether using sunitinib again helps people with GIST live longer.\n"
    assert _nodes(text, names, cue_reader) == [("OutcomeStatement", "sunitinib")]
    text = "GIST\n\nDoctors give sunitinib again to help people with GIST live longer.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib"), ("OutcomeStatement", "sunitinib")]


def test_a_treatment_that_can_help_is_used_as_well_as_giving_its_outcome(names, cue_reader):
    text = "GIST\n\nIn GIST sunitinib can help people live longer.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib"), ("OutcomeStatement", "sunitinib")]


def test_treatments_listed_as_another_s_companions_are_companions_each(names, cue_reader):
    text = (
        "GIST\n\nSunitinib can be given alone or in combination with other treatments such as radiation therapy, "
        "surgery and chemotherapy.\n"
    )
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")]


def test_a_patient_s_choice_of_no_treatment_is_drafted_as_such(names, cue_reader):
    for line in (
        "Some people with GIST choose not to have any treatment at all.",
        "A few people with GIST do not wish to be treated.",
    ):
        drafts = [d for d in draft_text(f"GIST\n\n{line}\n", "t", names, cue_reader).drafts if d.node]
        assert [(d.node["aboutTreatment"], d.node["stance"]) for d in drafts] == [("no_treatment", "patient_choice")]
    # in a circumstance, the choice is not what the sentence states
    text = "GIST\n\nEven if you decide not to have treatment for GIST, supportive care can help.\n"
    assert ("TreatmentStatement", "no_treatment") not in _nodes(text, names, cue_reader)


def test_it_inside_a_restrictive_who_clause_is_the_treatment_before(names, cue_reader):
    text = "GIST\n\nRegorafenib is offered for GIST. People who take it may live longer.\n"
    assert _nodes(text, names, cue_reader) == [
        ("TreatmentStatement", "regorafenib"),
        ("OutcomeStatement", "regorafenib"),
    ]


def test_trials_where_a_treatment_is_studied_or_that_test_one_are_research_not_a_use(names, cue_reader):
    text = "GIST\n\nDoctors are testing sunitinib for GIST in clinical trials.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")]
    assert _nodes("GIST\n\nClinical trials for GIST are used to test new medicines.\n", names, cue_reader) == []


def test_an_outcome_said_with_make_is_the_outcome_not_a_circumstance(names, cue_reader):
    text = "GIST\n\nIn some people sunitinib makes the tumours smaller.\n"
    assert _nodes(text, names, cue_reader) == [("OutcomeStatement", "sunitinib")]


def test_a_treatment_combined_with_another_is_used(names, cue_reader):
    text = "GIST\n\nFor GIST, sunitinib is combined with radiation to keep the tumour in check.\n"
    assert ("TreatmentStatement", "sunitinib") in _nodes(text, names, cue_reader)


def test_a_benefit_doubted_where_no_use_is_stated_is_an_unproven_outcome(names, cue_reader):
    text = "GIST\n\nFor GIST, how well sunitinib works is still uncertain.\n"
    (node,) = _statement_nodes(text, names, cue_reader)
    assert node["a"] == "OutcomeStatement" and node["aboutTreatment"] == "sunitinib"
    assert (node["hasOutcome"], node["outcomeStatus"]) == ("improved_patient_outcomes", "benefit_unproven")
    assert "stance" not in node
    text = "GIST\n\nFor GIST, doctors may suggest sunitinib, but how well it works is still uncertain.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")]  # a use, its certainty doubted


def test_a_treatment_needed_next_or_the_best_way_is_used(names, cue_reader):
    for line in (
        "For GIST, surgery is usually needed.",
        "For GIST, once the tumour has shrunk, surgery may follow.",
        "For GIST, sunitinib is the best way to slow the growth.",
    ):
        assert any(kind == "TreatmentStatement" for kind, _ in _nodes(f"GIST\n\n{line}\n", names, cue_reader)), line


def test_how_much_of_it_is_the_treatment_named_before(names, cue_reader):
    text = "GIST\n\nSunitinib is offered for GIST.\nMany doctors advise a year of it for GIST.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")] * 2


def test_it_after_a_leading_phrase_or_as_what_is_offered_is_the_treatment_before(names, cue_reader):
    text = "GIST\n\nSunitinib is offered for GIST.\nFor now it is rarely used first for GIST.\n"
    assert ("TreatmentStatement", "sunitinib") in _nodes(text, names, cue_reader)[1:]
    text = "GIST\n\nSunitinib is offered for GIST.\nEven so, you may be offered it for GIST in a trial.\n"
    assert _nodes(text, names, cue_reader)[1:] == [("TreatmentStatement", "sunitinib")]


def test_a_treatment_continued_or_raised_by_the_doctor_is_used(names, cue_reader):
    for line in (
        "For GIST, your doctor may decide to carry on with sunitinib.",
        "For GIST, some people keep taking sunitinib for years.",
        "For GIST, your specialist may mention sunitinib.",
        "For GIST, your team will discuss sunitinib with you.",
        "For GIST, your doctor may offer you sunitinib.",
    ):
        assert _nodes(f"GIST\n\n{line}\n", names, cue_reader) == [("TreatmentStatement", "sunitinib")], line


def test_more_of_a_drug_class_under_study_is_the_unnamed_drugs_being_studied(names, cue_reader):
    for line in (
        "For GIST, further targeted drugs are being tested.",
        "Scientists are exploring other targeted drugs for GIST.",
    ):
        (node,) = _statement_nodes(f"GIST\n\n{line}\n", names, cue_reader)
        assert node["aboutTreatment"] == "unnamed_targeted_drugs_under_study", line
        assert node["stance"] == "under_study"
    text = "GIST\n\nFor GIST, targeted drugs are being tested.\n"  # the class itself, not more of it
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "targeted_therapy")]


def test_the_plain_words_for_pain_medicine_and_a_feeding_tube_name_them(names, cue_reader):
    text = "GIST\n\nFor GIST, you will be given pain relief.\nFor GIST, a nasogastric tube may be used.\n"
    assert [t for _, t in _nodes(text, names, cue_reader)] == ["pain_medication", "nasogastric_feeding"]


def test_they_and_them_carry_treatments_named_as_several_but_not_one(names, cue_reader):
    text = "GIST\n\nSunitinib and regorafenib are drugs.\nDoctors may use them for GIST.\n"
    assert _nodes(text, names, cue_reader) == [
        ("TreatmentStatement", "sunitinib"),
        ("TreatmentStatement", "regorafenib"),
    ]
    text = "GIST\n\nTargeted drugs act on cancer cells.\nThey are offered for GIST.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "targeted_therapy")]
    text = "GIST\n\nSunitinib acts on cancer cells.\nThey are offered for GIST.\n"  # "they" is not the one drug
    assert _nodes(text, names, cue_reader) == []


def test_surgery_to_control_a_symptom_is_palliative_surgery_and_other_surgery_is_not(names, cue_reader):
    text = "GIST\n\nFor GIST, surgery may be done to stop the bleeding.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "palliative_surgery")]
    text = "GIST\n\nFor GIST, surgery is done to remove the tumour.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "surgery")]


def test_medicines_named_only_as_medicines_for_symptoms_are_supportive_care(names, cue_reader):
    for line in (
        "For GIST, other medicines can ease problems such as nausea.",
        "For GIST, medications can help with anxiety.",
    ):
        assert _nodes(f"GIST\n\n{line}\n", names, cue_reader) == [("TreatmentStatement", "supportive_care")], line
    text = "GIST\n\nFor GIST, medicines are given to shrink the tumour.\n"  # medicines in general: no statement
    assert _nodes(text, names, cue_reader) == []
    text = "GIST\n\nFor GIST, you can be given pain medicines.\n"  # "pain medicines" is pain medication
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "pain_medication")]


def test_stopping_treatment_is_a_choice_only_where_someone_chooses_it(names, cue_reader):
    text = "GIST\n\nFor GIST, side effects can stop treatment for a while.\n"
    assert ("TreatmentStatement", "no_treatment") not in _nodes(text, names, cue_reader)
    text = "GIST\n\nFor GIST, some people decide on stopping treatment.\n"
    (node,) = _statement_nodes(text, names, cue_reader)
    assert (node["aboutTreatment"], node["stance"]) == ("no_treatment", "patient_choice")


def test_what_a_treatment_does_to_the_cells_describes_it(names, cue_reader):
    text = "GIST\n\nFor GIST, ablation kills the tumour cells with heat.\n"
    assert _nodes(text, names, cue_reader) == []
    text = "GIST\n\nFor GIST, ablation is used to kill the tumour cells with heat.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "ablation")]


def test_improved_survival_is_an_outcome(names, cue_reader):
    text = "GIST\n\nFor GIST, sunitinib has been shown to improve survival.\n"
    (node,) = _statement_nodes(text, names, cue_reader)
    assert (node["a"], node["hasOutcome"]) == ("OutcomeStatement", "longer_survival")


def test_this_as_what_is_considered_or_offered_is_the_treatment_before(names, cue_reader):
    text = "GIST\n\nSunitinib is offered for GIST.\nThis is usually considered only for GIST that grows.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")] * 2
    text = "GIST\n\nSunitinib is offered for GIST.\nThis is important for GIST.\n"  # "this" is no treatment
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")]


def test_trials_looking_for_people_are_open_to_them_and_your_dose_is_the_dose(names, cue_reader):
    text = "GIST\n\nFor GIST, some clinical trials are looking for people like you.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "clinical_trial")]
    text = "GIST\n\nFor GIST, your doctor may raise your dose of imatinib.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "imatinib_dose_escalation")]


def test_a_drug_people_cannot_take_is_not_what_it_speaks_of_and_a_doubt_of_them_is_theirs(names, cue_reader):
    text = "GIST\n\nSunitinib is offered for GIST.\nIt is also an option for people who cannot take imatinib.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")] * 2
    text = "GIST\n\nSunitinib or regorafenib may be offered for GIST.\nHow much they help is not yet clear.\n"
    doubted = _statement_nodes(text, names, cue_reader)[2:]
    assert [(n["aboutTreatment"], n.get("outcomeStatus")) for n in doubted] == [
        ("sunitinib", "benefit_unproven"),
        ("regorafenib", "benefit_unproven"),
    ]


def test_it_is_the_one_drug_before_unless_those_were_named_as_a_list(names, cue_reader):
    text = "GIST\n\nSunitinib blocks proteins that imatinib leaves alone.\nIt is offered for GIST.\n"
    assert _nodes(text, names, cue_reader)[-1:] == [("TreatmentStatement", "sunitinib")]
    text = "GIST\n\nYou may be offered sunitinib or regorafenib.\nIt is offered for GIST.\n"
    assert _nodes(text, names, cue_reader)[2:] == [
        ("TreatmentStatement", "sunitinib"),
        ("TreatmentStatement", "regorafenib"),
    ]


def test_an_option_or_a_help_is_no_definition_and_an_elliptical_not_is_its_negation(names, cue_reader):
    assert _nodes("GIST\n\nSurgery is an option for small GISTs.\n", names, cue_reader) == [
        ("TreatmentStatement", "surgery")
    ]
    assert _nodes("GIST\n\nImatinib is a targeted drug for GIST.\n", names, cue_reader) == []
    text = "GIST\n\nImatinib is the treatment used most often for GIST.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "imatinib")]
    text = "GIST\n\nSunitinib is a real help for GIST, but radiotherapy is not.\n"
    stances = {node["aboutTreatment"]: node["stance"] for node in _statement_nodes(text, names, cue_reader)}
    assert stances == {"sunitinib": "option", "radiation_therapy": "not_helpful"}


def test_companions_carried_uses_and_who_does_an_operation(names, cue_reader):
    text = (
        "GIST\n\nFor GIST, sunitinib may be given alongside other treatments such as a targeted drug or radiotherapy.\n"
    )
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")]
    text = "GIST\n\nSunitinib is offered for GIST.\nIf it works, your doctor may carry on with it for GIST.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "sunitinib")] * 2
    assert _nodes("GIST\n\nFor GIST, an operation may be carried out.\n", names, cue_reader) == [
        ("TreatmentStatement", "surgery")
    ]
    text = "GIST\n\nFor GIST, an operation should be carried out by a surgeon who knows these tumours.\n"
    assert _nodes(text, names, cue_reader) == []


def test_a_treatment_right_before_as_part_of_a_trial_is_trial_only(names, cue_reader):
    text = "GIST\n\nFor GIST, you may be offered sunitinib as part of a clinical trial.\n"
    (node,) = _statement_nodes(text, names, cue_reader)
    assert (node["aboutTreatment"], node["stance"]) == ("sunitinib", "trial_only")


def test_surgery_on_a_cancer_that_has_come_back_is_removal_of_recurrent_tumours(names, cue_reader):
    text = "GIST that has come back\n\nFor GIST, surgery may be possible.\n"
    assert _nodes(text, names, cue_reader) == [("TreatmentStatement", "recurrence_resection")]
    assert _nodes("GIST\n\nFor GIST, surgery may be possible.\n", names, cue_reader) == [
        ("TreatmentStatement", "surgery")
    ]


def test_how_much_good_these_do_doubts_the_several_drugs_before(names, cue_reader):
    text = "GIST\n\nSunitinib or regorafenib may be offered for GIST.\nIt is uncertain how much good these do.\n"
    doubted = _statement_nodes(text, names, cue_reader)[2:]
    assert {(n["aboutTreatment"], n.get("outcomeStatus")) for n in doubted} == {
        ("sunitinib", "benefit_unproven"),
        ("regorafenib", "benefit_unproven"),
    }
