"""Fuzzing string parameters on every engine (hypothesis, derandomised): an answer or one `OncoKGError`, nothing else."""

import pytest
from hypothesis import given

from fuzzing import TEXT, fuzz
from oncokg.store.results import Value

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]  # hundreds of generated inputs


@pytest.mark.xdist_group("engines")  # on the worker that runs the servers for the engine tests
@pytest.mark.parametrize("engine", ["embedded", "oxigraph-server", "virtuoso"])
def test_string_parameters_reach_every_engine_intact(engine, request, built_project, built):
    from oncokg.query.client import OncoKG

    if engine == "embedded":
        backend = OncoKG.open(root=built_project.root).backend
    else:
        fixture = "oxigraph_endpoint" if engine == "oxigraph-server" else "virtuoso_endpoint"
        backend = OncoKG.open(store="sparql:" + request.getfixturevalue(fixture), root=built_project.root).backend

    @fuzz(200)
    @given(TEXT)
    def echo(text):
        result = backend.select("SELECT ?v ?n WHERE { BIND(STRLEN(?v) AS ?n) }", {"v": Value("literal", text)})
        assert [row["v"].value for row in result.rows] == [text]
        if engine != "virtuoso":  # Virtuoso counts UTF-8 bytes, not characters
            assert int(result.rows[0]["n"].value) == len(text)

    echo()
