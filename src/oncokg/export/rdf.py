"""RDF exports with rdflib: the named graphs kept (TriG, N-Quads, JSON-LD) or merged (Turtle, N-Triples, RDF/XML)."""

from collections.abc import Callable
from pathlib import Path

from oncokg.export.built import Built
from oncokg.export.types import Output
from oncokg.vocab.rdf import PREFIXES


def dataset_outputs(rdflib_format: str, extension: str) -> Callable[[Built, str], list[Output]]:
    """One file with every named graph (per-source facts, ontology, inferences, mappings...)."""

    def outputs(built: Built, stem: str) -> list[Output]:
        def write(path: Path) -> str:
            options = {"context": dict(PREFIXES), "auto_compact": True} if rdflib_format == "json-ld" else {}
            built.dataset.serialize(path, format=rdflib_format, encoding="utf-8", **options)
            graphs = built.named_graphs()
            return f"{sum(len(g) for g in graphs)} quads in {len(graphs)} named graphs"

        return [Output(f"{stem}.{extension}", write)]

    return outputs


def graph_outputs(rdflib_format: str, extension: str) -> Callable[[Built, str], list[Output]]:
    """One file with the triples of all named graphs merged into one graph."""

    def outputs(built: Built, stem: str) -> list[Output]:
        def write(path: Path) -> str:
            graph = built.union()
            graph.serialize(path, format=rdflib_format, encoding="utf-8")
            return f"{len(graph)} triples"

        return [Output(f"{stem}.{extension}", write)]

    return outputs
