"""Names written blind from the corpus (tests/query/fresh_names.yaml): a name may be refused, never misread.

The writer never saw the code. A name the project reads must be the entity the writer expected (or,
where marked `reads_as`, the one a documented rule gives); a name the writer says to refuse must be
refused. Refusals of names the writer expected to be read are allowed: they fail with a message
naming what was not found, which is safe, and are the resolver's known gaps.
"""

from pathlib import Path

import pytest
import yaml

from oncokg.errors import OncoKGError
from oncokg.query import run as qrun

CASES = yaml.safe_load((Path(__file__).parent / "fresh_names.yaml").read_text(encoding="utf-8"))
PATHWAY_FIELDS = {"cancer", "setting", "finding", "outcome", "treatment", "biomarker"}


def _read(field: str, text: str, tp, kg) -> str | None:
    """The IRI a field reads the text as, or None when it is refused."""
    try:
        if field in PATHWAY_FIELDS:
            return tp.names.resolve(text, field)
        query = next(q for q in kg.catalog.values() if any(p.name == field and not p.optional for p in q.parameters))
        params = {p.name: p.example for p in query.parameters if not p.optional} | {field: text}
        return qrun.bind_parameters(query, params, kg.resolver)[field].value
    except OncoKGError:
        return None


@pytest.mark.parametrize("case", CASES, ids=[f"{c['field']}:{c['text']}" for c in CASES])
def test_a_name_written_blind_is_read_as_its_writer_expects_or_refused(case, tp, kg_embedded):
    got = _read(case["field"], str(case["text"]), tp, kg_embedded)
    wanted = case.get("reads_as", case["expect"])
    if wanted == "REFUSE":
        assert got is None, f"{case['text']!r} read as {tp.graph.label(got)}"
    elif got is not None:
        assert tp.graph.label(got) == wanted, f"{case['text']!r} read as {tp.graph.label(got)}, not {wanted}"
