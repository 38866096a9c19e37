"""Mentions found through the terminology layer: spellings, plurals and abbreviations fold as names do."""

from oncokg.drafting.mentions import find


def test_mentions_fold_spelling_plural_and_abbreviation(names):
    text = "Chemo is rarely used for GISTs; imatinib shrinks tumours."
    found = {(m.text, m.entity, m.group) for m in find(names, text)}
    assert ("Chemo", "chemotherapy", "treatment") in found
    assert ("GISTs", "gist", "disease") in found
    assert ("imatinib", "imatinib", "treatment") in found
    for m in find(names, text):
        assert text[m.start : m.end] == m.text


def test_the_longest_name_wins(names):
    text = "Doctors offer targeted therapy drugs."
    entities = [m.entity for m in find(names, text)]
    assert entities == ["targeted_therapy"]


def test_an_unknown_word_is_no_mention(names):
    assert find(names, "zelpatinib was given") == []


def test_a_name_is_found_with_its_words_in_another_order(names):
    # "slowing the growth of the tumour" is the index's "slow tumour growth" turned round
    found = [(m.text, m.entity) for m in find(names, "Pills kept slowing the growth of the tumour.")]
    assert found == [("slowing the growth of the tumour", "slowed_growth")]


def test_a_verb_names_what_its_noun_names_and_a_modality_s_drugs_the_modality(names):
    # "relieving symptoms" is "symptom relief"; "targeted drugs" are "targeted therapy"
    found = [(m.text, m.entity) for m in find(names, "Targeted drugs are a way of relieving symptoms.")]
    assert found == [("Targeted drugs", "targeted_therapy"), ("relieving symptoms", "symptom_relief")]


def test_a_regular_verb_finds_the_noun_its_suffix_makes(names):
    # "embolized" -> "embolization", "hospitalized" -> "hospitalization": English's -ation nouns
    found = [(m.text, m.entity) for m in find(names, "One lump was embolized while he was hospitalized.")]
    assert found == [("embolized", "embolization"), ("hospitalized", "hospitalization")]


def test_auxiliaries_and_time_adverbs_inside_a_phrase_do_not_change_its_name(names):
    found = [m.entity for m in find(names, "Other targeted drugs were also being studied last year.")]
    assert found == ["unnamed_targeted_drugs_under_study"]


def test_make_and_a_comparative_is_the_verb_it_stands_for(names):
    found = [(m.text, m.entity) for m in find(names, "The pill made the tumours smaller in a month.")]
    assert found == [("made the tumours smaller", "tumour_shrinkage")]
