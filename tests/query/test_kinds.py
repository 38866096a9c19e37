"""The kinds a field expects and how an entity of a class is named in a message."""

from oncokg.query.kinds import NAME_KINDS, Kind, class_words


def test_a_parameter_declaring_classes_is_a_kind_named_after_them():
    kind = Kind.of_classes("biomarker", ("Biomarker", "BiomarkerStatus"))
    assert kind.classes == {"Biomarker", "BiomarkerStatus"} and kind.article == "a biomarker or biomarker status"


def test_a_finding_may_be_a_feature_then_an_outcome_or_factor_then_a_state():
    assert [sorted(t) for t in NAME_KINDS["finding"].tiers] == [
        ["ClinicalFeature"],
        ["DecisionFactor", "TransitionTrigger"],
        ["DiseaseState"],
    ]


def test_an_entity_is_named_by_its_most_telling_class():
    assert class_words(frozenset({"Drug", "Treatment", "Entity"})) == "a treatment"
    labels = {"https://w3id.org/oncokg/Resource": "resource"}
    assert class_words(frozenset({"Resource"}), labels) == "a resource"
    assert class_words(frozenset()) == "another kind of entity"
