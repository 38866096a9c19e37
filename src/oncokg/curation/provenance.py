"""Quotes and their offsets: the check that every fact is stated, verbatim, in its source.

Offsets are 0-based Python string indices (Unicode code points) into the source text; the end is
exclusive. Comparison is whitespace-normalised, so a quote may span a line break in the source.

>>> text = "Imatinib works.\\n\\nIt targets both the KIT and PDGFRA proteins."
>>> locate_all(text, "It targets both the KIT and PDGFRA proteins")
[(17, 60)]
>>> verify(text, "It targets  both the KIT", 17, 40)
True
"""

import re

_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space and strip."""
    return _WS.sub(" ", text).strip()


def verify(text: str, quote: str, start: int, end: int) -> bool:
    """True when the source text between the offsets is the quote, whitespace-normalised."""
    if not (0 <= start < end <= len(text)):
        return False
    return normalize(text[start:end]) == normalize(quote)


def _normalized_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in the original."""
    out: list[str] = []
    index: list[int] = []
    for match in re.finditer(r"\S+", text):
        if out:
            out.append(" ")
            index.append(match.start() - 1)
        out.append(match.group())
        index.extend(range(match.start(), match.end()))
    return "".join(out), index


def locate_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) in the original text where the quote occurs, whitespace-normalised."""
    needle = normalize(quote)
    if not needle:
        return []
    flat, index = _normalized_with_map(text)
    spans = []
    pos = flat.find(needle)
    while pos != -1:
        spans.append((index[pos], index[pos + len(needle) - 1] + 1))
        pos = flat.find(needle, pos + 1)
    return spans
