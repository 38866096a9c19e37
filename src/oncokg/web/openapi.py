"""What `/openapi.json` says each operation takes and answers, so that it matches what the service
does (checked by openapi-spec-validator and schemathesis in the tests).

FastAPI documents a 422 `HTTPValidationError` for every operation with a typed parameter; this
service never sends it (its handler answers 400 `{"error"}`), so `describe` replaces it. The SPARQL
endpoint reads its own request (the Protocol's three ways of sending a query), so its parameters,
body and answer types are declared here rather than inferred; it is one route (so that Starlette's
405 names both of its methods in `Allow`), whose GET and POST get their own operation ids here.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from oncokg.web.negotiation import GRAPH_TYPES, RESULTS_TYPES

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "string", "description": "what went wrong, in one line"}},
    "required": ["error"],
}

# /api/queries: one object per catalogue query, as a worker lists it from the build
CATALOGUE_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "keywords": {"type": "array", "items": {"type": "string"}},
            "parameters": {"type": "array", "items": {"type": "object"}},
            "sparql": {"type": "string"},
        },
        "required": ["name", "title", "description", "keywords", "parameters", "sparql"],
    },
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status with the one-line JSON error body."""
    reasons = {
        400: "a parameter, the query or the body is wrong (the message says which)",
        403: "the service is read-only",
        404: "no such query",
        406: "none of the accepted media types fits the answer",
        413: "the request body is over the service's size limit",
        415: "the request's Content-Type is not one the endpoint reads",
        429: "this client already runs its share of SPARQL queries at once; try again when one has finished",
        503: "the query did not finish in time, or the service is busy",
    }
    return {
        status: {"description": reasons[status], "content": {"application/json": {"schema": ERROR_SCHEMA}}}
        for status in statuses
    }


_ANY = {"schema": {"type": "string"}}
_DATASET = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"an IRI of a graph ({what}); repeatable; replaces the query's own dataset",
        "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
        "style": "form",
        "explode": True,
    }
    for name, what in (("default-graph-uri", "part of the default graph"), ("named-graph-uri", "a named graph"))
]
SPARQL_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the results (SELECT, ASK) or the graph (CONSTRUCT, DESCRIBE) in the negotiated type",
        "content": dict.fromkeys([*RESULTS_TYPES, *GRAPH_TYPES], _ANY),
    },
    **errors(400, 403, 406, 415, 429, 503),
}
SPARQL_GET = {
    "parameters": [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "description": "a SPARQL 1.1 query; without it (and any other parameter) the Service Description",
            "schema": {"type": "string"},
        },
        *_DATASET,
    ]
}
SPARQL_POST = {
    "parameters": _DATASET,
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}
            },
        },
    },
}
CATALOGUE_PARAMETERS = {
    "parameters": [
        {
            "name": "parameters",
            "in": "query",
            "required": False,
            "description": "the query's parameters (see /api/queries), each once: labels, synonyms, brand names or CURIEs",
            "schema": {"type": "object", "additionalProperties": {"type": "string"}},
            "style": "form",
            "explode": True,
        }
    ]
}


def describe(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, made once, with the validation error FastAPI adds replaced by ours."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for method, extra in (("get", SPARQL_GET), ("post", SPARQL_POST)):  # one route, two ways to ask
            schema["paths"]["/query"][method].update(extra, operationId=f"sparql_query_{method}")
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                if responses.pop("422", None) is not None:
                    responses.setdefault("400", errors(400)[400])
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        if not schema.get("components", {}).get("schemas"):
            schema.pop("components", None)
        app.openapi_schema = schema
    return app.openapi_schema
