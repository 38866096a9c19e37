"""Coverage report: which sentences of each source yield facts, and which are marked non-medical.

A reviewer reads it to see what was left out and why. Units are sentences within lines; a unit is
covered when a fact quote overlaps it, non-medical when a non-medical span overlaps it, a heading
when it is a short line without closing punctuation (or a short question), non-medical when the
line is only a navigation link, drafted when only a draft not yet judged (`oncokg curate draft`)
quotes it, and uncovered otherwise. Draft files are read, never built: the build refuses them.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oncokg.curation.drafts import LISTS, is_draft_file, load
from oncokg.curation.facts import FactSet, checked_quotes
from oncokg.curation.sources import Source
from oncokg.errors import OncoKGError

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


@dataclass
class Unit:
    """A sentence (or list item, or heading) of a source, with what was drawn from it."""

    source: str
    start: int
    end: int
    text: str
    status: str = "uncovered"
    facts: list[str] = field(default_factory=list)
    reason: str = ""


def segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans: each non-blank line, split after . ! or ? followed by whitespace."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        start = line.start()
        pieces = _SENTENCE_END.split(line.group())
        offset = 0
        for piece in pieces:
            begin = line.group().index(piece, offset)
            offset = begin + len(piece)
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                spans.append((start + begin + lead, start + begin + lead + len(stripped)))
    return spans


def nearest(text: str, quote: str) -> tuple[int, int] | None:
    """The sentence that holds the most of the quote's words (the shortest such, first in the text on a
    tie), when it holds at least half of them: for a curator whose quote is not verbatim."""
    wanted = set(re.findall(r"\w+", quote.lower()))
    if not wanted:
        return None

    def held(span: tuple[int, int]) -> float:
        return len(wanted & set(re.findall(r"\w+", text[span[0] : span[1]].lower()))) / len(wanted)

    spans = segment(text)
    best = max(spans, key=lambda s: (held(s), -(s[1] - s[0]), -s[0]), default=None)
    return best if best is not None and held(best) >= 0.5 else None


LINK_ONLY = re.compile(r"^-?\s*\[[^\]]*\]\([^)]*\)$")


def is_heading(text: str) -> bool:
    """A short line that states nothing: a title, or a question that the next lines answer."""
    if text.endswith("?"):
        return len(text.split()) <= 12
    return len(text.split()) <= 12 and not re.search(r"[.!:,;)]$", text) and "[" not in text


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Pending:
    """A draft fact or non-medical span not yet judged, where it quotes its source."""

    source: str
    id: str
    start: int
    end: int


def split_drafts(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The fact files, and the draft files among them."""
    return [p for p in paths if not is_draft_file(p)], [p for p in paths if is_draft_file(p)]


def pending(paths: list[Path], sources: dict[str, Source]) -> list[Pending]:
    """Every draft not yet judged in the draft files, its quotes checked against its source; a draft
    file whose text is not yet a source (its entry still a draft) is refused, naming the command."""
    found = []
    for path in paths:
        raw = load(path)
        source = sources.get(raw["source"])
        if source is None:
            raise OncoKGError(
                f"{path}: source {raw['source']!r} is not registered yet; "
                f"`oncokg curate accept {raw['source']} source` registers it"
            )
        for key in LISTS:
            entries = raw.get(key)
            for n, entry in enumerate(entries if isinstance(entries, list) else [], 1):
                if isinstance(entry, dict) and entry.get("status") == "draft":
                    where = f"{path}: {key} #{n}"
                    ident = str(entry.get("id", f"{key}-{n}"))
                    found += [Pending(source.id, ident, q.start, q.end) for q in checked_quotes(entry, source, where)]
    return found


def coverage(sources: dict[str, Source], factset: FactSet, drafts: Sequence[Pending] = ()) -> list[Unit]:
    """Every unit of every source with its status and the facts drawn from it (or the drafts waiting)."""
    units = []
    for source in sources.values():
        facts = factset.by_source(source.id)
        spans = [s for s in factset.non_medical if s.source == source.id]
        waiting = [d for d in drafts if d.source == source.id]
        for start, end in segment(source.text):
            unit = Unit(source.id, start, end, source.text[start:end])
            unit.facts = sorted({f.id for f in facts for q in f.quotes if _overlaps((q.start, q.end), (start, end))})
            marks = [s.reason for s in spans if _overlaps((s.quote.start, s.quote.end), (start, end))]
            drafted = list(dict.fromkeys(d.id for d in waiting if _overlaps((d.start, d.end), (start, end))))
            if unit.facts:
                unit.status = "covered"
            elif marks:
                unit.status, unit.reason = "non-medical", marks[0]
            elif drafted:
                unit.status, unit.facts, unit.reason = "drafted", drafted, "drafts waiting for review"
            elif LINK_ONLY.match(unit.text):
                unit.status, unit.reason = "non-medical", "navigation link"
            elif is_heading(unit.text):
                unit.status = "heading"
            units.append(unit)
    return units


def summary(units: list[Unit]) -> dict[str, dict[str, int]]:
    """Counts of units by status, per source."""
    counts: dict[str, dict[str, int]] = {}
    for unit in units:
        per = counts.setdefault(unit.source, {"covered": 0, "non-medical": 0, "heading": 0, "uncovered": 0})
        per[unit.status] = per.get(unit.status, 0) + 1  # "drafted" only while drafts wait
    return counts
