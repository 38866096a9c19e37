"""Fact files: bad input stops the load with the file and fact named; good input becomes RDF."""

import re

import pytest
import yaml

from oncokg.errors import OncoKGError
from oncokg.pipeline.assemble import load_inputs


def _first_fact_file(project):
    return sorted(project.facts_dir.glob("acs-gist-targeted.yaml"))[0]


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_real_facts_load(project):
    inputs = load_inputs(project)
    assert len(inputs.facts.facts) > 300
    assert {f.source for f in inputs.facts.facts} == set(inputs.sources)


def test_a_tampered_quote_is_caught_with_file_and_fact(scratch):
    path = _first_fact_file(scratch)
    _edit(path, "It targets both the KIT and PDGFRA proteins", "It targets both the KIT and EGFR proteins")
    with pytest.raises(OncoKGError) as err:
        load_inputs(scratch)
    message = str(err.value)
    assert path.name in message and "fact 'gt-" in message and "is not at" in message


def test_shifted_offsets_are_caught_and_the_right_ones_suggested(scratch):
    path = _first_fact_file(scratch)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fact = next(f for f in data["facts"] if isinstance(f["quote"], str))
    start, end = fact["at"]
    _edit(path, f"at: [{start}, {end}]", f"at: [{start + 3}, {end + 3}]")
    with pytest.raises(OncoKGError, match=re.escape(f"it occurs at [[{start}, {end}]]")):
        load_inputs(scratch)


def test_an_entity_the_ontology_does_not_know_is_caught(scratch):
    path = _first_fact_file(scratch)
    _edit(path, '["imatinib", "targets", "KIT"]', '["imatinib", "targets", "EGFR"]')
    with pytest.raises(OncoKGError, match="'EGFR', which the ontology does not know"):
        load_inputs(scratch)


def test_an_unknown_predicate_is_caught(scratch):
    path = _first_fact_file(scratch)
    _edit(path, '["imatinib", "targets", "KIT"]', '["imatinib", "cures", "KIT"]')
    with pytest.raises(OncoKGError, match="unknown predicate 'cures'"):
        load_inputs(scratch)


def test_an_unknown_source_id_is_caught(scratch):
    path = _first_fact_file(scratch)
    _edit(path, "source: acs-gist", "source: acs-gist-2099")
    with pytest.raises(OncoKGError, match=f"{path.name}: unknown source id 'acs-gist-2099'"):
        load_inputs(scratch)


def test_a_duplicate_fact_id_is_caught(scratch):
    path = _first_fact_file(scratch)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first, second = data["facts"][0]["id"], data["facts"][1]["id"]
    _edit(path, f"id: {second}\n", f"id: {first}\n")
    with pytest.raises(OncoKGError, match=f"fact '{first}': duplicate fact id"):
        load_inputs(scratch)


def test_the_same_statement_twice_from_one_source_is_a_duplicate(scratch):
    extra = scratch.facts_dir / "extra.yaml"
    extra.write_text(
        "source: acs-gist\nfacts:\n"
        "  - id: extra-imatinib-kit\n"
        "    quote: It targets both the KIT and PDGFRA proteins\n"
        "    at: [14454, 14497]\n"
        "    certainty: established\n"
        "    triples:\n      - [imatinib, targets, KIT]\n",
        encoding="utf-8",
    )
    with pytest.raises(OncoKGError, match="duplicate of fact .*add this quote to that fact instead"):
        load_inputs(scratch)


def test_malformed_yaml_names_file_and_line(scratch):
    path = scratch.facts_dir / "broken.yaml"
    path.write_text("source: acs-gist\nfacts:\n  - id: x\n    quote: [unclosed\n", encoding="utf-8")
    with pytest.raises(OncoKGError, match=r"broken\.yaml: invalid YAML: line \d+, column \d+"):
        load_inputs(scratch)


def test_every_evidence_record_carries_source_quote_offsets_and_certainty(store):
    query = """
    PREFIX oncokg: <https://w3id.org/oncokg/>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT (COUNT(?e) AS ?n) WHERE {
      ?e a oncokg:Evidence .
      FILTER NOT EXISTS { ?e prov:wasDerivedFrom ?s ; oncokg:quote ?q ; oncokg:quoteStart ?a ;
                          oncokg:quoteEnd ?b ; oncokg:certainty ?c }
    }"""
    row = next(iter(store.query(query)))
    assert int(row["n"].value) == 0
