"""Registering a drafted text as a source: its sources.yaml entry, as the curator left it, and its text.

`oncokg curate accept ID source` copies the text (checked unchanged since it was drafted: every offset
of the drafts points into it) beside the other sources, and appends the entry to sources.yaml as text,
so the hand-written entries and their comments stay as they are. The new file is read back as YAML
before it replaces the old one; nothing is written when any check fails.
"""

import hashlib
from pathlib import Path
from typing import Any

import yaml

from oncokg.curation.sources import SOURCES_FILE
from oncokg.curation.yaml_io import load_yaml
from oncokg.drafting.review import draft_file, dump, load, replace, write
from oncokg.errors import OncoKGError
from oncokg.limits import read_bytes


def _drafted_entry(document: dict[str, Any], path: Path) -> dict[str, Any]:
    drafted = document.get("source_entry")
    if not isinstance(drafted, dict) or not isinstance(drafted.get("entry"), dict):
        raise OncoKGError(f"{path}: no source entry to accept (already accepted or rejected)")
    for key in ("text", "sha256"):
        if not isinstance(drafted.get(key), str):
            raise OncoKGError(f"{path}: source_entry has no {key!r}; draft the text again with `oncokg curate draft`")
    return drafted


def _checked_text(drafted: dict[str, Any], path: Path) -> bytes:
    """The drafted text, as it was when drafted."""
    text_path = Path(drafted["text"])
    data = read_bytes(text_path, "drafted text")
    if hashlib.sha256(data).hexdigest() != drafted["sha256"]:
        raise OncoKGError(f"{path}: {text_path} has changed since it was drafted; draft it again")
    return data


def _appended(meta_path: Path, entry: dict[str, Any]) -> str:
    """sources.yaml with the entry appended to its list, checked to read back with it."""
    original = meta_path.read_text(encoding="utf-8")
    meta = load_yaml(meta_path, "source metadata")
    entries = meta.get("sources") if isinstance(meta, dict) else None
    if not isinstance(entries, list):
        raise OncoKGError(f"{meta_path}: expected a top-level 'sources:' list")
    if any(isinstance(e, dict) and e.get("id") == entry["id"] for e in entries):
        raise OncoKGError(f"{meta_path}: already has a source {entry['id']!r}")
    block = "".join(f"  {line}\n" for line in dump([entry]).splitlines())
    combined = original + ("" if original.endswith("\n") else "\n") + block
    after = yaml.safe_load(combined)
    if not isinstance(after, dict) or after.get("sources", [None])[-1] != entry:
        raise OncoKGError(f"{meta_path}: 'sources:' is not the file's last key; add the entry by hand")
    return combined


def accept_source(facts_dir: Path, sources_dir: Path, source_id: str) -> Path:
    """Register the drafted text as a source: copy its text, append its entry; return sources.yaml."""
    path = draft_file(facts_dir, source_id)
    document = load(path)
    drafted = _drafted_entry(document, path)
    entry = drafted["entry"]
    if entry.get("id") != source_id:
        raise OncoKGError(f"{path}: the source entry's id is {entry.get('id')!r}, not {source_id!r}")
    data = _checked_text(drafted, path)
    target = sources_dir / str(entry.get("file"))
    if target.parent != sources_dir:
        raise OncoKGError(f"{path}: the entry's file {entry.get('file')!r} must be a plain file name")
    if target.exists() and target.read_bytes() != data:
        raise OncoKGError(f"{target}: exists with other text; rename the entry's file")
    meta_path = sources_dir / SOURCES_FILE
    combined = _appended(meta_path, entry)
    if not target.exists():
        replace(target, data)
    replace(meta_path, combined.encode("utf-8"))
    del document["source_entry"]
    write(path, document, force=True)
    return meta_path
