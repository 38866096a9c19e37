"""Scope: the title's and the section's cancer and state, unless the sentence names its own."""

from oncokg.drafting.mentions import Mention
from oncokg.drafting.scope import ANY_CANCER, Scope


def m(entity: str, group: str) -> Mention:
    return Mention(0, 1, entity, entity, group)


def test_section_state_and_title_disease_reach_a_sentence_that_names_neither():
    scope = Scope()
    scope.heading([m("gist", "disease")])
    scope.heading([m("recurrent", "state")])
    assert scope.of([]) == ({"disease": ["gist"], "state": ["recurrent"]}, {"disease": "title", "state": "section"})


def test_a_sentence_naming_its_own_cancer_says_otherwise_but_cancer_cells_do_not():
    scope = Scope()
    scope.heading([m("gist", "disease")])
    assert scope.of([m("gastric_cancer", "disease")])[0] == {"disease": ["gastric_cancer"]}
    assert scope.of([m(ANY_CANCER, "disease")])[0] == {"disease": ["gist"]}


def test_other_cancers_or_kinds_of_cancer_are_cancer_in_general_not_the_scope_s():
    scope = Scope()
    scope.heading([m("gist", "disease")])
    for text in ("It helps against several other cancers.", "It is used for some kinds of cancer."):
        assert scope.of([m(ANY_CANCER, "disease")], text)[0] == {"disease": [ANY_CANCER]}, text
    assert scope.of([m(ANY_CANCER, "disease")], "These cancers grow slowly.")[0] == {"disease": ["gist"]}


def test_a_heading_naming_only_a_treatment_keeps_its_section_and_any_other_heading_ends_it():
    scope = Scope()
    scope.heading([m("refractory", "state")])
    scope.heading([m("gist", "disease")])
    scope.heading([m("sunitinib", "treatment")])
    assert scope.of([])[0] == {"disease": ["gist"], "state": ["refractory"]}
    scope.heading([])
    assert scope.of([])[0] == {"state": ["refractory"], "disease": [ANY_CANCER]}


def test_a_state_with_no_cancer_is_a_state_of_cancer_in_general():
    scope = Scope()
    scope.heading([m("refractory", "state")])
    assert scope.of([])[0] == {"state": ["refractory"], "disease": [ANY_CANCER]}


def test_a_text_without_a_title_takes_its_opening_sentence_subject():
    scope = Scope()
    scope.opening([m("gastric_cancer", "disease")])
    scope.opening([m("gist", "disease")])
    assert scope.of([])[0] == {"disease": ["gastric_cancer"]}


def test_a_heading_s_bare_cancer_keeps_the_title_s_cancer():
    scope = Scope()
    scope.heading([m("gist", "disease")])
    scope.heading([m(ANY_CANCER, "disease"), m("recurrent", "state")])
    assert scope.of([]) == ({"disease": ["gist"], "state": ["recurrent"]}, {"disease": "title", "state": "section"})
