"""A text as lines and sentences, with offsets: spaCy's sentencizer inside each line.

The corpus writes one paragraph, list item or heading per line, so a line never shares a sentence
with the next; inside a line spaCy's rule-based sentencizer (the one the ConText guard runs) splits
sentences. A short line that states nothing is a heading (the coverage report's rule).
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from oncokg.curation.coverage import LINK_ONLY, is_heading


@dataclass(frozen=True)
class Sentence:
    """A sentence or heading of a text, [start, end) offsets of the text; a line that is only a link
    (navigation) is neither."""

    start: int
    end: int
    text: str
    heading: bool

    @property
    def navigation(self) -> bool:
        return bool(LINK_ONLY.match(self.text))


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """spaCy's blank English pipeline with its rule-based sentencizer: tokens and sentences, no model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split(text: str) -> list[Sentence]:
    """Every sentence and heading of the text, in order, stripped of surrounding whitespace."""
    nlp = pipeline()
    found: list[Sentence] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            lead = offset + len(line) - len(line.lstrip())
            if is_heading(body) or (not found and _title(body)):
                found.append(Sentence(lead, lead + len(body), body, True))
            else:
                for sent in nlp(body).sents:
                    words = sent.text.strip()
                    if words:
                        start = lead + sent.start_char
                        found.append(Sentence(start, start + len(words), words, False))
        offset += len(line)
    return found


def _title(line: str) -> bool:
    """The text's first line, when it ends with no sentence's stop, is its title however long ("Targeted
    drugs and immunotherapy for stomach cancer, and what happens if ..."): it names, it states nothing."""
    return not re.search(r"[.!?:;)\]]$", line) and not line.startswith(("-", "*", "•"))


# Where a sentence joins two clauses by contrast: ", while", ", whereas", ", but", ", although", "; ".
CONTRAST = re.compile(r"(?:,\s*(?:while|whereas|but|although|though)\b|;)\s*", re.IGNORECASE)


def contrast_clauses(s: Sentence) -> list[Sentence]:
    """The clauses a sentence joins by contrast, each with its own offsets ("X helps, while Y does not"
    gives two); a sentence with no contrast, or a part of fewer than three words, is the one clause."""
    parts, start = [], 0
    for match in CONTRAST.finditer(s.text):
        parts.append((start, match.start()))
        start = match.start() if match.group().startswith(",") else match.end()
    parts.append((start, len(s.text)))
    found = []
    for a, b in parts:
        body = s.text[a:b].lstrip(",; ")
        a = b - len(body)
        body = body.rstrip()
        if len(body.split()) < 3:
            return [s]
        found.append(Sentence(s.start + a, s.start + a + len(body), body, s.heading))
    return found
