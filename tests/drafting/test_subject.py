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
