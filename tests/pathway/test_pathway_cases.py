"""The patient-state table `pathway_cases.yaml`: each row's expectations checked against the reasoner,
and each row's quote checked to be verbatim in its source's text (curators add rows, not code).

A row: `patient` (as `oncokg pathway next --patient` takes it); `offered` (treatments that must be options),
`only` (the options, exactly, best first), `first` (treatments that must share rank 1), `later` (options that
must rank after 1), `ranks` (treatment -> the rank of its option), `excluded` (treatments that must not be options),
`sources` (treatment -> source ids its option must carry), `notes` (words a note must contain),
`absent` (treatments the answer must explain as absent); and `quote` (`source`, `text`): the words
that justify the row. Treatments are local names (`imatinib_dose_escalation`).
"""

from pathlib import Path

import pytest

from helpers import ROOT, local
from oncokg.curation.sources import load_sources
from oncokg.curation.yaml_io import load_yaml

HERE = Path(__file__).parent
CASES = load_yaml(HERE / "pathway_cases.yaml", "case table")  # the project's loader: a key twice is an error
KEYS = {
    *("id", "patient", "quote", "review"),
    *("offered", "only", "first", "later", "ranks", "excluded", "sources", "notes", "absent"),
}


TEXTS = {source_id: source.text for source_id, source in load_sources(ROOT / "data" / "sources").items()}


def test_the_rows_have_distinct_ids_and_known_columns():
    """(How many rows there are is the number docs/pathways.md gives: tests/test_docs.py checks it.)"""
    ids = [row["id"] for row in CASES]
    assert len(set(ids)) == len(ids)
    assert all(set(row) <= KEYS and "quote" in row and "patient" in row for row in CASES)


def _spaced(text: str) -> str:
    """Runs of whitespace as one space: the build's own reading of a quote against its text."""
    return " ".join(text.split())


@pytest.mark.parametrize("row", CASES, ids=[row["id"] for row in CASES])
def test_quote_is_verbatim_in_its_source(row):
    quote = row["quote"]
    assert quote["source"] in TEXTS, f"unknown source {quote['source']!r}"
    assert _spaced(quote["text"]) in _spaced(TEXTS[quote["source"]])


@pytest.mark.parametrize("row", CASES, ids=[row["id"] for row in CASES])
def test_patient_state(tp, row):
    answer = tp.answer(row["patient"])
    offered = [local(o.step.treatment) for o in answer.options]
    first = {local(o.step.treatment) for o in answer.options if o.rank == 1}
    for treatment in row.get("offered", []):
        assert treatment in offered, f"{treatment} not offered: {offered}"
    if "only" in row:
        assert offered == row["only"], f"the options are {offered}"
    ranks = {local(o.step.treatment): o.rank for o in answer.options}
    for treatment, rank in row.get("ranks", {}).items():
        assert ranks.get(treatment) == rank, f"{treatment} ranks {ranks.get(treatment)}: {ranks}"
    for treatment in row.get("first", []):
        assert treatment in first, f"{treatment} not first: rank 1 is {sorted(first)}"
    for treatment in row.get("later", []):
        assert treatment in offered and treatment not in first, f"{treatment} not a later option: rank 1 is {first}"
    for treatment in row.get("excluded", []):
        assert treatment not in offered, f"{treatment} offered: {offered}"
    for treatment, sources in row.get("sources", {}).items():
        option = next(o for o in answer.options if local(o.step.treatment) == treatment)
        carried = {s for step in (option.step, *option.support) for s in step.sources}
        assert set(sources) <= carried, f"{treatment} carries {sorted(carried)}"
    absent = {local(u.treatment) for u in answer.absent}
    for treatment in row.get("absent", []):
        assert treatment in absent, f"{treatment} not explained as absent: {sorted(absent)}"
    said = " | ".join(answer.notes)
    for words in row.get("notes", []):
        assert words in said, f"no note says {words!r}: {said}"
