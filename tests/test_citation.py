"""CITATION.cff is valid Citation File Format 1.2.0 and cites the data release the build stamps."""

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import OWL

from oncokg.cli import run
from oncokg.curation.ontology import data_version, load_ontology
from oncokg.errors import OncoKGError
from oncokg.vocab.rdf import BASE

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "cff" / "schema-1.2.0.json").read_text(encoding="utf-8"))


def citation() -> dict:
    # YAML reads the release date as a date; the schema (for JSON) wants its ISO text
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in cff.items()}


def test_citation_file_is_valid_cff():
    jsonschema.validate(citation(), SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_a_broken_citation_file_is_caught_by_the_schema():
    broken = {k: v for k, v in citation().items() if k != "authors"}
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        jsonschema.validate(broken, SCHEMA)


def test_citation_cites_the_data_release_and_the_changelog_has_it():
    version = data_version(ROOT / "ontology")
    assert citation()["version"] == version
    assert f"## Data {version} (" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_ontology_carries_the_data_version(built_project):
    version = data_version(built_project.ontology_dir)
    header = URIRef(BASE + "ontology")
    ontology = load_ontology(built_project.ontology_dir)
    assert ontology.value(header, OWL.versionInfo) == Literal(version)
    assert ontology.value(header, OWL.versionIRI) == URIRef(f"{BASE}releases/{version}/ontology")


def test_version_names_program_data_release_and_build_date(built, built_project):
    from oncokg import __version__

    manifest = json.loads((built_project.build_dir / "manifest.json").read_text(encoding="utf-8"))
    status, out, _ = run(["--version"], {"ONCOKG_ROOT": str(built_project.root)})
    assert status == 0
    assert out.splitlines() == [
        f"oncokg {__version__}",
        f"data {manifest['data_version']}, built {manifest['built_at']}",
    ]
    assert manifest["data_version"] == data_version(built_project.ontology_dir)


@pytest.mark.parametrize("text", ["version: 1.0", "version: v1.0.0", "release: 1.0.0", "- 1.0.0"])
def test_a_data_version_that_is_not_semantic_is_refused(tmp_path, text):
    (tmp_path / "release.yaml").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(OncoKGError, match="release.yaml: 'version' must be a semantic version"):
        data_version(tmp_path)
