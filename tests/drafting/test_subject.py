"""Which mentions of a sentence stand outside its circumstance clauses, and what is left of its words."""

from oncokg.drafting.mentions import find
from oncokg.drafting.sentences import split
from oncokg.drafting.subject import outside_circumstances, without_circumstances


def _sentence(text: str):
    (sentence,) = split(text)
    return sentence


def test_a_bracketed_alias_stays_in_the_clause_of_the_name_it_repeats(names):
    s = _sentence("Imatinib is offered without standard chemotherapy (chemo) here.")
    kept = [m.text for m in outside_circumstances(s, find(names, s.text, s.start, s.end))]
    assert kept == ["Imatinib"]
    s = _sentence("Chemotherapy (chemo) is offered without radiation.")
    kept = [m.text for m in outside_circumstances(s, find(names, s.text, s.start, s.end))]
    assert kept == ["Chemotherapy", "chemo"]


def test_a_use_word_inside_a_circumstance_is_blanked_and_offsets_kept():
    s = _sentence("Nine in ten tumours get smaller when treated with this pill.")
    rest = without_circumstances(s)
    assert len(rest) == len(s.text)
    assert "treated" not in rest and rest.startswith("Nine in ten tumours get smaller")


def test_a_class_right_before_its_member_introduces_it(names, cue_reader):
    from oncokg.drafting.subject import spoken_of

    s = _sentence("Doctors offer the targeted drug [sunitinib](#) next.")
    assert spoken_of(s, find(names, s.text, s.start, s.end), cue_reader.read(s.text)) == ["sunitinib"]
    s = _sentence("Doctors offer targeted therapy and sunitinib next.")
    assert spoken_of(s, find(names, s.text, s.start, s.end), cue_reader.read(s.text)) == [
        "targeted_therapy",
        "sunitinib",
    ]


def test_a_reason_clause_is_a_circumstance(names):
    s = _sentence("Because chemotherapy failed, sunitinib is offered.")
    kept = [m.entity for m in outside_circumstances(s, find(names, s.text, s.start, s.end))]
    assert kept == ["sunitinib"]


def test_a_person_s_relative_clause_a_topic_and_a_treatment_that_stopped_working_are_circumstances(names):
    for line, wanted in (
        ("The team includes a surgeon, who may recommend chemotherapy.", []),
        ("We send leaflets about chemotherapy, and sunitinib is offered.", ["sunitinib"]),
        ("Charities keep you up to date on chemotherapy.", []),
        ("Ask your nurse about chemotherapy; sunitinib is offered.", ["sunitinib"]),
        ("Sunitinib is offered after your imatinib.", ["sunitinib"]),
        ("Tumours no longer responding to imatinib may be treated with sunitinib.", ["sunitinib"]),
    ):
        s = _sentence(line)
        kept = [
            m.entity for m in outside_circumstances(s, find(names, s.text, s.start, s.end)) if m.group == "treatment"
        ]
        assert kept == wanted, line


def test_what_a_sentence_doubts_is_blanked_only_when_asked():
    s = _sentence("Nobody is sure whether giving it again helps.")
    assert "giving" in without_circumstances(s)
    rest = without_circumstances(s, doubts=True)
    assert "giving" not in rest and len(rest) == len(s.text) and rest.startswith("Nobody is sure")


def test_a_treatment_given_with_it_is_its_companion_and_it_is_the_one_before(names, cue_reader):
    from oncokg.drafting.subject import Context, spoken_of, treatments_of

    s = _sentence("It is usually given together with chemotherapy to shrink the tumour.")
    mentions = find(names, s.text, s.start, s.end)
    assert spoken_of(s, mentions, cue_reader.read(s.text)) == []
    assert treatments_of(s, mentions, cue_reader.read(s.text), Context(previous=["sunitinib"])) == ["sunitinib"]
    s = _sentence("Chemotherapy is usually given with radiation.")  # no "it": the first is spoken of
    assert spoken_of(s, find(names, s.text, s.start, s.end), cue_reader.read(s.text)) == ["chemotherapy"]


def test_a_condition_without_a_comma_ends_where_the_main_clause_begins():
    from oncokg.drafting.sentences import Sentence
    from oncokg.drafting.subject import without_circumstances

    text = "If the cancer grows you will be given sunitinib."
    kept = without_circumstances(Sentence(0, len(text), text, heading=False))
    assert "you will be given sunitinib" in kept and "grows" not in kept
