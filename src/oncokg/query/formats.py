"""Rendering query results: an aligned table for people; JSON, CSV, TSV and SPARQL JSON for programs.

Programs get typed values (`oncokg.store.values.typed_value`, shared with DataFrames). The table shows,
for each variable ``?x`` that has a label column ``?xLabel``, the label under the name ``x``, fits
the terminal width (``COLUMNS``, 100 when not a terminal) and marks every cut with ``…``.
"""

import csv
import io
import json
import shutil

from oncokg.store.results import Result, Value

FORMATS = ("table", "json", "csv", "tsv", "sparql-json")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")
DEFAULT_WIDTH = 100
ELLIPSIS = "…"
_MIN_WIDTH = 3


def _text(value: Value | None) -> str:
    return value.value if value else ""


def terminal_width() -> int:
    """The width a table must fit: $COLUMNS, the terminal's, else DEFAULT_WIDTH."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def render(result: Result, fmt: str = "table", width: int | None = None) -> str:
    """The result as text in one of FORMATS."""
    if fmt == "json":
        return json.dumps(result.records(), indent=2, ensure_ascii=False)
    if fmt == "sparql-json":
        return json.dumps(sparql_json(result), indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for record in result.records():
            writer.writerow(["" if v is None else _csv_cell(v) for v in record.values()])
        return out.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return table(result, width or terminal_width())


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


def _shown(variables: list[str]) -> list[tuple[str, str]]:
    """(header, variable) pairs of the table: a label column stands in for its variable."""
    shown = []
    for var in variables:
        if var + "Label" in variables:
            continue
        base = var[: -len("Label")] if var.endswith("Label") and var[: -len("Label")] in variables else var
        shown.append((base, var))
    return shown


def _fit(widths: list[int], budget: int) -> list[int]:
    """Cap the widest columns at one level so that the widths sum to at most budget."""
    if sum(widths) <= budget:
        return widths
    cap = max(widths)
    while cap > _MIN_WIDTH and sum(min(w, cap) for w in widths) > budget:
        cap -= 1
    return [min(w, cap) for w in widths]


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


def table(result: Result, width: int = DEFAULT_WIDTH) -> str:
    """An aligned table that fits `width` characters, with a row count."""
    shown = _shown(result.variables)
    cells = [[" ".join(_text(row.get(var)).split()) for _, var in shown] for row in result.rows]
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, (h, _) in enumerate(shown)]
    widths = _fit(natural, width - 2 * (len(shown) - 1))

    def line(values: list[str]) -> str:
        return "  ".join(_cut(x, w).ljust(w) for x, w in zip(values, widths, strict=True)).rstrip()

    body = [line([h for h, _ in shown]), line(["-" * w for w in widths])] + [line(r) for r in cells]
    count = len(cells)
    return "\n".join(body + [f"({count} row{'' if count == 1 else 's'})"])


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
        raise ValueError(f"unknown graph format {fmt!r}; known: {', '.join(GRAPH_FORMATS)}")
    triples = list(pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES))
    used = {p: iri for p, iri in prefixes.items() if iri.encode() in ntriples} if fmt == "turtle" else None
    return (pyoxigraph.serialize(triples, format=formats[fmt], prefixes=used) or b"").decode("utf-8").rstrip("\n")
