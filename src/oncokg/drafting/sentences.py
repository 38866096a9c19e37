"""A text as lines and sentences, with offsets: spaCy's sentencizer inside each line.

The corpus writes one paragraph, list item or heading per line, so a line never shares a sentence
with the next; inside a line spaCy's rule-based sentencizer (the one the ConText guard runs) splits
sentences. A short line that states nothing is a heading (the coverage report's rule).
"""

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
            if is_heading(body):
                found.append(Sentence(lead, lead + len(body), body, True))
            else:
                for sent in nlp(body).sents:
                    words = sent.text.strip()
                    if words:
                        start = lead + sent.start_char
                        found.append(Sentence(start, start + len(words), words, False))
        offset += len(line)
    return found
