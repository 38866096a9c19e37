"""What a worker process does with one job: a catalogue query, a SPARQL request, a name lookup or
a patient state; each answered as a complete `Reply`, so a reply is never cut short."""

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.limits import limit
from oncokg.pathway import TreatmentPathways
from oncokg.query.adhoc import reject_updates
from oncokg.query.catalog import get_query
from oncokg.query.client import OncoKG
from oncokg.query.formats import delimited
from oncokg.query.kinds import Kind
from oncokg.query.run import MissingParameter, bind_parameters
from oncokg.quotes import prose
from oncokg.store.binding import bind_values
from oncokg.store.dataset import ProtocolDataset
from oncokg.store.embedded import EmbeddedBackend
from oncokg.vocab import BASE, SPARQL_PREFIXES, curie
from oncokg.web import pathway_view
from oncokg.web.description import description
from oncokg.web.editor_query import with_label_columns
from oncokg.web.entity import ENTITY_TYPES, describe, triples
from oncokg.web.negotiation import BOOLEAN_TYPES, GRAPH_TYPES, RESULTS_TYPES, NotAcceptable, choose
from oncokg.web.sources import source_cards

JSON_TYPE = "application/json"


class Reply(NamedTuple):
    """An HTTP answer made in a worker: status, media type and the whole body; a refusal for load
    also says when to try again (`Retry-After`, in seconds)."""

    status: int
    media_type: str
    body: bytes
    retry_after: int | None = None


def json_reply(data: Any, status: int = 200) -> Reply:
    return Reply(status, JSON_TYPE, json.dumps(data, ensure_ascii=False).encode())


def error_reply(status: int, message: str, retry_after: int | None = None) -> Reply:
    """A one-line JSON error: `{"error": "..."}`."""
    return json_reply({"error": " ".join(str(message).split())}, status)._replace(retry_after=retry_after)


def memory_message(megabytes: int) -> str:
    """What a request is told when its query ran into the worker's memory cap."""
    return (
        f"the query used more than the {megabytes:,} MB a query worker may use and was stopped "
        "(set ONCOKG_MAX_WORKER_MEGABYTES to raise it)"
    )


class _CappedBody:
    """An answer's body, written no further than the limit: the serializer stops at the first piece
    past it, so a huge answer costs the worker at most the limit (review 2, finding 2: a plain
    2-way `SELECT *` held 2 GB until its deadline)."""

    class Over(Exception):
        """The answer grew past the limit."""

    def __init__(self, cap: int):
        self.cap, self.size, self.parts = cap, 0, list[bytes]()

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.cap:
            raise self.Over
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes its writer when it is done; the parts are already kept."""

    def over(self) -> str:
        return f"the answer grew past the limit of {self.cap:,} bytes (set ONCOKG_MAX_RESPONSE_BYTES to raise it)"

    def value(self) -> bytes:
        return b"".join(self.parts)


def short_name(iri: str) -> str:
    """`oncokg:LOCAL` for the graph's own IRIs (what the resolver accepts back), else the IRI."""
    return curie(iri) if iri.startswith(BASE) else iri


class Jobs:
    """One worker's store, name index and (on first use) pathway reasoner.

    The worker's own query timeout is set past the service's deadline: the service kills a late
    worker, which stops the query; a thread given up in-process would keep it running.
    """

    def __init__(self, root: Path | None, timeout: float, megabytes: int = 0):
        self.megabytes = megabytes
        self.kg = OncoKG.open(None, root, timeout * 2 + 5)
        _ = self.kg.resolver  # index the names now, before the worker says it is ready
        self._pathways: TreatmentPathways | None = None

    def handle(self, job: tuple) -> Reply:
        kind, *args = job
        try:
            return getattr(self, kind)(*args)
        except NotAcceptable as exc:
            return error_reply(406, str(exc))
        except LookupError as exc:
            return error_reply(404, str(exc).strip("'\""))
        except MissingParameter as exc:
            p = exc.parameter
            return error_reply(400, f"missing query parameter {p.name} ({p.description}; e.g. ?{p.name}={p.example})")
        except OncoKGError as exc:
            return error_reply(400, str(exc))
        except RecursionError:
            return error_reply(400, "the request nests too deeply")
        except MemoryError:
            return error_reply(503, memory_message(self.megabytes))
        except Exception as exc:
            return error_reply(500, f"internal error: {type(exc).__name__}")

    def catalogue(self) -> Reply:
        """The catalogue of the build this worker opened (a worker opened on a rebuild lists the new one)."""
        return json_reply(
            [
                {
                    "name": q.name,
                    "title": q.title,
                    "description": q.description,
                    "keywords": list(q.keywords),
                    "parameters": [p.__dict__ for p in q.parameters],
                    "sparql": q.text,
                }
                for q in self.kg.catalog.values()
            ]
        )

    def query(self, name: str, params: dict[str, str], fmt: str) -> Reply:
        """A catalogue query as JSON rows (`{"query", "variables", "rows", "readings"}`) or CSV."""
        try:
            get_query(self.kg.catalog, name)
        except OncoKGError as exc:
            return error_reply(404, str(exc))
        result = self.kg.query(name, params)
        if fmt == "csv":
            return Reply(200, "text/csv; charset=utf-8", delimited(result, "csv", "\r\n").encode())
        rows = result.json_records()
        said = self.kg.readings(name, params)
        shown = {q: prose(q) for q in {row.get("quote") for row in rows} if isinstance(q, str) and prose(q) != q}
        answer = {"query": name, "variables": result.variables, "rows": rows, "readings": said, "prose": shown}
        return json_reply(answer)

    def bound(self, name: str, params: dict[str, str]) -> Reply:
        """The query text with its parameters bound and its label columns asked for, for the SPARQL editor."""
        try:
            query = get_query(self.kg.catalog, name)
        except OncoKGError as exc:
            return error_reply(404, str(exc))
        text = with_label_columns(query, bind_values(query.text, bind_parameters(query, params, self.kg.resolver)))
        return json_reply({"query": name, "sparql": text})

    def _embedded(self) -> EmbeddedBackend:
        """The service answers from the built store it was started on."""
        backend = self.kg.backend
        if not isinstance(backend, EmbeddedBackend):
            raise OncoKGError("the web service serves the built embedded store only")
        return backend

    def sparql(self, text: str, accept: str | None, dataset: ProtocolDataset, base_iri: str) -> Reply:
        """A SPARQL 1.1 Protocol query on the dataset it names (or the request's, or the merge of all
        graphs), relative IRIs resolved against the endpoint and the project's prefixes declared
        unless the query declares them; serialized whole in the negotiated media type."""
        try:
            result = self._embedded().execute(text, dataset, base_iri, SPARQL_PREFIXES)
        except OncoKGError as exc:
            try:
                reject_updates(text)
            except OncoKGError as update:
                return error_reply(403, str(update))
            return error_reply(400, str(exc))
        offered: Mapping[str, object] = (
            GRAPH_TYPES
            if isinstance(result, pyoxigraph.QueryTriples)
            else BOOLEAN_TYPES
            if isinstance(result, pyoxigraph.QueryBoolean)
            else RESULTS_TYPES
        )
        media, fmt = choose(accept, offered)
        body = _CappedBody(limit("max_response_bytes"))
        try:
            result.serialize(body, fmt)
        except _CappedBody.Over:
            return error_reply(400, f"{body.over()}; ask for fewer rows (LIMIT) or columns")
        except OSError as exc:
            return error_reply(400, f"query failed: {exc}")
        return Reply(200, media, body.value())

    def description(self, endpoint: str, accept: str | None) -> Reply:
        """The Service Description of the endpoint at `endpoint`, in the negotiated RDF syntax."""
        media, fmt = choose(accept, GRAPH_TYPES)
        return Reply(200, media, pyoxigraph.serialize(description(self._embedded(), endpoint), format=fmt) or b"")

    def entities(self, text: str, kind: str = "") -> Reply:
        """The entity a name reads as (of the kind asked, e.g. `Drug` or `Biomarker BiomarkerStatus`),
        how it was read (or why not), and the names of that kind a user may mean."""
        resolver = self.kg.resolver
        classes = tuple(c.removeprefix("oncokg:") for c in kind.replace(",", " ").split())
        wanted = Kind.of_classes("name", classes) if classes else None
        try:
            found = resolver.read(text, wanted or "name")
            iri = found.iri
            match, error = {"id": short_name(iri), "iri": iri, "label": resolver.label(iri), "how": found.how}, None
        except OncoKGError as exc:
            match, error = None, str(exc)
        suggestions = [
            {"name": name, "id": short_name(iri), "label": resolver.label(iri)}
            for name, iri in resolver.suggest(text, kind=wanted)
        ]
        return json_reply({"q": text, "match": match, "error": error, "suggestions": suggestions})

    @property
    def pathways(self) -> TreatmentPathways:
        """The reasoner, projected on first use (a worker that never answers a pathway skips it)."""
        if self._pathways is None:
            self._pathways = TreatmentPathways(self.kg.backend, self.kg.resolver)
        return self._pathways

    def pathway(self, data: Any, where: str = "request body", fmt: str = "json") -> Reply:
        """Next options for a patient state: the JSON of `oncokg pathway next --format json`, or its text."""
        media, body = pathway_view.answer_reply(self.pathways, data, where, fmt)
        return Reply(200, media, body)

    def pathway_drawing(self, data: Any) -> Reply:
        """The patient's pathway drawn for the page, with its legend, sources and the notice."""
        return json_reply(pathway_view.drawing(self.pathways, data, "query"))

    def entity(self, local: str, fmt: str) -> Reply:
        """An entity's page data (JSON) or its triples (Turtle, JSON-LD, N-Triples)."""
        if fmt == "json":
            return json_reply(describe(self.kg, local))
        media = next(m for m, f in ENTITY_TYPES.items() if f == fmt)
        return Reply(200, media, triples(self.kg, local, fmt))

    def sources(self) -> Reply:
        """The source documents, as cited beside answers."""
        return json_reply(source_cards(self.kg))
