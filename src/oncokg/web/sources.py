"""The source documents as the page cites them beside an answer: short id, title, publisher, a link
where the graph gives one, review date, next review and whether it is overdue.

The catalogue's `sources` query is the one home of those columns and of the overdue rule; a link is
read from whatever the graph says of the document (a web address under one of the predicates below),
so that a URL a later build adds shows up without a change here, and a missing one is left out."""

import hashlib
from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

from oncokg.curation.sources import load_sources
from oncokg.project import Project
from oncokg.query.client import OncoKG
from oncokg.vocab import BASE, PREFIXES

_LINKS_QUERY = f"SELECT ?source ?p ?o WHERE {{ ?source a <{BASE}SourceDocument> ; ?p ?o . FILTER(isIRI(?o)) }}"
# Predicates whose web address is a link to the document itself, best first.
_LINKS = (
    "http://xmlns.com/foaf/0.1/page",
    "https://schema.org/url",
    "http://www.w3.org/ns/dcat#landingPage",
    PREFIXES["dcterms"] + "source",
    PREFIXES["rdfs"] + "seeAlso",
)
_COLUMNS = {"reviewDate": "reviewed", "nextReviewDate": "next_review", "reviewOverdue": "overdue"}


def source_cards(kg: OncoKG) -> list[dict[str, Any]]:
    """One card per source document, in the `sources` query's order."""
    links: dict[str, dict[str, str]] = {}
    for row in kg.backend.select(_LINKS_QUERY).json_records():
        p, o = str(row["p"]), str(row["o"])
        if p in _LINKS and o.startswith(("http://", "https://")):
            links.setdefault(str(row["source"]), {}).setdefault(p, o)
    cards = []
    for record in kg.query("sources").json_records():
        iri = str(record["source"])
        card: dict[str, Any] = {"iri": iri, "id": iri.rsplit("/", 1)[-1]}
        for column, value in record.items():
            if column == "sourceLabel" and value is not None:
                card["title"] = str(value)  # the document's label is its title
            elif column != "source" and not column.endswith("Label") and value is not None:
                card[_COLUMNS.get(column, column)] = str(value)
        found = links.get(iri, {})
        link = card.get("url") or next((found[p] for p in _LINKS if p in found), None)
        if link:
            card["url"] = link
        cards.append(card)
    return cards


def register_text_routes(app: FastAPI, project: Project, manifest: dict) -> None:
    """Each source text at its IRI's path (`oncokg.vocab.rdf.source_text`, `/oncokg/source/<id>.txt`): the
    representation the annotations' selectors count in (their ``oa:cachedSource``). Only the text the
    build read is served (its SHA-256 is the manifest's), since offsets into another text would point at
    other words; registered before the entity pages' `/oncokg/{local}`."""
    recorded = manifest.get("inputs", {})
    texts: dict[str, bytes] = {}
    for source in load_sources(project.sources_dir).values() if project.has_inputs else ():
        data = source.text.encode("utf-8")
        path = (project.sources_dir / source.file).relative_to(project.root).as_posix()
        if recorded.get(path) == hashlib.sha256(data).hexdigest():
            texts[source.id] = data

    @app.get("/oncokg/source/{source_id}.txt", include_in_schema=False)
    def text(source_id: str) -> PlainTextResponse:
        if source_id not in texts:
            raise HTTPException(404, f"no source text {source_id!r} as the build read it (run `oncokg build`)")
        return PlainTextResponse(texts[source_id], media_type="text/plain; charset=utf-8")
