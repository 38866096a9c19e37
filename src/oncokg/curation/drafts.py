"""The build never takes a draft: a fact the curation assistant proposed waits for a curator's accept."""

from pathlib import Path
from typing import Any

from oncokg.errors import OncoKGError


def refuse_drafts(raw: Any, path: Path) -> None:
    """Fail on a fact file holding a draft, or entities proposed for the ontology, naming the first."""
    if not isinstance(raw, dict):
        return
    facts = raw.get("facts")
    for fact in facts if isinstance(facts, list) else []:
        if isinstance(fact, dict) and fact.get("status") == "draft":
            raise OncoKGError(
                f"{path}: fact {fact.get('id')!r} is a draft; accept or reject it (`oncokg curate review`) first"
            )
    if raw.get("proposed_entities"):
        raise OncoKGError(
            f"{path}: proposed entities are waiting: add them to ontology/oncokg.ttl or drop them, then remove this file"
        )
