"""A catalogue query as the SPARQL editor gets it: parameters bound and the label columns kept.

The catalogue adds a `?xLabel` column after each IRI column in Python (`query.run.with_labels`);
a query opened in the editor runs as plain SPARQL, so the same columns are asked for in the text:
the query becomes a subquery, and each label is looked up (rdfs:label or dcterms:title, the
resolver's label sources) in an OPTIONAL beside it, joined on a key that is always bound (an
unbound cell would otherwise match every label), with the subquery's order kept by ORDER BY. A cell
without a label reads as its text, as in the catalogue."""

import re

from oncokg.query.catalog import CannedQuery
from oncokg.query.run import label_columns

_PROLOGUE = re.compile(r"\A(?:\s*(?:#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", re.IGNORECASE)
_SELECT = re.compile(r"SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:WHERE\s*)?\{", re.IGNORECASE | re.DOTALL)
_ORDER = re.compile(r"\bORDER\s+BY\s+(.*?)\s*(?:LIMIT\b.*|OFFSET\b.*)?\Z", re.IGNORECASE | re.DOTALL)
_LABEL = (
    "  BIND(COALESCE(?{v}, <urn:oncokg:unbound>) AS ?{v}_key)\n"
    "  OPTIONAL {{ SELECT (?{v}_iri AS ?{v}_key) (SAMPLE(?{v}_l) AS ?{v}_label) WHERE {{\n"
    "    {{ ?{v}_iri <http://www.w3.org/2000/01/rdf-schema#label> ?{v}_l }} UNION "
    "{{ ?{v}_iri <http://purl.org/dc/terms/title> ?{v}_l }} }} GROUP BY ?{v}_iri }}\n"
    "  BIND(COALESCE(?{v}_label, STR(?{v})) AS ?{v}Label)"
)


def projected(select: str) -> list[str]:
    """The variables a SELECT clause projects, in order: `?a (COUNT(?b) AS ?n)` gives a, n."""
    names = re.findall(r"\bAS\s+\?(\w+)\s*\)|\?(\w+)", _drop_nested(select), re.IGNORECASE)
    return [a or b for a, b in names]


def _drop_nested(select: str) -> str:
    """The clause with each parenthesised expression reduced to its `AS ?name)` tail."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(select):
        if c == "(":
            if depth == 0:
                out.append(select[start:i])
                start = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                tail = re.search(r"\bAS\s+\?\w+\s*\)\Z", select[start : i + 1], re.IGNORECASE)
                out.append(" " + tail.group(0) if tail else " ")
                start = i + 1
    out.append(select[start:])
    return "".join(out)


def with_label_columns(query: CannedQuery, text: str) -> str:
    """The bound query text with a `?xLabel` column after each of its IRI columns; a query the
    rewrite does not fit (no SELECT) is returned as it is."""
    end = _PROLOGUE.match(text).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    head, body = text[:end], text[end:]
    select = _SELECT.search(body)
    if select is None or not body.lstrip().upper().startswith("SELECT"):
        return text
    variables = projected(select.group(1))
    columns = label_columns(variables, query.text, query.iri_columns)
    labelled = [c for c in columns if c not in variables]
    if not labelled:
        return text
    order = _ORDER.search(body[body.rfind("}") :])
    lines = [
        head.rstrip(),
        "SELECT " + " ".join("?" + c for c in columns) + " WHERE {",
        "  {",
        *("    " + line for line in body.strip().splitlines()),
        "  }",
        *(_LABEL.format(v=c.removesuffix("Label")) for c in labelled),
        "}",
    ]
    if order:
        lines.append("ORDER BY " + order.group(1).strip())
    return "\n".join(lines) + "\n"
