"""kgx's streaming round trip and validator, on the packaged Biolink model (oncokg.export.kgx_offline)."""

import json

from oncokg.export.kgx_offline import kgx


def transformer():
    """kgx's Transformer class, set up on the packaged Biolink model."""
    return kgx().transformer.Transformer


def round_trip(nodes, edges, out) -> tuple[int, int, list[dict]]:
    """Nodes and edges kgx streams from the TSV pair into JSON lines: counts and the edge records.

    Streamed, as `kgx transform --stream` does: kgx's in-memory graph keys an edge by subject, predicate
    and object and keeps the last of several statements that share them; the stream keeps every edge."""
    transformer_class = transformer()
    t = transformer_class(stream=True)
    t.transform(
        input_args={"filename": [str(nodes), str(edges)], "format": "tsv"},
        output_args={"filename": str(out), "format": "jsonl"},
    )
    with open(f"{out}_edges.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    with open(f"{out}_nodes.jsonl", encoding="utf-8") as f:
        n_nodes = sum(1 for _ in f)
    return n_nodes, len(records), records


def validate(nodes, edges, prefixes: dict[str, str]) -> dict:
    """kgx's validator (`kgx validate`) on the TSV pair, with these prefixes besides Biolink's: its report,
    by level and error type (empty when valid)."""
    transformer()

    import kgx.config
    from kgx.cli.cli_utils import validate as kgx_validate

    for name in ("biolink", "monarch_context", "obo_context"):
        kgx.config.jsonld_context_map[name] = {**kgx.config.jsonld_context_map.get("biolink", {}), **prefixes}
    report = kgx_validate([str(nodes), str(edges)], "tsv", None, output=None)
    return dict(report) if report else {}
