"""The source documents and their metadata (data/sources/sources.yaml)."""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from oncokg.curation.provenance import verify
from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError
from oncokg.limits import read_text

SOURCES_FILE = "sources.yaml"


SCOPE_KEYS = ("forDisease", "inDiseaseState")


@dataclass(frozen=True)
class Scope:
    """What a document or one of its sections is about: the disease and states its statements inherit.

    A section is a character range [start, end) of the text whose heading (``title``) starts it; the
    whole document is the range of its text. ``values`` maps forDisease / inDiseaseState to names;
    ``quote`` is the text that says what the range is about (a section's heading, or the document's
    title or statement of its subject) and ``at`` its offsets.
    """

    id: str
    title: str
    start: int
    end: int
    values: dict[str, tuple[str, ...]]
    quote: str = ""
    at: tuple[int, int] = (0, 0)


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
    url: str | None = None  # a web address the text itself gives for the document or its publisher
    author: str | None = None
    review_date: date | None = None
    next_review_date: date | None = None
    references: tuple[str, ...] = field(default_factory=tuple)
    scope: Scope | None = None
    sections: tuple[Scope, ...] = ()

    def scope_at(self, offset: int) -> Scope | None:
        """The scope a statement quoted at `offset` inherits: its innermost section's values, each filled
        from the document's where the section does not give it; None where neither gives any."""
        inside = [s for s in self.sections if s.start <= offset < s.end]
        section = min(inside, key=lambda s: s.end - s.start) if inside else None
        if section is None:
            return self.scope
        if self.scope is None:
            return section
        values = {**self.scope.values, **section.values}
        return Scope(section.id, section.title, section.start, section.end, values, section.quote, section.at)


_REQUIRED = ("id", "file", "title", "subject", "origin_note", "non_medical")
_OPTIONAL = ("publisher", "url", "author", "review_date", "next_review_date", "references", "scope", "sections")


def _scope_values(raw: object, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict) or not raw or set(raw) - set(SCOPE_KEYS) - {"id", "title", "at", "quote"}:
        raise OncoKGError(f"{where}: a scope gives {list(SCOPE_KEYS)} (names of the ontology)")
    values = {}
    for key in SCOPE_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        names = value if isinstance(value, list) else [value]
        if not names or not all(isinstance(n, str) and n for n in names):
            raise OncoKGError(f"{where}: {key} is a name or a list of names")
        values[key] = tuple(names)
    if not values:
        raise OncoKGError(f"{where}: a scope gives at least one of {list(SCOPE_KEYS)}")
    return values


def _scopes(entry: dict, text: str, where: str) -> tuple[Scope | None, tuple[Scope, ...]]:
    """The document's scope and its sections' scopes; a section's title must be the text at its start."""
    scope = None
    raw_scope = entry.get("scope")
    if raw_scope is not None:
        values = _scope_values(raw_scope, f"{where}: scope")
        quote, span = raw_scope.get("quote"), raw_scope.get("at")
        if not (isinstance(quote, str) and isinstance(span, list) and len(span) == 2 and verify(text, quote, *span)):
            raise OncoKGError(f"{where}: scope needs 'quote', the words that say what the document is about, at 'at'")
        scope = Scope(str(entry["id"]), str(entry["title"]), 0, len(text), values, quote, (span[0], span[1]))
    sections = []
    seen: set[str] = set()
    for n, raw in enumerate(entry.get("sections") or [], 1):
        at = f"{where}: section #{n}"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("title"), str):
            raise OncoKGError(f"{at}: needs 'id', 'title', 'at: [start, end]' and forDisease or inDiseaseState")
        span = raw.get("at")
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
            raise OncoKGError(f"{at}: 'at' is [start, end], character offsets")
        start, end = span
        if not 0 <= start < end <= len(text):
            raise OncoKGError(f"{at}: [{start}, {end}] is not a range of the text (length {len(text)})")
        if text[start : start + len(raw["title"])] != raw["title"]:
            raise OncoKGError(f"{at}: the text at {start} is not its title {raw['title']!r}")
        if raw["id"] in seen:
            raise OncoKGError(f"{at}: duplicate section id {raw['id']!r}")
        seen.add(raw["id"])
        heading = (start, start + len(raw["title"]))
        sections.append(
            Scope(f"{entry['id']}-{raw['id']}", raw["title"], start, end, _scope_values(raw, at), raw["title"], heading)
        )
    return scope, tuple(sections)


def _check_url(url: object, text: str, where: str) -> None:
    """A source's url is one its text gives (``www.cancer.org`` for ``https://www.cancer.org``), never a guess."""
    if url is None:
        return
    if not isinstance(url, str) or not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
        raise OncoKGError(f"{where}: url must be an http(s) address, got {url!r}")
    bare = re.sub(r"^https?://", "", url).rstrip("/")
    if bare not in text:
        raise OncoKGError(f"{where}: url {url!r}: the text does not give {bare!r}; record only an address it gives")


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
        _check_url(entry.get("url"), text, where)
        scope, sections = _scopes(entry, text, where)
        sources[entry["id"]] = Source(
            text=text,
            references=tuple(entry.get("references") or ()),
            scope=scope,
            sections=sections,
            **{k: str(entry[k]) for k in _REQUIRED},
            publisher=entry.get("publisher"),
            url=entry.get("url"),
            author=entry.get("author"),
            review_date=entry.get("review_date"),
            next_review_date=entry.get("next_review_date"),
        )
    return sources
