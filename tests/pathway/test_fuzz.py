"""Fuzzing patients and cohort lines (hypothesis, derandomised): an answer or one `OncoKGError`, nothing else."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import JSON_VALUES, TEXT, fuzz, only_oncokg_errors

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]  # hundreds of generated inputs


PATIENT_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "cancer": st.one_of(st.sampled_from(["GIST", "gist", "oncokg:gist", "stomach cancer"]), JSON_VALUES),
        "setting": st.one_of(st.sampled_from(["unresectable", "recurrent", "localized"]), JSON_VALUES),
        "biomarkers": st.one_of(
            st.dictionaries(st.sampled_from(["HER2", "KIT", "x"]), JSON_VALUES, max_size=2), JSON_VALUES
        ),
        "findings": st.one_of(
            st.lists(st.sampled_from(["cirrhosis", "liver metastases"]) | TEXT, max_size=3), JSON_VALUES
        ),
        "history": st.one_of(
            st.lists(st.sampled_from(["imatinib:progression", "Gleevec:intolerance"]) | JSON_VALUES, max_size=3),
            JSON_VALUES,
        ),
        "id": JSON_VALUES,
    },
)


@fuzz(300)
@given(PATIENT_FIELDS)
def test_any_patient_is_an_answer_or_one_line(tp, data):
    only_oncokg_errors(lambda: tp.answer(data))


DEEP = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)


HUGE = st.integers(4000, 6000).map(lambda n: "9" * n)


LINES = st.one_of(
    PATIENT_FIELDS.map(lambda d: json.dumps(d, allow_nan=True)),
    st.tuples(DEEP | HUGE | st.sampled_from(["NaN", "Infinity", "-Infinity"])).map(
        lambda t: '{"cancer": "GIST", "setting": "unresectable", "id": ' + t[0] + "}"
    ),
    TEXT,
)


@fuzz(600)
@given(LINES)
def test_a_cohort_line_never_stops_the_run_and_its_answer_is_json(tp, line):
    from oncokg.pathway.cohort import Cohort

    answer = json.loads(
        Cohort(tp.reasoner, tp.names).answer_line(7, line),
        parse_constant=lambda c: pytest.fail(f"{c} in the output"),
    )
    assert answer["line"] == 7 and ("error" in answer) != ("options" in answer)
