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

from oncokg.curation.drafts import DRAFT_SUFFIX, LISTS, load
from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError

DRAFT_KEYS = ("status", "confidence", "cues", "scope_from")


class _Dumper(yaml.SafeDumper):
    """Plain YAML a curator edits: no anchors and aliases for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(document: dict[str, Any] | list[Any]) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


def write(path: Path, document: dict[str, Any], force: bool = False) -> None:
    """Write a YAML document; an existing file is replaced only with force."""
    if path.exists() and not force:
        raise OncoKGError(f"{path}: exists; give --force to replace it")
    replace(path, dump(document).encode("utf-8"))


def replace(path: Path, data: bytes) -> None:
    """Write a whole file through a temporary file beside it, so no reader sees it half-written."""
    if not path.parent.is_dir():
        raise OncoKGError(f"{path.parent}: no such directory")
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def draft_file(facts_dir: Path, source_id: str) -> Path:
    return facts_dir / f"{source_id}{DRAFT_SUFFIX}"


def accepted_file(facts_dir: Path, source_id: str) -> Path:
    return facts_dir / f"{source_id}.accepted.yaml"


# The draft of the text's sources.yaml entry is judged by this name.
SOURCE_ENTRY = "source"


def pending(document: dict[str, Any], key: str = "facts") -> list[dict[str, Any]]:
    """The drafts of one list not yet judged."""
    entries = document.get(key)
    return (
        [f for f in entries if isinstance(f, dict) and f.get("status") == "draft"] if isinstance(entries, list) else []
    )


def _take(document: dict[str, Any], fact_id: str, path: Path) -> tuple[str, dict[str, Any]]:
    """Remove one draft from its list; return the list's name and the draft."""
    for key in LISTS:
        entries = document.get(key)
        if not isinstance(entries, list):
            continue
        for n, fact in enumerate(entries):
            if isinstance(fact, dict) and fact.get("id") == fact_id:
                return key, entries.pop(n)
    known = [str(f.get("id")) for key in LISTS for f in pending(document, key)]
    known += [SOURCE_ENTRY] if document.get("source_entry") else []
    raise OncoKGError(f"{path}: no draft {fact_id!r}; drafts: {', '.join(known) or 'none'}")


def accept(facts_dir: Path, source_id: str, fact_id: str) -> Path:
    """Move one draft, as the curator left it, into the source's facts file; return that file."""
    path = draft_file(facts_dir, source_id)
    document = load(path)
    key, fact = _take(document, fact_id, path)
    target = accepted_file(facts_dir, source_id)
    facts = load_yaml(target, "fact file") if target.is_file() else {"source": source_id, "facts": []}
    if not isinstance(facts, dict) or not all(isinstance(facts.get(k) or [], list) for k in LISTS):
        raise OncoKGError(f"{target}: expected 'source', 'facts' and 'non_medical' lists")
    if facts.get(key) is None:
        facts[key] = []
    entries = facts[key]
    if any(isinstance(f, dict) and f.get("id") == fact_id for f in entries):
        raise OncoKGError(f"{target}: already holds {fact_id!r}")
    entries.append({k: v for k, v in fact.items() if k not in DRAFT_KEYS})
    write(target, facts, force=True)
    write(path, document, force=True)
    return target


def reject(facts_dir: Path, source_id: str, fact_id: str) -> None:
    """Drop one draft from the draft file (the source entry's draft too: the curator then writes the
    sources.yaml entry by hand)."""
    path = draft_file(facts_dir, source_id)
    document = load(path)
    if fact_id == SOURCE_ENTRY and document.get("source_entry"):
        del document["source_entry"]
    else:
        _take(document, fact_id, path)
    write(path, document, force=True)
