"""The Neo4j export: node and relationship CSV files in the header format of `neo4j-admin database import`.

Import with ``--array-delimiter="|" --multiline-fields=true`` (labels and list properties are
separated by ``|``; a few quotes span lines).
"""

import csv
from functools import cached_property
from pathlib import Path

from oncokg.export.built import Built
from oncokg.export.propertygraph import PropertyGraph, property_graph
from oncokg.export.types import Output, join


class Neo4jFiles:
    """The two CSV files of one property graph, computed once."""

    def __init__(self, built: Built):
        self.built = built

    @cached_property
    def graph(self) -> PropertyGraph:
        return property_graph(self.built)

    def write_nodes(self, path: Path) -> str:
        pg = self.graph
        keys = sorted({k for node in pg.nodes.values() for k in node.properties})
        header = ["id:ID", ":LABEL", "label", "category", "curie", "iri"] + [
            f"{k}:{pg.kinds[k]}" + ("[]" if k in pg.multivalued else "") for k in keys
        ]
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            for node in pg.nodes.values():
                cells = [self.cell(node.properties.get(k, set()), k, node.id) for k in keys]
                writer.writerow(
                    [node.id, join(node.labels, node.id), node.label, node.category, node.id, node.iri] + cells
                )
        return f"{len(pg.nodes)} nodes"

    def cell(self, values: set[str], key: str, node_id: str) -> str:
        if key in self.graph.multivalued:
            return join(values, f"{node_id} {key}")
        return next(iter(values), "")

    def write_relationships(self, path: Path) -> str:
        edges = self.graph.edges
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(
                [
                    ":START_ID",
                    ":END_ID",
                    ":TYPE",
                    "predicate",
                    "label",
                    "stance:string[]",
                    "certainty:string[]",
                    "graphs:string[]",
                    "statement",
                ]
            )
            for e in edges:
                writer.writerow(
                    [
                        e.source,
                        e.target,
                        e.type,
                        e.predicate,
                        e.label,
                        join(e.stances, e.predicate),
                        join(e.certainties, e.predicate),
                        join(e.graphs, e.predicate),
                        e.statement,
                    ]
                )
        return f"{len(edges)} relationships"


def neo4j_outputs(built: Built, stem: str) -> list[Output]:
    files = Neo4jFiles(built)
    return [
        Output(f"{stem}-neo4j-nodes.csv", files.write_nodes),
        Output(f"{stem}-neo4j-relationships.csv", files.write_relationships),
    ]
