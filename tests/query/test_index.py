"""The index tiers and the keys a typed text is tried with, on hand-made rows."""

from oncokg.query.index import build_tiers, variants

B = "https://w3id.org/oncokg/"


def test_a_typed_text_is_tried_from_its_own_name_to_the_broadest_reading():
    tiers = [tier for tier, _, _ in variants("metastatic gastric adenocarcinoma", "cancer")]
    assert tiers[0] == "exact" and tiers.index("folded") < tiers.index("vocabulary") < tiers.index("broader")
    keys = {key: how for _, key, how in variants("metastatic gastric adenocarcinoma", "cancer")}
    assert keys["stomach adenocarcinoma"] == "its disease state belongs in the setting"
    assert keys["stomach cancer"] == "the broader cancer the sources name"


def test_only_an_organ_makes_an_unnamed_cancer_read_as_cancer_in_general():
    assert "cancer" in {key for _, key, _ in variants("prostate cancer", "cancer")}
    assert "cancer" not in {key for _, key, _ in variants("banana cancer", "cancer")}
    assert "cancer" not in {key for _, key, _ in variants("prostate cancer", "finding")}


def test_tiers_hold_names_bare_identifiers_vocabularies_and_conventions():
    rows = [
        {"s": B + "imatinib", "name": "imatinib", "preferred": True},
        {"s": B + "progression", "name": "progression"},
    ]
    exact = {"imatinib": {B + "imatinib"}, "drugbank:db00619": {B + "imatinib"}, "progression": {B + "progression"}}
    vocabulary = [{"s": B + "imatinib", "name": "Glivec", "how": "a drug name"}]
    tiers, shown = dict(build_tiers(rows, exact, vocabulary)[0]), build_tiers(rows, exact, vocabulary)[1]
    assert tiers["exact"]["db00619"] == {B + "imatinib": "the drugbank identifier DB00619"}
    assert tiers["vocabulary"]["glivec"] == {B + "imatinib": "a drug name"}
    assert tiers["convention"]["relaps"] == {B + "progression": "the word the sources use"}
    assert shown["imatinib"] == "imatinib"
