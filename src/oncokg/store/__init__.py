"""Store backends behind one small interface (`Backend`), chosen by a selector string (`open_backend`).

    oxigraph:PATH     the embedded pyoxigraph store written by `oncokg build` (the default): `embedded`
    sparql:URL        any SPARQL 1.1 endpoint, through SPARQLWrapper: `remote`

Both run the same query text, checked first by `guard.check_query_text` (size, nesting, SERVICE),
with parameters bound by `binding` and answers as the `results` data model. `push` loads the build
into a remote store.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_TIMEOUT, seconds
from oncokg.project import STORE_DIR
from oncokg.store.binding import Term
from oncokg.store.guard import QueryLimits
from oncokg.store.results import Result


class Backend(Protocol):
    """What the query layer and the reasoner need of a store: three query forms, and what the store
    is and may do, declared (as rdflib's `Store.context_aware`) rather than probed for."""

    selector: str  # what `open_backend` takes to open it again: `oxigraph:PATH` or `sparql:URL`
    timeout: float  # seconds a query may take
    allow_federation: tuple[str, ...]  # the hosts a SERVICE clause may name
    query_limits: QueryLimits  # the guard's size, nesting and term limits, read when it was opened

    def name_index(self) -> dict | None:
        """The name index the build wrote beside the store (build/index.json), or None: then the
        resolver asks the store itself."""
        ...

    def saved_projection(self) -> dict | None:
        """The pathway projection's answer the build saved beside the store (build/pathways.srj, SPARQL
        JSON results), or None: then the reasoner runs the projection query."""
        ...

    def select(self, query: str, bindings: dict[str, Term] | None = None) -> Result: ...

    def ask(self, query: str) -> bool: ...

    def construct(self, query: str) -> bytes: ...


def open_backend(
    selector: str | None, build_dir: Path | None, timeout: float = QUERY_TIMEOUT, allow_federation: Iterable[str] = ()
) -> Backend:
    """A backend from a selector: None or 'oxigraph' (the built store), 'oxigraph:PATH', 'sparql:URL'.

    SERVICE clauses are refused unless their host is in `allow_federation`."""
    seconds(timeout, "the query timeout")
    kind, _, target = (selector or "oxigraph").partition(":")
    if kind == "oxigraph":  # each backend imported here, so that a query on one never loads the other
        from oncokg.store.embedded import EmbeddedBackend
        from oncokg.store.local import open_store

        if not target:
            if build_dir is None:
                raise OncoKGError("the built store needs a project: pass --root or open a checkout")
            return EmbeddedBackend.open(build_dir, timeout, allow_federation)
        path = Path(target)
        build_dir = path.parent if path.name == STORE_DIR else path
        return EmbeddedBackend(open_store(build_dir), timeout, build_dir, allow_federation, read_only=True)
    if kind == "sparql" and target:
        from oncokg.store.remote import RemoteBackend

        return RemoteBackend(target, timeout, allow_federation)
    raise OncoKGError(f"unknown store {selector!r}; use oxigraph, oxigraph:PATH or sparql:URL")
