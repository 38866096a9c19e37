"""The ASGI application: routes, error handling, the request-body limit and the metrics.

Every answer is JSON (or the negotiated SPARQL/CSV type); every error is `{"error": "one line"}`
with a 4xx status for a request the user can fix, never a traceback.
"""

import asyncio
import json
import time
from collections.abc import Mapping
from contextlib import asynccontextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.exceptions import HTTPException

from oncokg.disclaimer import DISCLAIMER
from oncokg.errors import OncoKGError
from oncokg.limits import SERVICE_TIMEOUT, SERVICE_WORKERS, limit
from oncokg.pathway.patient import loads
from oncokg.pipeline.status import read_manifest
from oncokg.project import Project
from oncokg.query.client import OncoKG
from oncokg.query.run import one_value
from oncokg.store.embedded import EmbeddedBackend
from oncokg.vocab import BASE, SPARQL_PREFIXES
from oncokg.web.answers import AnswerCache, lifetime
from oncokg.web.curation import register_curation_routes
from oncokg.web.jobs import Reply, error_reply
from oncokg.web.metrics import Metrics
from oncokg.web.negotiation import NotAcceptable, choose
from oncokg.web.openapi import (
    CATALOGUE_PARAMETERS,
    CATALOGUE_SCHEMA,
    SPARQL_ANSWERS,
    describe,
    errors,
)
from oncokg.web.pages import register_catalogue_routes, register_pages
from oncokg.web.pathway_request import request_body_schema
from oncokg.web.protocol import READ_ONLY, endpoint_url, protocol_query
from oncokg.web.sources import register_text_routes
from oncokg.web.workers import WorkerPool

STATIC = Path(__file__).parent / "static"
_API_TYPES = {"application/json": "json", "text/csv": "csv"}
_HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"})


def _reply(reply: Reply) -> Response:
    headers = {"Retry-After": str(reply.retry_after)} if reply.retry_after else None
    return Response(reply.body, reply.status, media_type=reply.media_type, headers=headers)


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    response = _reply(error_reply(status, message))
    response.headers.update(headers or {})
    return response


class _Guard:
    """ASGI middleware: refuses bodies over the limit (413) or slower than the body timeout (408),
    answers HEAD as GET without the body (RFC 9110 §9.3.2; `HEAD /query` was a 405), and records
    each request's metrics (methods outside HTTP's own as `other`: a made-up method must not add
    a series)."""

    def __init__(self, app, metrics: Metrics):
        self.app, self.metrics = app, metrics
        self.limit, self.seconds = limit("max_body_bytes"), limit("request_body_seconds")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.perf_counter(), [500]
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await _error(413, f"the request body is over the limit of {self.limit:,} bytes")(scope, receive, send)
            return self._record(scope, 413, started)
        received, complete, deadline = 0, False, time.monotonic() + self.seconds

        async def limited_receive():
            nonlocal received, complete
            if complete:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise HTTPException(408, f"the request body did not arrive within {self.seconds} s") from None
            received += len(message.get("body", b""))
            complete = not message.get("more_body", False)
            if received > self.limit:
                raise HTTPException(413, f"the request body is over the limit of {self.limit:,} bytes")
            return message

        head = scope["method"] == "HEAD"
        routed = {**scope, "method": "GET"} if head else scope  # the server still sees HEAD: no body goes out

        async def recording_send(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif head and message.get("more_body", False):
                return
            elif head:
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(routed, limited_receive, recording_send)
        finally:
            self._record(routed, status[0], started, scope["method"])

    def _record(self, scope, status: int, started: float, method: str | None = None) -> None:
        route = getattr(scope.get("route"), "path", "unrouted")
        method = method or scope["method"]
        method = method if method in _HTTP_METHODS else "other"
        self.metrics.requests.labels(route, method, str(status)).inc()
        self.metrics.latency.labels(route).observe(time.perf_counter() - started)


def create_app(
    root: Path | str | None = None,
    timeout: float = SERVICE_TIMEOUT,
    workers: int = SERVICE_WORKERS,
    curate: bool = False,
) -> FastAPI:
    """The service for a project's built store; the worker pool starts with the app. With `curate`,
    also the curator's review page, which writes the drafts' files (`web.curation`)."""
    project = Project.find(root)
    manifest = read_manifest(project.build_dir)  # the data release and build date, to cite
    # the build's catalogue, for the per-query routes of the API docs (opening the store here also
    # fails with its one-line error, not in each worker); /api/queries asks a worker, which follows rebuilds
    catalog = OncoKG(EmbeddedBackend.open(project.build_dir)).catalog
    pool = WorkerPool(project.root, project.store_dir, workers, timeout)
    answers = AnswerCache()
    metrics = Metrics(pool.stats, answers)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(
        title="OncoKG",
        version=version("oncokg"),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="An oncology knowledge graph with provenance: the query catalogue, the treatment-pathway "
        "reasoner, name resolution and a read-only SPARQL 1.1 endpoint. " + DISCLAIMER,
    )
    app.add_middleware(_Guard, metrics=metrics)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = exc.headers
        if exc.status_code == 405:  # Starlette's Allow names one route's methods; a path may have several
            headers = {**(headers or {}), "Allow": ", ".join(_allowed(app, request.url.path))}
        return _error(exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        return _error(400, f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(NotAcceptable)
    async def not_acceptable(request: Request, exc: NotAcceptable) -> Response:
        return _error(406, str(exc))

    @app.exception_handler(OncoKGError)
    async def user_error(request: Request, exc: OncoKGError) -> Response:
        return _error(400, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return _error(500, f"internal error: {type(exc).__name__}")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="OncoKG API",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    @app.get("/api/about", summary="Prefixes, the notice and the service's limits")
    async def about() -> dict[str, Any]:
        return {
            "disclaimer": DISCLAIMER,
            "base": BASE,
            "prefixes": SPARQL_PREFIXES,
            "timeout": timeout,
            "workers": workers,
            "max_body_bytes": limit("max_body_bytes"),
            "data_version": manifest.get("data_version"),
            "built_at": manifest.get("built_at"),
        }

    @app.get(
        "/api/queries",
        summary="The query catalogue",
        responses={200: {"content": {"application/json": {"schema": CATALOGUE_SCHEMA}}}, **errors(503)},
    )
    async def queries() -> Response:
        return _reply(await pool.run(("catalogue",)))

    async def run_catalogue_query(name: str, request: Request) -> Response:
        _, fmt = choose(request.headers.get("accept"), _API_TYPES)
        params = one_value(request.query_params.multi_items(), "query parameter")
        return _reply(await pool.run(("query", name, params, fmt)))

    register_catalogue_routes(app, catalog, run_catalogue_query)

    @app.get(
        "/api/queries/{name}",
        summary="Run a catalogue query",
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}, **errors(400, 404, 406, 503)},
        openapi_extra=CATALOGUE_PARAMETERS,
        description="Parameters as `?param=value` (labels, synonyms, brand names or CURIEs). Typed JSON rows "
        "with a label column per IRI column; `Accept: text/csv` for CSV.",
    )
    async def run_query(name: str, request: Request) -> Response:
        return await run_catalogue_query(name, request)

    @app.get(
        "/api/queries/{name}/sparql",
        summary="A catalogue query's text with its parameters bound",
        responses=errors(400, 404, 503),
        openapi_extra=CATALOGUE_PARAMETERS,
    )
    async def bound_query(name: str, request: Request) -> Response:
        params = one_value(request.query_params.multi_items(), "query parameter")
        return _reply(await pool.run(("bound", name, params)))

    @app.get(
        "/api/entities",
        summary="Resolve a name (of a kind: kind=Drug); suggestions for a partial or mistyped one",
        responses=errors(400, 503),
    )
    async def entities(q: str, kind: str = "") -> Response:
        if not q.strip():
            return _error(400, "q: give a name, synonym, brand name or CURIE")
        return _reply(await pool.run(("entities", q, kind)))

    @app.post(
        "/api/pathway",
        summary="Next treatment options for a patient state (as `oncokg pathway next --patient`)",
        responses=errors(400, 413, 415, 503),
        openapi_extra={"requestBody": request_body_schema()},
    )
    async def pathway(request: Request) -> Response:
        data = _json_body(request.headers.get("content-type", ""), await request.body())
        return _reply(await pool.run(("pathway", data)))

    register_text_routes(app, project, manifest)  # before the entity pages' /oncokg/{local}
    register_pages(app, pool)
    if curate:
        register_curation_routes(app, project, _json_body)

    sparql_summary = "SPARQL 1.1 Protocol query endpoint (read-only); without a query, its Service Description"

    @app.api_route("/query", methods=["GET", "POST"], summary=sparql_summary, responses=SPARQL_ANSWERS)
    @app.api_route("/sparql", methods=["GET", "POST"], include_in_schema=False)
    async def sparql(request: Request) -> Response:
        accept = request.headers.get("accept")
        query = await protocol_query(request)
        if query is None:
            return _reply(await pool.run(("description", endpoint_url(request), accept)))
        client = request.client.host if request.client else ""
        job = ("sparql", query.text, accept, query.dataset, query.base_iri)
        seconds = lifetime(query.text)
        if not seconds:
            return _reply(await pool.run(job, client))
        return _reply(await answers.answer((pool.generation(), *job), lambda: pool.run(job, client), seconds))

    @app.api_route("/update", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
    @app.api_route("/store", methods=["POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
    async def refuse_writes() -> Response:
        return _error(403, READ_ONLY)

    @app.get(
        "/healthz",
        summary="Liveness: the worker processes alive now, of those expected",
        responses={503: {"description": "no query worker is alive"}},
    )
    async def healthz() -> Response:
        live = pool.stats.live()
        status = "ok" if live == workers else "degraded" if live else "down"
        body = {"status": status, "workers": live, "expected": workers, "in_flight": pool.stats.in_flight}
        return JSONResponse(body, 200 if live else 503)

    @app.get("/metrics", summary="Prometheus metrics", response_class=PlainTextResponse)
    async def metrics_page() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    app.openapi = lambda: describe(app)  # type: ignore[method-assign]  # FastAPI's documented way to adjust it
    return app


def _json_body(media: str, body: bytes) -> Any:
    """A JSON request body, read as the CLI reads a patient file (`loads`: depth checked before
    parsing). Only `application/json` is read: a cross-site form cannot send it without CORS."""
    if media.split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415, f"Content-Type {media or 'missing'}: send application/json")
    try:
        return loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise OncoKGError("request body: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise OncoKGError(f"request body: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except OncoKGError as exc:
        raise OncoKGError(f"request body: {exc}") from None


def _allowed(app: FastAPI, path: str) -> list[str]:
    """Every method some route of the app takes at this path."""
    routes = [r for r in app.routes if isinstance(r, APIRoute) and r.path_regex.match(path)]
    methods = {m for r in routes for m in (r.methods or ())}
    return sorted(methods)
