"""Coverage report: which sentences of each source yield facts, and which are marked non-medical.

A reviewer reads it to see what was left out and why. Units are sentences within lines; a unit is
covered when a fact quote overlaps it, non-medical when a non-medical span overlaps it, a heading
when it is a short line without closing punctuation (or a short question), non-medical when the
line is only a navigation link, and uncovered otherwise.
"""

import re
from dataclasses import dataclass, field

from oncokg.curation.facts import FactSet
from oncokg.curation.sources import Source

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


def coverage(sources: dict[str, Source], factset: FactSet) -> list[Unit]:
    """Every unit of every source with its status and the facts drawn from it."""
    units = []
    for source in sources.values():
        facts = factset.by_source(source.id)
        spans = [s for s in factset.non_medical if s.source == source.id]
        for start, end in segment(source.text):
            unit = Unit(source.id, start, end, source.text[start:end])
            unit.facts = sorted({f.id for f in facts for q in f.quotes if _overlaps((q.start, q.end), (start, end))})
            marks = [s.reason for s in spans if _overlaps((s.quote.start, s.quote.end), (start, end))]
            if unit.facts:
                unit.status = "covered"
            elif marks:
                unit.status, unit.reason = "non-medical", marks[0]
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
        per[unit.status] += 1
    return counts
