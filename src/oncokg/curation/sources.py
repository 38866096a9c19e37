"""The source documents and their metadata (data/sources/sources.yaml)."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError
from oncokg.limits import read_text

SOURCES_FILE = "sources.yaml"


@dataclass(frozen=True)
class Source:
    """One source document: its text and what the text says about its origin and date."""

    id: str
    file: str
    title: str
    text: str
    subject: str
    origin_note: str
    non_medical: str
    publisher: str | None = None
    author: str | None = None
    review_date: date | None = None
    next_review_date: date | None = None
    references: tuple[str, ...] = field(default_factory=tuple)


_REQUIRED = ("id", "file", "title", "subject", "origin_note", "non_medical")
_OPTIONAL = ("publisher", "author", "review_date", "next_review_date", "references")


def load_sources(sources_dir: Path) -> dict[str, Source]:
    """Read sources.yaml and the texts it names; errors name the file and the entry."""
    meta_path = sources_dir / SOURCES_FILE
    if not meta_path.exists():
        raise OncoKGError(f"{meta_path}: source metadata file not found")
    meta = load_yaml(meta_path)
    entries = meta.get("sources") if isinstance(meta, dict) else None
    if not isinstance(entries, list):
        raise OncoKGError(f"{meta_path}: expected a top-level 'sources:' list")
    sources: dict[str, Source] = {}
    for n, entry in enumerate(entries, 1):
        where = f"{meta_path}: source #{n}"
        if not isinstance(entry, dict):
            raise OncoKGError(f"{where}: expected a mapping")
        missing = [k for k in _REQUIRED if not entry.get(k)]
        unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
        if missing or unknown:
            raise OncoKGError(f"{where}: missing {missing or 'nothing'}, unknown keys {unknown or 'none'}")
        if entry["id"] in sources:
            raise OncoKGError(f"{where}: duplicate source id {entry['id']!r}")
        text_path = sources_dir / str(entry["file"])
        if not text_path.exists():
            raise OncoKGError(f"{where}: text file {text_path} not found")
        text = read_text(text_path, "source text")
        for key in ("review_date", "next_review_date"):
            if entry.get(key) is not None and not isinstance(entry[key], date):
                raise OncoKGError(f"{where}: {key} must be a date (YYYY-MM-DD)")
        sources[entry["id"]] = Source(
            text=text,
            references=tuple(entry.get("references") or ()),
            **{k: entry[k] for k in _REQUIRED},
            **{k: entry.get(k) for k in _OPTIONAL if k != "references"},
        )
    return sources
