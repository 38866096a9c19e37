"""The graph from Python: catalogue queries, ad-hoc SPARQL and name resolution on any backend.

The CLI and the notebooks use this one class, so both take the same code path::

    kg = OncoKG.open()                                   # the built embedded store
    kg = OncoKG.open(store="sparql:http://127.0.0.1:7878/query")
    kg.query("drug-targets", drug="Gleevec").to_dataframe()
"""

import re
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from .backends import DEFAULT_TIMEOUT, Backend, Result, open_backend
from .catalog import CannedQuery, get_query, load_catalog
from .errors import OncoKGError
from .mappings import prefix_map
from .project import Project
from .query_guard import check_query_text
from .query import build_resolver, run_canned, with_labels
from .resolve import Resolver

_POSITION = re.compile(r"error at (\d+):(\d+): ")


class OncoKG:
    """A project's graph behind one backend."""

    def __init__(self, backend: Backend, project: Project):
        self.backend = backend
        self.project = project

    @classmethod
    def open(cls, store: str | None = None, root: Path | str | None = None,
             timeout: float = DEFAULT_TIMEOUT, allow_federation: Iterable[str] = ()) -> "OncoKG":
        """Open the built store (default), `oxigraph:PATH`, or a SPARQL endpoint `sparql:URL`;
        SERVICE clauses only to the hosts in `allow_federation`."""
        project = Project.find(root)
        return cls(open_backend(store, project.build_dir, timeout, allow_federation), project)

    @cached_property
    def catalog(self) -> dict[str, CannedQuery]:
        return load_catalog(self.project.queries_dir)

    @cached_property
    def resolver(self) -> Resolver:
        return build_resolver(self.backend, prefix_map(self.project.mappings_dir))

    def resolve(self, name: str) -> str:
        """The IRI of an entity named by label, synonym, brand name or CURIE."""
        return self.resolver.resolve(name)

    def query(self, name: str, params: dict[str, str] | None = None, **kwargs: str) -> Result:
        """Run a catalogue query; parameters as a dict or keywords (`drug="Gleevec"`)."""
        return run_canned(self.backend, get_query(self.catalog, name), {**(params or {}), **kwargs}, self.resolver)

    def sparql(self, text: str) -> Result:
        """Run an ad-hoc SELECT; updates are refused, syntax errors give line and column."""
        check_query_text(text, getattr(self.backend, "allow_federation", ()))
        reject_updates(text)
        try:
            result = self.backend.select(text)
        except OncoKGError as exc:
            match = _POSITION.search(str(exc))
            if match:
                line, column = match.groups()
                raise OncoKGError(f"invalid SPARQL at line {line}, column {column}: {str(exc)[match.end():]}") from None
            raise
        return with_labels(result, self.resolver)


def reject_updates(text: str) -> None:
    """Refuse SPARQL Update: the stores the query layer opens are read-only."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - not an update: the query engine will judge it
        return
    raise OncoKGError("SPARQL updates are not accepted: the store is read-only (use `oncokg build` or `oncokg push`)")
