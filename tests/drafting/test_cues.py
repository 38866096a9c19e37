"""The stance and certainty a sentence's cues give, read with the build guard's own rules."""

import pytest


@pytest.mark.parametrize(
    ("sentence", "stance", "certainty"),
    [
        ("Radiation is rarely used for these tumors.", "rarely_used", "established"),
        ("But you may be offered it as part of a clinical trial.", "trial_only", "hedged"),
        ("Several other drugs are now being studied.", "under_study", "established"),
        ("Imatinib is the treatment of choice.", "option", "established"),
    ],
)
def test_stance_and_certainty_from_cues(cue_reader, sentence, stance, certainty):
    reading = cue_reader.read(sentence)
    assert (reading.stance, reading.certainty) == (stance, certainty)


def test_a_doubt_is_unclear_and_its_benefit_unproven(cue_reader):
    reading = cue_reader.read("So far, though, it's not clear if it helps people live longer.")
    assert reading.certainty == "unclear"
    assert reading.outcome_status == "benefit_unproven"
    assert ("UNPROVEN", "not clear if") in reading.cues


def test_a_bare_negation_denies_only_an_outcome_close_after_it_in_its_clause(cue_reader):
    far = "But on some days of the week this pill is taken to relieve symptoms."
    close = "The pill did not relieve symptoms."
    for sentence, status in ((far, "benefit_shown"), (close, "no_benefit_shown")):
        reading = cue_reader.read(sentence)
        assert reading.outcome_status == "no_benefit_shown"  # ConText reads the negation in both
        assert cue_reader.outcome_status(reading, sentence, sentence.index("relieve")) == status


def test_a_majority_is_stated_firmly_where_some_hedges(cue_reader):
    assert cue_reader.read("Most people with this cancer take the pill.").certainty == "established"
    assert cue_reader.read("Some people with this cancer take the pill.").certainty == "hedged"
    assert cue_reader.read("Of all the tablets, this one is prescribed most often.").certainty == "established"
    assert cue_reader.read("This tablet is often prescribed.").certainty == "hedged"


def test_what_only_seems_so_is_hedged(cue_reader):
    assert cue_reader.read("The pill did not appear to cure the cancer.").certainty == "hedged"
    assert cue_reader.read("The pill did not cure the cancer.").certainty == "established"
