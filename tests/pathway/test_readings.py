"""How a patient's names are read on the real build, and said in every form of the answer: the rules a
patient adds to the resolver (statuses, sizes, a cancer's site), and the contradictions refused."""

import pytest

from helpers import local
from oncokg.errors import OncoKGError
from oncokg.pathway.render import answer_to_dict, render_text

GIST = {"cancer": "GIST", "setting": "unresectable"}


def read(tp, **fields):
    patient, readings = tp.read({**GIST, **fields})
    return patient, {r.field: r for r in readings}


def test_each_reading_is_said_in_the_text_and_the_json(tp):
    patient, readings = tp.read({**GIST, "findings": ["liver mets"], "history": ["Glivec:severe side effects"]})
    answer = tp.answer(patient)
    text = render_text(answer, tp.graph, readings=readings)
    assert "read 'liver mets' as liver metastases, with the abbreviation written out (findings[1])" in text
    assert "read 'severe side effects' as intolerance" in text
    said = {r["field"]: r for r in answer_to_dict(answer, tp.graph, readings=readings)["readings"]}
    assert said["history[1].treatment"]["read_as"] == "imatinib" and "DrugBank" in said["history[1].treatment"]["how"]


def test_a_cancer_site_other_than_the_stomach_adds_the_finding_the_sources_use(tp):
    patient, readings = tp.read({**GIST, "cancer": "GIST of the small intestine"})
    assert local(patient.cancer) == "gist" and "non_gastric_origin" in {local(f) for f in patient.findings}
    assert {r.how for r in readings if local(r.iri) == "non_gastric_origin"} == {"a site other than the stomach"}
    _, stomach = read(tp, cancer="gastric GIST")
    assert "the broader cancer the sources name" in stomach["cancer"].how


def test_a_cancer_no_source_names_reads_as_cancer_in_general(tp):
    patient, readings = read(tp, cancer="pancreatic cancer", setting="refractory")
    assert local(patient.cancer) == "cancer_in_general" and "cancer in general" in readings["cancer"].how


def test_a_size_reads_against_the_sources_cut_off_and_a_larger_one_is_no_finding_said(tp):
    patient, readings = read(tp, findings=["1.5 cm tumour"])
    assert {local(f) for f in patient.findings} == {"small_tumour"} and "cut-off" in readings["findings[1]"].how
    patient, readings = tp.read({**GIST, "findings": ["tumour 6 cm"]})
    assert not patient.findings  # the sources' large tumour has no size: not guessed
    text = render_text(tp.answer(patient), tp.graph, readings=readings)
    assert "read 'tumour 6 cm' as no finding, 6 cm is not under the sources' 2 cm cut-off" in text
    with pytest.raises(OncoKGError, match="may or may not be under"):
        read(tp, findings=["tumour under 3 cm"])
    with pytest.raises(OncoKGError, match="a size is read with a tumour's name only"):
        read(tp, findings=["previous treatments under 2 cm"])


def test_laboratory_words_for_a_status_are_read(tp):
    patient, readings = read(tp, cancer="stomach cancer", setting="recurrent", biomarkers={"HER2": "IHC 3+"})
    assert [local(s) for _, s in patient.statuses] == ["HER2_positive"]
    assert readings["biomarkers.HER2"].how == "the laboratory's result for positive"


def test_a_status_read_again_reads_the_same_and_a_refused_one_is_refused_again(tp):
    stomach = {"cancer": "stomach cancer", "setting": "recurrent"}
    for _ in range(2):  # the second time from what the first remembered
        positive, _ = read(tp, **stomach, biomarkers={"HER2": "IHC 3+"})
        assert [local(s) for _, s in positive.statuses] == ["HER2_positive"]
        untested, _ = read(tp, **stomach, biomarkers={"HER2": "unknown"})
        assert [s for _, s in untested.statuses] == [None]
        with pytest.raises(OncoKGError, match="unknown HER2 status 'sort of'"):
            read(tp, **stomach, biomarkers={"HER2": "sort of"})
        with pytest.raises(OncoKGError, match="longer than any name"):
            read(tp, **stomach, biomarkers={"HER2": "positive " * 1000})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"biomarkers": {"HER2": "positive", "ERBB2": "negative"}},
            "name one biomarker (HER2) with different statuses",
        ),
        ({"setting": "resectable", "findings": ["unresectable"]}, "exclude each other"),
        ({"setting": "recurrent", "findings": ["resectable", "unresectable"]}, "exclude each other"),
        ({"findings": ""}, "expected a list of names"),
        ({"findings": {}}, "expected a list of names"),
        ({"planned": 0}, "expected a list of treatment names"),
        ({"findings": ["increased risk of bleeding"]}, "unknown finding 'increased risk of bleeding'"),
        ({"cancer": "Keytruda"}, "'Keytruda' names pembrolizumab, a treatment, not a cancer"),
        (
            {"history": ["imatinib:side effects"]},
            "'side effects' names side effects (not named), an adverse effect, not an outcome",
        ),
    ],
)
def test_what_cannot_be_read_safely_is_refused_in_one_line(tp, fields, message):
    with pytest.raises(OncoKGError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        read(tp, **fields)
    assert "\n" not in str(caught.value)
