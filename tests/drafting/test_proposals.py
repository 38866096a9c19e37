"""Unknown drug-like names are proposed with their span and a class from their INN stem."""

from oncokg.drafting.mentions import Mention
from oncokg.drafting.proposals import propose


def test_an_unknown_inn_stem_is_proposed_with_its_span():
    text = "Zelpatinib and imatinib and a gastrectomy."
    known = [Mention(15, 23, "imatinib", "imatinib", "treatment")]
    found = propose(text, 0, len(text), known)
    assert [(p.text, p.suggested_class) for p in found] == [
        ("Zelpatinib", "TargetedTherapyDrug"),
        ("gastrectomy", "SurgicalProcedure"),
    ]
    assert all(text[p.start : p.end] == p.text for p in found)
