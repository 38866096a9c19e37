"""Rendering query results: an aligned table for people; JSON, CSV, TSV and SPARQL JSON for programs.

Programs get JSON's typed values (`oncokg.store.results.json_value`: numbers as numbers, dates in ISO
8601) and quotes verbatim; people get `oncokg.query.tables`.
"""

import csv
import io
import json

from oncokg.errors import OncoKGError
from oncokg.query.tables import table, terminal_width
from oncokg.store.results import Result, Value

FORMATS = ("table", "json", "csv", "tsv", "sparql-json")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")


def render(result: Result, fmt: str = "table", width: int | None = None, wide: bool = False) -> str:
    """The result as text in one of FORMATS; a table fits `width` (the terminal's) unless `wide`."""
    if fmt == "json":
        return json.dumps(result.json_records(), indent=2, ensure_ascii=False)
    if fmt == "sparql-json":
        return json.dumps(sparql_json(result), indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        return delimited(result, fmt).rstrip("\n")
    if fmt != "table":
        raise OncoKGError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return table(result, width or terminal_width(), "wide" if wide else "auto")


def delimited(result: Result, fmt: str, line_end: str = "\n") -> str:
    """The result as CSV or TSV, each line ended by `line_end`: a terminal's LF, or the CRLF of RFC 4180
    (CSV over HTTP, as the SPARQL endpoint's CSV)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator=line_end)
    writer.writerow(result.variables)
    for record in result.json_records():
        writer.writerow(["" if v is None else _csv_cell(v) for v in record.values()])
    return out.getvalue()


def _csv_cell(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def sparql_json(result: Result) -> dict:
    """The W3C SPARQL 1.1 Query Results JSON of a result (datatypes and languages kept)."""

    def term(value: Value) -> dict:
        kind = {"iri": "uri", "literal": "literal", "bnode": "bnode"}[value.kind]
        cell = {"type": kind, "value": value.value}
        if value.language:
            cell["xml:lang"] = value.language
        elif value.kind == "literal" and value.datatype:
            cell["datatype"] = value.datatype
        return cell

    bindings = [{v: term(cell) for v in result.variables if (cell := row.get(v)) is not None} for row in result.rows]
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def render_boolean(answer: bool, fmt: str = "table") -> str:
    """An ASK answer: true or false, or the SPARQL JSON boolean result."""
    if fmt in ("json", "sparql-json"):
        return json.dumps({"head": {}, "boolean": answer})
    return "true" if answer else "false"


def render_graph(ntriples: bytes, fmt: str, prefixes: dict[str, str]) -> str:
    """CONSTRUCT or DESCRIBE triples as Turtle (with the given prefixes), N-Triples or JSON-LD."""
    import pyoxigraph

    formats = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    }
    if fmt not in formats:
        raise OncoKGError(f"unknown graph format {fmt!r}; known: {', '.join(GRAPH_FORMATS)}")
    triples = list(pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES))
    used = {p: iri for p, iri in prefixes.items() if iri.encode() in ntriples} if fmt == "turtle" else None
    return (pyoxigraph.serialize(triples, format=formats[fmt], prefixes=used) or b"").decode("utf-8").rstrip("\n")
