"""Store backends behind one small interface: run a SELECT with pre-bound IRI parameters.

The embedded backend is the pyoxigraph store written by `oncokg build`. Parameters are bound as
RDF terms with pyoxigraph's `substitutions`, never formatted into the query text.
"""

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from .errors import OncoKGError
from .store import open_store


@dataclass(frozen=True)
class Value:
    """One result cell: an IRI, a literal (with datatype or language) or a blank node."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None


@dataclass
class Result:
    """Rows of a SELECT: the variables in order and one dict of cells per row."""

    variables: list[str]
    rows: list[dict[str, Value]]


def _value(term) -> Value | None:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, pyoxigraph.Literal):
        return Value("literal", term.value, term.datatype.value, term.language)
    return Value("bnode", term.value)


class EmbeddedBackend:
    """The built pyoxigraph store, queried in-process; the default graph is the union of all graphs."""

    def __init__(self, store: pyoxigraph.Store):
        self.store = store

    @classmethod
    def open(cls, build_dir: Path) -> "EmbeddedBackend":
        return cls(open_store(build_dir))

    def select(self, query: str, bindings: dict[str, str] | None = None) -> Result:
        substitutions = {pyoxigraph.Variable(k): pyoxigraph.NamedNode(v) for k, v in (bindings or {}).items()}
        try:
            solutions = self.store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
        except SyntaxError as exc:
            raise OncoKGError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from None
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise OncoKGError("expected a SELECT query")
        variables = [v.value for v in solutions.variables]
        rows = [{v: _value(solution[v]) for v in variables} for solution in solutions]
        return Result(variables, rows)
