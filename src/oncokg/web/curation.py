"""The curator's review page: a text's drafts beside their sentences, each accepted (as drafted or as
edited) or rejected, on `oncokg serve --curate` only.

The service is otherwise read-only; with --curate it writes the draft file and the accepted-facts file
of `oncokg curate` (`drafting.review`, the same calls as the CLI), never another file, one change at a
time. Every change is a POST with a JSON body, which a cross-site form cannot send without CORS. The
sentence is shown in its paragraph of the text (the registered source's, or the drafted file's once
checked unchanged since drafting), with the quote marked.
"""

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse

from oncokg.curation.sources import load_sources
from oncokg.drafting import review
from oncokg.drafting.draft import check_source_id
from oncokg.drafting.register import accept_source
from oncokg.errors import OncoKGError
from oncokg.limits import read_bytes
from oncokg.project import Project
from oncokg.web.openapi import errors

STATIC = Path(__file__).parent / "static"
# What a curator may change in a fact before accepting it; its id, quote and offsets stay the text's.
EDITABLE = ("certainty", "node", "triples", "qualifiers", "reason")


def _text(project: Project, source_id: str, document: dict[str, Any]) -> str | None:
    """The drafted text: the registered source's, else the drafted file's if unchanged since drafting."""
    try:
        sources = load_sources(project.sources_dir)
    except OncoKGError:
        sources = {}
    if source_id in sources:
        return sources[source_id].text
    drafted = document.get("source_entry")
    if not isinstance(drafted, dict) or not isinstance(drafted.get("text"), str):
        return None
    try:
        data = read_bytes(Path(drafted["text"]), "drafted text")
    except OncoKGError:
        return None
    return data.decode("utf-8", "replace") if hashlib.sha256(data).hexdigest() == drafted.get("sha256") else None


def _in_paragraph(text: str | None, entry: dict[str, Any]) -> dict[str, str]:
    """The quote's paragraph (its line of the text) cut around the quote: before, quote, after."""
    at = entry.get("at")
    quote = str(entry.get("quote", ""))
    if text is None or not (isinstance(at, list) and len(at) == 2 and all(isinstance(n, int) for n in at)):
        return {"before": "", "quote": quote, "after": ""}
    start, end = at
    if text[start:end] != quote:
        return {"before": "", "quote": quote, "after": ""}
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return {"before": text[line_start:start], "quote": quote, "after": text[end:line_end]}


def listing(project: Project, source_id: str) -> dict[str, Any]:
    """A draft file as the page shows it: every pending draft with its paragraph, and the source entry."""
    document = review.load(review.draft_file(project.facts_dir, check_source_id(source_id)))
    text = _text(project, source_id, document)
    drafts = [
        {"list": key, "entry": entry, "paragraph": _in_paragraph(text, entry)}
        for key in review.LISTS
        for entry in review.pending(document, key)
    ]
    drafted = document.get("source_entry")
    return {
        "source": source_id,
        "source_entry": drafted.get("entry") if isinstance(drafted, dict) else None,
        "drafts": drafts,
        "proposed_entities": document.get("proposed_entities") or [],
    }


def _edit(project: Project, source_id: str, draft_id: str, changes: Any) -> None:
    """Apply the curator's changes to a pending draft, in the draft file, before it is accepted."""
    if not isinstance(changes, dict) or set(changes) - set(EDITABLE):
        raise OncoKGError(f"edit: give an object of {', '.join(EDITABLE)}")
    path = review.draft_file(project.facts_dir, source_id)
    document = review.load(path)
    for key in review.LISTS:
        for entry in review.pending(document, key):
            if entry.get("id") == draft_id:
                entry.update(changes)
                review.write(path, document, force=True)
                return
    raise HTTPException(404, f"{source_id}: no draft {draft_id!r}")


def register_curation_routes(app: FastAPI, project: Project, json_body: Callable[[str, bytes], Any]) -> None:
    """The review page and its API; `json_body(content_type, body)` reads a JSON body as the service does."""
    lock = threading.Lock()  # one change to the files at a time

    @app.get("/curate/{source_id}", include_in_schema=False)
    def page(source_id: str) -> FileResponse:
        return FileResponse(STATIC / "curate.html")

    @app.get(
        "/api/curate/{source_id}", summary="A text's pending drafts, each in its paragraph", responses=errors(400, 404)
    )
    def drafts(source_id: str) -> dict[str, Any]:
        if not review.draft_file(project.facts_dir, check_source_id(source_id)).is_file():
            raise HTTPException(404, f"{source_id}: no draft file; run `oncokg curate draft` first")
        return listing(project, source_id)

    @app.post(
        "/api/curate/{source_id}/{draft_id}",
        summary='Accept (as drafted, or with the body\'s `edit`) or reject one draft: {"action": ...}',
        responses=errors(400, 404, 415),
    )
    async def judge(source_id: str, draft_id: str, request: Request) -> dict[str, Any]:
        body = json_body(request.headers.get("content-type", ""), await request.body())
        action = body.get("action") if isinstance(body, dict) else None
        if action not in ("accept", "reject"):
            raise OncoKGError(
                'request body: give {"action": "accept"} or {"action": "reject"}, and an "edit" to accept'
            )
        check_source_id(source_id)
        with lock:
            if not review.draft_file(project.facts_dir, source_id).is_file():
                raise HTTPException(404, f"{source_id}: no draft file")
            if action == "reject":
                review.reject(project.facts_dir, source_id, draft_id)
                return {"rejected": draft_id}
            if draft_id == review.SOURCE_ENTRY:
                target = accept_source(project.facts_dir, project.sources_dir, source_id)
            else:
                if body.get("edit") is not None:
                    _edit(project, source_id, draft_id, body["edit"])
                target = review.accept(project.facts_dir, source_id, draft_id)
        return {"accepted": draft_id, "into": target.name}
