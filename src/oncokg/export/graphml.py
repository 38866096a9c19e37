"""The GraphML export (networkx), for graph-analysis and visualisation tools (networkx, Gephi, yEd, Cytoscape)."""

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from oncokg.export.built import Built
from oncokg.export.propertygraph import PropertyGraph, property_graph
from oncokg.export.types import Output, join


def _boolean(value: str) -> bool:
    return value == "true"


PYTHON_TYPES: dict[str, Callable[[str], object]] = {"long": int, "double": float, "boolean": _boolean}


def to_networkx(pg: PropertyGraph) -> nx.MultiDiGraph:
    """A networkx multigraph: node attributes `label`, `category`, `curie`, `labels`, `iri` and the properties;
    edges keyed by type, with `label`, `stance` and `certainty`."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for node in pg.nodes.values():
        attributes: dict[str, object] = {
            "label": node.label,
            "category": node.category,
            "curie": node.id,
            "labels": join(node.labels, node.id),
            "iri": node.iri,
        }
        for key, values in node.properties.items():
            if key in pg.multivalued:
                attributes[key] = join(values, f"{node.id} {key}")
            else:
                attributes[key] = PYTHON_TYPES.get(pg.kinds[key], str)(next(iter(values)))
        graph.add_node(node.id, **attributes)
    for edge in pg.edges:
        what = f"{edge.source} {edge.type} {edge.target}"
        graph.add_edge(
            edge.source,
            edge.target,
            key=f"{edge.type} {edge.statement}" if edge.statement else edge.type,
            type=edge.type,
            statement=edge.statement,
            predicate=edge.predicate,
            label=edge.label,
            stance=join(edge.stances, what),
            certainty=join(edge.certainties, what),
            graphs=join(edge.graphs, what),
        )
    return graph


def graphml_outputs(built: Built, stem: str) -> list[Output]:
    def write(path: Path) -> str:
        graph = to_networkx(property_graph(built))
        nx.write_graphml(graph, path, encoding="utf-8")
        return f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"

    return [Output(f"{stem}.graphml", write)]
