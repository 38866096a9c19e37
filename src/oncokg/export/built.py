"""What every export reads: the built dataset (build/oncokg.trig) and the build's copy of the mapping
sets and tables (build/mappings/), so that an export never disagrees with the build it exports."""

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from oncokg.curation.mappings import MappingSet, load_mapping_sets
from oncokg.errors import OncoKGError
from oncokg.project import MAPPINGS_DIR, TRIG, Project
from oncokg.vocab.identifiers import Identifiers, load_identifiers
from oncokg.vocab.rdf import BASE, bind_prefixes


@dataclass
class Built:
    """The built dataset with the prefixes to shorten its IRIs; exports only read it.

    `substitutions` is empty but in the external view, where it maps each replaced entity to its
    external IRI.
    """

    dataset: Dataset
    mapping_sets: list[MappingSet]
    mappings_dir: Path  # where the mapping sets and tables were read: the build's copy (build/mappings/)
    substitutions: dict[Node, Node] = field(default_factory=dict)

    @cached_property
    def identifiers(self) -> Identifiers:
        """The project's one converter for every IRI an export writes."""
        return load_identifiers(self.mappings_dir)

    def curie(self, iri: Node | str) -> str:
        """The CURIE of an IRI where a prefix covers it, else the IRI itself."""
        return self.identifiers.compress(str(iri))

    def named_graphs(self) -> list[Graph]:
        """The non-empty named graphs, in IRI order."""
        graphs = [g for g in self.dataset.graphs() if len(g) and isinstance(g.identifier, URIRef)]
        return sorted(graphs, key=lambda g: str(g.identifier))

    def union(self, names: tuple[URIRef, ...] | None = None) -> Graph:
        """One graph with the triples of the given named graphs (all when None)."""
        graph = Graph()
        bind_prefixes(graph)
        for named in self.named_graphs():
            if names is None or named.identifier in names:
                graph += named
        return graph

    @cached_property
    def individuals(self) -> set[URIRef]:
        """The ontology's named individuals: the entities of the corpus."""
        return {
            s for s, _, _, _ in self.dataset.quads((None, RDF.type, OWL.NamedIndividual, None)) if isinstance(s, URIRef)
        }

    @staticmethod
    def in_oncokg_namespace(term) -> bool:
        """Whether a term is an IRI directly in the oncokg namespace: a class, property or entity, not a
        node of a sub-namespace (evidence/, node/, source/...)."""
        return isinstance(term, URIRef) and str(term).startswith(BASE) and "/" not in str(term)[len(BASE) :]


def load_built(project: Project) -> Built:
    """The dataset of the project's build and its mapping sets; a clear error when there is no build."""
    trig = project.trig
    if not trig.is_file():
        raise OncoKGError(f"no build at {project.build_dir} (expected {TRIG}); run `oncokg build` first")
    if not project.built_mappings_dir.is_dir():
        raise OncoKGError(
            f"the build at {project.build_dir} has no {MAPPINGS_DIR}/ (it predates it); run `oncokg build` again"
        )
    mapping_sets = load_mapping_sets(project.built_mappings_dir)  # first: a malformed row is told before the parse
    stat = trig.stat()
    return Built(_dataset(trig.resolve(), stat.st_mtime_ns, stat.st_size), mapping_sets, project.built_mappings_dir)


@lru_cache(maxsize=1)
def _dataset(trig: Path, mtime_ns: int, size: int) -> Dataset:
    """The parsed build, kept while the file is unchanged: exporting several formats in one process
    (a notebook, a pipeline) reads it once. Exports only read it."""
    dataset = Dataset()
    bind_prefixes(dataset)
    try:
        dataset.parse(trig, format="trig")
    except Exception as exc:
        raise OncoKGError(f"{trig}: cannot read the build ({type(exc).__name__}); run `oncokg build` again") from None
    return dataset
