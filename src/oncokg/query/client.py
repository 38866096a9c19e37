"""The graph from Python: catalogue queries, ad-hoc SPARQL and name resolution on any backend.

The CLI and the notebooks use this one class, so both take the same code path::

    kg = OncoKG.open()                                   # the built embedded store
    kg = OncoKG.open(store="sparql:http://127.0.0.1:7878/query")
    kg.query("drug-targets", drug="Gleevec").to_dataframe()

It reads only the build (or the endpoint): the catalogue and the prefixes are in the graph.
"""

import functools
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from oncokg.limits import QUERY_TIMEOUT
from oncokg.query.catalog import CannedQuery, catalog_from_rows, get_query
from oncokg.query.resolve import Resolver
from oncokg.query.run import build_resolver, parameter_readings, run_canned, with_labels
from oncokg.store import Backend, open_backend
from oncokg.store.guard import check_query_text
from oncokg.store.results import Result
from oncokg.vocab.sparql import sparql


class OncoKG:
    """A built graph behind one backend."""

    def __init__(self, backend: Backend):
        self.backend = backend

    @classmethod
    def open(
        cls,
        store: str | None = None,
        root: Path | str | None = None,
        timeout: float = QUERY_TIMEOUT,
        allow_federation: Iterable[str] = (),
    ) -> "OncoKG":
        """Open the built store (default), `oxigraph:PATH`, or a SPARQL endpoint `sparql:URL`;
        SERVICE clauses only to the hosts in `allow_federation`."""
        from oncokg.project import Project

        build_dir = None if store and store.startswith("sparql:") else Project.find(root).build_dir
        return cls(open_backend(store, build_dir, timeout, allow_federation))

    @cached_property
    def catalog(self) -> dict[str, CannedQuery]:
        rows = self.backend.select(sparql("catalogue")).rows
        return catalog_from_rows([{k: v.value for k, v in row.items() if v is not None} for row in rows])

    @cached_property
    def resolver(self) -> Resolver:
        return build_resolver(self.backend)

    def resolve(self, name: str) -> str:
        """The IRI of an entity named by label, synonym, brand name or CURIE."""
        return self.resolver.resolve(name)

    def query(self, name: str, params: dict[str, str] | None = None, **kwargs: str) -> Result:
        """Run a catalogue query; parameters as a dict or keywords (`drug="Gleevec"`)."""
        return run_canned(self.backend, get_query(self.catalog, name), {**(params or {}), **kwargs}, self.resolver)

    def readings(self, name: str, params: dict[str, str]) -> list[dict[str, str]]:
        """How a catalogue query's entity parameters were read, when that is worth saying."""
        return parameter_readings(get_query(self.catalog, name), params, self.resolver)

    def sparql(self, text: str) -> "Result | bool | bytes":
        """Run ad-hoc SPARQL with the common prefixes declared: a SELECT gives a Result, an ASK a
        bool, a CONSTRUCT or DESCRIBE N-Triples bytes. Updates are refused; syntax errors give
        line, column and what was expected."""
        check_query_text(text, self.backend.allow_federation, self.backend.query_limits)
        query = _adhoc().prepare(text, self.backend.timeout)
        if query.form == "ASK":
            return self.backend.ask(query.text)
        if query.form in ("CONSTRUCT", "DESCRIBE"):
            return self.backend.construct(query.text)
        return with_labels(self.backend.select(query.text), self.resolver, query.text)


@functools.cache
def _adhoc():
    """The ad-hoc SPARQL module, imported when ad-hoc SPARQL is first asked for (it loads the
    engine, which a catalogue query on a remote store never needs) and then kept: an import
    statement on every call cost 6 us of a 0.25 ms query."""
    from oncokg.query import adhoc

    return adhoc
