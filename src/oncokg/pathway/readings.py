"""How each input of a patient was read, said in the answer: nothing is read silently as something else."""

from collections.abc import Callable, Iterable
from typing import Any

from oncokg.pathway.patient import Reading
from oncokg.query.terms import name_key


def shown(readings: Iterable[Reading], label: Callable[[str], str]) -> list[Reading]:
    """The readings worth saying: every input not given as its entity's own label."""
    return [r for r in readings if r.how or name_key(r.text) != name_key(label(r.iri))]


def reading_words(reading: Reading, label: Callable[[str], str]) -> str:
    """One reading as a sentence.

    >>> reading_words(Reading("cancer", "gastric GIST", "x", "the broader cancer the sources name"), str.upper)
    "read 'gastric GIST' as X, the broader cancer the sources name"
    """
    return f"read {reading.text!r} as {label(reading.iri)}" + (f", {reading.how}" if reading.how else "")


def reading_lines(readings: Iterable[Reading], label: Callable[[str], str], indent: str = "  ") -> list[str]:
    """The lines the text answer shows under the patient header."""
    return [f"{indent}{reading_words(r, label)} ({r.field})" for r in shown(readings, label)]


def reading_dicts(readings: Iterable[Reading], label: Callable[[str], str]) -> list[dict[str, Any]]:
    """The readings of the JSON answer, the API and the page."""
    return [
        {"field": r.field, "text": r.text, "read_as": label(r.iri), "how": r.how, "said": reading_words(r, label)}
        for r in shown(readings, label)
    ]
