"""What a text says about itself: its title, publisher, author, review dates and web address.

Read from the text alone, as sources.yaml records them (`curation.sources`: "dates as the texts state
them; absent where a text gives none"; "url: only a web address the text itself gives"), each value
with the quote and offsets it was read from, so the curator sees why it is proposed. The labels are
the ones patient-information pages print ("Reviewed:", "Last Medical Review:", "Next review:",
"Written By:", "Copyright ...").
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from oncokg.drafting.sentences import Sentence

_DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4}|\d{4}-\d{2}-\d{2})"
_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%Y-%m-%d")
# Each field and the printed labels it is read from; the first match in the text wins.
LABELS = {
    "review_date": re.compile(
        rf"\b(?:Last Medical Review|Last reviewed|Reviewed|Last Modified Date|Last updated|Page last reviewed):\s*{_DATE}",
        re.IGNORECASE,
    ),
    "next_review_date": re.compile(rf"\bNext review(?: due)?:\s*{_DATE}", re.IGNORECASE),
    "author": re.compile(r"\b(?:Written By|Author|By):\s*([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3})"),
    "publisher": re.compile(
        r"(?:©|\bCopyright)(?: Protected:)?\s*(?:\d{4}\s+)?((?:[A-Z][\w&'-]*)(?: (?:of |for |and )?[A-Z][\w&'-]*){0,5})"
        r"|^((?:[A-Z][\w&'-]*)(?: [A-Z][\w&'-]*){1,5}) (?:medical )?information is copyrighted",
        re.MULTILINE,
    ),
}
# A web address the text gives, not one a reference was "accessed at".
_URL = re.compile(r"(?<!Accessed at )\b(?:https?://|www\.)[^\s)\]>\"']+[^\s)\]>\"'.,;]")


@dataclass(frozen=True)
class Found:
    """A value read from the text, and the words at [start, end) it was read from."""

    value: str | date
    quote: str
    start: int
    end: int


def _as_date(text: str) -> date | None:
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def read(text: str, sentences: list[Sentence]) -> dict[str, Found]:
    """The title (a heading the text opens with), and each labelled field the text gives."""
    found: dict[str, Found] = {}
    title = sentences[0] if sentences else None
    if title is not None and title.heading and not title.navigation:
        found["title"] = Found(title.text, title.text, title.start, title.end)
    for key, pattern in LABELS.items():
        match = pattern.search(text)
        if match is None:
            continue
        group = next(n for n in range(1, (pattern.groups or 0) + 1) if match.group(n))
        value: str | date | None = match.group(group).strip()
        if key.endswith("_date"):
            value = _as_date(str(value))
        if value is not None:
            found[key] = Found(value, match.group(), match.start(), match.end())
    url = _URL.search(text)
    if url is not None:
        address = url.group()
        found["url"] = Found(address if "://" in address else f"https://{address}", address, url.start(), url.end())
    return found


def entry(
    source_id: str, file_name: str, found: dict[str, Found], scope: dict[str, Any] | None, non_medical: list[str]
) -> dict[str, Any]:
    """A sources.yaml entry drafted from what the text says: every required key filled (the subject with
    the title, for the curator to write), dates as dates, nothing the text does not give."""
    title = found.get("title")
    said = [f'"{" ".join(f.quote.split())}"' for key, f in found.items() if key != "title"]
    drafted: dict[str, Any] = {
        "id": source_id,
        "file": file_name,
        "title": title.value if title else source_id,
        "publisher": _value(found, "publisher"),
        "url": _value(found, "url"),
        "author": _value(found, "author"),
        "review_date": _value(found, "review_date"),
        "next_review_date": _value(found, "next_review_date"),
        "subject": title.value if title else source_id,
        "origin_note": "The text gives " + "; ".join(said) + "."
        if said
        else "The text names no publisher and gives no date.",
        "non_medical": (", ".join(non_medical) + ".").capitalize() if non_medical else "None found.",
    }
    if scope:
        drafted["scope"] = scope
    return drafted


def _value(found: dict[str, Found], key: str) -> str | date | None:
    return found[key].value if key in found else None


def read_from(found: dict[str, Found]) -> dict[str, dict[str, Any]]:
    """Where each value was read, for the curator: its quote and offsets."""
    return {key: {"quote": f.quote, "at": [f.start, f.end]} for key, f in found.items()}
