"""kgx with the Biolink model and prefix map of the installed biolink-model package, so it runs offline.

kgx 2.6 builds a bmt Toolkit at import time from the model on GitHub and fetches Biolink's JSON-LD
context on first use; both are pointed at the packaged copies before kgx is imported.
"""

import json
from importlib.resources import files


def transformer():
    """kgx's Transformer class, set up on the packaged Biolink model."""
    import bmt

    schema = str(files("biolink_model") / "schema" / "biolink_model.yaml")
    bmt.Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})
    import kgx.config

    kgx.config.get_config()
    context = json.loads((files("biolink_model") / "prefixmaps" / "biolink_model_prefix_map.json").read_text())
    kgx.config.jsonld_context_map["biolink"] = context
    from kgx.transformer import Transformer

    return Transformer


def round_trip(nodes, edges, out) -> tuple[int, int, list[dict]]:
    """Nodes and edges kgx reads from the TSV pair and writes as JSON lines: counts and the edge records."""
    transformer_class = transformer()
    t = transformer_class()
    t.transform(
        input_args={"filename": [str(nodes), str(edges)], "format": "tsv"},
        output_args={"filename": str(out), "format": "jsonl"},
    )
    with open(f"{out}_edges.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    return t.store.graph.number_of_nodes(), t.store.graph.number_of_edges(), records
