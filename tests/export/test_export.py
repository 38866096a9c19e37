"""`oncokg export`: every format checked by its ecosystem's own tools, and the external view.

RDF exports are re-parsed by rdflib and by pyoxigraph and compared with the build; the OWL export
is loaded by owlready2 and py-horned-owl; the SSSOM passes sssom-py; KGX categories and predicates
are checked with bmt against the schema shipped in the biolink-model package; GraphML is read back
by networkx and the Neo4j CSV by the csv module, with counts computed independently from the store.
"""

import csv
import io
import os
import subprocess
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
import owlready2
import pyhornedowl
import pyoxigraph
import pytest
from bmt import Toolkit
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from helpers import IMATINIB, SOURCE_IDS, SUNITINIB, canonical, expected, named_individuals, same_graph
from oncokg.curation.mappings import ASSERT_THRESHOLD, load_mapping_sets
from oncokg.export import FORMATS, export
from oncokg.export.built import load_built
from oncokg.export.external import annotation_layer, external_view
from oncokg.export.kgx import PROJECT_COLUMNS, read_table
from oncokg.pipeline.hermit import java_executable
from oncokg.project import ONTOLOGY_OUT, TRIG
from oncokg.vocab.identifiers import load_identifiers
from oncokg.vocab.obo import DEFINITION, SYNONYMS
from oncokg.vocab.rdf import BASE

# One worker runs the modules that read the exports (the "export" group): each format is exported once
# (`exports`), and this module's fixtures (the external view, the parsed build) are made once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("export")]  # every export of the real build

OXIGRAPH_FORMATS = {
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    "owl": pyoxigraph.RdfFormat.RDF_XML,
}
RDFLIB_FORMATS = {
    "trig": "trig",
    "nquads": "nquads",
    "jsonld": "json-ld",
    "turtle": "turtle",
    "ntriples": "nt",
    "rdfxml": "xml",
    "owl": "xml",
}
DATASET_FORMATS = ("trig", "nquads", "jsonld")
GRAPH_FORMATS = ("turtle", "ntriples", "rdfxml")


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(exports):
    """Every format exported from the real build (once per run, see `exports`): format -> ExportResult."""
    return {name: exports(name) for name in FORMATS}


@pytest.fixture(scope="module")
def external(built, built_project, tmp_path_factory):
    """The external view in Turtle and KGX, default targets."""
    out = tmp_path_factory.mktemp("external")
    return {name: export(built_project, name, out, as_external=True) for name in ("turtle", "kgx")}


@pytest.fixture(scope="module")
def build_dataset(built) -> Dataset:
    dataset = Dataset()
    dataset.parse(built.out / TRIG, format="trig")
    return dataset


@pytest.fixture(scope="module")
def build_triples(build_dataset) -> dict[str, set]:
    """The build's triples: named graph -> set of triples (empty graphs left out)."""
    return {str(g.identifier): set(g) for g in build_dataset.graphs() if len(g)}


@pytest.fixture(scope="module")
def merged_triples(build_triples) -> set:
    """The triples of every named graph of the build, merged."""
    return set().union(*build_triples.values())


@pytest.fixture(scope="module")
def canonical_build(build_triples, merged_triples) -> dict[str, object]:
    """The canonical form (helpers.canonical) of each named graph, and of the merge under '': computed
    once, compared with every parse of every format."""
    return {**{name: canonical(triples) for name, triples in build_triples.items()}, "": canonical(merged_triples)}


@pytest.fixture(scope="module")
def biolink() -> Toolkit:
    """bmt on the schema shipped in the biolink-model package: no download."""
    schema = files("biolink_model") / "schema" / "biolink_model.yaml"
    return Toolkit(str(schema), predicate_map={"predicate mappings": []})


def only(result) -> Path:
    (written,) = result.files
    return written.path


@cache
def from_oxigraph(term):
    """A pyoxigraph term as the rdflib term rdflib's own parser would give (remembered: a file repeats
    its terms)."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == str(XSD.string) else URIRef(term.datatype.value)
    return Literal(term.value, datatype=datatype)


def parse_both(path: Path, fmt: str) -> dict[str, dict[str, set]]:
    """The file parsed by rdflib and by pyoxigraph: parser -> graph name ('' for default) -> set of triples."""
    by_rdflib: dict[str, set] = {}
    dataset = Dataset()
    dataset.parse(path, format=RDFLIB_FORMATS[fmt])
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = "" if g == DATASET_DEFAULT_GRAPH_ID else str(g)
        by_rdflib.setdefault(name, set()).add((s, p, o))
    by_oxigraph: dict[str, set] = {}
    for quad in pyoxigraph.parse(path=str(path), format=OXIGRAPH_FORMATS[fmt]):
        name = "" if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
        triple = (from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object))
        by_oxigraph.setdefault(name, set()).add(triple)
    return {"rdflib": by_rdflib, "pyoxigraph": by_oxigraph}


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def store_count(store, query: str) -> int:
    return int(next(iter(store.query(query)))["n"].value)


# --- RDF: two independent parsers, isomorphic to the build ------------------------------------------


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_dataset_exports_reparse_in_both_parsers_isomorphic_per_named_graph(
    fmt, exported, build_triples, canonical_build
):
    assert {f"{BASE}graph/source/{s}" for s in SOURCE_IDS} <= set(build_triples)
    for parser, graphs in parse_both(only(exported[fmt]), fmt).items():
        graphs = {name: g for name, g in graphs.items() if len(g)}
        assert set(graphs) == set(build_triples), parser
        for name, graph in graphs.items():
            assert canonical(graph) == canonical_build[name], (parser, name)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_graph_exports_reparse_in_both_parsers_isomorphic_to_the_merged_build(
    fmt, exported, merged_triples, canonical_build
):
    for parser, graphs in parse_both(only(exported[fmt]), fmt).items():
        assert set(graphs) == {""}, parser
        assert len(graphs[""]) == len(merged_triples) and canonical(graphs[""]) == canonical_build[""], parser


def test_jsonld_carries_a_context_of_the_project_prefixes(exported):
    text = only(exported["jsonld"]).read_text(encoding="utf-8")
    assert '"@context"' in text and '"oncokg": "https://w3id.org/oncokg/"' in text


def test_owl_export_holds_the_reasoned_ontology_about_its_own_entities(exported, built, project):
    reasoned = Graph().parse(built.out / ONTOLOGY_OUT, format="turtle")
    edit_file = Graph().parse(project.ontology_dir / "oncokg.ttl", format="turtle")
    own = {s for s in edit_file.subjects(RDF.type, None) if isinstance(s, URIRef)}
    expected = {
        (s, p, o)
        for s, p, o in reasoned
        if s in own and not isinstance(o, BNode) and (not str(o).startswith(BASE) or o in own)
    }
    assert len(expected) > 2500
    for parser, graphs in parse_both(only(exported["owl"]), "owl").items():
        written = {
            (s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o)
            for s, p, o in graphs[""]
        }
        plain = {
            (s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o)
            for s, p, o in expected
        }
        assert plain <= written, (parser, sorted(plain - written)[:3])


def test_the_isomorphism_check_notices_a_changed_blank_node(built):
    graph = Graph().parse(built.out / ONTOLOGY_OUT, format="turtle")
    changed = Graph()
    changed += graph
    axiom, confidence = next((s, o) for s, p, o in graph if isinstance(s, BNode) and p.endswith("confidence"))
    changed.remove((axiom, None, confidence))
    changed.add((axiom, URIRef("https://w3id.org/sssom/confidence"), Literal(0.5, datatype=XSD.double)))
    assert same_graph(graph, graph) and not same_graph(graph, changed)


# --- OWL: owlready2 and py-horned-owl agree -------------------------------------------------------


def test_owl_loads_in_owlready2_and_py_horned_owl_with_the_same_classes_and_axioms(exported):
    path = only(exported["owl"])
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    horned = pyhornedowl.open_ontology_from_file(str(path), "rdf")

    assert {c.iri for c in onto.classes()} == set(horned.get_classes())
    assert {i.iri for i in onto.individuals()} == set(horned.get_named_individuals())
    assert {p.iri for p in onto.object_properties()} == set(horned.get_object_properties())
    assert {p.iri for p in onto.data_properties()} == set(horned.get_data_properties())
    assert f"{BASE}KITInhibitor" in set(horned.get_classes())

    axioms: dict[str, int] = {}
    for axiom in horned.get_axioms():
        kind = type(axiom.component).__name__
        axioms[kind] = axioms.get(kind, 0) + 1

    def count(where: str) -> int:
        return next(iter(world.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))[0]

    assert axioms["SubClassOf"] == count("?c rdfs:subClassOf ?d . ?c a owl:Class") > 40
    assert axioms["EquivalentClasses"] == count("?c owl:equivalentClass ?d") == expected("equivalent_classes")
    assert axioms["ClassAssertion"] == count("?i a ?c . ?c a owl:Class . FILTER(isIRI(?i))") > 500
    assert axioms["ObjectPropertyAssertion"] == count("?s ?p ?o . ?p a owl:ObjectProperty . FILTER(isIRI(?s))") > 50
    assert axioms["DataPropertyAssertion"] == count("?s ?p ?o . ?p a owl:DatatypeProperty . FILTER(isIRI(?s))")
    imatinib = world[IMATINIB]
    assert "KITInhibitor" in {c.name for c in imatinib.is_a}, "the inferred type is in the export"
    assert onto.get_namespace(BASE).imatinib is imatinib, "the entities' namespace, as docs/interop.md says"


def test_owl_loads_in_the_owl_api_and_is_consistent(exported):
    """The OWL API is the parser Protégé uses; owlready2 ships it inside its HermiT jar."""
    hermit = Path(owlready2.__file__).with_name("hermit")
    classpath = f"{hermit}{os.pathsep}{hermit / 'HermiT.jar'}"
    result = subprocess.run(
        [
            java_executable(),
            "-cp",
            classpath,
            "org.semanticweb.HermiT.cli.CommandLine",
            "-k",
            only(exported["owl"]).as_uri(),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "owl#Thing is satisfiable" in result.stdout


# --- SSSOM: sssom-py, Bioregistry patterns ----------------------------------------------------------


@pytest.mark.filterwarnings("ignore:::sssom")
def test_sssom_export_passes_sssom_py_validate(exported, project):
    path = only(exported["sssom"])
    result = subprocess.run(
        [str(Path(sys.executable).with_name("sssom")), "validate", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "not well-formed" not in result.stderr + result.stdout and "rror" not in result.stderr

    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate
    from sssom.writers import write_table

    msdf = parse_sssom_table(path)
    rows = [m for s in load_mapping_sets(project.mappings_dir) for m in s.mappings]
    assert len(msdf.df) == len(rows) == expected("mappings"), "sssom-py kept every row"
    reports = validate(msdf, fail_on_error=False)
    assert all(not report.results for report in reports.values()), reports
    assert set(msdf.df["mapping_justification"]) == {"semapv:ManualMappingCuration"}
    assert msdf.metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert set(msdf.df["subject_source"]) == {"oncokg:ontology"}
    assert {"obo:chebi.owl", "obo:mondo.owl", "bioregistry:mesh"} <= set(msdf.df["object_source"])
    rewritten = io.StringIO()
    write_table(msdf, rewritten, sort=True)
    assert rewritten.getvalue() == path.read_text(encoding="utf-8"), "the file is what sssom-py itself writes"
    converted = subprocess.run(
        [
            str(Path(sys.executable).with_name("sssom")),
            "convert",
            str(path),
            "-O",
            "ttl",
            "-o",
            str(path.with_suffix(".ttl")),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert converted.returncode == 0 and "incorrect value" not in converted.stderr + converted.stdout


def test_every_mapped_identifier_has_the_bioregistry_form_of_its_prefix(project):
    import bioregistry  # here: 1 s to import, which every worker would pay to collect the module

    for mapping_set in load_mapping_sets(project.mappings_dir):
        mapping_set.check()
        for m in mapping_set.mappings:
            prefix, _, local = m.object_id.partition(":")
            assert bioregistry.is_valid_identifier(bioregistry.normalize_prefix(prefix), local), m.object_id


@pytest.mark.parametrize(
    "curie, problem",
    [
        ("NCIT:62035", "is not a valid NCIT identifier"),
        ("MONDO:11719", "is not a valid MONDO identifier"),
        ("NOPE:1", "the project's prefix map (prefixes.tsv) does not know"),
        ("imatinib", "is not a CURIE"),
    ],
)
def test_a_malformed_identifier_is_named(project, curie, problem):
    assert problem in load_identifiers(project.mappings_dir).problem(curie)


# --- KGX / Biolink: bmt against the shipped schema --------------------------------------------------


def test_kgx_uses_only_biolink_categories_predicates_and_slots(exported, biolink, built_project):
    nodes_path, edges_path = (w.path for w in exported["kgx"].files)
    nodes, edges = read_tsv(nodes_path), read_tsv(edges_path)
    assert len(nodes) == named_individuals(built_project) and len(edges) > 300
    categories = {c for n in nodes for c in n["category"].split("|")}
    predicates = {e["predicate"] for e in edges}
    assert all(biolink.is_category(c) for c in categories), categories
    assert all(biolink.is_predicate(p) for p in predicates), predicates
    assert not [p for p in predicates if biolink.is_mixin(p)], "a mixin predicate is not for edges"
    assert {
        "biolink:Drug",
        "biolink:Disease",
        "biolink:Protein",
        "biolink:Procedure",
        "biolink:PhenotypicFeature",
    } <= categories
    assert {
        "biolink:applied_to_treat",
        "biolink:has_adverse_event",
        "biolink:directly_physically_interacts_with",
        "biolink:biomarker_for",
        "biolink:contributes_to",
    } <= predicates
    for column in list(nodes[0]) + list(edges[0]):
        assert column in PROJECT_COLUMNS or biolink.get_element(column) is not None, f"{column} is not a Biolink slot"
    levels = biolink.view.get_enum("KnowledgeLevelEnum").permissible_values
    agents = biolink.view.get_enum("AgentTypeEnum").permissible_values
    assert {e["knowledge_level"] for e in edges} <= set(levels) and {e["agent_type"] for e in edges} <= set(agents)
    ids = {n["id"] for n in nodes}
    assert all(e["subject"] in ids and e["object"] in ids for e in edges)
    assert len({e["id"] for e in edges}) == len(edges)


# Edges that Biolink's domain or range does not admit, each with why OncoKG states it anyway (docs/interop.md).
OUTSIDE_DOMAIN_OR_RANGE = {
    ("biolink:capable_of", "biolink:NamedThing", "biolink:Treatment"): "a care-team role is capable of a "
    "treatment; Biolink has no class for a role, and a treatment is not one of its occurrents",
    ("biolink:subclass_of", "biolink:Procedure", "biolink:Procedure"): "a kind of diagnostic procedure is an "
    "individual in OncoKG (subtypeOf), where Biolink's subclass_of relates ontology classes",
    ("biolink:has_input", "biolink:Procedure", "biolink:MaterialSample"): "a test takes tissue; Biolink's "
    "has_input starts from a biological process or activity",
    ("biolink:has_output", "biolink:Procedure", "biolink:MaterialSample"): "a biopsy gives tissue (the same)",
    ("biolink:has_output", "biolink:Treatment", "biolink:MaterialSample"): "surgery gives tissue (the same)",
    ("biolink:diagnoses", "biolink:Procedure", "biolink:ClinicalCourse"): "a scan recognises a disease state; "
    "Biolink's diagnostic aids are devices, and its range is diseases and phenotypes",
    ("biolink:diagnoses", "biolink:Procedure", "biolink:Protein"): "a test measures a protein (the same)",
    ("biolink:diagnoses", "biolink:Procedure", "biolink:ClinicalFinding"): "a test gives a result (the same)",
    ("biolink:applied_to_treat", "biolink:Procedure", "biolink:Disease"): "surveillance (a diagnostic "
    "procedure) is a treatment option for a small GIST",
    ("biolink:has_phenotype", "biolink:ClinicalCourse", "biolink:ClinicalFinding"): "a disease state "
    "(metastatic to the liver) implies a finding by its definition",
}


def test_kgx_edges_keep_biolinks_domain_and_range_but_for_the_listed_exceptions(exported, biolink):
    nodes_path, edges_path = (w.path for w in exported["kgx"].files)
    categories = {n["id"]: n["category"].split("|") for n in read_tsv(nodes_path)}
    edges = read_tsv(edges_path)

    def fits(element: str | None, node: str) -> bool:
        admitted = set(biolink.get_descendants(element, reflexive=True, formatted=True)) if element else set()
        return element is None or bool(admitted & set(categories[node]))

    outside = set()
    for e in edges:
        predicate = biolink.get_element(e["predicate"])
        if not (fits(predicate.domain, e["subject"]) and fits(predicate.range, e["object"])):
            outside.add((e["predicate"], categories[e["subject"]][0], categories[e["object"]][0]))
    assert outside <= set(OUTSIDE_DOMAIN_OR_RANGE), outside - set(OUTSIDE_DOMAIN_OR_RANGE)
    counted = sum(
        1 for e in edges if (e["predicate"], categories[e["subject"]][0], categories[e["object"]][0]) in outside
    )
    assert counted < len(edges) / 20, "under 5% of the edges are exceptions"


def test_the_biolink_table_names_only_biolink_elements_in_canonical_direction(project, biolink):
    table = read_table(project.mappings_dir / "biolink.tsv")
    for category in table.categories.values():
        assert biolink.is_category(category), category
    for predicate in [p for p, *_ in table.predicates.values()] + [p for p, _ in table.statuses.values()]:
        assert biolink.is_predicate(predicate) and not biolink.is_mixin(predicate), predicate
        inverse = biolink.get_inverse_predicate(predicate)
        assert biolink.is_translator_canonical_predicate(predicate) or not (
            inverse and biolink.is_translator_canonical_predicate(inverse)
        ), f"{predicate}: use its canonical inverse"


def test_kgx_has_no_positive_edge_for_a_statement_of_non_use_or_unproven_benefit(exported):
    edges = read_tsv(exported["kgx"].files[1].path)
    gist = {
        (e["predicate"], e["negated"], e["stance"]): e
        for e in edges
        if (e["subject"], e["object"]) == ("oncokg:radiation_therapy", "oncokg:gist")
    }
    assert gist[("biolink:ameliorates_condition", "True", "oncokg:not_helpful")]
    assert "bone pain" in gist[("biolink:applied_to_treat", "", "oncokg:option")]["supporting_text"]
    assert "not very helpful" not in gist[("biolink:applied_to_treat", "", "oncokg:option")]["supporting_text"]
    positive = {"biolink:treats", "biolink:ameliorates_condition", "biolink:applied_to_treat", "biolink:contributes_to"}
    for e in edges:
        stances = set(e["stance"].split("|")) - {""}
        if "oncokg:rarely_used" in stances:
            assert (e["predicate"], e["negated"]) == ("biolink:applied_to_treat", ""), e["id"]
            assert e["frequency_qualifier"], f"{e['id']}: a rare use says how rarely"
        if stances & {
            "oncokg:historical",
            "oncokg:under_study",
            "oncokg:trial_only",
            "oncokg:benefit_unproven",
        }:
            assert e["predicate"] not in positive, e["id"]
        if stances & {
            "oncokg:not_recommended",
            "oncokg:not_helpful",
            "oncokg:not_effective",
            "oncokg:no_benefit_shown",
        }:
            assert e["negated"] == "True", e["id"]
    immunotherapy = [
        e for e in edges if (e["subject"], e["object"]) == ("oncokg:immunotherapy", "oncokg:gastric_cancer")
    ]
    assert {(e["predicate"], e["frequency_qualifier"]) for e in immunotherapy} == {
        ("biolink:applied_to_treat", "oncokg:not_commonly"),
        ("biolink:in_clinical_trials_for", ""),
    }, "not commonly used (a use, saying how rarely) or in a trial: never a benefit"
    unproven = [e for e in edges if (e["subject"], e["object"]) == ("oncokg:regorafenib", "oncokg:longer_survival")]
    assert [e["stance"] for e in unproven] == ["oncokg:benefit_unproven"] and "not clear" in unproven[0][
        "supporting_text"
    ]


def test_kgx_edges_carry_quotes_sources_and_knowledge_level(exported, build_dataset):
    edges = read_tsv(exported["kgx"].files[1].path)
    targets = [e for e in edges if e["subject"] == "oncokg:imatinib" and e["object"] == "oncokg:KIT"]
    assert len(targets) == 1 and targets[0]["predicate"] == "biolink:directly_physically_interacts_with"
    edge = targets[0]
    assert edge["original_predicate"] == "oncokg:targets" and "KIT" in edge["supporting_text"]
    assert (
        edge["publications"] == "https://w3id.org/oncokg/source/acs-gist"
        and edge["has_confidence_level"] == "oncokg:established"
    )
    assert (edge["knowledge_level"], edge["agent_type"]) == ("knowledge_assertion", "manual_agent")
    assert edge["primary_knowledge_source"] == "infores:oncokg"
    quote = URIRef(BASE + "quote")
    quotes = {" ".join(str(q).split()) for _, _, q, _ in build_dataset.quads((None, quote, None, None))}
    assert len(quotes) > 300
    for e in edges:
        assert all(q in quotes for q in e["supporting_text"].split("|") if q), e["id"]
    assert {e["negated"] for e in edges} == {"True", ""}, (
        "kgx writes negated only when true (Biolink: false by default)"
    )
    entailed = [e for e in edges if e["knowledge_level"] == "logical_entailment"]
    assert entailed and all(e["agent_type"] == "automated_agent" and not e["supporting_text"] for e in entailed)
    assert not any("oncokg:targetOf" in e["original_predicate"] for e in edges), "inverse entailments are not repeated"


def test_kgx_nodes_carry_names_synonyms_and_confident_xrefs_only(exported):
    nodes = {n["id"]: n for n in read_tsv(exported["kgx"].files[0].path)}
    imatinib = nodes["oncokg:imatinib"]
    assert imatinib["category"] == "biolink:Drug" and imatinib["name"] == "imatinib"
    assert "Gleevec" in imatinib["synonym"].split("|")
    assert "CHEBI:45783" in imatinib["xref"].split("|") and "CHEBI:31690" not in imatinib["xref"]
    assert "NCIT:C71622" not in nodes["oncokg:sunitinib"]["xref"], "a 0.6 row is not an xref"
    assert nodes["oncokg:gist"]["category"] == "biolink:Disease"
    assert "MESH:D046152" in nodes["oncokg:gist"]["xref"].split("|"), "spelt as Biolink spells MeSH"
    assert "UniProtKB:P10721" in nodes["oncokg:KIT"]["xref"].split("|")
    prefixes = {x.partition(":")[0] for n in nodes.values() for x in n["xref"].split("|") if x}
    assert not prefixes & {"mesh", "uniprot", "drugbank", "ncbigene", "snomedct"}, prefixes


# --- GraphML and Neo4j: counts from the store, computed independently -------------------------------


def typed_node(var: str, cls: str) -> str:
    """SPARQL: ?var is an IRI typed with a class of the oncokg namespace (a property-graph node)."""
    return (
        f'?{var} a ?{cls} . FILTER(isIRI(?{var}) && STRSTARTS(STR(?{cls}), "{BASE}") '
        f'&& !CONTAINS(STRAFTER(STR(?{cls}), "{BASE}"), "/"))'
    )


NODES_QUERY = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {typed_node('s', 'c')} }}"
# one edge per triple between nodes, and per statement for a triple derived from several statements
EDGES_QUERY = f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oncokg: <https://w3id.org/oncokg/>
SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o ?statement WHERE {{
  ?s ?p ?o . FILTER(?p != rdf:type)
  FILTER EXISTS {{ {typed_node("s", "c")} }}
  FILTER EXISTS {{ {typed_node("o", "d")} }}
  OPTIONAL {{ ?record oncokg:derivedFrom ?statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
}} }}"""


def test_graphml_loads_in_networkx_with_the_node_and_edge_counts_of_the_store(exported, store):
    graph = nx.read_graphml(only(exported["graphml"]))
    nodes = store_count(store, NODES_QUERY)
    edges = store_count(store, EDGES_QUERY)
    assert graph.number_of_nodes() == nodes > 1000
    assert graph.number_of_edges() == edges > 3000
    assert "Drug" in graph.nodes["oncokg:imatinib"]["labels"].split("|")
    assert graph.nodes["oncokg:imatinib"]["rdfs_label"] == "imatinib"
    assert graph.has_edge("oncokg:imatinib", "oncokg:KIT", key="oncokg_targets")
    assert isinstance(next(d["oncokg_quoteStart"] for _, d in graph.nodes(data=True) if "oncokg_quoteStart" in d), int)


def test_neo4j_csv_follows_the_import_header_format_and_references_its_nodes(exported):
    nodes_path, rels_path = (w.path for w in exported["neo4j"].files)
    with nodes_path.open(encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with rels_path.open(encoding="utf-8", newline="") as f:
        rels = list(csv.DictReader(f))
    header = nodes[0]
    assert header[:6] == ["id:ID", ":LABEL", "label", "category", "curie", "iri"]
    assert "rdfs_label:string" in header and "skos_altLabel:string[]" in header and "oncokg_quoteStart:long" in header
    for column in header[6:]:
        assert column.rsplit(":", 1)[1] in {
            "string",
            "long",
            "double",
            "boolean",
            "date",
            "duration",
            "string[]",
            "long[]",
            "double[]",
        }, column
    ids = {row[0] for row in nodes[1:]}
    assert len(ids) == len(nodes) - 1
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    graphml = nx.read_graphml(only(exported["graphml"]))
    assert len(ids) == graphml.number_of_nodes() and len(rels) == graphml.number_of_edges()
    long_columns = [i for i, c in enumerate(header) if c.endswith(":long")]
    assert all(row[i] == "" or row[i].lstrip("-").isdigit() for row in nodes[1:] for i in long_columns)


# --- the external view -------------------------------------------------------------------------------


def test_external_view_replaces_entities_by_confident_exact_matches(external, merged_triples):
    graph = Graph().parse(only(external["turtle"]), format="turtle")
    chebi_imatinib = URIRef("http://purl.obolibrary.org/obo/CHEBI_45783")
    kit = URIRef(BASE + "KIT")
    assert (chebi_imatinib, URIRef(BASE + "targets"), kit) in graph, "KIT has no exact match in the targets"
    assert set(graph.subject_predicates(URIRef(IMATINIB))) == {(chebi_imatinib, SKOS.exactMatch)}
    assert (URIRef("http://purl.obolibrary.org/obo/MONDO_0011719"), RDF.type, URIRef(BASE + "Cancer")) in graph
    own = {RDF.type, RDFS.label, SKOS.altLabel, SKOS.definition, DEFINITION, *SYNONYMS}
    kept = {p for p, _ in graph.predicate_objects(URIRef(IMATINIB))}
    assert DEFINITION in kept and kept <= own, "its annotations stay on its IRI"
    assert len(graph) < len(merged_triples), "reflexive mapping triples are dropped"


def test_external_view_annotates_only_our_own_entities(external, built_project):
    """Merged into MONDO, HPO, NCIt or ChEBI, a term keeps its one label and definition: ours reach it
    only as a skos:altLabel, and it is not declared an individual."""
    graph = Graph().parse(only(external["turtle"]), format="turtle")
    view = external_view(load_built(built_project))
    assert len(view.substitutions) > 20
    for entity, term in view.substitutions.items():
        assert graph.value(term, RDFS.label) is None and graph.value(term, SKOS.definition) is None, term
        assert not [p for p in (DEFINITION, *SYNONYMS) if graph.value(term, p) is not None], term
        assert (term, RDF.type, OWL.NamedIndividual) not in graph
        assert graph.value(entity, RDFS.label) in set(graph.objects(term, SKOS.altLabel))
        assert (term, SKOS.exactMatch, entity) in graph


def test_external_view_round_trips_in_both_parsers(external, built_project):
    view = external_view(load_built(built_project))
    expected = annotation_layer(view.union(), view.substitutions)
    for parser, graphs in parse_both(only(external["turtle"]), "turtle").items():
        assert same_graph(graphs[""], expected), parser


def test_external_view_never_uses_a_likely_mapping(built_project, built):
    view = external_view(load_built(built_project), ["NCIT"])
    sunitinib_ncit = URIRef("http://purl.obolibrary.org/obo/NCIT_C71622")
    assert URIRef(SUNITINIB) not in view.substitutions, f"its NCIt row is below {ASSERT_THRESHOLD}"
    assert URIRef(IMATINIB) in view.substitutions
    assert not set(view.dataset.quads((sunitinib_ncit, None, None, None)))


def test_external_kgx_uses_the_target_curies(external):
    nodes = {n["id"]: n for n in read_tsv(external["kgx"].files[0].path)}
    assert "CHEBI:45783" in nodes and "oncokg:imatinib" not in nodes
    assert "oncokg:imatinib" in nodes["CHEBI:45783"]["xref"].split("|")
    assert sum(external["kgx"].substitutions.values()) == sum(not i.startswith("oncokg:") for i in nodes) > 20
    assert set(external["kgx"].substitutions) == {"CHEBI", "HP", "MONDO", "NCIT"}, "HGNC rows are close matches only"
