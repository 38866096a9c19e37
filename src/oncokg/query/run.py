"""Running catalogue queries: read parameters as IRIs of their declared kinds, bind them, label the columns."""

import functools
import re
from collections.abc import Iterable

from oncokg.errors import OncoKGError
from oncokg.query.catalog import CannedQuery, Parameter
from oncokg.query.kinds import Kind
from oncokg.query.readings import reading_words, worth_saying
from oncokg.query.resolve import INDEX_KEYS, Found, Resolver
from oncokg.store import Backend
from oncokg.store.binding import Term, bind_values
from oncokg.store.results import Result, Value, bound
from oncokg.vocab import XSD
from oncokg.vocab.sparql import sparql

KNOWN_BOUND_TEXTS = 4_096  # bound catalogue texts a resolver keeps (`bound_text`); all are forgotten when full
_COMPUTED = re.compile(r"\bAS\s+\?(\w+)\s*\)", re.IGNORECASE)
_COPIED = re.compile(r"\(\s*\?\w+\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE)


def index_rows(backend: Backend) -> dict:
    """The rows the resolver is built from: names, labels, mappings (index queries) and prefixes."""
    rows: dict = {}
    for key in INDEX_KEYS:
        result = backend.select(sparql(f"index-{key}"))
        rows[key] = [{k: v.value for k, v in row.items() if v is not None} for row in result.rows]
    rows["prefixes"] = {
        bound(r, "prefix").value: bound(r, "namespace").value for r in backend.select(sparql("catalogue-prefixes")).rows
    }
    return rows


def build_resolver(backend: Backend) -> Resolver:
    """Index the graph's names, labels and mappings once: from the index the build wrote beside
    its store (`oncokg build`), else by querying the backend."""
    rows = backend.name_index() or index_rows(backend)
    try:
        return Resolver.from_index(rows)
    except KeyError as exc:
        raise OncoKGError(f"the store answered the name index queries without {exc}: is it an OncoKG build?") from None


def parse_params(items: list[str]) -> dict[str, str]:
    """`--param KEY=VALUE` items as a dict (`one_value`)."""
    pairs = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise OncoKGError(f"--param {item!r}: expected KEY=VALUE")
        pairs.append((key.strip(), value))
    return one_value(pairs, "--param")


def one_value(pairs: Iterable[tuple[str, str]], where: str) -> dict[str, str]:
    """A catalogue query's parameters as a dict, from the CLI or the web; a key given twice is refused,
    in the same words for both (the query would keep only one value)."""
    params: dict[str, str] = {}
    for key, value in pairs:
        if key in params:
            raise OncoKGError(f"{where} {key} is given twice ({params[key]!r} and {value!r}); {key} takes one value")
        params[key] = value
    return params


def read_parameter(parameter: Parameter, value: str, resolver: Resolver) -> Found:
    """An entity parameter's value read as the one entity of its declared kind (any entity when it
    declares none); an error names the parameter."""
    kind = Kind.of_classes(parameter.name, parameter.classes) if parameter.classes else parameter.name
    try:
        return resolver.read(value, kind)
    except OncoKGError as exc:
        raise OncoKGError(f"parameter {parameter.name}: {exc}") from None


def parameter_readings(query: CannedQuery, params: dict[str, str], resolver: Resolver) -> list[dict[str, str]]:
    """How each entity parameter given was read, when that is worth saying (the CLI's note, the API)."""
    found = []
    for parameter in query.parameters:
        if parameter.type == "entity" and parameter.name in params:
            text = params[parameter.name]
            reading = read_parameter(parameter, text, resolver)
            label = resolver.label(reading.iri)
            if worth_saying(text, label, reading.how):
                said = reading_words(text, label, reading.how)
                found.append(
                    {"field": parameter.name, "text": text, "read_as": label, "how": reading.how, "said": said}
                )
    return found


class MissingParameter(OncoKGError):
    """A required parameter not given; the message is the CLI's, and `parameter` lets the web
    service say the same in its own words (a query parameter, not `--param`)."""

    def __init__(self, query: str, parameter: Parameter):
        super().__init__(
            f"query {query!r} needs --param {parameter.name}=VALUE ({parameter.description}; e.g. {parameter.example})"
        )
        self.parameter = parameter


def bind_parameters(query: CannedQuery, params: dict[str, str], resolver: Resolver) -> dict[str, Term]:
    """Check the given parameters against the query's; resolve entities to IRIs, type the rest."""
    unknown = sorted(set(params) - {p.name for p in query.parameters})
    if unknown:
        known = ", ".join(p.name for p in query.parameters) or "none"
        raise OncoKGError(
            f"query {query.name!r} has no parameter {', '.join(k if k.isprintable() else repr(k) for k in unknown)}; its parameters: {known}"
        )
    bindings: dict[str, Term] = {}
    for parameter in query.parameters:
        if parameter.name not in params:
            if not parameter.optional:
                raise MissingParameter(query.name, parameter)
            continue
        value = params[parameter.name]
        if parameter.type == "entity":
            bindings[parameter.name] = Value("iri", read_parameter(parameter, value, resolver).iri)
        elif parameter.type == "integer":
            if not value.strip().lstrip("-").isdigit():
                raise OncoKGError(f"parameter {parameter.name} must be an integer (got {value!r})")
            bindings[parameter.name] = Value("literal", str(int(value)), XSD + "integer")
        else:
            bindings[parameter.name] = Value("literal", value)
    return bindings


def label_columns(variables: list[str], query: str = "", iri_columns: tuple[str, ...] | None = None) -> list[str]:
    """See `_label_plan` (remembered per variables, text and columns: the same query asks again)."""
    return list(_label_plan(tuple(variables), query, iri_columns)[0])


@functools.lru_cache(maxsize=1_024)
def _label_plan(
    variables: tuple[str, ...], query: str, iri_columns: tuple[str, ...] | None
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The columns of an answer, and each label column added with the variable it labels.

    The columns: each variable ?x, followed by ?xLabel, its readable form, when ?x can hold IRIs.
    For a catalogue query the build found those columns (`iri_columns`); for ad-hoc SPARQL every
    variable counts but those the query binds to an expression (`(COUNT(*) AS ?n)`, `BIND("x" AS
    ?how)`, but not `BIND(?a AS ?b)`). Either way the columns never depend on the rows; a label
    column the query projects itself is kept as it is."""
    if iri_columns is None:
        computed = set(_COMPUTED.findall(query)) - set(_COPIED.findall(query))
        labelled = {v for v in variables if not v.endswith("Label") and v not in computed}
    else:
        labelled = set(iri_columns)
    columns: list[str] = []
    added: list[tuple[str, str]] = []
    for var in variables:
        columns.append(var)
        if var in labelled and var + "Label" not in variables:
            columns.append(var + "Label")
            added.append((var + "Label", var))
    return tuple(columns), tuple(added)


def with_labels(
    result: Result, resolver: Resolver, query: str = "", iri_columns: tuple[str, ...] | None = None
) -> Result:
    """Add the ?xLabel columns of `label_columns` (as on Wikidata): an IRI's label or CURIE, a
    literal's text (`LabelCells`, which remembers them)."""
    columns, added = _label_plan(tuple(result.variables), query, iri_columns)
    if added:
        label = resolver.label_cells.__getitem__
        for row in result.rows:
            for column, source in added:
                row[column] = label(row.get(source))
    return Result(list(columns), result.rows)


def find_iri_columns(backend: Backend, catalog: dict[str, CannedQuery], resolver: Resolver) -> dict[str, list[str]]:
    """For each catalogue query, the columns that hold IRIs when it runs with its examples (the
    build records them, so that a query's columns do not depend on its rows)."""
    found = {}
    for query in catalog.values():
        params = {p.name: p.example for p in query.parameters if not p.optional}
        result = backend.select(query.text, bind_parameters(query, params, resolver))
        found[query.name] = [
            v
            for v in result.variables
            if any(row.get(v) is not None and bound(row, v).kind == "iri" for row in result.rows)
        ]
    return found


def bound_text(query: CannedQuery, params: dict[str, str], resolver: Resolver) -> str:
    """The query's text with its parameters read (`bind_parameters`) and bound (`bind_values`).

    Remembered on the resolver, which read them, for the same query object and parameters: a
    catalogue query asked again reads and binds nothing. Measured right after the engine's run
    (its caches cold), reading and binding drug-classes' one parameter cost 13 us of a 0.25 ms
    query. Only a text that was bound is kept; parameters that cannot be keys are not kept."""
    known = resolver.bound_texts
    try:
        key = (id(query), tuple(params.items()))
        found = known.get(key)
    except TypeError:
        return bind_values(query.text, bind_parameters(query, params, resolver))
    if found is not None and found[0] is query:  # the id is this query's: the entry holds it
        return found[1]
    text = bind_values(query.text, bind_parameters(query, params, resolver))
    if len(known) >= KNOWN_BOUND_TEXTS:
        known.clear()
    known[key] = (query, text)
    return text


def run_canned(backend: Backend, query: CannedQuery, params: dict[str, str], resolver: Resolver) -> Result:
    """Run one catalogue query with its parameters read as entities of their declared kinds and bound."""
    return with_labels(backend.select(bound_text(query, params, resolver)), resolver, query.text, query.iri_columns)
