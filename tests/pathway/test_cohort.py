"""A cohort run: answers as UTF-8 bytes, and the collector setting its run relies on."""

import gc
import json

from oncokg.pathway.cohort import YOUNG_COLLECTION, Cohort, prepare_collector

RECORDS = [
    '{"id": 1, "cancer": "GIST", "setting": "unresectable", "history": ["imatinib:progression"]}',
    '{"id": "b", "cancer": "gastric cancer", "setting": "metastatic", "biomarkers": {"HER2": "IHC 3+"}}',
    '{"id": 3, "cancer": "GIST", "setting": "unresectable", "history": ["imatinib:progression"]}',
    '{"cancer": "GIST"}',
    "not json",
]


def test_a_run_makes_no_cycles_for_the_collector_to_find(tp):
    """What `prepare_collector` relies on: collecting less often frees nothing later than it would."""
    cohort = Cohort(tp.reasoner, tp.names)
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        lines = [cohort.answer_line(n, line) for n, line in enumerate(RECORDS * 3, 1)]
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
    assert [("error" in json.loads(line)) for line in lines[:5]] == [False, False, False, True, True]


def test_a_repeated_state_is_answered_with_the_same_result_bytes(tp):
    cohort = Cohort(tp.reasoner, tp.names)
    first, again = (json.loads(cohort.answer_line(n, RECORDS[n - 1])) for n in (1, 3))
    assert (first["id"], again["id"], again["line"]) == (1, 3, 3)
    assert {k: v for k, v in first.items() if k not in ("id", "line")} == {
        k: v for k, v in again.items() if k not in ("id", "line")
    }
    assert "not medical advice" in first["disclaimer"].lower()


def test_the_collector_is_set_for_a_long_run():
    before = gc.get_threshold()
    try:
        prepare_collector()
        assert gc.get_threshold() == (YOUNG_COLLECTION, *before[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
