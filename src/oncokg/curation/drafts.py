"""The build never takes a draft: a fact the curation assistant proposed waits for a curator's accept."""

from pathlib import Path
from typing import Any

from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError

# What `oncokg curate draft` names its file beside the facts: the build refuses it, coverage reads it.
DRAFT_SUFFIX = ".draft.yaml"


# The lists of a draft file whose entries are judged one by one: facts, and spans that are not medical content.
LISTS = ("facts", "non_medical")


def is_draft_file(path: Path) -> bool:
    return path.name.endswith(DRAFT_SUFFIX)


def load(path: Path) -> dict[str, Any]:
    """A draft file: its source, its drafts and its proposed entities."""
    if not path.is_file():
        raise OncoKGError(f"{path}: no draft file; run `oncokg curate draft` first")
    raw = load_yaml(path, "draft file")
    if not isinstance(raw, dict) or not isinstance(raw.get("source"), str) or not isinstance(raw.get("facts"), list):
        raise OncoKGError(f"{path}: expected 'source' and 'facts' (a draft file of `oncokg curate draft`)")
    return raw


def refuse_drafts(raw: Any, path: Path) -> None:
    """Fail on a fact file holding a draft, or entities proposed for the ontology, naming the first."""
    if not isinstance(raw, dict):
        return
    for key, label in (("facts", "fact"), ("non_medical", "non-medical span")):
        entries = raw.get(key)
        for fact in entries if isinstance(entries, list) else []:
            if isinstance(fact, dict) and fact.get("status") == "draft":
                raise OncoKGError(
                    f"{path}: {label} {fact.get('id')!r} is a draft; accept or reject it (`oncokg curate review`) first"
                )
    if raw.get("source_entry"):
        raise OncoKGError(
            f"{path}: the text's source entry is a draft; `oncokg curate accept {raw.get('source')} source` "
            "registers it, `reject ... source` drops it"
        )
    if raw.get("proposed_entities"):
        raise OncoKGError(
            f"{path}: proposed entities are waiting: add them to ontology/oncokg.ttl or drop them, then remove this file"
        )
