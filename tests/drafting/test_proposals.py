"""Unknown names are proposed with their span and a class: INN stems for drugs, and the head of a noun
phrase (its ending or its noun) for treatments, findings, effects and tests."""

from oncokg.drafting.mentions import Mention
from oncokg.drafting.proposals import noun_phrases, propose


def _proposed(text: str, known: list[Mention] = (), vocabulary: frozenset[str] = frozenset()):
    found = propose(text, 0, len(text), list(known), vocabulary)
    assert all(text[p.start : p.end] == p.text for p in found)
    return [(p.text, p.suggested_class) for p in found]


def test_an_unknown_inn_stem_is_proposed_with_its_span():
    text = "Zelpatinib and imatinib and a gastrectomy."
    known = [Mention(15, 23, "imatinib", "imatinib", "treatment")]
    assert _proposed(text, known) == [("Zelpatinib", "TargetedTherapyDrug"), ("gastrectomy", "SurgicalProcedure")]


def test_a_clinical_word_ending_is_a_finding_and_an_effect_beside_side_effects():
    assert _proposed("Her gastritis and a mild polyneuropathy were noted.") == [
        ("gastritis", "ClinicalFinding"),
        ("mild polyneuropathy", "ClinicalFinding"),
    ]
    assert _proposed("Side effects can include arthralgia.") == [("arthralgia", "AdverseEffect")]


def test_a_head_noun_needs_a_modifier_and_takes_those_after_a_determiner():
    # a bare "surgery" or "pain" names nothing new; after "a", every word up to the head is the name's
    assert _proposed("The surgery eased the pain.") == []
    assert _proposed("She had a bone marrow transplant, then a tendon scan.") == [
        ("bone marrow transplant", "SurgicalProcedure"),
        ("tendon scan", "DiagnosticProcedure"),
    ]


def test_which_or_when_words_and_a_verb_after_a_modal_are_no_modifiers():
    assert _proposed("A newer therapy is tried. Pills may cause dermatitis.") == [("dermatitis", "ClinicalFinding")]
    assert _proposed("It may help with gonalgia.") == [("gonalgia", "ClinicalFinding")]


def test_a_head_before_a_noun_is_no_head_and_a_known_name_is_not_proposed():
    # "therapy unit": the phrase's head is "unit"; a phrase overlapping a mention is the graph's
    vocabulary = frozenset({"unit", "radiation"})
    assert noun_phrases("the laser therapy unit", vocabulary) == []
    text = "They offer radiation therapy and photodynamic therapy."
    known = [Mention(11, 28, "radiation therapy", "radiation_therapy", "treatment")]
    assert _proposed(text, known, vocabulary) == [("photodynamic therapy", "TreatmentModality")]
