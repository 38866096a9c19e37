"""The routes of the pathway explorer, the entity pages and the catalogue's per-query API routes.

Registered on the service by `app.create_app`; each answer is made in a query worker, like the rest
of the API. Pages are static HTML whose script asks the same routes for JSON, so every page has an
API twin: `/pathway?cancer=GIST&setting=unresectable` and `/api/pathway?cancer=...`, `/entity/imatinib`
with `Accept: application/json` (or Turtle, JSON-LD, N-Triples)."""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi import Path as PathParameter
from fastapi.responses import FileResponse, Response

from oncokg.query.catalog import CannedQuery, Parameter
from oncokg.web.entity import ENTITY_TYPES
from oncokg.web.jobs import Reply, error_reply
from oncokg.web.negotiation import choose
from oncokg.web.openapi import errors
from oncokg.web.pathway_request import patient_from_query, query_parameters
from oncokg.web.workers import WorkerPool

STATIC = Path(__file__).parent / "static"
_PATHWAY_TYPES = {"application/json": "json", "text/plain": "text"}
_FORMATS = {
    "json": "json",
    "turtle": "turtle",
    "ttl": "turtle",
    "jsonld": "jsonld",
    "ntriples": "ntriples",
    "nt": "ntriples",
}
_ENTITY_DOC = (
    "One entity of the graph, by the local name of its IRI (`https://w3id.org/oncokg/imatinib` is "
    "`imatinib`): HTML for a browser; JSON (the page's data) for `Accept: application/json` or `*/*` (label, definition, "
    "synonyms, classes, mappings, statements with quotes and sources, the catalogue queries that take it), "
    "`text/turtle`, `application/ld+json` or `application/n-triples` for its triples; or `?format=` one of "
    + ", ".join(sorted(_FORMATS))
    + "."
)


def _reply(reply: Reply, vary: bool = False) -> Response:
    headers = {"Vary": "Accept"} if vary else None
    return Response(reply.body, reply.status, media_type=reply.media_type, headers=headers)


def register_catalogue_routes(
    app: FastAPI, catalog: dict[str, CannedQuery], run: Callable[[str, Request], Awaitable[Response]]
) -> None:
    """A route per catalogue query, declaring its parameters with an example each, so that the API
    docs can run every query; they answer as `/api/queries/{name}` does."""

    def handler_of(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def handler(request: Request) -> Response:
            return await run(name, request)

        return handler

    for query in catalog.values():
        app.add_api_route(
            f"/api/queries/{query.name}",
            handler_of(query.name),
            methods=["GET"],
            summary=query.title,
            description=query.description,
            tags=["catalogue"],
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}, **errors(400, 404, 406, 503)},
            openapi_extra={"parameters": [_parameter(p) for p in query.parameters]},
        )


def _parameter(p: Parameter) -> dict[str, Any]:
    kind = "integer" if p.type == "integer" else "string"
    return {
        "name": p.name,
        "in": "query",
        "required": not p.optional,
        "description": p.description,
        "schema": {"type": kind},
        "example": p.example,
    }


def register_pages(app: FastAPI, pool: WorkerPool) -> None:
    """The pathway explorer, GET /api/pathway and its drawing, the sources, and the entity pages."""

    @app.get("/pathway", include_in_schema=False)
    async def pathway_page() -> FileResponse:
        return FileResponse(STATIC / "pathway.html")

    @app.get(
        "/api/pathway",
        summary="Next treatment options for a patient given as query parameters (as the page's address)",
        description="The same answer as `POST /api/pathway`; `Accept: text/plain` for the text `oncokg pathway next` "
        "prints. Repeat `biomarker`, `finding`, `history` and `planned` for more than one; history in order.",
        tags=["pathway"],
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}, **errors(400, 406, 503)},
        openapi_extra={"parameters": query_parameters()},
    )
    async def pathway_get(request: Request) -> Response:
        _, fmt = choose(request.headers.get("accept"), _PATHWAY_TYPES)
        data = patient_from_query(request.query_params.multi_items())
        return _reply(await pool.run(("pathway", data, "query", fmt)), vary=True)

    @app.get(
        "/api/pathway/drawing",
        summary="The patient's pathway as graph elements, with a legend, its sources and the notice",
        tags=["pathway"],
        responses=errors(400, 503),
        openapi_extra={"parameters": query_parameters()},
    )
    async def pathway_drawing(request: Request) -> Response:
        data = patient_from_query(request.query_params.multi_items())
        return _reply(await pool.run(("pathway_drawing", data)))

    @app.get(
        "/api/sources",
        summary="The source documents, as cited beside answers",
        tags=["catalogue"],
        responses=errors(503),
    )
    async def sources() -> Response:
        return _reply(await pool.run(("sources",)))

    async def entity(
        local: Annotated[str, PathParameter(openapi_examples={"imatinib": {"value": "imatinib"}})], request: Request
    ) -> Response:
        asked = request.query_params.get("format")
        fmt = _FORMATS.get(asked) if asked else choose(request.headers.get("accept"), ENTITY_TYPES)[1]
        if fmt is None:
            return _reply(error_reply(400, f"format {asked!r}: use one of {', '.join(sorted(_FORMATS))}"))
        if fmt == "html":
            return FileResponse(STATIC / "entity.html", headers={"Vary": "Accept"})
        return _reply(await pool.run(("entity", local, fmt)), vary=True)

    app.add_api_route(
        "/entity/{local:path}",
        entity,
        methods=["GET"],
        summary="An entity of the graph",
        description=_ENTITY_DOC,
        tags=["entities"],
        responses={200: {"content": {media: {} for media in ENTITY_TYPES}}, **errors(400, 404, 406, 503)},
    )
    app.add_api_route("/oncokg/{local:path}", entity, methods=["GET"], include_in_schema=False)
