"""Fuzzing fact files (hypothesis, derandomised): an answer or one `OncoKGError`, nothing else."""

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import JSON_VALUES, fuzz, only_oncokg_errors
from oncokg.curation.facts import load_fact_file
from oncokg.curation.sources import load_sources

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]  # hundreds of generated inputs


@pytest.fixture(scope="module")
def sources(project):
    return load_sources(project.sources_dir)


@pytest.fixture(scope="module")
def fact_file(tmp_path_factory):
    """The one file each example of a test writes its fact file to (a folder per example costs more than
    the check itself)."""
    return tmp_path_factory.mktemp("facts") / "f.yaml"


@fuzz(400)
@given(JSON_VALUES)
def test_any_yaml_value_as_a_fact_file_is_an_answer_or_one_line(fact_file, sources, value):
    fact_file.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    only_oncokg_errors(lambda: load_fact_file(fact_file, sources))


FACT = {"id": "a-fact", "quote": "x", "at": [0, 1], "certainty": "hedged", "triples": [["imatinib", "targets", "KIT"]]}


@fuzz(400)
@given(
    st.sampled_from(sorted(FACT) + ["node", "qualifiers", "extra"]),
    JSON_VALUES,
    st.sampled_from(["facts", "non_medical", "source"]),
)
def test_a_mutated_fact_is_an_answer_or_one_line(fact_file, sources, key, value, section):
    fact = {**FACT, key: value}
    document = {"source": next(iter(sources)), "facts": [fact]}
    if section != "facts":
        document[section] = value
    fact_file.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    only_oncokg_errors(lambda: load_fact_file(fact_file, sources))
