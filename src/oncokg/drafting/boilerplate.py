"""Lines of a page that are not medical content: navigation, review and copyright lines, references,
contact notices. Drafted as `non_medical` spans (data/facts format) for the curator to accept, so
`oncokg coverage` counts them as read rather than as sentences left without a fact.

A line is judged whole, by what patient-information pages print around their content (the corpus's
`non_medical` notes in sources.yaml name the same kinds).
"""

import re
from dataclasses import dataclass

from oncokg.drafting.metadata import LABELS
from oncokg.drafting.sentences import Sentence

# Each kind of boilerplate line and the words that show it; the first that matches names the reason.
KINDS = (
    ("navigation link", re.compile(r"^\W*(?:\[[^\]]*\]\([^)]*\)\W*)+$|^\W*(?:Print this Article|more\.\.\.)\W*$")),
    (
        "review, author or copyright line",
        re.compile(
            r"\b(?:Copyright|copyrighted|All rights reserved)\b|©|^\W*(?:Date reviewed|Article Details|Edited By)\b",
            re.IGNORECASE,
        ),
    ),
    ("reference", re.compile(r"\bet al\.|\bAccessed at\b|\b(?:19|20)\d{2};\s*\d+|\bPrinciples and Practice\b")),
    ("contact notice", re.compile(r"\b1-800-\d{3}-\d{4}\b|\bcall us\b|\bcontact us\b", re.IGNORECASE)),
    (
        "publisher notice",
        re.compile(
            r"\bquality mark\b|\bhow we produce our information\b|\bcurrently being reviewed\b|\bnot official policy\b"
            # "cannot replace advice from your own medical team", "not a substitute for medical advice"
            r"|\b(?:replace|substitute for)\b[^.]*\badvice\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "This page is for people with ...", "This information explains ...": who the page is for and what
        # it covers, said of the page, not of a treatment
        "audience or contents line",
        re.compile(
            r"^\W*(?:this|the)\s+(?:page|information|leaflet|booklet|article|section|guide|fact ?sheet)\s+"
            r"(?:is\s+(?:for|about|written\s+for)|explains|describes|covers|tells\s+you|looks\s+at|gives)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class Boilerplate:
    """A span of the text at [start, end) that is not medical content, and why."""

    start: int
    end: int
    text: str
    reason: str


def reason_of(line: str) -> str | None:
    """Why a line is boilerplate, or None when it may be content."""
    if any(pattern.search(line) for pattern in LABELS.values()):
        return "review, author or copyright line"
    return next((reason for reason, pattern in KINDS if pattern.search(line)), None)


def find(text: str, sentences: list[Sentence]) -> list[Boilerplate]:
    """The boilerplate lines of a text, in order: a line is boilerplate whole when one of its sentences
    is (a reference the sentencizer cut at its abbreviations is one line)."""
    lines: dict[int, list[Sentence]] = {}
    for s in sentences:
        lines.setdefault(text.count("\n", 0, s.start), []).append(s)
    found = []
    for line in lines.values():
        reason = next((r for s in line if (r := "navigation link" if s.navigation else reason_of(s.text))), None)
        if reason is not None:
            start, end = line[0].start, line[-1].end
            found.append(Boilerplate(start, end, text[start:end], reason))
    return found
