"""What an answer says beside its options (docs/pathways.md, rules 1, 4 and 6): a class names its
members, a doubt about an outcome and a caution quote their source, an uncovered cancer is refused
the same way in every state. Each on the real build, with the source's words."""

import pytest

from oncokg.errors import OncoKGError
from oncokg.pathway import answer_to_dict, render_text


def _option(tp, answer, label):
    return next(o for o in answer_to_dict(answer, tp.graph)["options"] if o["treatment"]["label"] == label)


def test_a_class_option_names_the_members_the_sources_give_for_the_cancer(tp):
    answer = tp.answer({"cancer": "GIST", "setting": "refractory"})
    members = {m["label"] for m in _option(tp, answer, "other targeted drugs")["members"]}
    assert members == {"sorafenib", "dasatinib", "nilotinib", "pazopanib"}
    assert "which: " in render_text(answer, tp.graph)


def test_a_doubt_about_an_outcome_stands_beside_the_option_not_against_it(tp):
    answer = tp.answer(
        {"cancer": "GIST", "setting": "recurrent", "history": ["imatinib:progression", "sunitinib:progression"]}
    )
    option = _option(tp, answer, "regorafenib")
    assert option["rank"] == 1
    doubt = option["doubts"][0]
    assert doubt["outcome"]["label"] == "longer survival"
    assert doubt["evidence"][0]["quote"] == "So far, though, it's not clear if it helps people live longer."


def test_a_caution_quotes_the_sources_reason_and_rules_nothing_out(tp):
    answer = tp.answer({"cancer": "GIST", "setting": "marginally resectable", "findings": ["large tumour"]})
    text = " ".join(render_text(answer, tp.graph).split())
    assert "caution with large tumour, as the source says of imatinib" in text
    assert "it could lead to internal bleeding" in text
    assert _option(tp, answer, "imatinib")["rank"] == 1


@pytest.mark.parametrize("setting", ["metastatic", "recurrent", "localized"])
def test_a_cancer_no_source_covers_is_refused_alike_in_every_state_it_has_no_words_for(tp, setting):
    with pytest.raises(OncoKGError) as caught:
        tp.answer({"cancer": "breast cancer", "setting": setting})
    assert str(caught.value).startswith(f"no source covers breast cancer when {setting}")
    assert "cancer of any type only when refractory" in str(caught.value)
    assert tp.answer({"cancer": "breast cancer", "setting": "refractory"}).options
