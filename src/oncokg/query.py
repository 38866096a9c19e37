"""Running catalogue queries: resolve parameters to IRIs, bind them, add a label per IRI column."""

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .backends import Backend, Result, Term, Value
from .catalog import CannedQuery
from .errors import OncoKGError
from .resolve import INDEX_QUERIES, Resolver


def build_resolver(backend: Backend, prefix_map: dict[str, str]) -> Resolver:
    """Index the graph's names, labels and mappings once."""
    rows = {}
    for key, query in INDEX_QUERIES.items():
        result = backend.select(query)
        rows[key] = [{k: v.value for k, v in row.items() if v is not None} for row in result.rows]
    try:
        return Resolver.from_rows(rows["names"], rows["labels"], rows["mappings"], prefix_map)
    except KeyError as exc:
        raise OncoKGError(f"the store answered the name index queries without {exc}: is it an OncoKG build?") from None


def bind_parameters(query: CannedQuery, params: dict[str, str], resolver: Resolver) -> dict[str, Term]:
    """Check the given parameters against the query's; resolve entities to IRIs, type the rest."""
    unknown = sorted(set(params) - {p.name for p in query.parameters})
    if unknown:
        known = ", ".join(p.name for p in query.parameters) or "none"
        raise OncoKGError(f"query {query.name!r} has no parameter {', '.join(k if k.isprintable() else repr(k) for k in unknown)}; its parameters: {known}")
    bindings = {}
    for parameter in query.parameters:
        if parameter.name not in params:
            if not parameter.optional:
                raise OncoKGError(
                    f"query {query.name!r} needs --param {parameter.name}=VALUE ({parameter.description}; "
                    f"e.g. {parameter.example})"
                )
            continue
        value = params[parameter.name]
        if parameter.type == "entity":
            bindings[parameter.name] = URIRef(resolver.resolve(value, parameter.name))
        elif parameter.type == "integer":
            if not value.strip().lstrip("-").isdigit():
                raise OncoKGError(f"parameter {parameter.name} must be an integer (got {value!r})")
            bindings[parameter.name] = Literal(int(value), datatype=XSD.integer)
        else:
            bindings[parameter.name] = Literal(value)
    return bindings


def with_labels(result: Result, resolver: Resolver) -> Result:
    """Add ?xLabel after every variable ?x that holds IRIs (as on Wikidata)."""
    variables = []
    for var in result.variables:
        variables.append(var)
        if any(row.get(var) is not None and row[var].kind == "iri" for row in result.rows):
            variables.append(var + "Label")
            for row in result.rows:
                cell = row.get(var)
                row[var + "Label"] = Value("literal", resolver.label(cell.value)) if cell and cell.kind == "iri" else None
    return Result(variables, result.rows)


def run_canned(backend: Backend, query: CannedQuery, params: dict[str, str], resolver: Resolver) -> Result:
    """Run one catalogue query with its parameters resolved and bound."""
    bindings = bind_parameters(query, params, resolver)
    return with_labels(backend.select(query.text, bindings), resolver)
