"""RDF exports with rdflib: the named graphs kept (TriG, N-Quads, JSON-LD) or merged (Turtle, N-Triples, RDF/XML)."""

from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset

from oncokg.export.built import Built
from oncokg.export.external import annotation_layer
from oncokg.export.types import Output
from oncokg.vocab.rdf import PREFIXES


def dataset_outputs(rdflib_format: str, extension: str) -> Callable[[Built, str], list[Output]]:
    """One file with every named graph (per-source facts, ontology, inferences, mappings...)."""

    def outputs(built: Built, stem: str) -> list[Output]:
        def write(path: Path) -> str:
            options: dict = {"context": dict(PREFIXES), "auto_compact": True} if rdflib_format == "json-ld" else {}
            dataset, graphs = _layered(built)
            dataset.serialize(str(path), format=rdflib_format, encoding="utf-8", **options)
            return f"{sum(len(g) for g in graphs)} quads in {len(graphs)} named graphs"

        return [Output(f"{stem}.{extension}", write)]

    return outputs


def graph_outputs(rdflib_format: str, extension: str) -> Callable[[Built, str], list[Output]]:
    """One file with the triples of all named graphs merged into one graph."""

    def outputs(built: Built, stem: str) -> list[Output]:
        def write(path: Path) -> str:
            graph = annotation_layer(built.union(), built.substitutions)
            graph.serialize(path, format=rdflib_format, encoding="utf-8")
            return f"{len(graph)} triples"

        return [Output(f"{stem}.{extension}", write)]

    return outputs


def _layered(built: Built) -> tuple[Dataset, list]:
    """The dataset to write and its non-empty named graphs: the build's own, or the external view's
    with OncoKG's annotations kept off other vocabularies' terms (`annotation_layer`)."""
    if not built.substitutions:
        return built.dataset, built.named_graphs()
    dataset = Dataset()
    for prefix, namespace in built.dataset.namespaces():
        dataset.bind(prefix, namespace)
    for named in built.named_graphs():
        graph = dataset.graph(named.identifier)
        graph += named
        annotation_layer(graph, built.substitutions)
    graphs = [g for g in dataset.graphs() if len(g) and g.identifier in {n.identifier for n in built.named_graphs()}]
    return dataset, graphs
