"""The OWL release: OBO annotations generated from the edit file, read back by py-horned-owl, pronto and the QC checks.

py-horned-owl must keep the versionIRI, pronto (the OBO library) must see definitions, synonyms
and xrefs, every individual is labelled, no axiom annotates an absent triple, and the ROBOT-report
style violation queries find nothing in the released file.
"""

from pathlib import Path

import pyhornedowl
import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from helpers import IMATINIB, expected, same_graph
from oncokg.curation.ontology import data_version, load_ontology
from oncokg.errors import OncoKGError
from oncokg.export.built import load_built
from oncokg.export.owl import release_graph
from oncokg.pipeline.validation import qc_queries, run_qc
from oncokg.vocab.obo import DEFINITION, OBOINOWL
from oncokg.vocab.rdf import BASE

# On the worker that makes the exports (the "export" group, see tests/conftest.py's `exports`).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("export")]  # every export of the real build

ONTOLOGY = URIRef(BASE + "ontology")
ROBOT_CHECKS = {  # the checks of ROBOT's report that apply to the release; the others need the facts
    "missing-label",
    "missing-definition",
    "duplicate-label",
    "label-whitespace",
    "multiple-labels",
    "multiple-definitions",
    "lowercase-definition",
    "deprecated-reference",
    "invalid-xref",
    "missing-ontology-metadata",
}


@pytest.fixture(scope="module")
def owl_file(exports):
    return exports("owl").files[0].path


@pytest.fixture(scope="module")
def release(owl_file) -> Graph:
    return Graph().parse(owl_file, format="xml")


@pytest.fixture(scope="module")
def edit_file(project) -> Graph:
    """The edit file as the build reads it: its header stamped with the package version."""
    return load_ontology(project.ontology_dir)


def plain(graph: Graph) -> set:
    """Triples with xsd:string literals written as plain literals (the same RDF 1.1 term)."""
    return {(s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o) for s, p, o in graph}


def test_the_file_holds_the_release_graph(owl_file, release, built_project):
    expected, written = Graph(), Graph()
    for triple in plain(release_graph(load_built(built_project))):
        expected.add(triple)
    for triple in plain(release):
        written.add(triple)
    assert len(expected) == len(written) and same_graph(expected, written)


def test_py_horned_owl_keeps_the_version_iri(owl_file, edit_file, built_project):
    horned = pyhornedowl.open_ontology_from_file(str(owl_file), "rdf")
    assert str(horned.get_iri()) == str(ONTOLOGY)
    version = data_version(built_project.ontology_dir)
    assert str(horned.get_version_iri()) == f"{BASE}releases/{version}/ontology"
    assert edit_file.value(ONTOLOGY, OWL.versionInfo) == Literal(version)


def test_the_header_has_title_description_licence_and_version(release, edit_file):
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionIRI, OWL.versionInfo):
        assert release.value(ONTOLOGY, p) is not None and str(release.value(ONTOLOGY, p)) == str(
            edit_file.value(ONTOLOGY, p)
        )


def test_every_skos_definition_is_an_iao_definition_citing_its_source_the_obo_way(release, edit_file):
    definitions = set(edit_file.subject_objects(SKOS.definition))
    assert definitions and definitions <= set(release.subject_objects(DEFINITION))
    cited = {
        release.value(a, OWL.annotatedSource): {str(x) for x in release.objects(a, OBOINOWL.hasDbXref)}
        for a in release.subjects(OWL.annotatedProperty, DEFINITION)
    }
    sourced = {
        (e, str(source)) for e, source in edit_file.subject_objects(DCTERMS.source) if (e, None, None) in release
    }
    assert len(sourced) >= 8
    for entity, source in sourced:
        assert source in cited[entity], entity
    assert not any(str(x).startswith(BASE + "evidence/") for xrefs in cited.values() for x in xrefs)
    assert not set(release.subjects(DCTERMS.source, None)) & set(release.subjects(RDF.type, OWL.Axiom))


def test_synonyms_and_xrefs_are_oboinowl(release, edit_file):
    imatinib = URIRef(IMATINIB)
    assert Literal("Gleevec", lang="en") in set(release.objects(imatinib, OBOINOWL.hasRelatedSynonym))
    assert Literal("Gleevec", lang="en") not in set(release.objects(imatinib, OBOINOWL.hasExactSynonym))
    assert {str(x) for x in release.objects(imatinib, OBOINOWL.hasDbXref)} >= {"CHEBI:45783", "NCIT:C62035"}
    alt = {(s, o) for s, o in edit_file.subject_objects(SKOS.altLabel)}
    exact, related = (
        set(release.subject_objects(OBOINOWL.hasExactSynonym)),
        set(release.subject_objects(OBOINOWL.hasRelatedSynonym)),
    )
    assert alt <= exact | related
    symptom_control = Literal("symptom control", lang="en")
    assert (URIRef(BASE + "symptom_relief"), symptom_control) in related - exact, "another entity's label"
    labels = {str(o).casefold() for o in release.objects(None, RDFS.label)}
    assert not any(
        str(name).casefold() in labels for _, name in exact - {(s, o) for s, o in alt if (s, RDFS.label, o) in release}
    )


def test_every_individual_is_labelled_and_every_axiom_annotates_a_triple_in_the_file(release, edit_file):
    individuals = set(release.subjects(RDF.type, OWL.NamedIndividual))
    asserted = {s for s, o in release.subject_objects(RDF.type) if isinstance(s, URIRef) and str(o).startswith(BASE)}
    assert individuals == set(edit_file.subjects(RDF.type, OWL.NamedIndividual))
    assert asserted == individuals, "no evidence or n-ary node typed by inference"
    assert all(release.value(i, RDFS.label) for i in individuals)
    axioms = list(release.subjects(RDF.type, OWL.Axiom))
    assert axioms
    for axiom in axioms:
        triple = tuple(
            release.value(axiom, p) for p in (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget)
        )
        assert triple in release, axiom


# pronto reads OBO-flavoured OWL and says so, once per construct, of everything else in the release:
# it models no individuals (so the axioms annotating our entities' labels have no "source" for it),
# no annotations on object properties beyond OBO's, no SKOS axiom annotations and no plain
# annotation-property declarations. All of that is valid OWL 2 that py-horned-owl and the ROBOT-style
# checks read; pronto's own warnings (ProntoWarning) and its UserWarning on non-OBO IRIs are its limits.
@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::pronto.utils.warnings.ProntoWarning")
def test_pronto_reads_definitions_synonyms_and_xrefs(owl_file):
    import pronto

    ontology = pronto.Ontology(str(owl_file))
    drug = ontology[BASE + "Drug"]
    assert drug.name == "drug" and str(drug.definition).startswith("A medicine")
    assert {s.description for s in drug.synonyms if s.scope == "EXACT"} >= {"medicine"}
    assert len(list(ontology.terms())) >= expected("ontology_terms_at_least")
    sourced = ontology[BASE + "MultiTargetedDrug"].definition
    assert {x.id for x in sourced.xrefs} == {BASE + "source/acs-gist"}


ROBOT = Path(__file__).parents[1] / "fixtures" / "robot"


def test_robots_own_report_queries_find_no_error_and_no_warning(owl_file):
    """ROBOT's report (tests/fixtures/robot: ontodev/robot's report_queries and report_profile.txt at
    a67eed4, BSD licence) run as ROBOT runs them, SPARQL over the release's triples."""
    store = pyoxigraph.Store()
    store.load(path=str(owl_file), format=pyoxigraph.RdfFormat.RDF_XML)
    profile = [line.split() for line in (ROBOT / "report_profile.txt").read_text().splitlines() if line.strip()]
    assert len(profile) == 32
    found = {}
    for level, name in profile:
        rows = list(store.query((ROBOT / "report_queries" / f"{name}.rq").read_text()))
        if level in ("ERROR", "WARN") and rows:
            found[name] = [" ".join(str(v) for v in row if v is not None)[:200] for row in rows[:5]]
    assert found == {}


def test_the_release_passes_the_robot_style_checks(owl_file, project):
    store = pyoxigraph.Store()
    store.load(path=str(owl_file), format=pyoxigraph.RdfFormat.RDF_XML)
    checks = {name: query for name, query in qc_queries(project.qc_dir).items() if name in ROBOT_CHECKS}
    assert set(checks) == ROBOT_CHECKS
    assert run_qc(store, checks) == []
    assert (
        store_count(
            store, "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.geneontology.org/formats/oboInOwl#hasDbXref> ?x }"
        )
        > 50
    )


def store_count(store, query: str) -> int:
    return int(next(iter(store.query(query)))["n"].value)


def test_a_version_written_in_the_edit_file_is_refused(scratch):
    edit = scratch.ontology_dir / "oncokg.ttl"
    edit.write_text(edit.read_text().replace("dcterms:license", 'owl:versionInfo "9.9" ;\n    dcterms:license', 1))
    with pytest.raises(OncoKGError, match="owl:versionInfo; the build stamps it from release.yaml"):
        load_ontology(scratch.ontology_dir)


def test_another_vocabularys_class_keeps_its_own_label_and_definition(release):
    """prov:Entity was relabelled "PROV entity" with a definition of ours (review 12b, problem 20): PROV-O
    labels it "Entity" and defines it; the release says what PROV-O says and where it is defined."""
    entity = URIRef("http://www.w3.org/ns/prov#Entity")
    assert set(release.objects(entity, RDFS.label)) == {Literal("Entity", lang="en")}
    assert str(release.value(entity, DEFINITION)).startswith("An entity is a physical, digital, conceptual")
    assert release.value(entity, RDFS.isDefinedBy) == URIRef("http://www.w3.org/ns/prov-o#")
    foreign = {
        c for c in release.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and not str(c).startswith(BASE)
    }
    assert all(release.value(c, RDFS.isDefinedBy) is not None for c in foreign if (c, RDFS.label, None) in release)
