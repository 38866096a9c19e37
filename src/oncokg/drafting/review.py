"""The curator's side: draft files written safely, listed beside their sentences, accepted or rejected.

Only an accepted draft reaches a facts file, ``<source>.accepted.yaml`` beside the drafts, without its
draft keys (the assistant writes that file alone, so a hand-curated file and its comments are never
rewritten); a rejected one leaves the draft file. Every write goes to a temporary file first and replaces
the target whole, so an interrupted command leaves no half-written file.
"""

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError

DRAFT_KEYS = ("status", "confidence", "cues", "scope_from")


class _Dumper(yaml.SafeDumper):
    """Plain YAML a curator edits: no anchors and aliases for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(document: dict[str, Any]) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


def write(path: Path, document: dict[str, Any], force: bool = False) -> None:
    """Write a YAML document; an existing file is replaced only with force."""
    if path.exists() and not force:
        raise OncoKGError(f"{path}: exists; give --force to replace it")
    if not path.parent.is_dir():
        raise OncoKGError(f"{path.parent}: no such directory")
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(dump(document))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def draft_file(facts_dir: Path, source_id: str) -> Path:
    return facts_dir / f"{source_id}.draft.yaml"


def accepted_file(facts_dir: Path, source_id: str) -> Path:
    return facts_dir / f"{source_id}.accepted.yaml"


def load(path: Path) -> dict[str, Any]:
    """A draft file: its source, its drafts and its proposed entities."""
    if not path.is_file():
        raise OncoKGError(f"{path}: no draft file; run `oncokg curate draft` first")
    raw = load_yaml(path, "draft file")
    if not isinstance(raw, dict) or not isinstance(raw.get("source"), str) or not isinstance(raw.get("facts"), list):
        raise OncoKGError(f"{path}: expected 'source' and 'facts' (a draft file of `oncokg curate draft`)")
    return raw


def pending(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The drafts not yet judged."""
    return [f for f in document["facts"] if isinstance(f, dict) and f.get("status") == "draft"]


def _take(document: dict[str, Any], fact_id: str, path: Path) -> dict[str, Any]:
    for n, fact in enumerate(document["facts"]):
        if isinstance(fact, dict) and fact.get("id") == fact_id:
            return document["facts"].pop(n)
    known = ", ".join(str(f.get("id")) for f in pending(document)) or "none"
    raise OncoKGError(f"{path}: no draft {fact_id!r}; drafts: {known}")


def accept(facts_dir: Path, source_id: str, fact_id: str) -> Path:
    """Move one draft, as the curator left it, into the source's facts file; return that file."""
    path = draft_file(facts_dir, source_id)
    document = load(path)
    fact = _take(document, fact_id, path)
    target = accepted_file(facts_dir, source_id)
    facts = load_yaml(target, "fact file") if target.is_file() else {"source": source_id, "facts": []}
    if not isinstance(facts, dict) or not isinstance(facts.get("facts") or [], list):
        raise OncoKGError(f"{target}: expected 'source' and 'facts'")
    facts["facts"] = facts.get("facts") or []
    if any(isinstance(f, dict) and f.get("id") == fact_id for f in facts["facts"]):
        raise OncoKGError(f"{target}: already holds a fact {fact_id!r}")
    facts["facts"].append({k: v for k, v in fact.items() if k not in DRAFT_KEYS})
    write(target, facts, force=True)
    write(path, document, force=True)
    return target


def reject(facts_dir: Path, source_id: str, fact_id: str) -> None:
    """Drop one draft from the draft file."""
    path = draft_file(facts_dir, source_id)
    document = load(path)
    _take(document, fact_id, path)
    write(path, document, force=True)
